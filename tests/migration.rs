//! Issue 5 end to end, in process: a primary IdMS and a partner IdMS built from the core's
//! server role, and a client that logs in (B.4) and migrates (B.7) through `MigrationFlow`,
//! first to one partner, then to another from the same login — and then the same with each
//! kind of failure injected.

use mcx_connect::token::{
    sign, AccessTokenValidator, Algorithm, IdTokenValidator, JwkSet, JwsHeader, SecurityTokenIssuer,
    SecurityTokenValidator, SigningKey, Verifier,
};
use mcx_connect::*;
use serde_json::json;
use std::collections::HashMap;

const NOW: u64 = 1_800_000_000;
const PRIMARY_ISSUER: &str = "https://idms.primary.example";
const PRIMARY_TOKEN: &str = "https://idms.primary.example/token";
const PARTNER_A: &str = "https://idms.partner-a.example/token";
const PARTNER_B: &str = "https://idms.partner-b.example/token";
const CLIENT: &str = "mcptt-client";
const REDIRECT: &str = "com.example.mcptt:/callback";

/// What the primary IdMS remembers about an issued authorization code.
struct CodeGrant {
    challenge: String,
    redirect_uri: String,
    nonce: Option<String>,
    scope: ScopeSet,
}

/// The primary IdMS: authorization endpoint, token endpoint (code, exchange), JWKS.
struct PrimaryIdms {
    key: SigningKey,
    codes: HashMap<String, CodeGrant>,
    known_partners: Vec<String>,
    security_token_lifetime: u64,
}

impl PrimaryIdms {
    fn new() -> Self {
        Self {
            key: SigningKey::es256(&[0x31; 32]).unwrap(),
            codes: HashMap::new(),
            known_partners: vec![PARTNER_A.into(), PARTNER_B.into()],
            security_token_lifetime: 120,
        }
    }

    fn jwks(&self) -> JwkSet {
        JwkSet::from_keys(vec![self.key.public_jwk(Some("primary-1")).unwrap()])
    }

    fn sign(&self, claims: serde_json::Value) -> String {
        sign(&JwsHeader::new(Algorithm::Es256).with_kid("primary-1"), &claims, &self.key).unwrap().into_inner()
    }

    /// The authorization endpoint: the user is authenticated at once; the redirect carries a code.
    fn authorize(&mut self, url: &str) -> String {
        let request = IncomingAuthorizationRequest::parse_url(url).unwrap();
        let code = format!("code-{}", self.codes.len() + 1);
        let redirect = request.success_redirect(&code, None);
        self.codes.insert(
            code,
            CodeGrant {
                challenge: request.code_challenge,
                redirect_uri: request.redirect_uri,
                nonce: request.nonce,
                scope: request.scope,
            },
        );
        redirect
    }

    fn token_endpoint(&mut self, request: &HttpRequest, now: u64) -> HttpResponse {
        match AuthorizationCodeRequest::parse(request, &ParseOptions::strict()) {
            Ok(parsed) => return self.redeem_code(parsed.value, now).unwrap_or_else(|r| r.to_http_response()),
            Err(r) if r.error != OAuthErrorCode::UnsupportedGrantType => return r.to_http_response(),
            Err(_) => {}
        }
        self.exchange(request, now).unwrap_or_else(|r| r.to_http_response())
    }

    fn redeem_code(&mut self, request: AuthorizationCodeRequest, now: u64) -> Result<HttpResponse, Rejection> {
        let grant = self.codes.remove(request.code.expose()).ok_or_else(|| {
            Rejection::with_code(
                OAuthErrorCode::InvalidGrant,
                RequestError::InvalidClientAuthentication("unknown code".into()),
            )
        })?;
        request.verify(&grant.challenge, &grant.redirect_uri)?;
        let scope = grant.scope.to_string();
        let access = self
            .sign(json!({"iss": PRIMARY_ISSUER, "sub": "alice", "aud": PRIMARY_ISSUER, "client_id": CLIENT,
            "scope": scope, "mcptt_id": "sip:alice@primary.example", "iat": now, "exp": now + 3600}));
        let id = self.sign(json!({"iss": PRIMARY_ISSUER, "sub": "alice", "aud": CLIENT, "nonce": grant.nonce,
            "mcptt_id": "sip:alice@primary.example", "iat": now, "exp": now + 3600}));
        let mut tokens = TokenResponse::bearer(access);
        tokens.id_token = Some(Secret::new(id));
        tokens.refresh_token = Some(Secret::new("primary-refresh"));
        tokens.expires_in = Some(3600);
        tokens.scope = Some(grant.scope);
        Ok(tokens.to_http_response())
    }

    /// B.7.2/B.7.3: validate the subject token as our access token, check the partner is one
    /// we issue security tokens for, and issue one with `aud` = [client_id, resource].
    fn exchange(&self, request: &HttpRequest, now: u64) -> Result<HttpResponse, Rejection> {
        let validator =
            AccessTokenValidator::new(PRIMARY_ISSUER, Verifier::new(self.jwks())).unwrap().with_client_id(CLIENT);
        let parsed = TokenExchangeRequest::parse_and_verify(request, &ParseOptions::strict(), &validator, now)?.value;
        if !self.known_partners.contains(&parsed.request.resource) {
            return Err(Rejection::with_code(
                OAuthErrorCode::InvalidTarget,
                RequestError::InvalidResource("no partner agreement with that IdMS".into()),
            ));
        }
        // The core builds and signs the security token (`aud` = [client_id, resource]) and B.7.3.
        let issuer = SecurityTokenIssuer::new(PRIMARY_ISSUER, self.key.clone(), self.security_token_lifetime)
            .unwrap()
            .with_kid("primary-1");
        Ok(issuer.issue(&parsed, now)?.to_http_response())
    }
}

/// A partner IdMS: authenticates the security token against the primary's JWKS (B.7.4).
struct PartnerIdms {
    endpoint: &'static str,
    primary_jwks: JwkSet,
    accepted_clients: Vec<&'static str>,
}

impl PartnerIdms {
    fn token_endpoint(&self, request: &HttpRequest, now: u64) -> HttpResponse {
        let validator =
            SecurityTokenValidator::new(PRIMARY_ISSUER, self.endpoint, Verifier::new(self.primary_jwks.clone()))
                .unwrap()
                .require_service(McService::Ptt);
        let verified = match JwtBearerRequest::parse_and_verify(request, &ParseOptions::strict(), &validator, now) {
            Ok(parsed) => parsed.value,
            Err(rejection) => return rejection.to_http_response(),
        };
        let client = verified.request.client.id().unwrap_or_default();
        if !self.accepted_clients.contains(&client) {
            return ErrorResponse::new(
                OAuthErrorCode::UnauthorizedClient,
                Some(format!("client {client} may not migrate here")),
            )
            .to_http_response();
        }
        let mut tokens =
            TokenResponse::bearer(format!("{}-access-for-{}", self.endpoint, verified.security_token.claims.sub));
        tokens.scope = Some(verified.request.scope);
        tokens.expires_in = Some(600);
        tokens.to_http_response()
    }
}

/// The client side: log in at the primary (B.4) and return the primary access token.
fn login(primary: &mut PrimaryIdms) -> Secret {
    let request = AuthorizationRequest::new(
        "https://idms.primary.example/authorize",
        CLIENT,
        REDIRECT,
        ScopeSet::for_service(McService::Ptt),
    )
    .unwrap();
    let redirect = primary.authorize(&request.url(EndpointPolicy::default()).unwrap());
    let code = request.read_response(&redirect).unwrap();
    let http = request
        .code_request(code, ClientAuthentication::client_id(CLIENT))
        .build(PRIMARY_TOKEN, EndpointPolicy::default())
        .unwrap();
    let tokens = TokenResponse::from_http_response(&primary.token_endpoint(&http, NOW), &Limits::default()).unwrap();
    let id_validator = IdTokenValidator::new(PRIMARY_ISSUER, CLIENT, Verifier::new(primary.jwks())).unwrap();
    let id_token =
        id_validator.validate(tokens.id_token.as_ref().unwrap().expose(), Some(request.nonce.expose()), NOW).unwrap();
    assert_eq!(id_token.claims.sub, "alice");
    tokens.access_token
}

fn flow_to(partner_endpoint: &str, access_token: Secret) -> MigrationFlow {
    let config = MigrationConfig::new(PRIMARY_TOKEN, CLIENT, ScopeSet::for_service(McService::Ptt));
    let target = MigrationTarget {
        service: McService::Ptt,
        partner_system_id: None,
        partner_token_endpoint: partner_endpoint.into(),
    };
    MigrationFlow::new(config, target, access_token).unwrap()
}

/// Drives a flow against the two servers until it completes or fails; the clock may differ
/// between client and partner to inject time failures.
fn drive(
    flow: &mut MigrationFlow,
    primary: &mut PrimaryIdms,
    partner: &PartnerIdms,
    partner_now: u64,
) -> Result<(), Error> {
    let exchange = flow.next_request(NOW)?;
    flow.handle_response(&primary.token_endpoint(&exchange, NOW), NOW)?;
    let request = flow.next_request(NOW)?;
    assert_eq!(request.url, partner.endpoint);
    flow.handle_response(&partner.token_endpoint(&request, partner_now), partner_now)?;
    Ok(())
}

fn partner(endpoint: &'static str, primary: &PrimaryIdms) -> PartnerIdms {
    PartnerIdms { endpoint, primary_jwks: primary.jwks(), accepted_clients: vec![CLIENT] }
}

#[test]
fn b_4_login_then_b_7_migration_to_two_partners_one_after_another() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    let (partner_a, partner_b) = (partner(PARTNER_A, &primary), partner(PARTNER_B, &primary));

    let mut flow_a = flow_to(PARTNER_A, access_token);
    drive(&mut flow_a, &mut primary, &partner_a, NOW + 1).unwrap();
    assert_eq!(flow_a.step(), MigrationStep::Completed);
    let tokens = flow_a.partner_tokens().unwrap();
    assert_eq!(tokens.access_token.expose(), format!("{PARTNER_A}-access-for-alice"));
    assert_eq!(tokens.scope, Some(ScopeSet::for_service(McService::Ptt)));

    let mut flow_b = flow_a
        .for_another_partner(MigrationTarget {
            service: McService::Ptt,
            partner_system_id: Some("partner-b".into()),
            partner_token_endpoint: PARTNER_B.into(),
        })
        .unwrap();
    drive(&mut flow_b, &mut primary, &partner_b, NOW + 2).unwrap();
    assert_eq!(flow_b.partner_tokens().unwrap().access_token.expose(), format!("{PARTNER_B}-access-for-alice"));
}

#[test]
fn rfc8693_2_2_2_wrong_resource_is_invalid_target_and_ends_the_flow() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    primary.known_partners.retain(|p| p != PARTNER_B);
    let mut flow = flow_to(PARTNER_B, access_token);
    let partner_b = partner(PARTNER_B, &primary);
    let err = drive(&mut flow, &mut primary, &partner_b, NOW).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidTarget));
    assert_eq!(flow.step(), MigrationStep::Failed);
}

#[test]
fn b_2_1_2_expired_security_token_is_refused_by_the_partner_with_invalid_grant() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    let mut flow = flow_to(PARTNER_A, access_token);
    // The partner's clock is past exp + the 30 s maximum leeway.
    let partner_a = partner(PARTNER_A, &primary);
    let err = drive(&mut flow, &mut primary, &partner_a, NOW + 120 + 31).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidGrant));
    let failure = flow.failure().unwrap();
    assert!(failure.description.contains("expired"), "{failure:?}");
}

#[test]
fn b_7_3_security_token_too_short_lived_to_use_is_caught_by_the_client() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    primary.security_token_lifetime = 5;
    let mut flow = flow_to(PARTNER_A, access_token);
    let partner_a = partner(PARTNER_A, &primary);
    let err = drive(&mut flow, &mut primary, &partner_a, NOW).unwrap_err();
    assert_eq!(err.code(), "flow_unusable_security_token");
}

#[test]
fn b_7_4_missing_mcx_scope_is_invalid_scope_at_the_partner() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    let partner_a = partner(PARTNER_A, &primary);
    // The client gets a good security token, then asks the partner without any 3gpp:mc: scope.
    let mut flow = flow_to(PARTNER_A, access_token);
    let exchange = flow.next_request(NOW).unwrap();
    flow.handle_response(&primary.token_endpoint(&exchange, NOW), NOW).unwrap();
    let security_token = flow.security_token().unwrap().clone();
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={}&client_id={CLIENT}&scope=openid",
        security_token.expose()
    );
    let response = partner_a.token_endpoint(&HttpRequest::form_post(PARTNER_A, body), NOW);
    assert_eq!(ErrorResponse::from_http_response(&response).unwrap().error, OAuthErrorCode::InvalidScope);
}

#[test]
fn rfc6749_5_2_partner_refusing_the_client_is_unauthorized_client() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    let mut strict_partner = partner(PARTNER_A, &primary);
    strict_partner.accepted_clients = vec!["another-client"];
    let mut flow = flow_to(PARTNER_A, access_token);
    let err = drive(&mut flow, &mut primary, &strict_partner, NOW).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::UnauthorizedClient));
    assert!(flow.failure().unwrap().description.contains("may not migrate here"));
}

#[test]
fn b_7_4_security_token_for_another_partner_is_refused_by_this_partner() {
    let mut primary = PrimaryIdms::new();
    let access_token = login(&mut primary);
    let mut flow = flow_to(PARTNER_A, access_token);
    let exchange = flow.next_request(NOW).unwrap();
    flow.handle_response(&primary.token_endpoint(&exchange, NOW), NOW).unwrap();
    let request = flow.next_request(NOW).unwrap();
    // The token is replayed at partner B.
    let response = partner(PARTNER_B, &primary).token_endpoint(&request, NOW);
    let error = ErrorResponse::from_http_response(&response).unwrap();
    assert_eq!(error.error, OAuthErrorCode::InvalidGrant);
    assert!(error.error_description.unwrap().contains("aud"));
}

#[test]
fn b_7_2_forged_primary_access_token_is_invalid_request_at_the_exchange() {
    let mut primary = PrimaryIdms::new();
    let forged = sign(
        &JwsHeader::new(Algorithm::Es256).with_kid("primary-1"),
        &json!({"iss": PRIMARY_ISSUER, "sub": "mallory", "aud": PRIMARY_ISSUER, "client_id": CLIENT, "scope": "openid 3gpp:mc:ptt_service", "iat": NOW, "exp": NOW + 60}),
        &SigningKey::es256(&[0x66; 32]).unwrap(),
    )
    .unwrap();
    let mut flow = flow_to(PARTNER_A, forged);
    let err = drive(&mut flow, &mut primary, &partner(PARTNER_A, &PrimaryIdms::new()), NOW).unwrap_err();
    assert_eq!(err.oauth_error(), Some(OAuthErrorCode::InvalidRequest));
    assert_eq!(flow.failure().unwrap().code, "error_response");
}
