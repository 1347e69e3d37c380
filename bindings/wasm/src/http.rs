//! HTTP values: `HttpRequest` / `HttpResponse` as plain objects, and their HTTP/1.1 text form.
//!
//! Both types and their TypeScript come from the core's derives. Reading them stays here: a body
//! may be given as a string (sent as UTF-8) or left out, which the derived reader would refuse.
//!
//! A message's body and header values may hold a token or a client secret: the heap wipes them
//! when they are freed (`HEAP` in the crate root).

use crate::convert::{bytes_in, from_js, member, string_in, to_js, with_bytes};
use crate::error::throw;
use mcx_connect::{HttpRequest, HttpResponse, ParseMode, Parsed};
use tsify::Ts;
use wasm_bindgen::prelude::*;

/// The members of a message other than its body.
struct HttpHead {
    method: JsValue,
    url: JsValue,
    headers: Vec<(String, String)>,
}

impl HttpHead {
    fn read(value: &JsValue, what: &str) -> Result<Self, JsValue> {
        if !value.is_object() {
            return Err(crate::error::invalid_argument(what, "expected an object"));
        }
        let headers = from_js(member(value, "headers"), &format!("{what}.headers"))?;
        Ok(Self { method: member(value, "method"), url: member(value, "url"), headers })
    }
}

/// Reads an `HttpRequest` argument (`body` may also be a string, or absent).
pub fn request_in(value: impl Into<JsValue>) -> Result<HttpRequest, JsValue> {
    let value = value.into();
    let body = bytes_in(&member(&value, "body"), "request.body")?;
    let head = HttpHead::read(&value, "request")?;
    Ok(HttpRequest {
        method: string_in(head.method, "request.method")?,
        url: string_in(head.url, "request.url")?,
        headers: head.headers,
        body,
    })
}

/// Reads an `HttpResponse` argument (`body` may also be a string, or absent).
pub fn response_in(value: impl Into<JsValue>) -> Result<HttpResponse, JsValue> {
    let value = value.into();
    let body = bytes_in(&member(&value, "body"), "response.body")?;
    let status = member(&value, "status")
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (0.0..=65535.0).contains(s))
        .ok_or_else(|| crate::error::invalid_argument("response.status", "expected an integer HTTP status"))?;
    let head = HttpHead::read(&value, "response")?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let status = status as u16;
    Ok(HttpResponse { status, headers: head.headers, body })
}

/// The members of a message other than its body, as JSON carries them (the body follows as a
/// `Uint8Array`: see `convert`).
#[derive(serde::Serialize)]
struct HeadOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    headers: &'a [(String, String)],
}

/// Writes an `HttpRequest` result.
pub fn request_out(request: HttpRequest) -> Result<JsValue, JsValue> {
    let head =
        HeadOut { method: Some(&request.method), url: Some(&request.url), status: None, headers: &request.headers };
    to_js(&head).and_then(|head| with_bytes(head, "body", &request.body))
}

/// Writes an `HttpResponse` result.
pub fn response_out(response: HttpResponse) -> Result<JsValue, JsValue> {
    let head = HeadOut { method: None, url: None, status: Some(response.status), headers: &response.headers };
    to_js(&head).and_then(|head| with_bytes(head, "body", &response.body))
}

/// Reads an HTTP/1.1 request message given as text (a captured request, or an example printed in
/// the specifications). `"lenient"` also accepts the blank lines and bare line feeds of printed
/// examples, and reports each in `normalisations`.
///
/// @throws {McxConnectError} `malformed_http`, `http_content_length_invalid`,
/// `http_content_length_repeated`, `http_transfer_encoding_refused`, `http_bytes_after_body` or
/// `http_host_invalid` for a message that does not read.
/// @example
/// ```js
/// import { parseHttpRequestText } from "mcx-connect";
/// const text = "POST /token HTTP/1.1\r\nHost: idms.example\r\nContent-Length: 3\r\n\r\na=b";
/// const { value } = parseHttpRequestText(text);
/// value.url; // => "https://idms.example/token"
/// new TextDecoder().decode(value.body); // => "a=b"
/// ```
#[wasm_bindgen(js_name = parseHttpRequestText, unchecked_return_type = "Parsed<HttpRequest>")]
pub fn parse_http_request_text(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    mode: Option<Ts<ParseMode>>,
) -> Result<JsValue, JsValue> {
    let text = &string_in(text, "text")?;
    let mode = crate::convert::ts_in_or_default(mode, "mode")?;
    let parsed = throw(HttpRequest::parse_text(text, mode))?;
    let out = to_js(&Parsed { value: (), normalisations: parsed.normalisations })?;
    js_sys::Reflect::set(&out, &JsValue::from_str("value"), &request_out(parsed.value)?)?;
    Ok(out)
}

/// Writes a request as HTTP/1.1 text, as it would go on the wire (for logs of tests and demos:
/// the text holds the request's credentials).
///
/// @throws {McxConnectError} `invalid_argument` when `request` is not an HTTP request object.
/// @example
/// ```js
/// import { httpRequestToText } from "mcx-connect";
/// const text = httpRequestToText({ method: "POST", url: "https://idms.example/token", headers: [], body: "a=b" });
/// text.startsWith("POST /token HTTP/1.1\r\n"); // => true
/// ```
#[wasm_bindgen(js_name = httpRequestToText)]
pub fn http_request_to_text(request: Ts<HttpRequest>) -> Result<String, JsValue> {
    Ok(request_in(request)?.to_text())
}

/// Reads an HTTP/1.1 response message given as text.
///
/// @throws {McxConnectError} `malformed_http`, `http_content_length_invalid`,
/// `http_content_length_repeated`, `http_transfer_encoding_refused` or `http_bytes_after_body` for
/// a message that does not read.
/// @example
/// ```js
/// import { parseHttpResponseText } from "mcx-connect";
/// const response = parseHttpResponseText("HTTP/1.1 204 No Content\r\n\r\n");
/// response.status; // => 204
/// ```
#[wasm_bindgen(js_name = parseHttpResponseText)]
pub fn parse_http_response_text(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<Ts<HttpResponse>, JsValue> {
    let text = &string_in(text, "text")?;
    response_out(throw(HttpResponse::parse_text(text))?).map(Ts::new_unchecked)
}

/// Writes a response as HTTP/1.1 text.
///
/// @throws {McxConnectError} `invalid_argument` when `response` is not an HTTP response object.
/// @example
/// ```js
/// import { httpResponseToText } from "mcx-connect";
/// httpResponseToText({ status: 204, headers: [], body: "" }).startsWith("HTTP/1.1 204 "); // => true
/// ```
#[wasm_bindgen(js_name = httpResponseToText)]
pub fn http_response_to_text(response: Ts<HttpResponse>) -> Result<String, JsValue> {
    Ok(response_in(response)?.to_text())
}

/// A copy of a request to show or log, with every credential masked by the core's one redaction:
/// the values of `Authorization` and `Proxy-Authorization` (their scheme stays), `Cookie` and
/// `Set-Cookie`, and of every secret form parameter in the body (`assertion`, `subject_token`,
/// `client_secret`, `code`, `code_verifier`, `refresh_token`, …), each `[redacted]`. A request
/// object prints its headers and body as they are; log this instead. For display only: it is not
/// sendable.
///
/// @throws {McxConnectError} `invalid_argument` when `request` is not an HTTP request object.
/// @example
/// ```js
/// import { redactedRequest } from "mcx-connect";
/// const shown = redactedRequest({
///   method: "POST", url: "https://idms.example/token", headers: [["Authorization", "Basic YzpzM2NyZXQ="]],
///   body: "grant_type=refresh_token&refresh_token=r1",
/// });
/// shown.headers[0][1]; // => "Basic [redacted]"
/// new TextDecoder().decode(shown.body); // => "grant_type=refresh_token&refresh_token=[redacted]"
/// ```
#[wasm_bindgen(js_name = redactedRequest)]
pub fn redacted_request(request: Ts<HttpRequest>) -> Result<Ts<HttpRequest>, JsValue> {
    request_out(request_in(request)?.redacted()).map(Ts::new_unchecked)
}

/// A header field's value to show or log: the value of `Authorization`, `Proxy-Authorization`,
/// `Cookie` or `Set-Cookie` masked as `redactedRequest` masks it (`[redacted]`, an authorization
/// value keeping its scheme), any other field's value as it is. For the headers of a response, or
/// of a request kept in parts.
///
/// @throws {McxConnectError} `invalid_argument` when `name` or `value` is not a string.
/// @example
/// ```js
/// import { redactedHeaderValue } from "mcx-connect";
/// redactedHeaderValue("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln"); // => "Bearer [redacted]"
/// redactedHeaderValue("set-cookie", "session=4f9a; HttpOnly"); // => "[redacted]"
/// redactedHeaderValue("Content-Type", "application/json"); // => "application/json"
/// ```
#[wasm_bindgen(js_name = redactedHeaderValue)]
pub fn redacted_header_value(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] value: JsValue,
) -> Result<String, JsValue> {
    Ok(mcx_connect::redacted_header_value(&string_in(name, "name")?, &string_in(value, "value")?))
}
