//! HTTP values: `HttpRequest` / `HttpResponse` as plain objects, and their HTTP/1.1 text form.

use crate::convert::{bytes_in, from_js, from_js_or_default, member, string_in, to_js, with_bytes};
use crate::error::throw;
use crate::form::{JsParsed, Mode};
use mcx_connect::{HttpRequest, HttpResponse};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_HTTP: &str = r#"
/** One header field: `[name, value]`. Names compare case-insensitively. */
export type Header = [name: string, value: string];

/** An HTTP request as a plain value: what the library builds, and what a server hands it. */
export interface HttpRequest {
  /** Upper-case method, e.g. `POST`. */
  method: string;
  /** Absolute target URL. */
  url: string;
  /** Header fields in order. */
  headers: Header[];
  /** Body bytes, in an `ArrayBuffer` of their own: a valid fetch `BodyInit`, so the request is a `RequestInit` as it is. */
  body: Uint8Array<ArrayBuffer>;
}

/** An HTTP request given to the library; `body` may also be a string (sent as UTF-8). */
export interface HttpRequestInit {
  method: string;
  url: string;
  headers: Header[];
  body?: Uint8Array | string;
}

/** An HTTP response as a plain value. */
export interface HttpResponse {
  status: number;
  headers: Header[];
  /** Body bytes, in an `ArrayBuffer` of their own (a valid fetch `BodyInit`). */
  body: Uint8Array<ArrayBuffer>;
}

/** An HTTP response given to the library; `body` may also be a string (UTF-8). */
export interface HttpResponseInit {
  status: number;
  headers: Header[];
  body?: Uint8Array | string;
}
"#;

/// `HttpRequest` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsHttpRequest {
    /// Method.
    pub method: String,
    /// Target URL.
    pub url: String,
    /// Header fields.
    pub headers: Vec<(String, String)>,
    /// Body bytes (read by [`request_in`], written by [`request_out`], as a `Uint8Array`).
    #[serde(skip)]
    pub body: Vec<u8>,
}

impl From<HttpRequest> for JsHttpRequest {
    fn from(r: HttpRequest) -> Self {
        JsHttpRequest { method: r.method, url: r.url, headers: r.headers, body: r.body }
    }
}

/// `HttpResponse` as JavaScript sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsHttpResponse {
    /// Status code.
    pub status: u16,
    /// Header fields.
    pub headers: Vec<(String, String)>,
    /// Body bytes (read by [`response_in`], written by [`response_out`], as a `Uint8Array`).
    #[serde(skip)]
    pub body: Vec<u8>,
}

impl From<HttpResponse> for JsHttpResponse {
    fn from(r: HttpResponse) -> Self {
        JsHttpResponse { status: r.status, headers: r.headers, body: r.body }
    }
}

/// The members of a message other than its body.
struct JsHttpHead {
    method: JsValue,
    url: JsValue,
    headers: Vec<(String, String)>,
}

impl JsHttpHead {
    fn read(value: &JsValue, what: &str) -> Result<Self, JsValue> {
        if !value.is_object() {
            return Err(crate::error::invalid_argument(what, "expected an object"));
        }
        let headers = from_js(member(value, "headers"), &format!("{what}.headers"))?;
        Ok(Self { method: member(value, "method"), url: member(value, "url"), headers })
    }
}

/// Reads an `HttpRequestInit` argument.
pub fn request_in(value: JsValue) -> Result<HttpRequest, JsValue> {
    let body = bytes_in(&member(&value, "body"), "request.body")?;
    let head = JsHttpHead::read(&value, "request")?;
    Ok(HttpRequest {
        method: string_in(head.method, "request.method")?,
        url: string_in(head.url, "request.url")?,
        headers: head.headers,
        body,
    })
}

/// Writes an `HttpRequest` result.
pub fn request_out(request: HttpRequest) -> Result<JsValue, JsValue> {
    let js = JsHttpRequest::from(request);
    with_bytes(to_js(&js)?, "body", &js.body)
}

/// Reads an `HttpResponseInit` argument.
pub fn response_in(value: JsValue) -> Result<HttpResponse, JsValue> {
    let body = bytes_in(&member(&value, "body"), "response.body")?;
    let status = member(&value, "status")
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (0.0..=65535.0).contains(s))
        .ok_or_else(|| crate::error::invalid_argument("response.status", "expected an integer HTTP status"))?;
    let head = JsHttpHead::read(&value, "response")?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let status = status as u16;
    Ok(HttpResponse { status, headers: head.headers, body })
}

/// Writes an `HttpResponse` result.
pub fn response_out(response: HttpResponse) -> Result<JsValue, JsValue> {
    let js = JsHttpResponse::from(response);
    with_bytes(to_js(&js)?, "body", &js.body)
}

/// Reads an HTTP/1.1 request message given as text (`HttpRequest::parse_text`); lenient mode
/// accepts the blank lines and bare LFs of the specification's printed examples and reports them.
#[wasm_bindgen(js_name = parseHttpRequestText, unchecked_return_type = "Parsed<HttpRequest>")]
pub fn parse_http_request_text(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseMode")] mode: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let text = &crate::convert::string_in(text, "text")?;
    let mode: Mode = from_js_or_default(mode, "mode")?;
    let parsed = throw(HttpRequest::parse_text(text, mode.0))?;
    let out = to_js(&JsParsed::new((), parsed.normalisations))?;
    js_sys::Reflect::set(&out, &JsValue::from_str("value"), &request_out(parsed.value)?)?;
    Ok(out)
}

/// Writes a request as HTTP/1.1 text (`HttpRequest::to_text`).
#[wasm_bindgen(js_name = httpRequestToText)]
pub fn http_request_to_text(
    #[wasm_bindgen(unchecked_param_type = "HttpRequestInit")] request: JsValue,
) -> Result<String, JsValue> {
    Ok(request_in(request)?.to_text())
}

/// Reads an HTTP/1.1 response message given as text (`HttpResponse::parse_text`).
#[wasm_bindgen(js_name = parseHttpResponseText, unchecked_return_type = "HttpResponse")]
pub fn parse_http_response_text(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = &crate::convert::string_in(text, "text")?;
    response_out(throw(HttpResponse::parse_text(text))?)
}

/// Writes a response as HTTP/1.1 text (`HttpResponse::to_text`).
#[wasm_bindgen(js_name = httpResponseToText)]
pub fn http_response_to_text(
    #[wasm_bindgen(unchecked_param_type = "HttpResponseInit")] response: JsValue,
) -> Result<String, JsValue> {
    Ok(response_in(response)?.to_text())
}
