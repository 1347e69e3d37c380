//! TS 24.484 user profiles: where the partner IdMS token endpoint is (TS 24.482 6.2.3 a).
//!
//! Before a user migrates, the MC client needs the token endpoint of the partner system's IdM
//! server. TS 24.482 6.2.3 a) i–iii put it in the MC service user profile the primary system
//! sends to the UE:
//!
//! ```text
//! <mcptt-user-profile> | <mcvideo-user-profile> | <mcdata-user-profile>
//!   <OnNetwork>
//!     <anyExt>
//!       <MigratablePartner<S>SystemInfo>            one per partner system
//!         <Partner<S>SystemId>                      (where present)
//!         <AccessInformationForPartner<S>System>    (6.2.3 a; absent in the MCVideo V20 schema)
//!           <mcptt-UE-initial-configuration domain="…">
//!             <on-network>
//!               <App-Server-Info>
//!                 <idms-auth-endpoint>, <idms-token-endpoint>, <http-proxy>,
//!                 <gms>, <cms>, <kms>, <tls-tunnel-auth-method><mutual-authentication>
//! ```
//!
//! NOTE 1 of 6.2.3: a token endpoint can also be found per MC service group; those are the
//! [`GroupServerInfo`] values. A stand-alone `mcptt-UE-initial-configuration` document is read
//! too: its `App-Server-Info` is the primary system's own ([`UserProfile::primary`]).
//!
//! [`UserProfile::parse`] reads one document in one streaming pass (quick-xml, no DOM):
//!
//! - the service comes from the root element **and** its namespace (any prefix, or the default
//!   namespace): MCPTT `urn:3gpp:mcptt:user-profile:1.0`, MCVideo
//!   `urn:3gpp:ns:mcvideo:user-profile:1.0`, MCData `urn:3gpp:ns:mcdata:user-profile:1.0` or
//!   `urn:3gpp:mcdata:user-profile:1.0`; the embedded initial configuration is
//!   `urn:3gpp:mcptt:mcpttUEinitConfig:1.0`. A root, or a partner's only initial configuration,
//!   in another namespace is `profile_wrong_namespace`.
//! - unknown elements and `anyExt` content that is not needed are skipped (the schemas'
//!   `##other` wildcards), but still checked for well-formedness;
//! - every endpoint is checked with the caller's [`EndpointPolicy`] (absolute `https`);
//! - a DOCTYPE is refused (no DTD, no entity declarations, so no XXE and no entity expansion);
//!   size and depth are bounded by [`ProfileLimits`], checked before anything is allocated for
//!   them;
//! - errors name the element path (`profile_missing_element`) or the line and column
//!   (`profile_malformed_xml`). Nothing panics.
//! - a partner system or group that cannot be used (a missing or insecure token endpoint, a bad
//!   value, its initial configuration in the wrong namespace) does not fail the profile: it is
//!   reported in [`UserProfile::rejected`] beside the usable ones, and looking it up gives the
//!   reason. Only a document with nothing usable fails with its first such problem; a fault of
//!   the document itself (malformed XML, a DTD, a limit, the root) always fails it.
//!
//! [`UserProfiles`] holds the profiles of one user (one per service) for look-ups by service.

mod collection;
mod error;
mod groups;
mod model;
mod namespaces;
mod raw;
mod reader;
mod xml;

#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;

pub use collection::UserProfiles;
pub use error::ProfileError;
pub use model::{
    AppServerInfo, GroupServerInfo, InitialConfiguration, PartnerShape, PartnerSystem, RejectedEntry, RejectedKind,
};

use crate::endpoint::EndpointPolicy;
use crate::scope::McService;

/// Bounds on an incoming document, each checked before the reader allocates anything that grows
/// with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), serde(default, rename_all = "camelCase", deny_unknown_fields))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProfileLimits {
    /// Largest accepted document, in bytes (default 4 MiB).
    #[cfg_attr(feature = "uniffi", uniffi(default = 4194304))]
    pub max_bytes: u64,
    /// Deepest accepted element nesting; the root element is depth 1 (default 64).
    #[cfg_attr(feature = "uniffi", uniffi(default = 64))]
    pub max_depth: u64,
    /// Most elements in one document, the root included (default 262 144: far beyond any real
    /// profile, and it bounds the reader's work on a flood of empty elements).
    #[cfg_attr(feature = "uniffi", uniffi(default = 262144))]
    #[serde(default = "default_max_elements")]
    pub max_elements: u64,
}

fn default_max_elements() -> u64 {
    xml::MAX_ELEMENTS
}

impl Default for ProfileLimits {
    fn default() -> Self {
        Self { max_bytes: 4 * 1024 * 1024, max_depth: 64, max_elements: default_max_elements() }
    }
}

/// Which document was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentKind {
    /// An MC service user profile (`mcptt-user-profile`, `mcvideo-user-profile`,
    /// `mcdata-user-profile`).
    UserProfile {
        /// The service of the profile.
        service: McService,
    },
    /// A stand-alone `mcptt-UE-initial-configuration` document.
    UeInitialConfiguration,
}

/// One TS 24.484 document as this library needs it: the partner systems the user may migrate
/// to, group-level token endpoints and, for a stand-alone initial configuration, the primary
/// system's own `App-Server-Info`.
///
/// In JavaScript, `UserProfile` is a class and this plain form of it is `UserProfileData`
/// (what its `toJSON()` gives).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(missing_as_null, rename = "UserProfileData"),
    serde(rename_all = "camelCase")
)]
pub struct UserProfile {
    /// Which document was read.
    kind: DocumentKind,
    /// The `XUI-URI` of a user profile.
    xui_uri: Option<String>,
    /// The primary system's own initial configuration (stand-alone initial configuration).
    primary: Option<InitialConfiguration>,
    /// The partner systems, in document order.
    partners: Vec<PartnerSystem>,
    /// The groups with server information, in document order.
    groups: Vec<GroupServerInfo>,
    /// The partner systems and groups that could not be used, in document order.
    rejected: Vec<RejectedEntry>,
    /// The error of each of `rejected`, in the same order, for look-ups.
    #[serde(skip)]
    rejection_errors: Vec<ProfileError>,
}

impl UserProfile {
    /// Reads a document with the default [`ProfileLimits`].
    ///
    /// ```
    /// use mcx_connect::{EndpointPolicy, McService, UserProfile};
    /// let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
    /// <mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:alice@video.primary.example" user-profile-index="1">
    ///   <OnNetwork><anyExt>
    ///     <MigratablePartnerMCVideoSystemInfo>
    ///       <PartnerMCVideoSystemId>urn:partner:video</PartnerMCVideoSystemId>
    ///       <mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner.example">
    ///         <on-network><App-Server-Info>
    ///           <idms-token-endpoint>https://idms.partner.example/token</idms-token-endpoint>
    ///         </App-Server-Info></on-network>
    ///       </mcptt-UE-initial-configuration>
    ///     </MigratablePartnerMCVideoSystemInfo>
    ///   </anyExt></OnNetwork>
    /// </mcvideo-user-profile>"#;
    /// let profile = UserProfile::parse(xml, EndpointPolicy::default())?;
    /// assert_eq!(profile.service(), Some(McService::Video));
    /// assert_eq!(profile.partner_token_endpoint("urn:partner:video")?, "https://idms.partner.example/token");
    /// # Ok::<(), mcx_connect::ProfileError>(())
    /// ```
    pub fn parse(xml: &[u8], policy: EndpointPolicy) -> Result<Self, ProfileError> {
        Self::parse_with_limits(xml, policy, ProfileLimits::default())
    }

    /// Reads a document with explicit limits.
    ///
    /// ```
    /// use mcx_connect::{EndpointPolicy, ProfileLimits, UserProfile};
    /// let limits = ProfileLimits { max_bytes: 1024, max_depth: 3, ..ProfileLimits::default() };
    /// let deep = b"<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'><a><b><c/></b></a></mcptt-user-profile>";
    /// let err = UserProfile::parse_with_limits(deep, EndpointPolicy::default(), limits).unwrap_err();
    /// assert_eq!(err.code(), "profile_too_deep");
    /// ```
    pub fn parse_with_limits(xml: &[u8], policy: EndpointPolicy, limits: ProfileLimits) -> Result<Self, ProfileError> {
        reader::read(xml, policy, limits)
    }

    /// Which document this is.
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The service of a user profile; `None` for a stand-alone initial configuration.
    pub fn service(&self) -> Option<McService> {
        match self.kind {
            DocumentKind::UserProfile { service } => Some(service),
            DocumentKind::UeInitialConfiguration => None,
        }
    }

    /// The `XUI-URI` attribute of a user profile (the user it belongs to), when present.
    pub fn xui_uri(&self) -> Option<&str> {
        self.xui_uri.as_deref()
    }

    /// The primary system's own initial configuration: present for a stand-alone
    /// `mcptt-UE-initial-configuration` document.
    pub fn primary(&self) -> Option<&InitialConfiguration> {
        self.primary.as_ref()
    }

    /// All partner systems of this profile, in document order.
    pub fn partners(&self) -> &[PartnerSystem] {
        &self.partners
    }

    /// The partner systems and groups of this document that could not be used (a missing or
    /// insecure token endpoint, a value of the wrong type, an element in the wrong namespace, …),
    /// in document order. One of them never fails the whole profile while the document has a
    /// usable partner system or group; when it has none, or lists more than 64 that cannot be
    /// used (a bound on what a hostile document makes the reader keep), the first of them is the
    /// error of [`parse`](UserProfile::parse).
    ///
    /// ```
    /// use mcx_connect::{EndpointPolicy, RejectedKind, UserProfile};
    /// let partner = |id: &str, endpoint: &str| format!(
    ///     r#"<MigratablePartnerMCVideoSystemInfo><PartnerMCVideoSystemId>{id}</PartnerMCVideoSystemId>
    ///        <mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="{id}.example">
    ///          <on-network><App-Server-Info><idms-token-endpoint>{endpoint}</idms-token-endpoint></App-Server-Info></on-network>
    ///        </mcptt-UE-initial-configuration></MigratablePartnerMCVideoSystemInfo>"#);
    /// let xml = format!(
    ///     r#"<mcvideo-user-profile xmlns="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:a@x" user-profile-index="1">
    ///        <OnNetwork><anyExt>{}{}</anyExt></OnNetwork></mcvideo-user-profile>"#,
    ///     partner("a", "http://idms.a.example/token"),
    ///     partner("b", "https://idms.b.example/token"),
    /// );
    /// let profile = UserProfile::parse(xml.as_bytes(), EndpointPolicy::default())?;
    /// assert_eq!(profile.partner_token_endpoint("b")?, "https://idms.b.example/token");
    /// let rejected = &profile.rejected()[0];
    /// assert_eq!((rejected.kind, rejected.id.as_deref()), (RejectedKind::PartnerSystem, Some("a")));
    /// assert_eq!(rejected.code, "profile_endpoint_invalid");
    /// assert_eq!(profile.partner("a").unwrap_err().code(), "profile_endpoint_invalid");
    /// # Ok::<(), mcx_connect::ProfileError>(())
    /// ```
    pub fn rejected(&self) -> &[RejectedEntry] {
        &self.rejected
    }

    /// The error of the first rejected entry of this kind with this id.
    fn rejected_with(&self, kind: RejectedKind, id: &str) -> Option<ProfileError> {
        let index = self.rejected.iter().position(|entry| entry.kind == kind && entry.id.as_deref() == Some(id))?;
        self.rejection_errors.get(index).cloned()
    }

    /// The partner system with this id ([`PartnerSystem::id`]: its system id, or else its domain).
    /// A partner the document lists but that could not be used gives the reason it was
    /// rejected ([`UserProfile::rejected`]).
    ///
    /// ```
    /// # use mcx_connect::{EndpointPolicy, UserProfile};
    /// let xml = br#"<mcptt-user-profile xmlns="urn:3gpp:mcptt:user-profile:1.0" XUI-URI="sip:a@ptt.example" user-profile-index="1"/>"#;
    /// let profile = UserProfile::parse(xml, EndpointPolicy::default())?;
    /// assert_eq!(profile.partner("urn:nobody").unwrap_err().code(), "profile_partner_not_found");
    /// # Ok::<(), mcx_connect::ProfileError>(())
    /// ```
    pub fn partner(&self, id: &str) -> Result<&PartnerSystem, ProfileError> {
        if let Some(partner) = self.partners.iter().find(|partner| partner.id() == id) {
            return Ok(partner);
        }
        if let Some(error) = self.rejected_with(RejectedKind::PartnerSystem, id) {
            return Err(error);
        }
        Err(ProfileError::PartnerNotFound { service: self.service_or_ptt(), partner: crate::http::printable(id, 100) })
    }

    /// The token endpoint of the partner IdMS (TS 24.482 6.2.3 a) for the partner with this id.
    pub fn partner_token_endpoint(&self, id: &str) -> Result<&str, ProfileError> {
        self.partner(id).map(PartnerSystem::token_endpoint)
    }

    /// All groups with server information, in document order.
    pub fn groups(&self) -> &[GroupServerInfo] {
        &self.groups
    }

    /// The group with this id. A group the document lists but that could not be used gives the
    /// reason it was rejected ([`UserProfile::rejected`]).
    pub fn group(&self, group_id: &str) -> Result<&GroupServerInfo, ProfileError> {
        if let Some(group) = self.groups.iter().find(|group| group.group_id == group_id) {
            return Ok(group);
        }
        if let Some(error) = self.rejected_with(RejectedKind::Group, group_id) {
            return Err(error);
        }
        Err(ProfileError::GroupNotFound {
            service: self.service_or_ptt(),
            group: crate::http::printable(group_id, 100),
        })
    }

    /// The IdMS token endpoint of a group (TS 24.482 6.2.3 NOTE 1). A group the profile lists
    /// without a token endpoint is `profile_missing_element`.
    pub fn group_token_endpoint(&self, group_id: &str) -> Result<&str, ProfileError> {
        let group = self.group(group_id)?;
        group
            .idms_token_endpoint
            .as_deref()
            .ok_or_else(|| ProfileError::MissingElement { path: group_endpoint_path(self.service_or_ptt(), group_id) })
    }

    fn service_or_ptt(&self) -> McService {
        self.service().unwrap_or(McService::Ptt)
    }
}

fn group_endpoint_path(service: McService, group_id: &str) -> String {
    let id = crate::http::printable(group_id, 100);
    match service {
        McService::Ptt => format!("mcptt-user-profile/OnNetwork/MCPTTGroupInfo/entry[uri-entry='{id}']/anyExt/GroupServerInfo/IDMS-token-endpoint"),
        McService::Video => format!("mcvideo-user-profile/OnNetwork/MCVideoGroupInfo[MCVideo-Group-ID='{id}']/IdMS-Token-Endpoint"),
        McService::Data => format!("mcdata-user-profile/OnNetwork/MCDataGroupInfo[MCData-Group-ID='{id}']/IdMS-Token-Endpoint"),
    }
}

/// Refuses two partners with the same id, or two groups with the same id (the first repeated
/// in document order is named), a rejected one included: which of the two was meant cannot be
/// told. A hash set: a profile holds thousands of groups.
fn check_unique(
    service: McService,
    partners: &[PartnerSystem],
    groups: &[GroupServerInfo],
    rejected: &[RejectedEntry],
) -> Result<(), ProfileError> {
    let rejected_ids = |kind: RejectedKind| {
        rejected.iter().filter(move |entry| entry.kind == kind).filter_map(|entry| entry.id.as_deref())
    };
    let partner_ids = partners.iter().map(PartnerSystem::id).chain(rejected_ids(RejectedKind::PartnerSystem));
    if let Some(partner) = first_repeated(partner_ids, partners.len()) {
        return Err(ProfileError::DuplicatePartner { service, partner: crate::http::printable(partner, 100) });
    }
    let group_ids = groups.iter().map(|group| group.group_id.as_str()).chain(rejected_ids(RejectedKind::Group));
    if let Some(group) = first_repeated(group_ids, groups.len()) {
        return Err(ProfileError::DuplicateGroup { service, group: crate::http::printable(group, 100) });
    }
    Ok(())
}

fn first_repeated<'a>(mut ids: impl Iterator<Item = &'a str>, count: usize) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::with_capacity(count);
    ids.find(|id| !seen.insert(*id))
}
