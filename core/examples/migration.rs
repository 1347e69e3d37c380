//! The main job until the web demo exists: prints, as HTTP/1.1 text, every request of a full
//! migration built from the sample documents in `tests/fixtures/profiles/` — the primary's UE
//! initial configuration (login endpoints) and an MCPTT user profile (partner systems).
//!
//! Run with `make demo` or `cargo run -p mcx-connect --example migration`. Tokens and secrets
//! shown are sample values made up for the printout.

use mcx_connect::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/profiles/");

fn read(name: &str) -> Result<UserProfile, Box<dyn std::error::Error>> {
    let xml = std::fs::read(format!("{FIXTURES}{name}"))?;
    Ok(UserProfile::parse(&xml, EndpointPolicy::default())?)
}

fn section(title: &str) {
    println!("\n===== {title} =====\n");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let initial = read("ue-initial-configuration.xml")?;
    let primary = initial.primary().ok_or("the UE initial configuration has no App-Server-Info")?;
    let profile = read("mcptt-user-profile-access-information.xml")?;
    let client_id = "mcptt-client";

    section("1. TS 24.484 user profile: migratable partner MCPTT systems");
    for partner in profile.partners() {
        println!("partner {:<28} token endpoint {}", partner.id(), partner.token_endpoint());
    }
    let partner = profile.partners().first().ok_or("the sample profile lists no partner")?;

    section("2. B.4.2.2 authorization request at the primary IdMS (open in the user agent)");
    let auth_endpoint = primary.app_server_info.idms_auth_endpoint.as_deref().ok_or("no idms-auth-endpoint")?;
    let login = AuthorizationRequest::new(
        auth_endpoint,
        client_id,
        "com.example.mcptt:/callback",
        ScopeSet::for_service(McService::Ptt),
    )?;
    println!("{}", login.url(EndpointPolicy::default())?);

    section("3. B.4.2.4 authorization code token request at the primary IdMS");
    let primary_token_endpoint = &primary.app_server_info.idms_token_endpoint;
    let code_request =
        login.code_request(Secret::new("sample-authorization-code"), ClientAuthentication::client_id(client_id));
    println!("{}", code_request.build(primary_token_endpoint, EndpointPolicy::default())?.to_text());

    section("4. B.7.2 token exchange at the primary IdMS (resource = partner token endpoint)");
    let config = MigrationConfig::new(primary_token_endpoint.clone(), client_id, ScopeSet::for_service(McService::Ptt));
    let target = MigrationTarget {
        service: McService::Ptt,
        partner_system_id: partner.system_id().map(str::to_owned),
        partner_token_endpoint: partner.token_endpoint().to_owned(),
    };
    let mut flow = MigrationFlow::new(config, target, Secret::new("sample-primary-access-token"))?;
    let now = 1_800_000_000;
    println!("{}", flow.next_request(now)?.to_text());

    section("5. B.7.4 jwt-bearer token request at the partner IdMS (TS 24.482 6.2.3)");
    let security_token = token::sign(
        &token::JwsHeader::new(token::Algorithm::Es256).with_kid("primary-1"),
        &serde_json::json!({
            "iss": "https://idms.primary.example", "sub": "alice@primary.example",
            "aud": [client_id, partner.token_endpoint()], "iat": now, "exp": now + 120,
        }),
        &token::SigningKey::es256(&[0x42; 32])?,
    )?;
    flow.handle_response(&TokenExchangeResponse::security_token(security_token, 120).to_http_response(), now)?;
    println!("{}", flow.next_request(now)?.to_text());
    Ok(())
}
