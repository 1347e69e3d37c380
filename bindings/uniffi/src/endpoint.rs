//! Which endpoint URLs are acceptable (TS 24.482 6.2.3: TLS only). `EndpointPolicy` is the
//! core's own record.

use crate::error::Result;
use mcx_connect::EndpointPolicy;

/// Checks that `url` is an acceptable token endpoint under `policy`.
#[uniffi::export(default(policy = None))]
pub fn check_endpoint(url: String, policy: Option<EndpointPolicy>) -> Result<()> {
    policy.unwrap_or_default().check(&url, "token endpoint")?;
    Ok(())
}
