//! What the four token requests (token exchange, jwt-bearer, authorization code, refresh) share:
//! the core's request built into its POST in the client role (`build…Request`) and read from one
//! in the server role (`parse…Request`). Each request's other functions are in its file.
//!
//! The two requests of a migration (token exchange, jwt-bearer) are built on a fast path
//! ([`Fields`], [`build_form_post`]): the request's strings cross with one `TextEncoder.encodeInto`
//! (`js/request.js`), the core builds the POST in its parts (`build_form`: no request strings made
//! only to be read back) and they come back as the `Authorization` value and the body bytes
//! (`formPost`). Profiled in Node, the JSON crossing (`JSON.stringify`, serde_json both ways,
//! `JSON.parse`) was about two thirds of a call.
//!
//! The fast path reads only a plain object (prototype `Object.prototype` or `null`) whose own
//! enumerable members are the request's known members, each a string where a string is expected
//! (an `undefined` member is absent, as `JSON.stringify` leaves it out; `null` only where the type
//! allows it). Anything else — an unknown member, a wrong type, `audience` or `actorToken`, a
//! string with a lone surrogate, a class instance, a getter that throws — is read the general way
//! (`convert`, JSON), which accepts it or throws its precise error: what is accepted and every
//! error stay those of the JSON path (`test/api.test.mjs` compares the two on some 300 requests).
//! This side checks what it is given again (lengths, UTF-8, the client's method) and goes the
//! general way on any doubt.

use crate::convert::wipe;
use mcx_connect::{ClientAuthentication, FormPost, HttpRequest, Secret};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/request.js")]
extern "C" {
    // Never throws: a getter of the request that throws gives SLOW, and the general way then
    // refuses the value with `invalid_argument` as before.
    #[wasm_bindgen(js_name = readRequest)]
    fn read_request(
        shape: u32,
        token_endpoint: &JsValue,
        request: &JsValue,
        out: &mut [u8],
        lengths: &mut [u32],
    ) -> f64;

    #[wasm_bindgen(js_name = formPost)]
    fn form_post(url: &JsValue, authorization: Option<&str>, body: &[u8]) -> JsValue;
}

/// Which request `js/request.js` reads (its number there), and how many string members it writes.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    /// tokenEndpoint, resource, subjectToken, clientId, clientSecret, scope, requestedTokenType.
    TokenExchange = 0,
    /// tokenEndpoint, assertion, clientId, clientSecret, scope.
    JwtBearer = 1,
}

/// The most string members a shape has.
const MAX_TEXTS: usize = 7;
/// The length `js/request.js` writes for an absent member.
const ABSENT: u32 = u32::MAX;
/// Bytes on the stack for the members; a longer request is read into a buffer of its size.
const STACK_BYTES: usize = 2048;

/// The string members of a request in the plain shape, in the order of its [`Shape`], and its
/// client's method (0 none, 1 client_id, 2 client_secret_basic, 3 client_secret_post): borrowed
/// from the bytes they were read into, which are zeroized once [`read`](Self::read) returns.
pub(crate) struct Fields<'a> {
    texts: [Option<&'a str>; MAX_TEXTS],
    method: u32,
}

impl Fields<'_> {
    /// Reads `request` (and the `tokenEndpoint` argument) on the fast path and hands its members to
    /// `then`; `None` when it is not in the plain shape (or `then` does not take it) and must be
    /// read the general way. Only what `then` keeps is copied out of the bytes read.
    pub(crate) fn read<R>(
        shape: Shape,
        token_endpoint: &JsValue,
        request: &JsValue,
        then: impl FnOnce(&Fields<'_>) -> Option<R>,
    ) -> Option<R> {
        let mut stack = [0u8; STACK_BYTES];
        let mut lengths = [0u32; MAX_TEXTS + 1];
        let read =
            |out: &mut [u8], lengths: &mut [u32]| read_request(shape as u32, token_endpoint, request, out, lengths);
        let written = read(&mut stack, &mut lengths);
        if written > STACK_BYTES as f64 {
            // Too long for the stack: `written` is the size to read it into.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let mut heap = vec![0u8; written as usize];
            let written = read(&mut heap, &mut lengths);
            return Self::with_bytes(shape, &mut heap, written, &lengths, then);
        }
        Self::with_bytes(shape, &mut stack, written, &lengths, then)
    }

    /// `then` on the members in `out[..written]`, which is then zeroized (they may be secrets).
    fn with_bytes<R>(
        shape: Shape,
        out: &mut [u8],
        written: f64,
        lengths: &[u32],
        then: impl FnOnce(&Fields<'_>) -> Option<R>,
    ) -> Option<R> {
        let valid = (0.0..=out.len() as f64).contains(&written);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let used = out.get_mut(..if valid { written as usize } else { 0 })?;
        let result = if valid { Fields::texts(shape, used, lengths).and_then(|fields| then(&fields)) } else { None };
        wipe(used);
        result
    }

    fn texts<'b>(shape: Shape, bytes: &'b [u8], lengths: &[u32]) -> Option<Fields<'b>> {
        let count = match shape {
            Shape::TokenExchange => 7,
            Shape::JwtBearer => 5,
        };
        let mut fields = Fields { texts: [None; MAX_TEXTS], method: *lengths.get(count)? };
        let mut offset = 0usize;
        for (text, &length) in fields.texts.iter_mut().zip(lengths.get(..count)?) {
            if length == ABSENT {
                continue;
            }
            let end = offset.checked_add(usize::try_from(length).ok()?)?;
            *text = Some(std::str::from_utf8(bytes.get(offset..end)?).ok()?);
            offset = end;
        }
        Some(fields)
    }

    /// The string member at `index` (in the order of the shape).
    pub(crate) fn text(&self, index: usize) -> Option<&str> {
        self.texts.get(index).copied().flatten()
    }

    /// The client authentication whose clientId and clientSecret are at `at` and `at + 1`.
    pub(crate) fn client(&self, at: usize) -> Option<ClientAuthentication> {
        let (id, secret) = (self.text(at).map(str::to_owned), self.text(at + 1).map(Secret::from));
        Some(match (self.method, id, secret) {
            (0, None, None) => ClientAuthentication::None,
            (1, Some(client_id), None) => ClientAuthentication::ClientId { client_id },
            (2, Some(client_id), Some(client_secret)) => {
                ClientAuthentication::ClientSecretBasic { client_id, client_secret }
            }
            (3, Some(client_id), Some(client_secret)) => {
                ClientAuthentication::ClientSecretPost { client_id, client_secret }
            }
            _ => return None,
        })
    }
}

/// Declares `parse…Request` for the core's request `$name` (the server role), and, for the two
/// requests that have no fast path, `build…Request` (the client role): its request argument is
/// read with its `scope` checked as a scope (`from_js_with_scope`), so a bad scope throws the
/// scope's own error.
///
/// Their docs are given as `#[doc = " …"]` strings, not `///` comments: a doc comment passed
/// through a macro reaches wasm-bindgen as a raw string, whose `r"` it would print into the
/// package's `.d.ts`.
macro_rules! token_request {
    // The body of `build…Request`: with a fast path (`fast_in` of the invoking module; the request
    // read there dropped with its `$token` and client secret wiped: the fast path reads no actor
    // token) and the POST built in its parts, or the general way only.
    (@build $name:ident, $url:ident, $request:ident, $policy:ident, $shape:ident, $token:ident) => {
        crate::request::build_form_post(
            (
                crate::request::Shape::$shape,
                fast_in,
                |read: mcx_connect::$name| crate::request::drop_read(read.$token, read.client),
            ),
            ($url, $request.into()),
            $policy,
            mcx_connect::$name::build_form,
        )
    };
    (@build $name:ident, $url:ident, $request:ident, $policy:ident) => {
        crate::request::build_post(($url, $request.into()), $policy, mcx_connect::$name::build)
    };
    // `fast: Shape(token)` (the token exchange and jwt-bearer requests): the plain shape is read on the
    // fast path (`fast_in` of the invoking module), any other the general way (`build_post`).
    (
        $name:ident,
        $(fast: $shape:ident($token:ident),)?
        $(#[doc = $build_doc:tt])* build: $build:ident = $build_js:ident,
        $(#[doc = $parse_doc:tt])* parse: $parse:ident = $parse_js:ident -> $parsed:tt $(,)?
    ) => {
        $(#[doc = $build_doc])*
        #[wasm_bindgen(js_name = $build_js, unchecked_return_type = "HttpRequest")]
        pub fn $build(
            #[wasm_bindgen(unchecked_param_type = "string", js_name = tokenEndpoint)] token_endpoint: JsValue,
            request: tsify::Ts<mcx_connect::$name>,
            policy: Option<tsify::Ts<mcx_connect::EndpointPolicy>>,
        ) -> Result<JsValue, JsValue> {
            crate::request::token_request!(@build $name, token_endpoint, request, policy $(, $shape, $token)?)
        }

        crate::request::token_request!($name, $(#[doc = $parse_doc])* parse: $parse = $parse_js -> $parsed);
    };
    (
        $name:ident,
        $(#[doc = $parse_doc:tt])* parse: $parse:ident = $parse_js:ident -> $parsed:tt $(,)?
    ) => {
        $(#[doc = $parse_doc])*
        #[wasm_bindgen(js_name = $parse_js, unchecked_return_type = $parsed)]
        pub fn $parse(
            request: tsify::Ts<mcx_connect::HttpRequest>,
            options: Option<tsify::Ts<mcx_connect::ParseOptions>>,
        ) -> Result<JsValue, JsValue> {
            let (request, options) = (crate::http::request_in(request)?, crate::form::options_in(options)?);
            crate::convert::to_js(&crate::error::throw_rejection(mcx_connect::$name::parse(&request, &options))?)
        }
    };
}

pub(crate) use token_request;

/// The request read on the fast path (`None`: read it the general way).
pub(crate) type FastIn<T> = Option<Result<T, JsValue>>;
/// A request's plain shape, the reader of its fast path, and what drops the request it read once
/// it is built ([`drop_read`]).
pub(crate) type FastPath<T> = (Shape, fn(&Fields<'_>) -> FastIn<T>, fn(T));

/// Drops what the fast path read of a request once it is built: its token (assertion or subject
/// token) and its client's secret, if any, taken out of their `Secret`s first, so that the heap
/// alone wipes them (`HEAP` in the crate root): the `Secret`'s own drop (`zeroize`, one volatile
/// store per byte) was a twentieth of a jwt-bearer build for its 340-byte assertion.
pub(crate) fn drop_read(token: Secret, client: ClientAuthentication) {
    drop(token.into_inner());
    if let ClientAuthentication::ClientSecretBasic { client_secret, .. }
    | ClientAuthentication::ClientSecretPost { client_secret, .. } = client
    {
        drop(client_secret.into_inner());
    }
}

/// The POST of a token request argument `request` to the `tokenEndpoint` argument `url`, for a
/// request with a fast path: read on it when `fast` takes its plain shape (else the general way),
/// built by the core in its parts (`build_form`), and handed back as its `Authorization` value and
/// body bytes (`formPost` makes the `HttpRequest`).
pub(crate) fn build_form_post<T: serde::de::DeserializeOwned>(
    (shape, fast_in, fast_done): FastPath<T>,
    (url, request): (JsValue, JsValue),
    policy: Option<tsify::Ts<mcx_connect::EndpointPolicy>>,
    build: fn(&T, &str, mcx_connect::EndpointPolicy) -> Result<FormPost, mcx_connect::Error>,
) -> Result<JsValue, JsValue> {
    let policy: Option<JsValue> = policy.map(Into::into);
    let post = |request: &T, token_endpoint: &str, policy: Option<JsValue>| {
        let post = crate::error::throw(build(request, token_endpoint, crate::endpoint::policy_in(policy)?))?;
        Ok(form_post(&url, post.authorization.as_deref(), &post.body))
    };
    // Built while the members are borrowed (the token endpoint is not copied out of them).
    let fast = Fields::read(shape, &url, &request, |fields| {
        let request = fast_in(fields)?;
        let token_endpoint = fields.text(0)?;
        Some(request.and_then(|request| {
            let built = post(&request, token_endpoint, policy.clone());
            fast_done(request);
            built
        }))
    });
    match fast {
        Some(result) => result,
        None => {
            let (token_endpoint, request) =
                (crate::convert::string_in(url.clone(), "tokenEndpoint")?, general_in(request)?);
            post(&request, &token_endpoint, policy)
        }
    }
}

/// The POST of a token request argument `request` to the `tokenEndpoint` argument `url`, read the
/// general way and built by the core with `build`.
pub(crate) fn build_post<T: serde::de::DeserializeOwned>(
    (url, request): (JsValue, JsValue),
    policy: Option<tsify::Ts<mcx_connect::EndpointPolicy>>,
    build: fn(&T, &str, mcx_connect::EndpointPolicy) -> Result<HttpRequest, mcx_connect::Error>,
) -> Result<JsValue, JsValue> {
    let (token_endpoint, request) = (crate::convert::string_in(url, "tokenEndpoint")?, general_in(request)?);
    let post = crate::error::throw(build(&request, &token_endpoint, crate::endpoint::policy_in(policy)?))?;
    crate::http::request_out(post)
}

/// Reads a request argument the general way (JSON), its `scope` checked as a scope.
pub(crate) fn general_in<T: serde::de::DeserializeOwned>(request: JsValue) -> Result<T, JsValue> {
    crate::scope::from_js_with_scope(request, "request", "scope")
}
