//! Parse options, limits and the report of lenient repairs.

/// Strict (the default) or lenient reading in the server role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Enum)]
pub enum ParseMode {
    /// Refuse every deviation from the RFCs.
    #[default]
    Strict,
    /// Accept known real-world deviations and report each repair.
    Lenient,
}

impl From<ParseMode> for mcx_connect::ParseMode {
    fn from(m: ParseMode) -> Self {
        match m {
            ParseMode::Strict => Self::Strict,
            ParseMode::Lenient => Self::Lenient,
        }
    }
}

/// Size limits on untrusted input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Limits {
    /// Largest accepted body, in bytes.
    #[uniffi(default = 65536)]
    pub max_body_bytes: u64,
    /// Most parameters in a form body.
    #[uniffi(default = 32)]
    pub max_parameters: u64,
    /// Largest accepted token, in bytes.
    #[uniffi(default = 16384)]
    pub max_token_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        mcx_connect::Limits::default().into()
    }
}

/// An optional argument (a default argument in Kotlin, Swift and Python) as the core's value: the
/// core's default when it is left out.
pub(crate) fn or_default<T: Into<C>, C: Default>(value: Option<T>) -> C {
    value.map(Into::into).unwrap_or_default()
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl From<Limits> for mcx_connect::Limits {
    fn from(l: Limits) -> Self {
        Self {
            max_body_bytes: to_usize(l.max_body_bytes),
            max_parameters: to_usize(l.max_parameters),
            max_token_bytes: to_usize(l.max_token_bytes),
        }
    }
}

impl From<mcx_connect::Limits> for Limits {
    fn from(l: mcx_connect::Limits) -> Self {
        let wide = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
        Self {
            max_body_bytes: wide(l.max_body_bytes),
            max_parameters: wide(l.max_parameters),
            max_token_bytes: wide(l.max_token_bytes),
        }
    }
}

/// How the server role reads incoming requests (`strict_parse_options()` and
/// `lenient_parse_options()` give the usual ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Record)]
pub struct ParseOptions {
    /// Strict or lenient.
    pub mode: ParseMode,
    /// Size limits.
    pub limits: Limits,
    /// Which `resource` URLs are acceptable.
    pub endpoint_policy: crate::EndpointPolicy,
    /// Whether an unknown `3gpp:mc:` scope value satisfies B.7.4 (forward compatibility;
    /// default false: only the twelve listed values count).
    #[uniffi(default = false)]
    pub accept_unknown_mcx_scopes: bool,
}

impl From<ParseOptions> for mcx_connect::ParseOptions {
    fn from(o: ParseOptions) -> Self {
        Self {
            mode: o.mode.into(),
            limits: o.limits.into(),
            endpoint_policy: o.endpoint_policy.into(),
            accept_unknown_mcx_scopes: o.accept_unknown_mcx_scopes,
        }
    }
}

/// One repair that lenient reading made.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Normalisation {
    /// Stable code of the repair (e.g. `comma_separated_scope`).
    pub code: String,
    /// The parameter concerned, if any.
    pub parameter: Option<String>,
    /// What was done.
    pub description: String,
}

impl From<mcx_connect::Normalisation> for Normalisation {
    fn from(n: mcx_connect::Normalisation) -> Self {
        Self { code: n.code, parameter: n.parameter, description: n.description }
    }
}

/// The repairs as binding records.
pub(crate) fn normalisations(list: Vec<mcx_connect::Normalisation>) -> Vec<Normalisation> {
    list.into_iter().map(Into::into).collect()
}

/// The default limits (64 KiB body, 32 parameters, 16 KiB token).
#[uniffi::export]
pub fn default_limits() -> Limits {
    Limits::default()
}

/// Strict reading with default limits and an https-only `resource` policy.
#[uniffi::export]
pub fn strict_parse_options() -> ParseOptions {
    ParseOptions::default()
}

/// Lenient reading with default limits and an https-only `resource` policy.
#[uniffi::export]
pub fn lenient_parse_options() -> ParseOptions {
    ParseOptions { mode: ParseMode::Lenient, ..ParseOptions::default() }
}
