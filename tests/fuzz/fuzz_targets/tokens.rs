//! Tokens: compact JWS parsing, JWK Sets, full security-token validation (issue 4), and the
//! validator options record (its shared-secret reader, then each kind's `from_options`; a refused
//! record's error as `json::describe_error` tells it).
//! The first byte picks the parser; the rest is the token, the JWK Set or the options' JSON text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::token::*;

const JWKS: &str = include_str!("../../tokens/interop.json");

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    match selector % 4 {
        0 => {
            let _ = JwkSet::parse(&text);
        }
        1 => {
            let _ = UnverifiedToken::inspect(&text);
        }
        2 => {
            let options = match mcx_connect::json::from_str::<TokenValidatorOptions>(&text) {
                Ok(options) => options,
                Err(error) => {
                    // The error told as the npm package tells it: a member path and a message.
                    let _ = mcx_connect::json::describe_error(&text, &error);
                    return;
                }
            };
            let Ok(verifier) = options.verifier() else { return };
            let _ = SecurityTokenValidator::from_options(&options, verifier.clone());
            let _ = IdTokenValidator::from_options(&options, verifier.clone());
            let _ = AccessTokenValidator::from_options(&options, verifier);
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
