//! Endpoint policy: where this library agrees to send credentials.
//!
//! Token endpoints must be `https` (TS 24.482 6.2.3 a: "shall establish a TLS tunnel").
//! Plain `http` is accepted only for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) and
//! only when the caller opts in with [`EndpointPolicy::allow_loopback_http`] — for tests and
//! the loopback demo.

use crate::error::EndpointError;
use crate::uri;

/// Which endpoint URLs are acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null),
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EndpointPolicy {
    /// Accept `http://` for loopback hosts. Never accepts `http` for any other host.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub allow_loopback_http: bool,
}

impl EndpointPolicy {
    /// Only `https` (the default).
    pub const HTTPS_ONLY: EndpointPolicy = EndpointPolicy { allow_loopback_http: false };
    /// `https`, plus `http` on loopback hosts (tests and the demo).
    pub const ALLOW_LOOPBACK_HTTP: EndpointPolicy = EndpointPolicy { allow_loopback_http: true };

    /// Checks an endpoint URL; `what` names it in the error ("partner token endpoint", …).
    ///
    /// ```
    /// use mcx_connect::EndpointPolicy;
    /// let policy = EndpointPolicy::default();
    /// assert!(policy.check("https://idms.partner.example/token", "token endpoint").is_ok());
    /// let err = policy.check("http://idms.partner.example/token", "token endpoint").unwrap_err();
    /// assert_eq!(err.code(), "endpoint_insecure");
    /// assert!(EndpointPolicy::ALLOW_LOOPBACK_HTTP.check("http://127.0.0.1:8080/token", "token endpoint").is_ok());
    /// ```
    pub fn check(&self, url: &str, what: &'static str) -> Result<(), EndpointError> {
        let parts =
            uri::parse_absolute(url).map_err(|reason| EndpointError::Invalid { what, reason: reason.to_owned() })?;
        if parts.has_fragment {
            return Err(EndpointError::Invalid { what, reason: "it carries a fragment (`#…`)".to_owned() });
        }
        if parts.scheme.eq_ignore_ascii_case("https") {
            return Ok(());
        }
        if parts.scheme.eq_ignore_ascii_case("http") {
            if !uri::is_loopback_host(parts.host) {
                return Err(EndpointError::Insecure {
                    what,
                    scheme: parts.scheme.to_owned(),
                    hint: "; plain http is never allowed off the loopback interface",
                });
            }
            if self.allow_loopback_http {
                return Ok(());
            }
            return Err(EndpointError::Insecure {
                what,
                scheme: parts.scheme.to_owned(),
                hint: "; loopback http is allowed only when the endpoint policy allows it",
            });
        }
        Err(EndpointError::Insecure { what, scheme: crate::http::printable(parts.scheme, 16), hint: "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts24482_6_2_3_a_token_endpoint_must_be_reached_over_tls() {
        let strict = EndpointPolicy::HTTPS_ONLY;
        assert!(strict.check("https://idms.example:9031/as/token.oauth2", "token endpoint").is_ok());
        assert_eq!(strict.check("http://127.0.0.1/t", "token endpoint").unwrap_err().code(), "endpoint_insecure");
        assert_eq!(strict.check("ftp://idms.example/t", "token endpoint").unwrap_err().code(), "endpoint_insecure");
        assert_eq!(strict.check("https://idms.example/t#x", "token endpoint").unwrap_err().code(), "endpoint_invalid");
        assert_eq!(strict.check("idms.example/t", "token endpoint").unwrap_err().code(), "endpoint_invalid");
    }

    #[test]
    fn loopback_http_only_when_opted_in_and_never_elsewhere() {
        let demo = EndpointPolicy::ALLOW_LOOPBACK_HTTP;
        assert!(demo.check("http://localhost:8080/primary/token", "token endpoint").is_ok());
        assert!(demo.check("http://[::1]:8080/t", "token endpoint").is_ok());
        let err = demo.check("http://10.0.0.1/t", "token endpoint").unwrap_err();
        assert!(err.to_string().contains("never allowed off the loopback"), "{err}");
    }

    #[test]
    fn endpoint_insecure_description_names_no_rust_field() {
        // Read in Kotlin, Swift, Python and JavaScript, where the field has other names.
        let err = EndpointPolicy::HTTPS_ONLY.check("http://127.0.0.1/t", "token endpoint").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the token endpoint must use https (scheme `http` refused; loopback http is allowed only when the endpoint \
             policy allows it)"
        );
    }
}
