//! # mcx-connect
//!
//! A transport-free implementation of the 3GPP mission critical (MCPTT, MCVideo, MCData)
//! identity messages used when a user **migrates to a partner MC system**:
//!
//! ```text
//!  MC client (IdM client)            primary IdMS                    partner IdMS
//!        |  token exchange (B.7.2, RFC 8693) |                              |
//!        |  subject_token = primary access   |                              |
//!        |  resource = partner token endpoint|                              |
//!        |---------------------------------->|                              |
//!        |<----------------------------------|  security token (B.7.3)      |
//!        |        aud = [client_id, resource]                               |
//!        |  jwt-bearer token request (B.7.4, RFC 7523): assertion, client_id, scope
//!        |----------------------------------------------------------------->|
//!        |<-----------------------------------------------------------------|
//!        |                  partner access / refresh / ID token (B.7.5)
//! ```
//!
//! The library builds every request as an [`HttpRequest`] value and reads every reply from an
//! [`HttpResponse`] value; the host performs the I/O. In the server role (an IdMS) it parses
//! incoming requests strictly or leniently ([`ParseOptions`]) and refuses them with the exact
//! RFC error ([`Rejection`]). Errors carry stable codes ([`error`] has the table).
//!
//! ```
//! use mcx_connect::*;
//! // Client: ask the primary IdMS for a security token for the partner.
//! let exchange = TokenExchangeRequest::new("https://idms.partner.example/token", "primary-access-token")
//!     .with_client(ClientAuthentication::basic("mcptt-client", "client-secret"));
//! let http = exchange.build("https://idms.primary.example/token", EndpointPolicy::default())?;
//! // Primary IdMS: read and check it.
//! let incoming = TokenExchangeRequest::parse(&http, &ParseOptions::strict()).map_err(Error::from)?;
//! assert_eq!(incoming.value.resource, "https://idms.partner.example/token");
//! # Ok::<(), mcx_connect::Error>(())
//! ```
//!
//! # Features
//!
//! None is on by default; the default build is pure Rust and builds for `wasm32-unknown-unknown`.
//!
//! - `http`: `TryFrom` conversions between [`HttpRequest`] / [`HttpResponse`] and the `http`
//!   crate's `Request` / `Response` (hyper, axum, tower, reqwest). An incoming request in origin
//!   form (`/token`) gets its URL from `Host` (`https://{host}{path}`); a header value that is not
//!   UTF-8 is refused (`malformed_http`), never dropped.
//! - `ring-backend`: `token::RingBackend`, signature verification with ring for native servers.
//! - `wasm`: for the npm binding only (it turns it on for wasm32): `tsify::Tsify` derives and
//!   camelCase serde names on the plain types, which then cross into JavaScript as they are.
//! - `uniffi`: UniFFI derives on the core's records and enums, for the Kotlin, Swift and
//!   Python bindings (`bindings/uniffi`); their rustdoc becomes the generated code's doc comments.
//!   `Secret` and `ScopeSet` cross as objects, and every failure as `McxConnectError`. Needs
//!   Rust 1.87 (UniFFI 0.32); the core without it builds with 1.85.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod client;
mod endpoint;
pub mod error;
mod exchange;
#[cfg(feature = "uniffi")]
mod ffi;
mod flow;
mod form;
mod grant;
mod http;
#[cfg(feature = "http")]
mod http_crate;
mod http_text;
pub mod json;
mod jwt_bearer;
mod login;
mod pkce;
pub mod profile;
mod response;
mod scope;
mod secret;
mod text;
pub mod token;
mod token_endpoint;
mod uri;
#[cfg(feature = "wasm")]
mod wasm;

pub use client::ClientAuthentication;
pub use endpoint::EndpointPolicy;
pub use error::{
    EndpointError, Error, OAuthErrorCode, Rejection, RequestError, ResponseError, ScopeError, TokenParameter,
};
pub use exchange::{
    ActorToken, TokenExchangeRequest, TokenExchangeResponse, GRANT_TYPE_TOKEN_EXCHANGE, TOKEN_TYPE_ACCESS_TOKEN,
    TOKEN_TYPE_JWT,
};
pub use flow::{FlowFailure, FlowSecrets, MigrationConfig, MigrationFlow, MigrationStep, MigrationTarget};
pub use form::{Limits, Normalisation, ParseMode, ParseOptions, Parsed};
pub use grant::{TokenEndpointResponse, TokenRequest, TokenRequestCheck, TokenRequestKind};
pub use http::{
    is_secret_parameter, redacted_header_value, FormPost, HttpRequest, HttpResponse, FORM_CONTENT_TYPE,
    JSON_CONTENT_TYPE, REDACTED, SECRET_PARAMETERS,
};
pub use jwt_bearer::{JwtBearerRequest, GRANT_TYPE_JWT_BEARER};
pub use login::{
    AuthorizationCodeRequest, AuthorizationRequest, IncomingAuthorizationRequest, RefreshRequest,
    GRANT_TYPE_AUTHORIZATION_CODE, GRANT_TYPE_REFRESH_TOKEN,
};
pub use pkce::{Pkce, PKCE_METHOD_S256};
pub use profile::{
    AppServerInfo, DocumentKind, GroupServerInfo, InitialConfiguration, PartnerShape, PartnerSystem, ProfileError,
    ProfileLimits, RejectedEntry, RejectedKind, UserProfile, UserProfiles,
};
pub use response::{ErrorResponse, TokenResponse, TokenType};
pub use scope::{McService, Scope, ScopeSet, MCX_SCOPE_PREFIX};
pub use secret::{serde_exposed, Secret};

/// The one error of the UniFFI bindings (feature `uniffi`): the core's [`Error`] as one enum
/// with the stable `code` on every variant, thrown by the core's and the binding crate's
/// exported calls alike.
#[cfg(feature = "uniffi")]
pub use ffi::McxConnectError;

// The core's UniFFI namespace: its records and enums cross into Kotlin, Swift and Python by derive.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("mcx_connect");

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The crate README's (crates.io page) Rust example, compiled and run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct CrateReadmeDoctests;
