//! TS 24.484 user profiles: the partner systems a user may migrate to, their IdMS token
//! endpoints (TS 24.482 6.2.3), and group-level token endpoints. `ProfileLimits`,
//! `DocumentKind`, `PartnerShape`, `PartnerSystem`, `AppServerInfo`, `InitialConfiguration`,
//! `GroupServerInfo`, `RejectedEntry` and `RejectedKind` are the core's own records and enums.

use crate::error::Result;
use mcx_connect::{
    DocumentKind, EndpointPolicy, GroupServerInfo, InitialConfiguration, McService, PartnerSystem, ProfileLimits,
    RejectedEntry,
};
use std::sync::Arc;

// Wrapped (as `UserProfiles` below): the core's look-ups return borrowed `&str` and `&PartnerSystem`.
/// One TS 24.484 document: a user profile or a stand-alone initial configuration.
#[derive(Debug, uniffi::Object)]
pub struct UserProfile(mcx_connect::UserProfile);

#[uniffi::export]
impl UserProfile {
    /// Reads a document (bounded; DTDs and entities refused); endpoints are checked against
    /// `policy`.
    #[uniffi::constructor(default(policy = None))]
    pub fn parse(xml: Vec<u8>, policy: Option<EndpointPolicy>) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::UserProfile::parse(&xml, policy.unwrap_or_default())?)))
    }

    /// Reads a document with explicit limits.
    #[uniffi::constructor(default(policy = None, limits = None))]
    pub fn parse_with_limits(
        xml: Vec<u8>,
        policy: Option<EndpointPolicy>,
        limits: Option<ProfileLimits>,
    ) -> Result<Arc<Self>> {
        Ok(Arc::new(Self(mcx_connect::UserProfile::parse_with_limits(
            &xml,
            policy.unwrap_or_default(),
            limits.unwrap_or_default(),
        )?)))
    }

    /// Which document this is.
    pub fn kind(&self) -> DocumentKind {
        self.0.kind()
    }

    /// The service of a user profile.
    pub fn service(&self) -> Option<McService> {
        self.0.service()
    }

    /// The user's `MCPTT-user-ID` / XUI URI, when present.
    pub fn xui_uri(&self) -> Option<String> {
        self.0.xui_uri().map(str::to_owned)
    }

    /// The primary system's own configuration (stand-alone initial configurations).
    pub fn primary(&self) -> Option<InitialConfiguration> {
        self.0.primary().cloned()
    }

    /// The partner systems, in document order.
    pub fn partners(&self) -> Vec<PartnerSystem> {
        self.0.partners().to_vec()
    }

    /// The partner with this id (system id, or domain).
    pub fn partner(&self, id: String) -> Result<PartnerSystem> {
        Ok(self.0.partner(&id)?.clone())
    }

    /// The partner IdMS token endpoint of the partner with this id.
    pub fn partner_token_endpoint(&self, id: String) -> Result<String> {
        Ok(self.0.partner_token_endpoint(&id)?.to_owned())
    }

    /// The group-level server information.
    pub fn groups(&self) -> Vec<GroupServerInfo> {
        self.0.groups().to_vec()
    }

    /// The partner systems and groups the profile lists but that could not be used (an insecure
    /// or missing token endpoint, a value of the wrong type, …), in document order. They never
    /// hide the usable ones; `partner(id)` or `group(id)` of one throws its reason.
    pub fn rejected(&self) -> Vec<RejectedEntry> {
        self.0.rejected().to_vec()
    }

    /// The group with this id.
    pub fn group(&self, group_id: String) -> Result<GroupServerInfo> {
        Ok(self.0.group(&group_id)?.clone())
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
        self.0.primary().cloned()
    }

    /// The partners of a service.
    pub fn partners(&self, service: McService) -> Vec<PartnerSystem> {
        self.0.partners(service).cloned().collect()
    }

    /// The partner of a service with this id.
    pub fn partner(&self, service: McService, id: String) -> Result<PartnerSystem> {
        Ok(self.0.partner(service, &id)?.clone())
    }

    /// The partner IdMS token endpoint for a service and partner id.
    pub fn partner_token_endpoint(&self, service: McService, id: String) -> Result<String> {
        Ok(self.0.partner_token_endpoint(service, &id)?.to_owned())
    }

    /// The IdMS token endpoint of a group of a service.
    pub fn group_token_endpoint(&self, service: McService, group_id: String) -> Result<String> {
        Ok(self.0.group_token_endpoint(service, &group_id)?.to_owned())
    }
}
