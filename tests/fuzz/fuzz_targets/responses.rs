//! Token, token exchange and error responses (JSON) with any status.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let status = [200u16, 400, 401, 500, 302][usize::from(selector) % 5];
    let response = HttpResponse::json(status, body.to_vec());
    let limits = Limits::default();
    let _ = TokenResponse::from_http_response(&response, &limits);
    let _ = TokenExchangeResponse::from_http_response(&response, &limits);
    let _ = ErrorResponse::from_http_response(&response);
});
