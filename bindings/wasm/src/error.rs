//! Errors thrown to JavaScript: always a `McxConnectError` (see `js/error.js`).

use mcx_connect::{Error, Rejection};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The package's error class, `class McxConnectError extends Error`.
    #[wasm_bindgen(js_name = McxConnectError)]
    pub type McxConnectError;

    #[wasm_bindgen(constructor, js_class = "McxConnectError")]
    fn new(
        code: &str,
        message: &str,
        oauth_error: Option<String>,
        description: Option<String>,
        status: Option<u16>,
    ) -> McxConnectError;
}

/// The code thrown when a JavaScript value does not have the shape a function takes (a
/// binding-level code: the core never sees such a value).
pub const INVALID_ARGUMENT: &str = "invalid_argument";

/// Turns a core error into the thrown `McxConnectError`.
pub fn core_error(error: &Error) -> JsValue {
    let (description, status) = match error {
        Error::Rejected(rejection) => {
            (rejection.to_error_response().error_description, Some(rejection.error.http_status()))
        }
        Error::ErrorResponse(response) => (response.error_description.clone(), None),
        _ => (None, None),
    };
    let oauth_error = error.oauth_error().map(|code| code.as_str().to_owned());
    McxConnectError::new(error.code(), &error.to_string(), oauth_error, description, status).into()
}

/// A `McxConnectError` with code `invalid_argument`: `what` names the argument.
pub fn invalid_argument(what: &str, why: &str) -> JsValue {
    McxConnectError::new(INVALID_ARGUMENT, &format!("{what}: {why}"), None, None, None).into()
}

/// Maps any core result into a JavaScript result.
pub fn throw<T, E: Into<Error>>(result: Result<T, E>) -> Result<T, JsValue> {
    result.map_err(|error| core_error(&error.into()))
}

/// Maps a server-role result into a JavaScript result.
pub fn throw_rejection<T>(result: Result<T, Rejection>) -> Result<T, JsValue> {
    result.map_err(|rejection| core_error(&Error::from(rejection)))
}
