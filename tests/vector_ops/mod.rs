//! Operation dispatch and result matching for the shared vectors.

mod flow;
mod login;
mod profile;
mod request;
mod token;

pub(crate) use token::{set_signature_path, SignaturePath};

use mcx_connect::Error;
use serde_json::{json, Value};

/// What an operation produced: an output object, or an error with its code.
pub(crate) type Outcome = Result<Value, Failure>;

/// A failed operation, in the vector vocabulary.
pub(crate) struct Failure {
    pub(crate) code: String,
    pub(crate) oauth_error: Option<String>,
    pub(crate) status: Option<u16>,
    pub(crate) description: String,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let status = match &error {
            Error::Rejected(rejection) => Some(rejection.to_http_response().status),
            _ => None,
        };
        Failure {
            code: error.code().to_owned(),
            oauth_error: error.oauth_error().map(|c| c.as_str().to_owned()),
            status,
            description: error.to_string(),
        }
    }
}

impl From<mcx_connect::Rejection> for Failure {
    fn from(rejection: mcx_connect::Rejection) -> Self {
        Error::from(rejection).into()
    }
}

/// A problem with the case itself (bad input shape), reported as a failure of the case.
pub(crate) fn bad_case(why: impl Into<String>) -> Failure {
    Failure { code: "bad_vector".into(), oauth_error: None, status: None, description: why.into() }
}

fn dispatch(operation: &str, input: &Value) -> Option<Outcome> {
    request::dispatch(operation, input)
        .or_else(|| login::dispatch(operation, input))
        .or_else(|| flow::dispatch(operation, input))
        .or_else(|| profile::dispatch(operation, input))
        .or_else(|| token::dispatch(operation, input))
}

pub(crate) fn run_case(case: &Value) -> Result<(), String> {
    let operation = case.get("operation").and_then(Value::as_str).ok_or("no `operation`")?;
    let input = case.get("input").cloned().unwrap_or_else(|| json!({}));
    let expect = case.get("expect").ok_or("no `expect`")?;
    let outcome = dispatch(operation, &input).ok_or_else(|| format!("unknown operation `{operation}`"))?;
    match (expect.get("ok"), expect.get("error"), outcome) {
        (Some(expected), _, Ok(actual)) => subset(expected, &actual, "$"),
        (Some(_), _, Err(f)) => Err(format!("expected success, got error `{}`: {}", f.code, f.description)),
        (None, Some(_), Ok(actual)) => Err(format!("expected an error, got success: {actual}")),
        (None, Some(expected), Err(failure)) => match_error(expected, &failure),
        (None, None, _) => Err("`expect` has neither `ok` nor `error`".into()),
    }
}

fn match_error(expected: &Value, failure: &Failure) -> Result<(), String> {
    let want = |key: &str| expected.get(key).and_then(Value::as_str);
    if let Some(code) = want("code") {
        if code != failure.code {
            return Err(format!("expected code `{code}`, got `{}`: {}", failure.code, failure.description));
        }
    }
    if let Some(oauth) = want("oauth_error") {
        if Some(oauth) != failure.oauth_error.as_deref() {
            return Err(format!(
                "expected oauth_error `{oauth}`, got {:?} ({})",
                failure.oauth_error, failure.description
            ));
        }
    }
    if let Some(status) = expected.get("status").and_then(Value::as_u64) {
        if Some(status) != failure.status.map(u64::from) {
            return Err(format!("expected status {status}, got {:?}", failure.status));
        }
    }
    if let Some(part) = want("description_contains") {
        if !failure.description.contains(part) {
            return Err(format!("description `{}` does not contain `{part}`", failure.description));
        }
    }
    Ok(())
}

/// Every member of `expected` must be in `actual` with an equal value.
fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(want), Value::Object(have)) => {
            for (key, value) in want {
                let got = have.get(key).unwrap_or(&Value::Null);
                subset(value, got, &format!("{path}.{key}"))?;
            }
            Ok(())
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                return Err(format!("{path}: expected {} elements, got {}: {actual}", want.len(), have.len()));
            }
            for (index, (w, h)) in want.iter().zip(have).enumerate() {
                subset(w, h, &format!("{path}[{index}]"))?;
            }
            Ok(())
        }
        (Value::Number(w), Value::Number(h)) if w.as_f64() == h.as_f64() => Ok(()),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: expected {expected}, got {actual}")),
    }
}

/// Helpers to read case inputs.
pub(crate) mod input {
    use super::{bad_case, Failure};
    use serde_json::Value;

    pub(crate) fn str<'a>(input: &'a Value, key: &str) -> Result<&'a str, Failure> {
        input.get(key).and_then(Value::as_str).ok_or_else(|| bad_case(format!("input.{key} must be a string")))
    }

    pub(crate) fn opt_str<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
        input.get(key).and_then(Value::as_str)
    }

    pub(crate) fn bool(input: &Value, key: &str) -> bool {
        input.get(key).and_then(Value::as_bool).unwrap_or(false)
    }
}
