//! The registry of stable error codes: each code once, with its concept, its meaning and the
//! RFC error a token endpoint answers it with (and so the HTTP status).
//!
//! The leaf error types map each variant to its code (`code()`); everything else about a code
//! is read from [`ERROR_CODES`]: the RFC error of a refusal ([`crate::Error::oauth_error`]),
//! the HTTP status, and the table in the [module documentation](super) (`codes.md`, written
//! from this registry and checked against it by a test). The vector suite checks that every
//! code here is produced by at least one shared vector, in every language.

use super::OAuthErrorCode;

/// The concept an error code belongs to (the module whose rule it reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Concept {
    /// An endpoint URL (`endpoint`).
    Endpoint,
    /// A scope value (`scope`).
    Scope,
    /// A request being built or parsed (`exchange`, `jwt_bearer`, `login`, `http`).
    Request,
    /// A response being read (`response`).
    Response,
    /// A TS 24.484 profile document (`profile`).
    Profile,
    /// A login step, B.4 and B.5 (`login`).
    Login,
    /// The migration flow (`flow`).
    Flow,
    /// A token, JWK Set or token setting (`token`).
    Token,
}

impl Concept {
    /// The concept's name as the code table writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Concept::Endpoint => "endpoint",
            Concept::Scope => "scope",
            Concept::Request => "request",
            Concept::Response => "response",
            Concept::Profile => "profile",
            Concept::Login => "login",
            Concept::Flow => "flow",
            Concept::Token => "token",
        }
    }
}

/// The RFC 6749 §5.2 / RFC 8693 §2.2.2 `error` a token endpoint answers a refusal with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RfcError {
    /// A client-side or local failure: no server refuses a request with it.
    NotSent,
    /// Always this code.
    Always(&'static str),
    /// This code, except where the note says otherwise (the variant carries what decides it).
    Usually {
        /// The code in the common case.
        code: &'static str,
        /// When another code applies (as the table writes it).
        note: &'static str,
    },
    /// A token error: the RFC error depends on where the token was presented — RFC 7523 §3.1
    /// answers a bad `assertion` with `invalid_grant`, RFC 8693 §2.2.2 a bad `subject_token`
    /// with `invalid_request`.
    ByContext,
    /// The server's own code, kept as sent (an error response read by a client).
    ServersOwn,
}

impl RfcError {
    /// The code a server answers with in the common case, if this error is one a server sends.
    pub fn code(self) -> Option<OAuthErrorCode> {
        match self {
            RfcError::Always(code) | RfcError::Usually { code, .. } => Some(OAuthErrorCode::parse(code)),
            RfcError::NotSent | RfcError::ByContext | RfcError::ServersOwn => None,
        }
    }
}

/// One stable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code, the same string in every language.
    pub code: &'static str,
    /// The concept it belongs to.
    pub concept: Concept,
    /// What it means (Markdown, as in the table). Empty in the npm package's wasm (the core's
    /// `wasm` feature), whose JavaScript declarations carry the meanings instead.
    pub meaning: &'static str,
    /// What a token endpoint answers when it refuses a request for it.
    pub rfc_error: RfcError,
}

impl ErrorCode {
    /// Looks a code up in [`ERROR_CODES`].
    ///
    /// ```
    /// use mcx_connect::error::ErrorCode;
    /// let scope_comma = ErrorCode::lookup("scope_comma").unwrap();
    /// assert_eq!(scope_comma.http_status(), Some(400));
    /// assert_eq!(scope_comma.rfc_error.code().unwrap().as_str(), "invalid_scope");
    /// assert!(ErrorCode::lookup("no_such_code").is_none());
    /// ```
    pub fn lookup(code: &str) -> Option<&'static ErrorCode> {
        ERROR_CODES.iter().find(|entry| entry.code == code)
    }

    /// The HTTP status of a token endpoint's refusal in the common case (RFC 6749 §5.2: 401 for
    /// `invalid_client`, 400 otherwise), or `None` when no server sends this error.
    pub fn http_status(&self) -> Option<u16> {
        self.rfc_error.code().map(|code| code.http_status())
    }
}

/// The RFC error in the common case for a code (`None` for an unknown code).
pub(crate) fn rfc_error_of(code: &str) -> Option<OAuthErrorCode> {
    ErrorCode::lookup(code).and_then(|entry| entry.rfc_error.code())
}

/// The code table as Markdown (the content of `codes.md`, included in the module documentation).
pub fn markdown_table() -> String {
    let mut table = String::from(
        "| code | concept | meaning | RFC error when a server refuses for it | HTTP status |\n|---|---|---|---|---|\n",
    );
    for entry in ERROR_CODES {
        let rfc = match entry.rfc_error {
            RfcError::NotSent => "—".to_owned(),
            RfcError::Always(code) => format!("`{code}`"),
            RfcError::Usually { note, .. } => note.to_owned(),
            RfcError::ByContext => "by context (see below)".to_owned(),
            RfcError::ServersOwn => "(the server's own)".to_owned(),
        };
        let status = entry.http_status().map_or_else(|| "—".to_owned(), |status| status.to_string());
        table.push_str(&format!(
            "| `{}` | {} | {} | {rfc} | {status} |\n",
            entry.code,
            entry.concept.as_str(),
            entry.meaning
        ));
    }
    table
}

/// A code's meaning as the table writes it; empty in the shipped binding libraries (the core's
/// feature `registry-without-meanings`: the npm package, the UniFFI library as `release-lib.sh`
/// builds it), which never read it: the declarations of each language carry the meanings, written
/// from this table by `tests/error_codes.rs`. 2.9 KB of the gzipped npm package, 10 KB of the
/// UniFFI library (tests/BENCHMARKS.md).
const fn meaning(text: &'static str) -> &'static str {
    if cfg!(feature = "registry-without-meanings") {
        ""
    } else {
        text
    }
}

/// Every stable code, grouped by concept, in the order of the documentation's table.
pub const ERROR_CODES: &[ErrorCode] = &[
    ErrorCode {
        code: "endpoint_invalid",
        concept: Concept::Endpoint,
        meaning: meaning("not an absolute URI with a host, or it carries a fragment or user info"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "endpoint_insecure",
        concept: Concept::Endpoint,
        meaning: meaning("not `https` (plain `http` only for loopback and only when allowed)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "scope_empty",
        concept: Concept::Scope,
        meaning: meaning("no scope value, or an empty value between delimiters"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_comma",
        concept: Concept::Scope,
        meaning: meaning("values separated by commas (RFC 6749 §3.3 requires spaces)"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_duplicate",
        concept: Concept::Scope,
        meaning: meaning("a value listed twice"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_invalid_character",
        concept: Concept::Scope,
        meaning: meaning("a character outside RFC 6749 §3.3 `NQCHAR`"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_missing_mcx",
        concept: Concept::Scope,
        meaning: meaning("none of the twelve `3gpp:mc:` values B.7.4 lists where it requires one (the bare prefix `3gpp:mc:` never counts)"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_unknown_mcx_only",
        concept: Concept::Scope,
        meaning: meaning("the only `3gpp:mc:` values are ones this version does not know, and the caller did not opt in to count them (the parse option that accepts unknown MCX scopes)"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "scope_widened",
        concept: Concept::Scope,
        meaning: meaning("a refresh asks for more than was granted (B.5), or a token exchange for more than its subject token grants (RFC 8693 §2.1)"),
        rfc_error: RfcError::Always("invalid_scope"),
    },
    ErrorCode {
        code: "method_not_allowed",
        concept: Concept::Request,
        meaning: meaning("the token endpoint was called with a method other than POST"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "unsupported_content_type",
        concept: Concept::Request,
        meaning: meaning("body is not `application/x-www-form-urlencoded` (UTF-8)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "body_too_large",
        concept: Concept::Request,
        meaning: meaning("the body is over the configured limit"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "too_many_parameters",
        concept: Concept::Request,
        meaning: meaning("more parameters than the configured limit"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "malformed_form",
        concept: Concept::Request,
        meaning: meaning("the body is not `application/x-www-form-urlencoded` (bad `%`, not UTF-8, raw whitespace, empty pair, no `=`)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "duplicate_parameter",
        concept: Concept::Request,
        meaning: meaning("a parameter appears more than once (RFC 6749 §3.2)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "missing_parameter",
        concept: Concept::Request,
        meaning: meaning("a required parameter is absent"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "empty_parameter",
        concept: Concept::Request,
        meaning: meaning("a required parameter is present but empty"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "unsupported_grant_type",
        concept: Concept::Request,
        meaning: meaning("`grant_type` is not the one this endpoint handles"),
        rfc_error: RfcError::Always("unsupported_grant_type"),
    },
    ErrorCode {
        code: "unsupported_token_type",
        concept: Concept::Request,
        meaning: meaning("`subject_token_type` is not `urn:ietf:params:oauth:token-type:jwt` (lenient parsing also reads `…:access_token`, and reports it)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "invalid_resource",
        concept: Concept::Request,
        meaning: meaning("`resource` is not an absolute `https` URI without fragment"),
        rfc_error: RfcError::Always("invalid_target"),
    },
    ErrorCode {
        code: "several_resources",
        concept: Concept::Request,
        meaning: meaning("more than one `resource`: RFC 8693 §2.1 allows it, but a security token is for exactly one partner token endpoint"),
        rfc_error: RfcError::Always("invalid_target"),
    },
    ErrorCode {
        code: "unsupported_parameter",
        concept: Concept::Request,
        meaning: meaning("a parameter that was read but that this server does not honour (the security token issuer: `actor_token`, an `audience` other than the `resource`)"),
        rfc_error: RfcError::Usually {
            code: "invalid_request",
            note: "`invalid_request` (`invalid_target` for `audience`)",
        },
    },
    ErrorCode {
        code: "actor_token_unpaired",
        concept: Concept::Request,
        meaning: meaning("`actor_token` without `actor_token_type`, or `actor_token_type` without `actor_token` (RFC 8693 §2.1)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "malformed_token",
        concept: Concept::Request,
        meaning: meaning("`assertion` or `subject_token` is not a compact JWS"),
        rfc_error: RfcError::Usually {
            code: "invalid_request",
            note: "`invalid_grant` for an `assertion` (RFC 7523 §3.1), `invalid_request` for a `subject_token` (RFC 8693 §2.2.2)",
        },
    },
    ErrorCode {
        code: "invalid_client_authentication",
        concept: Concept::Request,
        meaning: meaning("the `Authorization: Basic` credentials cannot be read, or disagree with `client_id`"),
        rfc_error: RfcError::Always("invalid_client"),
    },
    ErrorCode {
        code: "multiple_client_authentication",
        concept: Concept::Request,
        meaning: meaning("more than one client authentication method in one request (RFC 6749 §2.3)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "malformed_http",
        concept: Concept::Request,
        meaning: meaning("an HTTP/1.1 message given as text cannot be read"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "http_content_length_invalid",
        concept: Concept::Request,
        meaning: meaning("HTTP text: `Content-Length` is not `1*DIGIT` (e.g. `+5`, `5, 5`; RFC 9110 §8.6, RFC 9112 §6.3)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "http_content_length_repeated",
        concept: Concept::Request,
        meaning: meaning("HTTP text: more than one `Content-Length` header field (RFC 9112 §6.3)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "http_transfer_encoding_refused",
        concept: Concept::Request,
        meaning: meaning("HTTP text: a `Transfer-Encoding` header field (no transfer codings are read; RFC 9112 §6.1, §6.3)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "http_bytes_after_body",
        concept: Concept::Request,
        meaning: meaning("HTTP text: bytes after the body framed by `Content-Length`, beyond one final line break (RFC 9112 §6.3)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "http_host_invalid",
        concept: Concept::Request,
        meaning: meaning("HTTP text: `Host` repeated or not `uri-host [\":\" port]` (RFC 9112 §3.2, RFC 3986 §3.2.2)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "unexpected_status",
        concept: Concept::Response,
        meaning: meaning("an HTTP status that is neither 200 nor an RFC 6749 §5.2 error"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "malformed_response",
        concept: Concept::Response,
        meaning: meaning("the body is not the JSON object this response must be"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "missing_field",
        concept: Concept::Response,
        meaning: meaning("a required member is absent"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "invalid_field",
        concept: Concept::Response,
        meaning: meaning("a member has the wrong type or an unacceptable value"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "response_too_large",
        concept: Concept::Response,
        meaning: meaning("the body is over the configured limit"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "error_response",
        concept: Concept::Response,
        meaning: meaning("the server answered with an RFC 6749 §5.2 error (the error's RFC error code is the server's own)"),
        rfc_error: RfcError::ServersOwn,
    },
    ErrorCode {
        code: "profile_malformed_xml",
        concept: Concept::Profile,
        meaning: meaning("the document is not well-formed XML or not UTF-8 (with line and column)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_dtd_refused",
        concept: Concept::Profile,
        meaning: meaning("the document has a DOCTYPE (DTD or entity declarations are never read)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_too_deep",
        concept: Concept::Profile,
        meaning: meaning("elements nest deeper than the profile limits' maximum depth"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_too_many_namespaces",
        concept: Concept::Profile,
        meaning: meaning("more than 16 namespace declarations in scope at once (parsing stays linear in the document size)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_too_many_elements",
        concept: Concept::Profile,
        meaning: meaning("more elements in one document than the profile limits' maximum (default 262 144; a flood of empty elements is refused, so reading stays within a small factor of a benign document of the same size)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_too_large",
        concept: Concept::Profile,
        meaning: meaning("the document is over the profile limits' maximum size"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_unsupported_encoding",
        concept: Concept::Profile,
        meaning: meaning("an encoding other than UTF-8 is declared or detected"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_unknown_root",
        concept: Concept::Profile,
        meaning: meaning("the root is not a user profile or `mcptt-UE-initial-configuration`"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_wrong_namespace",
        concept: Concept::Profile,
        meaning: meaning("a known element in the wrong XML namespace"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_missing_element",
        concept: Concept::Profile,
        meaning: meaning("a required element or attribute is absent (the error names its path, e.g. the token endpoint)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_duplicate_element",
        concept: Concept::Profile,
        meaning: meaning("an element that may appear once appears again"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_invalid_value",
        concept: Concept::Profile,
        meaning: meaning("a value is not of its schema type"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_endpoint_invalid",
        concept: Concept::Profile,
        meaning: meaning("an endpoint in the profile is not an absolute `https` URI (path and endpoint reason given)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_duplicate_partner",
        concept: Concept::Profile,
        meaning: meaning("two partner systems with the same id in one profile"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_duplicate_group",
        concept: Concept::Profile,
        meaning: meaning("two groups with the same id in one profile"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_partner_not_found",
        concept: Concept::Profile,
        meaning: meaning("look-up: no partner system with that id"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_group_not_found",
        concept: Concept::Profile,
        meaning: meaning("look-up: no group with that id"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "profile_service_not_loaded",
        concept: Concept::Profile,
        meaning: meaning("look-up: no user profile of that service was loaded"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "login_state_mismatch",
        concept: Concept::Login,
        meaning: meaning("the authorization response's `state` differs from the request's (CSRF)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "login_issuer_mismatch",
        concept: Concept::Login,
        meaning: meaning("the authorization response's `iss` is not the expected issuer, or is missing where the IdMS sends it (RFC 9207 §2.4)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "login_invalid_verifier",
        concept: Concept::Login,
        meaning: meaning("a PKCE verifier is not 43-128 unreserved characters (RFC 7636 §4.1)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "login_pkce_mismatch",
        concept: Concept::Login,
        meaning: meaning("`code_verifier` does not match the stored challenge (RFC 7636 §4.6)"),
        rfc_error: RfcError::Always("invalid_grant"),
    },
    ErrorCode {
        code: "login_pkce_required",
        concept: Concept::Login,
        meaning: meaning("no `code_challenge`, or a method other than `S256` (B.4)"),
        rfc_error: RfcError::Always("invalid_request"),
    },
    ErrorCode {
        code: "login_unsupported_response_type",
        concept: Concept::Login,
        meaning: meaning("`response_type` is not `code`"),
        rfc_error: RfcError::Always("unsupported_response_type"),
    },
    ErrorCode {
        code: "login_invalid_redirect_uri",
        concept: Concept::Login,
        meaning: meaning("redirect URI missing, not absolute, with a fragment, or not the registered one"),
        rfc_error: RfcError::Usually {
            code: "invalid_grant",
            note: "`invalid_grant` (token endpoint)",
        },
    },
    ErrorCode {
        code: "login_randomness_unavailable",
        concept: Concept::Login,
        meaning: meaning("the secure random source failed"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "flow_wrong_step",
        concept: Concept::Flow,
        meaning: meaning("a call that does not fit the flow's current step"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "flow_unusable_security_token",
        concept: Concept::Flow,
        meaning: meaning("the security token is not a JWT, breaks a rule the partner's validator applies (its rules without keys: claims, `aud` holding the client and the partner, `exp`, `iat`, `azp`; the description names the rule), or expires too soon"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "flow_already_failed",
        concept: Concept::Flow,
        meaning: meaning("the flow ended with an error; start a new one"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "flow_invalid_saved_flow",
        concept: Concept::Flow,
        meaning: meaning("a saved flow is not valid JSON of this version, or lacks a secret it needs"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "token_malformed",
        concept: Concept::Token,
        meaning: meaning("not a compact JWS (three base64url segments, JSON object header with a string `alg`, JSON object payload, no duplicate member names)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_too_large",
        concept: Concept::Token,
        meaning: meaning("the token is over the size limit"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_algorithm_refused",
        concept: Concept::Token,
        meaning: meaning("`alg` is not on the allow-list: `none`, HMAC without a configured shared secret, HS384/HS512, or an algorithm the caller did not allow"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_crit_unsupported",
        concept: Concept::Token,
        meaning: meaning("the header has `crit`; no JWS extension is understood (RFC 7515 §4.1.11)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_unknown_key",
        concept: Concept::Token,
        meaning: meaning("no trusted key has the token's `kid` (or, without `kid`, fits its `alg`)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_key_mismatch",
        concept: Concept::Token,
        meaning: meaning("the key named by `kid` is of the wrong type or curve for `alg`, is restricted to another `alg`, or is unsupported (e.g. RSA under 2048 bits)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_key_not_for_signature",
        concept: Concept::Token,
        meaning: meaning("the key named by `kid` has `use` other than `sig` or `key_ops` without `verify`"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_bad_signature",
        concept: Concept::Token,
        meaning: meaning("the signature does not verify (or has the wrong length)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_expired",
        concept: Concept::Token,
        meaning: meaning("`now` ≥ `exp` + leeway"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_not_yet_valid",
        concept: Concept::Token,
        meaning: meaning("`now` + leeway < `nbf`"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_issued_in_future",
        concept: Concept::Token,
        meaning: meaning("`iat` > `now` + leeway"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_wrong_issuer",
        concept: Concept::Token,
        meaning: meaning("`iss` is not exactly the expected issuer (B.2.1.2)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_audience_missing_client",
        concept: Concept::Token,
        meaning: meaning("`aud` does not contain the client_id (B.2.1.2)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_audience_missing_target",
        concept: Concept::Token,
        meaning: meaning("`aud` does not contain the target IdMS address of a security token (B.2.1.2), or the configured audience of an access token"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_azp_mismatch",
        concept: Concept::Token,
        meaning: meaning("`azp` is present and is not the client_id (OpenID Connect Core §3.1.3.7)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_nonce_mismatch",
        concept: Concept::Token,
        meaning: meaning("`nonce` is not the value sent in the authentication request"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_client_mismatch",
        concept: Concept::Token,
        meaning: meaning("the access token's `client_id` claim is not the expected client"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_subject_too_long",
        concept: Concept::Token,
        meaning: meaning("`sub` is over 255 bytes of UTF-8 (B.2.1.2)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_missing_claim",
        concept: Concept::Token,
        meaning: meaning("a required claim is absent (`iss`, `sub`, `aud`, `exp`, `iat`; `azp` of an ID token with several audiences; `nonce` when one was sent; `scope` and `client_id` of an access token)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_invalid_claim",
        concept: Concept::Token,
        meaning: meaning("a claim has the wrong JSON type or value (empty `sub`, negative time, `scope` and `scp` both present…)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_missing_service_id",
        concept: Concept::Token,
        meaning: meaning("`mcptt_id`, `mcvideo_id` or `mcdata_id` is absent for a service the caller requires"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "token_scope_missing",
        concept: Concept::Token,
        meaning: meaning("the access token does not grant a required scope"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "jwks_malformed",
        concept: Concept::Token,
        meaning: meaning("a JWK Set that is not RFC 7517 JSON, has too many keys, or holds a broken or private key"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "jwks_too_large",
        concept: Concept::Token,
        meaning: meaning("the JWK Set is over the size limit"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "leeway_too_large",
        concept: Concept::Token,
        meaning: meaning("a clock leeway above 30 s was configured (B.2.1.2); refused, never clamped"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "validator_invalid",
        concept: Concept::Token,
        meaning: meaning("unusable validation settings (empty issuer, target or client_id, HS256 without secret, secret under 32 bytes, empty allow-list)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "issuer_invalid",
        concept: Concept::Token,
        meaning: meaning("unusable security token issuing settings (empty issuer, a lifetime of 0 s)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "signing_key_invalid",
        concept: Concept::Token,
        meaning: meaning("a signing key that cannot be used (invalid scalar, short HMAC secret, header `alg` differs from the key; a key held by the host given to a call that signs in the library, not to `prepare`), or a host's signature of a security token whose length is not its algorithm's (ES256 as the 64-byte `R ‖ S` of RFC 7518 §3.4, never DER; EdDSA 64 bytes)"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "now_in_milliseconds",
        concept: Concept::Token,
        meaning: meaning("the caller's `now` is above 10^11 - 1 (the year 5138 in seconds): plainly milliseconds, not seconds since the epoch; refused by every validator, the migration flow and every other entry taking `now`"),
        rfc_error: RfcError::NotSent,
    },
    ErrorCode {
        code: "token_lifetime_too_long",
        concept: Concept::Token,
        meaning: meaning("`exp` - `iat` of a security token is above the maximum lifetime the validator was given (B.8: security tokens are short-lived)"),
        rfc_error: RfcError::ByContext,
    },
    ErrorCode {
        code: "security_token_already_signed",
        concept: Concept::Token,
        meaning: meaning("`finish` was called again on a security token prepared for a key held by the host: it takes one signature; prepare another token"),
        rfc_error: RfcError::NotSent,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `codes.md` is written from the registry: `MCX_BLESS=1 cargo test -p mcx-connect --lib
    /// error::codes` rewrites it after a change. Not with the feature `registry-without-meanings`
    /// (or `wasm`, which turns it on), whose registry leaves the meanings out.
    #[test]
    #[cfg(not(feature = "registry-without-meanings"))]
    fn code_table_in_the_documentation_is_the_registry() {
        let written = include_str!("codes.md");
        let generated = markdown_table();
        if written != generated {
            if std::env::var_os("MCX_BLESS").is_some() {
                std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/error/codes.md"), &generated).unwrap();
            } else {
                panic!("core/src/error/codes.md is out of date: run MCX_BLESS=1 cargo test -p mcx-connect --lib error::codes");
            }
        }
    }

    #[test]
    fn every_code_is_unique_and_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for entry in ERROR_CODES {
            assert!(seen.insert(entry.code), "{} twice", entry.code);
            assert!(entry.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", entry.code);
            if let RfcError::Always(code) | RfcError::Usually { code, .. } = entry.rfc_error {
                assert!(!matches!(OAuthErrorCode::parse(code), OAuthErrorCode::Other(_)), "{code}");
            }
        }
    }

    #[test]
    fn every_token_code_is_registered_under_token() {
        for code in crate::token::TokenError::CODES {
            let entry = ErrorCode::lookup(code).unwrap_or_else(|| panic!("{code} is not registered"));
            assert_eq!(entry.concept, Concept::Token, "{code}");
            let by_context = code.starts_with("token_");
            assert_eq!(entry.rfc_error == RfcError::ByContext, by_context, "{code}");
        }
        // And the other way: `CODES` is written by hand, so a registered token code missing from it
        // (as `issuer_invalid` once was) would never be checked against the registry.
        for entry in ERROR_CODES.iter().filter(|entry| entry.concept == Concept::Token) {
            assert!(
                crate::token::TokenError::CODES.contains(&entry.code),
                "{} is not in TokenError::CODES",
                entry.code
            );
        }
    }
}
