//! HTTP/1.1 request and response text (the CLI's input), strict and lenient; whatever parses
//! goes on to every server-role request parser (both options) or to every response reader.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|text: &str| {
    for mode in [ParseMode::Strict, ParseMode::Lenient] {
        let Ok(parsed) = HttpRequest::parse_text(text, mode) else { continue };
        // What was read is written back and reads again strictly.
        let _ = HttpRequest::parse_text(&parsed.value.to_text(), ParseMode::Strict);
        for options in [ParseOptions::strict(), ParseOptions::lenient()] {
            let _ = TokenExchangeRequest::parse(&parsed.value, &options);
            let _ = JwtBearerRequest::parse(&parsed.value, &options);
            let _ = AuthorizationCodeRequest::parse(&parsed.value, &options);
            let _ = RefreshRequest::parse(&parsed.value, &options);
        }
    }
    if let Ok(response) = HttpResponse::parse_text(text) {
        let _ = HttpResponse::parse_text(&response.to_text());
        let limits = Limits::default();
        let _ = TokenResponse::from_http_response(&response, &limits);
        let _ = TokenExchangeResponse::from_http_response(&response, &limits);
        let _ = ErrorResponse::from_http_response(&response);
    }
});
