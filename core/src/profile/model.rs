//! The values read from a profile: partner systems, their initial configuration, group server
//! information.

use crate::scope::McService;

/// How a partner system's initial configuration is carried in its
/// `MigratablePartner<Service>SystemInfo` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PartnerShape {
    /// Inside `AccessInformationForPartner<Service>System` (the shape of TS 24.482 6.2.3 a).
    AccessInformation,
    /// Directly under `MigratablePartner<Service>SystemInfo` (the released MCVideo V20 schema).
    Direct,
}

/// The `App-Server-Info` of an `mcptt-UE-initial-configuration` (TS 24.484 clause 7.2):
/// where the UE finds the IdMS, GMS, CMS and KMS of that MC system.
///
/// The endpoints are checked with the `EndpointPolicy` given to the
/// parser (absolute `https` URIs). An element that is absent or empty is absent here too, except the
/// token endpoint, which is required.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AppServerInfo {
    /// `idms-auth-endpoint`: the IdMS authorization endpoint.
    pub idms_auth_endpoint: Option<String>,
    /// `idms-token-endpoint`: the IdMS token endpoint (TS 24.482 6.2.3 a).
    pub idms_token_endpoint: String,
    /// `http-proxy`: the HTTP proxy (any absolute URI; absent when empty).
    pub http_proxy: Option<String>,
    /// `gms`: the group management server.
    pub gms: Option<String>,
    /// `cms`: the configuration management server.
    pub cms: Option<String>,
    /// `kms`: the key management server.
    pub kms: Option<String>,
    /// `tls-tunnel-auth-method/mutual-authentication`: whether the TLS tunnel to the HTTP
    /// proxy uses mutual authentication (absent when the document has none).
    pub tls_tunnel_mutual_authentication: Option<bool>,
}

/// What this library reads from an `mcptt-UE-initial-configuration` document, stand-alone or
/// embedded for a partner system.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InitialConfiguration {
    /// The `domain` attribute: the MC system's domain.
    pub domain: String,
    /// `on-network/App-Server-Info`.
    pub app_server_info: AppServerInfo,
    /// What was read leniently: a `gms`, `cms` or `kms` address the endpoint policy refuses is
    /// left out of `app_server_info` and reported here
    /// (`endpoint_ignored`), since this library never calls those servers and one bad address
    /// must not make a partner system unusable for migration. Empty when nothing was.
    pub normalisations: Vec<crate::form::Normalisation>,
}

/// A partner MC system the user may migrate to (`MigratablePartner<Service>SystemInfo`), with
/// the id it is looked up by and its IdMS token endpoint. Built by the profile reader only; the
/// bindings carry it as a plain record (Kotlin, Swift, Python) or object (JavaScript).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PartnerSystem {
    /// The service of the user profile that lists this partner.
    service: McService,
    /// The `Partner<Service>SystemId`, when the document carries one.
    system_id: Option<String>,
    /// The id look-ups take: the system id, or else the `domain` of its initial configuration.
    id: String,
    /// `access_information`: inside `AccessInformationForPartner<Service>System` (TS 24.482
    /// 6.2.3 a); `direct`: the released MCVideo shape.
    shape: PartnerShape,
    /// Its `mcptt-UE-initial-configuration`.
    initial_configuration: InitialConfiguration,
    /// The partner IdMS token endpoint (the `resource` of the token exchange).
    token_endpoint: String,
}

impl PartnerSystem {
    /// A partner as read: its id and token endpoint are taken from the system id and the initial
    /// configuration once, here.
    pub(super) fn new(
        service: McService,
        system_id: Option<String>,
        shape: PartnerShape,
        initial_configuration: InitialConfiguration,
    ) -> Self {
        let id = system_id.clone().unwrap_or_else(|| initial_configuration.domain.clone());
        let token_endpoint = initial_configuration.app_server_info.idms_token_endpoint.clone();
        Self { service, system_id, id, shape, initial_configuration, token_endpoint }
    }

    /// The service of the user profile that lists this partner.
    pub fn service(&self) -> McService {
        self.service
    }

    /// The partner system id (`PartnerMCPTTSystemId`, `PartnerMCVideoSystemId`,
    /// `PartnerMCDataSystemId`) when the document carries a non-empty one.
    pub fn system_id(&self) -> Option<&str> {
        self.system_id.as_deref()
    }

    /// The id this partner is looked up by: its system id, or else the `domain` of its
    /// initial configuration.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Which of the two document shapes carried it.
    pub fn shape(&self) -> PartnerShape {
        self.shape
    }

    /// The partner's `mcptt-UE-initial-configuration`.
    pub fn initial_configuration(&self) -> &InitialConfiguration {
        &self.initial_configuration
    }

    /// The partner's `App-Server-Info`.
    pub fn app_server_info(&self) -> &AppServerInfo {
        &self.initial_configuration.app_server_info
    }

    /// The partner IdMS token endpoint: where the B.7.4 token request goes (TS 24.482 6.2.3 a).
    pub fn token_endpoint(&self) -> &str {
        &self.token_endpoint
    }
}

/// Group-level server information: the IdMS token endpoint of one MC service group
/// (TS 24.482 6.2.3 NOTE 1).
///
/// Read from MCPTT `OnNetwork/MCPTTGroupInfo/entry` (`uri-entry`, and
/// `anyExt/GroupServerInfo/IDMS-token-endpoint/entry/uri-entry`), MCVideo
/// `OnNetwork/MCVideoGroupInfo` (`MCVideo-Group-ID`, `IdMS-Token-Endpoint`) and MCData
/// `OnNetwork/MCDataGroupInfo` (`MCData-Group-ID`, `IdMS-Token-Endpoint`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GroupServerInfo {
    /// The group id (its `uri-entry`).
    pub group_id: String,
    /// The IdMS token endpoint for this group, when the profile names one.
    pub idms_token_endpoint: Option<String>,
}

/// What a `RejectedEntry` was in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RejectedKind {
    /// A `MigratablePartner<Service>SystemInfo` element (a partner system).
    PartnerSystem,
    /// A group with server information (`MCPTTGroupInfo/entry`, `MCVideoGroupInfo`,
    /// `MCDataGroupInfo`).
    Group,
}

/// A partner system or group of a profile that could not be used (a missing or insecure token
/// endpoint, a value of the wrong type, an element in the wrong namespace, …), reported beside
/// the usable ones instead of failing the whole profile: a client reads liberally and reports.
/// Looking it up by its id (a user profile's `partner` or `group`) gives the error itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(missing_as_null), serde(rename_all = "camelCase"))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RejectedEntry {
    /// A partner system or a group.
    pub kind: RejectedKind,
    /// The id it would be looked up by (the partner system id or else the `domain` of its
    /// initial configuration; the group id), when the document gives one.
    pub id: Option<String>,
    /// The stable code of the reason (`profile_*`).
    pub code: String,
    /// The reason in words, with the element path (never more than a short, sanitised piece of
    /// the document).
    pub description: String,
}

impl RejectedEntry {
    pub(super) fn new(kind: RejectedKind, id: Option<String>, error: &super::ProfileError) -> Self {
        Self { kind, id: id.filter(|id| !id.is_empty()), code: error.code().to_owned(), description: error.to_string() }
    }
}
