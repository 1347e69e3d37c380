//! HTTP/1.1 request and response text, strict and lenient.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|text: &str| {
    let _ = HttpRequest::parse_text(text, ParseMode::Strict);
    if let Ok(parsed) = HttpRequest::parse_text(text, ParseMode::Lenient) {
        let _ = TokenExchangeRequest::parse(&parsed.value, &ParseOptions::lenient());
        let _ = JwtBearerRequest::parse(&parsed.value, &ParseOptions::lenient());
    }
    let _ = HttpResponse::parse_text(text);
});
