//! What the four token requests (token exchange, jwt-bearer, authorization code, refresh) share:
//! one object per request around the core's request and its lenient-reading repairs, read in the
//! server role (`parse`) and built in the client role (`build`). Each request's own constructor
//! and accessors are in its file.

/// Declares the object `$name` around `mcx_connect::$name` with `parse`, `build`, `client` and
/// `normalisations`.
// Wrapped: the core's requests hold `Secret` and `ScopeSet` values (objects across the boundary)
// and return the core's leaf errors, which cross only as `McxConnectError`.
macro_rules! token_request {
    ($(#[$doc:meta])* $name:ident, parse: $parse_doc:literal, build: $build_doc:literal) => {
        $(#[$doc])*
        #[derive(Debug, uniffi::Object)]
        pub struct $name {
            value: mcx_connect::$name,
            normalisations: Vec<mcx_connect::Normalisation>,
        }

        impl $name {
            /// Wraps a core request with its repairs.
            pub(crate) fn wrap(
                value: mcx_connect::$name,
                normalisations: Vec<mcx_connect::Normalisation>,
            ) -> std::sync::Arc<Self> {
                std::sync::Arc::new(Self { value, normalisations })
            }
        }

        #[uniffi::export]
        impl $name {
            #[doc = $parse_doc]
            #[uniffi::constructor(default(options = None))]
            pub fn parse(
                request: mcx_connect::HttpRequest,
                options: Option<mcx_connect::ParseOptions>,
            ) -> crate::error::Result<std::sync::Arc<Self>> {
                let parsed = mcx_connect::$name::parse(&request, &options.unwrap_or_default())?;
                Ok(Self::wrap(parsed.value, parsed.normalisations))
            }

            #[doc = $build_doc]
            #[uniffi::method(default(policy = None))]
            pub fn build(
                &self,
                token_endpoint: String,
                policy: Option<mcx_connect::EndpointPolicy>,
            ) -> crate::error::Result<mcx_connect::HttpRequest> {
                Ok(self.value.build(&token_endpoint, policy.unwrap_or_default())?)
            }

            /// The client authentication.
            pub fn client(&self) -> mcx_connect::ClientAuthentication {
                self.value.client.clone()
            }

            /// What lenient parsing repaired (empty for built or strictly parsed requests).
            pub fn normalisations(&self) -> Vec<mcx_connect::Normalisation> {
                self.normalisations.clone()
            }
        }
    };
}

pub(crate) use token_request;

/// Any of the four token requests, as one token endpoint for every grant reads it
/// (`parse_token_request`).
// Mirrored: the core's `TokenRequest` holds the core's requests, which cross as the objects above.
#[derive(Debug, uniffi::Enum)]
pub enum TokenRequest {
    /// A token exchange request (B.7.2).
    TokenExchange {
        /// The request.
        request: std::sync::Arc<crate::exchange::TokenExchangeRequest>,
    },
    /// A jwt-bearer request (B.7.4).
    JwtBearer {
        /// The request.
        request: std::sync::Arc<crate::jwt_bearer::JwtBearerRequest>,
    },
    /// An authorization code request (B.4).
    AuthorizationCode {
        /// The request.
        request: std::sync::Arc<crate::login::AuthorizationCodeRequest>,
    },
    /// A refresh request (B.5).
    Refresh {
        /// The request.
        request: std::sync::Arc<crate::login::RefreshRequest>,
    },
}

/// Server role, one token endpoint for every grant: reads a token request of any of the four
/// kinds once and hands it to the reader of the kind its `grant_type` names. A refusal is
/// `Rejected` with the RFC error: `invalid_request` without a `grant_type`,
/// `unsupported_grant_type` for a grant of none of the four kinds, and otherwise what the reader
/// of the kind answers.
#[uniffi::export(default(options = None))]
pub fn parse_token_request(
    request: mcx_connect::HttpRequest,
    options: Option<mcx_connect::ParseOptions>,
) -> crate::error::Result<TokenRequest> {
    use mcx_connect::TokenRequest as Core;
    let parsed = mcx_connect::TokenRequest::parse(&request, &options.unwrap_or_default())?;
    let repairs = parsed.normalisations;
    Ok(match parsed.value {
        Core::TokenExchange(value) => {
            TokenRequest::TokenExchange { request: crate::exchange::TokenExchangeRequest::wrap(value, repairs) }
        }
        Core::JwtBearer(value) => {
            TokenRequest::JwtBearer { request: crate::jwt_bearer::JwtBearerRequest::wrap(value, repairs) }
        }
        Core::AuthorizationCode(value) => {
            TokenRequest::AuthorizationCode { request: crate::login::AuthorizationCodeRequest::wrap(value, repairs) }
        }
        Core::Refresh(value) => TokenRequest::Refresh { request: crate::login::RefreshRequest::wrap(value, repairs) },
    })
}
