//! Authorization redirect URIs (client role) and authorization request URLs (server role).
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|text: &str| {
    let Ok(pkce) = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") else { return };
    let request = AuthorizationRequest::with_values(
        "https://idms.example/authorize",
        "client",
        "com.example.app:/cb",
        ScopeSet::for_service(McService::Ptt),
        Secret::new("state"),
        Secret::new("nonce"),
        pkce,
    );
    let _ = request.read_response(text);
    let _ = IncomingAuthorizationRequest::parse_url(text);
    let _ = Pkce::from_verifier(text);
});
