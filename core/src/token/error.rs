//! Why a token, a key set or a token configuration is refused.

use crate::scope::McService;

/// Why a token (JWS/JWT), a JWK Set or a token configuration is refused.
///
/// Every variant has its own stable [`code`](TokenError::code), listed in the table of
/// [`crate::error`]. No message ever quotes a token, a signature or key material; values read
/// from an unverified token (an issuer, a `kid`) are shortened and stripped of control
/// characters before they are shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Not a compact JWS with a JSON object header and payload (RFC 7515 §7.1, RFC 7519 §7.2).
    #[error("the token is not a well-formed compact JWS: {0}")]
    Malformed(String),
    /// The token is over the size limit.
    #[error("the token is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the token in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// `alg` is not on the allow-list (`none` and HMAC are never on it unless a shared secret
    /// was configured on purpose).
    #[error("the signing algorithm `{alg}` is not accepted here")]
    AlgorithmRefused {
        /// The `alg` of the token (shortened).
        alg: String,
    },
    /// The header has a `crit` parameter naming extensions this library does not understand
    /// (RFC 7515 §4.1.11).
    #[error("the token's `crit` header names extensions that are not understood: {0}")]
    CritUnsupported(String),
    /// No key of the key set matches the token's `kid` (or, without a `kid`, its algorithm).
    #[error("no trusted key matches the token ({0})")]
    UnknownKey(String),
    /// The key named by `kid` cannot verify a signature of the token's `alg`.
    #[error("the key `{kid}` cannot verify a `{alg}` signature: {reason}")]
    KeyMismatch {
        /// The `kid` (shortened).
        kid: String,
        /// The token's algorithm.
        alg: String,
        /// Why the key does not fit.
        reason: String,
    },
    /// The key named by `kid` is not for signatures (`use` is not `sig`, or `key_ops` lacks `verify`).
    #[error("the key `{0}` is not meant for verifying signatures (`use`/`key_ops`)")]
    KeyNotForSignature(String),
    /// The signature does not verify (or has the wrong length for the algorithm).
    #[error("the token's signature does not verify")]
    BadSignature,
    /// `exp` is past, beyond the leeway.
    #[error("the token expired at {exp} (now {now}, leeway {leeway} s)")]
    Expired {
        /// The `exp` claim.
        exp: u64,
        /// The time of the check.
        now: u64,
        /// The configured leeway in seconds.
        leeway: u32,
    },
    /// `nbf` is in the future, beyond the leeway.
    #[error("the token is not valid before {nbf} (now {now}, leeway {leeway} s)")]
    NotYetValid {
        /// The `nbf` claim.
        nbf: u64,
        /// The time of the check.
        now: u64,
        /// The configured leeway in seconds.
        leeway: u32,
    },
    /// `iat` is in the future, beyond the leeway.
    #[error("the token claims to be issued at {iat}, in the future (now {now}, leeway {leeway} s)")]
    IssuedInFuture {
        /// The `iat` claim.
        iat: u64,
        /// The time of the check.
        now: u64,
        /// The configured leeway in seconds.
        leeway: u32,
    },
    /// `iss` is not exactly the expected issuer.
    #[error("the token was issued by `{found}`, not by the expected issuer `{expected}`")]
    WrongIssuer {
        /// The expected issuer.
        expected: String,
        /// The `iss` of the token (shortened).
        found: String,
    },
    /// `aud` does not contain the client_id (B.2.1.2).
    #[error("the token's audience does not contain the client_id `{0}`")]
    AudienceMissingClient(String),
    /// `aud` does not contain the target: the partner IdMS address of a security token
    /// (B.2.1.2), or the configured resource server of an access token.
    #[error("the token's audience does not contain the target `{0}`")]
    AudienceMissingTarget(String),
    /// `azp` is not the client_id (OpenID Connect Core §3.1.3.7).
    #[error("the token's authorized party (azp) is not the client_id `{0}`")]
    AzpMismatch(String),
    /// `nonce` is not the one sent in the authentication request.
    #[error("the token's nonce is not the one sent in the authentication request")]
    NonceMismatch,
    /// The access token's `client_id` claim is not the expected client.
    #[error("the access token was issued to another client than `{0}`")]
    ClientMismatch(String),
    /// `sub` is longer than 255 bytes (B.2.1.2).
    #[error("the subject is {0} bytes long, over the 255 bytes of TS 33.180 B.2.1.2")]
    SubjectTooLong(usize),
    /// A required claim is absent.
    #[error("the token has no `{0}` claim")]
    MissingClaim(&'static str),
    /// A claim has the wrong JSON type or an unacceptable value.
    #[error("the token's `{claim}` claim is not acceptable: {reason}")]
    InvalidClaim {
        /// The claim name.
        claim: &'static str,
        /// What is wrong (never the value of a secret).
        reason: String,
    },
    /// The MCX identity claim of a requested service is absent (`mcptt_id`, `mcvideo_id`, `mcdata_id`).
    #[error("the token has no `{claim}` claim, required for the {service} service")]
    MissingServiceId {
        /// The service that was asked for.
        service: McService,
        /// The claim it needs.
        claim: &'static str,
    },
    /// The access token does not grant a required scope.
    #[error("the access token does not grant the scope `{0}`")]
    ScopeMissing(String),
    /// A JWK Set (RFC 7517 §5) that cannot be read or holds a broken key.
    #[error("the JWK Set is not acceptable: {0}")]
    JwksMalformed(String),
    /// A JWK Set over the size limit.
    #[error("the JWK Set is {size} bytes, over the limit of {limit} bytes")]
    JwksTooLarge {
        /// Size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A clock leeway above the 30 seconds of TS 33.180 B.2.1.2, refused when configured.
    #[error("a clock leeway of {0} s is above the 30 s allowed by TS 33.180 B.2.1.2")]
    LeewayTooLarge(u64),
    /// A validator or verifier configuration that cannot be used (an empty issuer, an HMAC
    /// secret shorter than 32 bytes, HS256 allowed without a secret…).
    #[error("the token validation settings are not usable: {0}")]
    ValidatorInvalid(String),
    /// A signing key that cannot be used (not a valid private scalar).
    #[error("the signing key is not usable: {0}")]
    SigningKeyInvalid(String),
    /// Security token issuing settings that cannot be used (an empty issuer, a lifetime of 0 s).
    #[error("the security token issuing settings are not usable: {0}")]
    IssuerInvalid(String),
    /// The caller's `now` is plainly in milliseconds (JavaScript's `Date.now()`), not in
    /// seconds since the epoch: at least [`MAX_NOW_SECONDS`](super::MAX_NOW_SECONDS) + 1.
    #[error("now ({0}) is in milliseconds, not seconds since the epoch: divide it by 1000")]
    NowInMilliseconds(u64),
    /// The security token lives longer (`exp` - `iat`) than the validator's maximum (B.8).
    #[error("the token lives {lifetime} s (exp - iat), over the maximum of {max} s")]
    LifetimeTooLong {
        /// `exp` - `iat`, in seconds.
        lifetime: u64,
        /// The configured maximum, in seconds.
        max: u64,
    },
    /// A security token prepared for a key held by the host was finished again: it takes one
    /// signature (the bindings' shared object; in Rust, `finish` consumes the token).
    #[error("this security token was already signed: prepare another one to sign again")]
    AlreadySigned,
}

impl TokenError {
    /// The stable code (see the table in [`crate::error`]).
    ///
    /// ```
    /// use mcx_connect::token::TokenError;
    /// assert_eq!(TokenError::BadSignature.code(), "token_bad_signature");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::Malformed(_) => "token_malformed",
            TokenError::TooLarge { .. } => "token_too_large",
            TokenError::AlgorithmRefused { .. } => "token_algorithm_refused",
            TokenError::CritUnsupported(_) => "token_crit_unsupported",
            TokenError::UnknownKey(_) => "token_unknown_key",
            TokenError::KeyMismatch { .. } => "token_key_mismatch",
            TokenError::KeyNotForSignature(_) => "token_key_not_for_signature",
            TokenError::BadSignature => "token_bad_signature",
            TokenError::Expired { .. } => "token_expired",
            TokenError::NotYetValid { .. } => "token_not_yet_valid",
            TokenError::IssuedInFuture { .. } => "token_issued_in_future",
            TokenError::WrongIssuer { .. } => "token_wrong_issuer",
            TokenError::AudienceMissingClient(_) => "token_audience_missing_client",
            TokenError::AudienceMissingTarget(_) => "token_audience_missing_target",
            TokenError::AzpMismatch(_) => "token_azp_mismatch",
            TokenError::NonceMismatch => "token_nonce_mismatch",
            TokenError::ClientMismatch(_) => "token_client_mismatch",
            TokenError::SubjectTooLong(_) => "token_subject_too_long",
            TokenError::MissingClaim(_) => "token_missing_claim",
            TokenError::InvalidClaim { .. } => "token_invalid_claim",
            TokenError::MissingServiceId { .. } => "token_missing_service_id",
            TokenError::ScopeMissing(_) => "token_scope_missing",
            TokenError::JwksMalformed(_) => "jwks_malformed",
            TokenError::JwksTooLarge { .. } => "jwks_too_large",
            TokenError::LeewayTooLarge(_) => "leeway_too_large",
            TokenError::ValidatorInvalid(_) => "validator_invalid",
            TokenError::SigningKeyInvalid(_) => "signing_key_invalid",
            TokenError::IssuerInvalid(_) => "issuer_invalid",
            TokenError::NowInMilliseconds(_) => "now_in_milliseconds",
            TokenError::LifetimeTooLong { .. } => "token_lifetime_too_long",
            TokenError::AlreadySigned => "security_token_already_signed",
        }
    }

    /// Every code this type can return, in table order (for bindings and vector runners).
    pub const CODES: [&'static str; 31] = [
        "token_malformed",
        "token_too_large",
        "token_algorithm_refused",
        "token_crit_unsupported",
        "token_unknown_key",
        "token_key_mismatch",
        "token_key_not_for_signature",
        "token_bad_signature",
        "token_expired",
        "token_not_yet_valid",
        "token_issued_in_future",
        "token_wrong_issuer",
        "token_audience_missing_client",
        "token_audience_missing_target",
        "token_azp_mismatch",
        "token_nonce_mismatch",
        "token_client_mismatch",
        "token_subject_too_long",
        "token_missing_claim",
        "token_invalid_claim",
        "token_missing_service_id",
        "token_scope_missing",
        "jwks_malformed",
        "jwks_too_large",
        "leeway_too_large",
        "validator_invalid",
        "signing_key_invalid",
        "issuer_invalid",
        "now_in_milliseconds",
        "token_lifetime_too_long",
        "security_token_already_signed",
    ];
}

/// Shortens a value read from an unverified token for an error message.
pub(crate) fn shown(text: &str) -> String {
    crate::http::printable(text, 80)
}
