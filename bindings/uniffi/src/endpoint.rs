//! Which endpoint URLs are acceptable (TS 24.482 6.2.3: TLS only).

use crate::error::Result;
use crate::options::or_default;

/// The endpoint policy: `https` only, unless plain `http` to a loopback host is allowed (demos).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Record)]
pub struct EndpointPolicy {
    /// Accept `http://` for loopback hosts (never for any other host).
    #[uniffi(default = false)]
    pub allow_loopback_http: bool,
}

impl From<EndpointPolicy> for mcx_connect::EndpointPolicy {
    fn from(p: EndpointPolicy) -> Self {
        Self { allow_loopback_http: p.allow_loopback_http }
    }
}

impl From<mcx_connect::EndpointPolicy> for EndpointPolicy {
    fn from(p: mcx_connect::EndpointPolicy) -> Self {
        Self { allow_loopback_http: p.allow_loopback_http }
    }
}

/// Checks that `url` is an acceptable token endpoint under `policy`.
#[uniffi::export(default(policy = None))]
pub fn check_endpoint(url: String, policy: Option<EndpointPolicy>) -> Result<()> {
    or_default::<_, mcx_connect::EndpointPolicy>(policy).check(&url, "token endpoint")?;
    Ok(())
}
