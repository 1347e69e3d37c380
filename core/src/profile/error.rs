//! Why a profile document is refused, or a look-up finds nothing.

use crate::error::EndpointError;
use crate::scope::McService;

/// Why a TS 24.484 document cannot be read, or a look-up in it finds nothing.
///
/// Every variant has a stable [`code`](ProfileError::code) starting with `profile_` (the table
/// is in [`crate::error`]). Descriptions quote at most a short, sanitised piece of the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// The document is not well-formed XML (or not valid UTF-8).
    #[error("malformed XML at line {line}, column {column}: {reason}")]
    MalformedXml {
        /// Line of the fault, counted from 1.
        line: u64,
        /// Column of the fault in characters, counted from 1.
        column: u64,
        /// What is wrong.
        reason: String,
    },
    /// The document has a document type declaration. DTDs and entity declarations are refused
    /// (no external entities, no entity expansion).
    #[error("a DOCTYPE (DTD or entity declaration) at line {line}, column {column} is refused")]
    DtdRefused {
        /// Line of the `<!DOCTYPE`, counted from 1.
        line: u64,
        /// Column of the `<!DOCTYPE`, counted from 1.
        column: u64,
    },
    /// Elements are nested deeper than [`ProfileLimits::max_depth`](super::ProfileLimits::max_depth).
    #[error("elements are nested deeper than the limit of {limit} (line {line}, column {column})")]
    TooDeep {
        /// The configured limit.
        limit: u64,
        /// Line of the element that went over the limit.
        line: u64,
        /// Column of the element that went over the limit.
        column: u64,
    },
    /// The document holds more elements than the reader allows (262 144): reading stays within
    /// a small factor of a benign document of the same size.
    #[error("more than {limit} elements in the document (line {line}, column {column})")]
    TooManyElements {
        /// The limit.
        limit: u64,
        /// Line of the first element over the limit.
        line: u64,
        /// Column of that element.
        column: u64,
    },
    /// More namespace declarations are in scope at once than the reader allows (16): resolving
    /// element names stays linear in the size of the document.
    #[error("more than {limit} namespace declarations are in scope (line {line}, column {column})")]
    TooManyNamespaces {
        /// The limit.
        limit: usize,
        /// Line of the element whose declarations went over the limit.
        line: u64,
        /// Column of that element.
        column: u64,
    },
    /// The document is larger than [`ProfileLimits::max_bytes`](super::ProfileLimits::max_bytes).
    #[error("the document of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the document in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The document declares (or is in) an encoding other than UTF-8.
    #[error("encoding `{encoding}` is not supported; TS 24.484 documents are read as UTF-8")]
    UnsupportedEncoding {
        /// The encoding found (as declared, or as detected from a byte order mark).
        encoding: String,
    },
    /// The root element is none of the documents this reader knows.
    #[error("unknown root element `{element}` (expected mcptt-user-profile, mcvideo-user-profile, mcdata-user-profile or mcptt-UE-initial-configuration)")]
    UnknownRoot {
        /// The local name of the root element.
        element: String,
    },
    /// A known element is in the wrong XML namespace.
    #[error("element `{element}` is in namespace `{found}`, expected {expected}")]
    WrongNamespace {
        /// The local name of the element.
        element: String,
        /// The namespace(s) this element must be in.
        expected: &'static str,
        /// The namespace found (empty when none).
        found: String,
    },
    /// A required element or attribute is absent.
    #[error("required `{path}` is missing")]
    MissingElement {
        /// Where it was expected, e.g.
        /// `mcvideo-user-profile/OnNetwork/anyExt/MigratablePartnerMCVideoSystemInfo[…]/mcptt-UE-initial-configuration/on-network/App-Server-Info/idms-token-endpoint`.
        path: String,
    },
    /// An element that may appear once appears again.
    #[error("`{path}` appears more than once")]
    DuplicateElement {
        /// The element path.
        path: String,
    },
    /// A value is not of its schema type (e.g. a boolean that is not `true`/`false`/`1`/`0`).
    #[error("`{path}` has an invalid value: {reason}")]
    InvalidValue {
        /// The element path.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// An endpoint is not an absolute `https` URI (see [`EndpointPolicy`](crate::EndpointPolicy)).
    #[error("`{path}`: {reason}")]
    EndpointInvalid {
        /// The element path of the endpoint.
        path: String,
        /// Why the endpoint policy refused it (`endpoint_invalid` or `endpoint_insecure`).
        reason: EndpointError,
    },
    /// Two partner systems of one profile have the same id.
    #[error("partner system `{partner}` is listed more than once in the {service} user profile")]
    DuplicatePartner {
        /// The service of the profile.
        service: McService,
        /// The partner system id.
        partner: String,
    },
    /// Two groups of one profile have the same group id.
    #[error("group `{group}` is listed more than once in the {service} user profile")]
    DuplicateGroup {
        /// The service of the profile.
        service: McService,
        /// The group id.
        group: String,
    },
    /// No partner system with this id.
    #[error("no {service} partner system `{partner}` in the user profile")]
    PartnerNotFound {
        /// The service looked in.
        service: McService,
        /// The partner system id asked for.
        partner: String,
    },
    /// No group with this id.
    #[error("no {service} group `{group}` in the user profile")]
    GroupNotFound {
        /// The service looked in.
        service: McService,
        /// The group id asked for.
        group: String,
    },
    /// No user profile of this service has been loaded.
    #[error("no {service} user profile is loaded")]
    ServiceNotLoaded {
        /// The service asked for.
        service: McService,
    },
}

impl ProfileError {
    /// The stable code (see the table in [`crate::error`]).
    ///
    /// ```
    /// use mcx_connect::{EndpointPolicy, UserProfile};
    /// let err = UserProfile::parse(b"<!DOCTYPE x []><x/>", EndpointPolicy::default()).unwrap_err();
    /// assert_eq!(err.code(), "profile_dtd_refused");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            ProfileError::MalformedXml { .. } => "profile_malformed_xml",
            ProfileError::DtdRefused { .. } => "profile_dtd_refused",
            ProfileError::TooDeep { .. } => "profile_too_deep",
            ProfileError::TooManyNamespaces { .. } => "profile_too_many_namespaces",
            ProfileError::TooManyElements { .. } => "profile_too_many_elements",
            ProfileError::TooLarge { .. } => "profile_too_large",
            ProfileError::UnsupportedEncoding { .. } => "profile_unsupported_encoding",
            ProfileError::UnknownRoot { .. } => "profile_unknown_root",
            ProfileError::WrongNamespace { .. } => "profile_wrong_namespace",
            ProfileError::MissingElement { .. } => "profile_missing_element",
            ProfileError::DuplicateElement { .. } => "profile_duplicate_element",
            ProfileError::InvalidValue { .. } => "profile_invalid_value",
            ProfileError::EndpointInvalid { .. } => "profile_endpoint_invalid",
            ProfileError::DuplicatePartner { .. } => "profile_duplicate_partner",
            ProfileError::DuplicateGroup { .. } => "profile_duplicate_group",
            ProfileError::PartnerNotFound { .. } => "profile_partner_not_found",
            ProfileError::GroupNotFound { .. } => "profile_group_not_found",
            ProfileError::ServiceNotLoaded { .. } => "profile_service_not_loaded",
        }
    }
}
