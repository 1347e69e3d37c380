//! Tokens: compact JWS parsing, JWK Sets, and full security-token validation (issue 4).
//! The first byte picks the parser; the rest is the token or the JWK Set text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::token::*;

const JWKS: &str = include_str!("../../tokens/interop.json");

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    match selector % 3 {
        0 => {
            let _ = JwkSet::parse(&text);
        }
        1 => {
            let _ = UnverifiedToken::inspect(&text);
        }
        _ => {
            let jwks = serde_json::from_str::<serde_json::Value>(JWKS).ok().map(|doc| doc["jwks"].to_string()).unwrap_or_default();
            let Ok(keys) = JwkSet::parse(&jwks) else { return };
            let Ok(verifier) = Verifier::new(keys).with_shared_secret(&[7; 32]) else { return };
            let Ok(validator) = SecurityTokenValidator::new("https://idms.primary.example", "https://idms.partner.example/as/token.oauth2", verifier) else { return };
            let _ = validator.validate(&text, "mcptt-client", 1_900_000_100);
        }
    }
});
