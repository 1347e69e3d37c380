//! TS 24.484 user profiles and initial configurations (XML): any bytes, both endpoint
//! policies, default and tight limits; every look-up on whatever parses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use mcx_connect::*;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, xml)) = data.split_first() else { return };
    let policy = if selector & 1 == 0 { EndpointPolicy::HTTPS_ONLY } else { EndpointPolicy::ALLOW_LOOPBACK_HTTP };
    let limits = if selector & 2 == 0 { ProfileLimits::default() } else { ProfileLimits { max_bytes: 4096, max_depth: 8, max_elements: 512 } };
    let Ok(profile) = UserProfile::parse_with_limits(xml, policy, limits) else { return };
    for partner in profile.partners() {
        assert_eq!(profile.partner_token_endpoint(partner.id()).ok(), Some(partner.token_endpoint()));
    }
    for group in profile.groups() {
        let _ = profile.group_token_endpoint(&group.group_id);
    }
    let profiles: UserProfiles = [profile].into_iter().collect();
    for service in McService::ALL {
        let _ = profiles.partner_token_endpoint(service, "urn:fuzz");
        let _ = profiles.group_token_endpoint(service, "sip:fuzz");
    }
});
