//! The user profiles of one user: one per MC service is the usual case.

use super::error::ProfileError;
use super::model::PartnerSystem;
use super::UserProfile;
use crate::scope::McService;

/// The user profiles of one user, for look-ups by service (TS 24.482 6.2.3 a i–iii: the MCPTT,
/// MCData and MCVideo profiles each list their own partner systems).
///
/// Profiles are kept in the order they were added; when two profiles of the same service are
/// present (several user profiles per service are allowed by TS 24.484), look-ups answer from
/// the first that has the partner or group.
///
/// ```
/// use mcx_connect::{EndpointPolicy, McService, UserProfile, UserProfiles};
/// let video = UserProfile::parse(br#"<v:mcvideo-user-profile xmlns:v="urn:3gpp:ns:mcvideo:user-profile:1.0" XUI-URI="sip:a@x" user-profile-index="1">
///   <v:OnNetwork><v:anyExt><v:MigratablePartnerMCVideoSystemInfo>
///     <v:PartnerMCVideoSystemId>urn:p</v:PartnerMCVideoSystemId>
///     <i:mcptt-UE-initial-configuration xmlns:i="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="p.example">
///       <i:on-network><i:App-Server-Info><i:idms-token-endpoint>https://idms.p.example/token</i:idms-token-endpoint></i:App-Server-Info></i:on-network>
///     </i:mcptt-UE-initial-configuration>
///   </v:MigratablePartnerMCVideoSystemInfo></v:anyExt></v:OnNetwork>
/// </v:mcvideo-user-profile>"#, EndpointPolicy::default())?;
/// let mut profiles = UserProfiles::new();
/// profiles.push(video);
/// assert_eq!(profiles.partner_token_endpoint(McService::Video, "urn:p")?, "https://idms.p.example/token");
/// assert_eq!(profiles.partner_token_endpoint(McService::Data, "urn:p").unwrap_err().code(), "profile_service_not_loaded");
/// # Ok::<(), mcx_connect::ProfileError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UserProfiles {
    profiles: Vec<UserProfile>,
}

impl UserProfiles {
    /// No profiles yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a profile (a stand-alone initial configuration is kept too, for
    /// [`UserProfiles::primary`]).
    pub fn push(&mut self, profile: UserProfile) {
        self.profiles.push(profile);
    }

    /// All profiles, in the order they were added.
    pub fn profiles(&self) -> &[UserProfile] {
        &self.profiles
    }

    /// The user profiles of one service.
    pub fn of_service(&self, service: McService) -> impl Iterator<Item = &UserProfile> + '_ {
        self.profiles.iter().filter(move |profile| profile.service() == Some(service))
    }

    /// The primary system's initial configuration, from the first stand-alone
    /// `mcptt-UE-initial-configuration` added.
    pub fn primary(&self) -> Option<&super::InitialConfiguration> {
        self.profiles.iter().find_map(UserProfile::primary)
    }

    /// All partner systems of one service.
    pub fn partners(&self, service: McService) -> impl Iterator<Item = &PartnerSystem> + '_ {
        self.of_service(service).flat_map(|profile| profile.partners().iter())
    }

    /// The partner system with this id in the profiles of one service: the first usable one, or
    /// else the reason the first profile that lists it rejected it
    /// ([`UserProfile::rejected`](super::UserProfile::rejected)).
    pub fn partner(&self, service: McService, id: &str) -> Result<&PartnerSystem, ProfileError> {
        self.loaded(service)?;
        if let Some(partner) = self.partners(service).find(|partner| partner.id() == id) {
            return Ok(partner);
        }
        let rejected = self.of_service(service).find_map(|profile| profile.partner(id).err().filter(is_rejection));
        Err(rejected
            .unwrap_or_else(|| ProfileError::PartnerNotFound { service, partner: crate::http::printable(id, 100) }))
    }

    /// The partner IdMS token endpoint for (service, partner) — TS 24.482 6.2.3 a i–iii.
    pub fn partner_token_endpoint(&self, service: McService, id: &str) -> Result<&str, ProfileError> {
        self.partner(service, id).map(PartnerSystem::token_endpoint)
    }

    /// The IdMS token endpoint of a group in the profiles of one service (6.2.3 NOTE 1).
    pub fn group_token_endpoint(&self, service: McService, group_id: &str) -> Result<&str, ProfileError> {
        self.loaded(service)?;
        let profile = self.of_service(service).find(|profile| profile.group(group_id).is_ok());
        if let Some(profile) = profile {
            return profile.group_token_endpoint(group_id);
        }
        let rejected = self.of_service(service).find_map(|profile| profile.group(group_id).err().filter(is_rejection));
        Err(rejected
            .unwrap_or_else(|| ProfileError::GroupNotFound { service, group: crate::http::printable(group_id, 100) }))
    }

    fn loaded(&self, service: McService) -> Result<(), ProfileError> {
        match self.of_service(service).next() {
            Some(_) => Ok(()),
            None => Err(ProfileError::ServiceNotLoaded { service }),
        }
    }
}

impl FromIterator<UserProfile> for UserProfiles {
    fn from_iter<I: IntoIterator<Item = UserProfile>>(iter: I) -> Self {
        Self { profiles: iter.into_iter().collect() }
    }
}

/// Whether a look-up error is the reason a listed entry was rejected (not "not found").
fn is_rejection(error: &ProfileError) -> bool {
    !matches!(error, ProfileError::PartnerNotFound { .. } | ProfileError::GroupNotFound { .. })
}
