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
