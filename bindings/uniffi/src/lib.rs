//! # mcx-connect-ffi
//!
//! The UniFFI layer of [`mcx_connect`]: the same API for Kotlin (Android/JVM), Swift (iOS) and
//! Python. It only translates — every rule lives in the core. Plain data crosses as records,
//! stateful values as objects (the migration flow, the request messages; a `Secret` and a
//! `ScopeSet` cross as the core's own objects), and every failure as the core's one
//! [`McxConnectError`] that carries the stable code and, for server-role refusals, the
//! RFC 6749 / 8693 error.
//!
//! The core's records and enums (limits, parse options, policies, steps, token responses, the
//! migration config, profile values, algorithms, `FlowSecrets`, …) cross by their own derives (the
//! core's feature `uniffi`, namespace `mcx_connect`); this crate (namespace `mcx_connect_ffi`)
//! holds only what cannot, each with a one-line reason: objects around values with `&mut self`,
//! borrowed accessors and records the core shapes differently. One file per API family.

mod accessor;
mod endpoint;
mod error;
mod exchange;
mod flow;
mod http;
mod issue;
mod jwt_bearer;
mod login;
mod options;
mod profile;
mod request;
mod response;
mod scope;
mod token;

pub use endpoint::check_endpoint;
pub use error::McxConnectError;
pub use exchange::{
    read_token_exchange_response, security_token_response, write_token_exchange_response, TokenExchangeRequest,
};
pub use flow::MigrationFlow;
pub use http::{
    http_request_from_text, http_request_to_text, http_response_from_text, http_response_to_text,
    redacted_header_value, redacted_request, ParsedHttpRequest,
};
pub use issue::{SecurityTokenIssuer, UnsignedSecurityToken};
pub use jwt_bearer::JwtBearerRequest;
pub use login::{AuthorizationCodeRequest, AuthorizationRequest, IncomingAuthorizationRequest, Pkce, RefreshRequest};
pub use options::{default_limits, lenient_parse_options, strict_parse_options};
pub use profile::{UserProfile, UserProfiles};
pub use request::{parse_token_request, TokenRequest};
pub use response::{
    oauth_error_http_status, read_error_response, read_token_endpoint_response, read_token_response,
    write_error_response, write_token_response,
};
pub use scope::{mc_service_scopes, parse_scope_lenient, scope_from_value, scope_value, LenientScopeSet};
pub use token::{
    algorithm_from_name, check_security_token, inspect_token, jws_header_json, parse_and_verify_jwt_bearer_request,
    parse_and_verify_token_exchange_request, token_claims_json, AccessTokenValidator, IdTokenValidator, IgnoredKey,
    JwkInfo, JwkSet, SecurityTokenValidator, SigningKey, VerifiedJwtBearerRequest, VerifiedTokenExchangeRequest,
    Verifier,
};

uniffi::setup_scaffolding!("mcx_connect_ffi");
