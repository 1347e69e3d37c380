//! Every server-role request parser, strict and lenient, on arbitrary bodies and headers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let options = if selector & 1 == 0 { ParseOptions::strict() } else { ParseOptions::lenient() };
    let mut request = HttpRequest::form_post("https://idms.example/token", rest.to_vec());
    if selector & 2 != 0 {
        // Also exercise the Authorization header reader with the first bytes of the input.
        let header: String = String::from_utf8_lossy(&rest[..rest.len().min(64)]).into_owned();
        request.headers.push(("Authorization".into(), format!("Basic {header}")));
    }
    let _ = TokenExchangeRequest::parse(&request, &options);
    let _ = JwtBearerRequest::parse(&request, &options);
    let _ = AuthorizationCodeRequest::parse(&request, &options);
    let _ = RefreshRequest::parse(&request, &options);
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = ScopeSet::parse(text);
        let _ = ScopeSet::parse_lenient(text, &mut Vec::new());
        let _ = EndpointPolicy::ALLOW_LOOPBACK_HTTP.check(text, "fuzz");
    }
});
