//! What the four token requests (token exchange, jwt-bearer, authorization code, refresh) share:
//! the core's request built into its POST in the client role (`build…Request`) and read from one
//! in the server role (`parse…Request`). Each request's other functions are in its file.

/// Declares `build…Request` and `parse…Request` for the core's request `$name`: the request
/// argument is read with its `scope` checked as a scope (`from_js_with_scope`), so a bad scope
/// throws the scope's own error.
///
/// Their docs are given as `#[doc = " …"]` strings, not `///` comments: a doc comment passed
/// through a macro reaches wasm-bindgen as a raw string, whose `r"` it would print into the
/// package's `.d.ts`.
macro_rules! token_request {
    (
        $name:ident,
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
            let token_endpoint = &crate::convert::string_in(token_endpoint, "tokenEndpoint")?;
            let request: mcx_connect::$name = crate::scope::from_js_with_scope(request.into(), "request", "scope")?;
            let policy = crate::endpoint::policy_in(policy)?;
            crate::http::request_out(&crate::error::throw(request.build(token_endpoint, policy))?)
        }

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
