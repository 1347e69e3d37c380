//! Parse options (strict or lenient, limits) and what lenient parsing reports.

use crate::convert::from_js_or_default;
use crate::endpoint::JsEndpointPolicy;
use mcx_connect::{Limits, Normalisation, ParseMode, ParseOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_FORM: &str = r#"
/** `strict` (the default) refuses every deviation; `lenient` accepts the known real-world ones and reports each. */
export type ParseMode = "strict" | "lenient";

/** Bounds on what a parser accepts; each member defaults to the core's default. */
export interface Limits {
  /** Largest request or response body, in bytes (default 65536). */
  maxBodyBytes?: number;
  /** Most parameters in one form body (default 32). */
  maxParameters?: number;
  /** Largest token, in bytes (default 16384). */
  maxTokenBytes?: number;
}

/** Options of the server-role parsers. */
export interface ParseOptions {
  mode?: ParseMode;
  limits?: Limits;
  /** Accept `http://` on loopback hosts where a request names a URL (`resource`). */
  allowLoopbackHttp?: boolean;
  /** Let an unknown `3gpp:mc:` scope value satisfy B.7.4 (forward compatibility; default false). */
  acceptUnknownMcxScopes?: boolean;
}

/** One deviation that lenient parsing repaired. */
export interface Normalisation {
  /** Stable code, e.g. `whitespace_trimmed`, `comma_separated_scope`. */
  code: string;
  /** The parameter concerned, if any. */
  parameter: string | null;
  /** What was repaired, in words. */
  description: string;
}

/** A parsed value with what lenient parsing repaired to get it (empty when strict). */
export interface Parsed<T> {
  value: T;
  normalisations: Normalisation[];
}
"#;

/// A `ParseMode` argument (`"strict"` or `"lenient"`).
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(transparent)]
pub struct Mode(pub ParseMode);

/// `Limits` as JavaScript gives them: every member optional.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsLimits {
    /// Largest body in bytes.
    pub max_body_bytes: Option<u64>,
    /// Most parameters.
    pub max_parameters: Option<u64>,
    /// Largest token in bytes.
    pub max_token_bytes: Option<u64>,
}

impl From<JsLimits> for Limits {
    fn from(js: JsLimits) -> Self {
        let default = Limits::default();
        Limits {
            max_body_bytes: js.max_body_bytes.unwrap_or(default.max_body_bytes),
            max_parameters: js.max_parameters.unwrap_or(default.max_parameters),
            max_token_bytes: js.max_token_bytes.unwrap_or(default.max_token_bytes),
        }
    }
}

/// `ParseOptions` as JavaScript gives them.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JsParseOptions {
    /// Strict or lenient.
    #[serde(default)]
    pub mode: Mode,
    /// Size bounds.
    #[serde(default)]
    pub limits: JsLimits,
    /// Loopback `http` allowed.
    #[serde(default)]
    pub allow_loopback_http: bool,
    /// Unknown `3gpp:mc:` scope values count for B.7.4.
    #[serde(default)]
    pub accept_unknown_mcx_scopes: bool,
}

impl From<JsParseOptions> for ParseOptions {
    fn from(js: JsParseOptions) -> Self {
        ParseOptions {
            mode: js.mode.0,
            limits: js.limits.into(),
            endpoint_policy: JsEndpointPolicy { allow_loopback_http: js.allow_loopback_http }.into(),
            accept_unknown_mcx_scopes: js.accept_unknown_mcx_scopes,
        }
    }
}

/// Reads an optional `ParseOptions` argument.
pub fn options_in(value: Option<JsValue>) -> Result<ParseOptions, JsValue> {
    from_js_or_default::<JsParseOptions>(value, "options").map(ParseOptions::from)
}

/// Reads an optional `Limits` argument.
pub fn limits_in(value: Option<JsValue>) -> Result<Limits, JsValue> {
    from_js_or_default::<JsLimits>(value, "limits").map(Limits::from)
}

/// `Parsed<T>` as JavaScript receives it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JsParsed<T> {
    /// The parsed value.
    pub value: T,
    /// What lenient parsing repaired.
    pub normalisations: Vec<Normalisation>,
}

impl<T> JsParsed<T> {
    /// Pairs a translated value with the core's report.
    pub fn new(value: T, normalisations: Vec<Normalisation>) -> Self {
        Self { value, normalisations }
    }
}
