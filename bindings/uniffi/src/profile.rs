//! TS 24.484 user profiles: the partner systems a user may migrate to, their IdMS token
//! endpoints (TS 24.482 6.2.3), and group-level token endpoints.

use crate::endpoint::EndpointPolicy;
use crate::error::Result;
use crate::options::or_default;
use crate::scope::McService;
use std::sync::Arc;

/// Bounds on an untrusted profile document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ProfileLimits {
    /// Largest accepted document, in bytes.
    #[uniffi(default = 4194304)]
    pub max_bytes: u64,
    /// Deepest accepted element nesting (the root is depth 1).
    #[uniffi(default = 64)]
    pub max_depth: u64,
}

impl From<ProfileLimits> for mcx_connect::ProfileLimits {
    fn from(l: ProfileLimits) -> Self {
        let narrow = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        Self { max_bytes: narrow(l.max_bytes), max_depth: narrow(l.max_depth) }
    }
}

/// Which document was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DocumentKind {
    /// An MC service user profile.
    UserProfile {
        /// The service of the profile.
        service: McService,
    },
    /// A stand-alone `mcptt-UE-initial-configuration` document.
    UeInitialConfiguration,
}

/// Which document shape carried a partner (the released MCVideo schema has no
/// `AccessInformationForPartner…` wrapper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum PartnerShape {
    /// Inside `AccessInformationForPartner…System`.
    AccessInformation,
    /// Directly under `MigratablePartner…SystemInfo`.
    Direct,
}

/// `App-Server-Info` of an initial configuration.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AppServerInfo {
    /// `idms-auth-endpoint`.
    pub idms_auth_endpoint: Option<String>,
    /// `idms-token-endpoint`.
    pub idms_token_endpoint: String,
    /// `http-proxy`.
    pub http_proxy: Option<String>,
    /// `gms`.
    pub gms: Option<String>,
    /// `cms`.
    pub cms: Option<String>,
    /// `kms`.
    pub kms: Option<String>,
    /// TLS tunnel mutual authentication, when the document says.
    pub tls_tunnel_mutual_authentication: Option<bool>,
}

/// An `mcptt-UE-initial-configuration` as far as identity needs it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InitialConfiguration {
    /// The system's domain.
    pub domain: String,
    /// Its on-network `App-Server-Info`.
    pub app_server_info: AppServerInfo,
}

/// A partner system the user may migrate to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PartnerSystem {
    /// The service of the profile that lists it.
    pub service: McService,
    /// The partner system id, when the document carries one.
    pub system_id: Option<String>,
    /// The id it is looked up by: its system id, or else its domain.
    pub id: String,
    /// The document shape that carried it.
    pub shape: PartnerShape,
    /// The partner's initial configuration.
    pub initial_configuration: InitialConfiguration,
    /// The partner IdMS token endpoint (the `resource` of the token exchange).
    pub token_endpoint: String,
}

/// Group-level server information (NOTE 1 of TS 24.482 6.2.3).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupServerInfo {
    /// The group id.
    pub group_id: String,
    /// The group's IdMS token endpoint, when given.
    pub idms_token_endpoint: Option<String>,
}

fn configuration(c: &mcx_connect::InitialConfiguration) -> InitialConfiguration {
    let a = &c.app_server_info;
    InitialConfiguration {
        domain: c.domain.clone(),
        app_server_info: AppServerInfo {
            idms_auth_endpoint: a.idms_auth_endpoint.clone(),
            idms_token_endpoint: a.idms_token_endpoint.clone(),
            http_proxy: a.http_proxy.clone(),
            gms: a.gms.clone(),
            cms: a.cms.clone(),
            kms: a.kms.clone(),
            tls_tunnel_mutual_authentication: a.tls_tunnel_mutual_authentication,
        },
    }
}

fn partner(p: &mcx_connect::PartnerSystem) -> PartnerSystem {
    PartnerSystem {
        service: p.service().into(),
        system_id: p.system_id().map(str::to_owned),
        id: p.id().to_owned(),
        shape: match p.shape() {
            mcx_connect::PartnerShape::AccessInformation => PartnerShape::AccessInformation,
            mcx_connect::PartnerShape::Direct => PartnerShape::Direct,
        },
        initial_configuration: configuration(p.initial_configuration()),
        token_endpoint: p.token_endpoint().to_owned(),
    }
}

fn group(g: &mcx_connect::GroupServerInfo) -> GroupServerInfo {
    GroupServerInfo { group_id: g.group_id.clone(), idms_token_endpoint: g.idms_token_endpoint.clone() }
}

/// One TS 24.484 document: a user profile or a stand-alone initial configuration.
#[derive(Debug, uniffi::Object)]
pub struct UserProfile(mcx_connect::UserProfile);

#[uniffi::export]
impl UserProfile {
    /// Reads a document (bounded; DTDs and entities refused); endpoints are checked against
    /// `policy`.
    #[uniffi::constructor(default(policy = None))]
    pub fn parse(xml: Vec<u8>, policy: Option<EndpointPolicy>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::UserProfile::parse(&xml, or_default(policy))?)))
    }

    /// Reads a document with explicit limits.
    #[uniffi::constructor(default(policy = None, limits = None))]
    pub fn parse_with_limits(
        xml: Vec<u8>,
        policy: Option<EndpointPolicy>,
        limits: Option<ProfileLimits>,
    ) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::UserProfile::parse_with_limits(&xml, or_default(policy), or_default(limits))?)))
    }

    /// Which document this is.
    pub fn kind(&self) -> DocumentKind {
        match self.0.kind() {
            mcx_connect::DocumentKind::UserProfile { service } => DocumentKind::UserProfile { service: service.into() },
            mcx_connect::DocumentKind::UeInitialConfiguration => DocumentKind::UeInitialConfiguration,
        }
    }

    /// The service of a user profile.
    pub fn service(&self) -> Option<McService> {
        self.0.service().map(Into::into)
    }

    /// The user's `MCPTT-user-ID` / XUI URI, when present.
    pub fn xui_uri(&self) -> Option<String> {
        self.0.xui_uri().map(str::to_owned)
    }

    /// The primary system's own configuration (stand-alone initial configurations).
    pub fn primary(&self) -> Option<InitialConfiguration> {
        self.0.primary().map(configuration)
    }

    /// The partner systems, in document order.
    pub fn partners(&self) -> Vec<PartnerSystem> {
        self.0.partners().iter().map(partner).collect()
    }

    /// The partner with this id (system id, or domain).
    pub fn partner(&self, id: String) -> Result<PartnerSystem> {
        Ok(partner(self.0.partner(&id)?))
    }

    /// The partner IdMS token endpoint of the partner with this id.
    pub fn partner_token_endpoint(&self, id: String) -> Result<String> {
        Ok(self.0.partner_token_endpoint(&id)?.to_owned())
    }

    /// The group-level server information.
    pub fn groups(&self) -> Vec<GroupServerInfo> {
        self.0.groups().iter().map(group).collect()
    }

    /// The group with this id.
    pub fn group(&self, group_id: String) -> Result<GroupServerInfo> {
        Ok(group(self.0.group(&group_id)?))
    }

    /// The IdMS token endpoint of a group.
    pub fn group_token_endpoint(&self, group_id: String) -> Result<String> {
        Ok(self.0.group_token_endpoint(&group_id)?.to_owned())
    }
}

/// The profiles a UE downloaded, one per service (and any initial configuration), looked up
/// together.
#[derive(Debug, uniffi::Object)]
pub struct UserProfiles(mcx_connect::UserProfiles);

#[uniffi::export]
impl UserProfiles {
    /// A collection of read documents.
    #[uniffi::constructor]
    pub fn new(profiles: Vec<Arc<UserProfile>>) -> Arc<Self> {
        Arc::new(Self(profiles.iter().map(|p| p.0.clone()).collect()))
    }

    /// The documents, in order.
    pub fn profiles(&self) -> Vec<Arc<UserProfile>> {
        self.0.profiles().iter().map(|p| Arc::new(UserProfile(p.clone()))).collect()
    }

    /// The primary system's configuration, from a stand-alone initial configuration.
    pub fn primary(&self) -> Option<InitialConfiguration> {
        self.0.primary().map(configuration)
    }

    /// The partners of a service.
    pub fn partners(&self, service: McService) -> Vec<PartnerSystem> {
        self.0.partners(service.into()).map(partner).collect()
    }

    /// The partner of a service with this id.
    pub fn partner(&self, service: McService, id: String) -> Result<PartnerSystem> {
        Ok(partner(self.0.partner(service.into(), &id)?))
    }

    /// The partner IdMS token endpoint for a service and partner id.
    pub fn partner_token_endpoint(&self, service: McService, id: String) -> Result<String> {
        Ok(self.0.partner_token_endpoint(service.into(), &id)?.to_owned())
    }

    /// The IdMS token endpoint of a group of a service.
    pub fn group_token_endpoint(&self, service: McService, group_id: String) -> Result<String> {
        Ok(self.0.group_token_endpoint(service.into(), &group_id)?.to_owned())
    }
}
