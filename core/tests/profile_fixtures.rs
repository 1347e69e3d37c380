//! The profile fixtures under `tests/fixtures/profiles/`: every well-formed one is read with the
//! expected partners and groups, every bad one fails with its code, and the ones that have a
//! public 3GPP schema are validated against it with `xmllint --schema` (see the README there).

// Test code: a failed expectation is a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use mcx_connect::{EndpointPolicy, McService, PartnerShape, ProfileLimits, UserProfile, UserProfiles};
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/profiles");

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(FIXTURES).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn parse(name: &str) -> UserProfile {
    UserProfile::parse(&fixture(name), EndpointPolicy::default())
        .unwrap_or_else(|e| panic!("{name}: {e} ({})", e.code()))
}

#[test]
fn ts24482_6_2_3_a_i_mcptt_partner_token_endpoint_in_access_information_wrapper() {
    let profile = parse("mcptt-user-profile-access-information.xml");
    assert_eq!(profile.service(), Some(McService::Ptt));
    assert_eq!(profile.xui_uri(), Some("sip:alice@ptt.primary.example"));
    assert_eq!(profile.partners().len(), 2);
    let a = profile.partner("urn:mc:partner-a:ptt").unwrap();
    assert_eq!(a.shape(), PartnerShape::AccessInformation);
    assert_eq!(a.token_endpoint(), "https://idms.partner-a.example/token");
    let info = a.app_server_info();
    assert_eq!(info.idms_auth_endpoint.as_deref(), Some("https://idms.partner-a.example/authorize"));
    assert_eq!(info.http_proxy.as_deref(), Some("https://proxy.partner-a.example:8443"));
    assert_eq!(info.gms.as_deref(), Some("https://gms.partner-a.example"));
    assert_eq!(info.cms.as_deref(), Some("https://cms.partner-a.example"));
    assert_eq!(info.kms.as_deref(), Some("https://kms.partner-a.example/keymanagement/identity/v1"));
    assert_eq!(info.tls_tunnel_mutual_authentication, Some(true));
    assert_eq!(a.initial_configuration().domain, "partner-a.example");
    let b = profile.partner("urn:mc:partner-b:ptt").unwrap();
    assert_eq!(b.app_server_info().tls_tunnel_mutual_authentication, Some(false));
    assert_eq!(profile.partner_token_endpoint("urn:mc:partner-b:ptt").unwrap(), "https://idms.partner-b.example/token");
}

#[test]
fn ts24482_6_2_3_note_1_mcptt_group_token_endpoint_from_rel13_group_server_info() {
    let profile = parse("mcptt-user-profile-access-information.xml");
    assert_eq!(
        profile.group_token_endpoint("sip:fire-ops@ptt.primary.example").unwrap(),
        "https://idms.primary.example/groups/token"
    );
    assert_eq!(
        profile.group_token_endpoint("sip:ems@ptt.primary.example").unwrap_err().code(),
        "profile_missing_element"
    );
    assert_eq!(
        profile.group_token_endpoint("sip:nobody@ptt.primary.example").unwrap_err().code(),
        "profile_group_not_found"
    );
}

#[test]
fn ts24482_6_2_3_a_iii_mcvideo_partner_token_endpoint_without_access_wrapper() {
    let profile = parse("mcvideo-user-profile-v20.xml");
    assert_eq!(profile.service(), Some(McService::Video));
    let ids: Vec<&str> = profile.partners().iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["urn:mc:partner-a:video", "urn:mc:partner-c:video"]);
    assert!(profile.partners().iter().all(|p| p.shape() == PartnerShape::Direct));
    assert_eq!(
        profile.partner_token_endpoint("urn:mc:partner-c:video").unwrap(),
        "https://idms.partner-c.example/token"
    );
    assert_eq!(
        profile.partner("urn:mc:partner-c:video").unwrap().app_server_info().tls_tunnel_mutual_authentication,
        Some(false)
    );
    assert_eq!(
        profile.group_token_endpoint("sip:drone-feed@video.primary.example").unwrap(),
        "https://idms.primary.example/video/token"
    );
    assert_eq!(profile.group("sip:bodycams@video.primary.example").unwrap().idms_token_endpoint, None);
}

#[test]
fn ts24482_6_2_3_a_iii_mcvideo_partner_token_endpoint_in_access_information_wrapper() {
    let profile = parse("mcvideo-user-profile-access-information.xml");
    let partner = profile.partner("urn:mc:partner-a:video").unwrap();
    assert_eq!(partner.shape(), PartnerShape::AccessInformation);
    assert_eq!(partner.token_endpoint(), "https://idms.partner-a.example/token");
}

#[test]
fn ts24482_6_2_3_a_ii_mcdata_partner_and_group_token_endpoints() {
    let profile = parse("mcdata-user-profile-access-information.xml");
    assert_eq!(profile.service(), Some(McService::Data));
    assert_eq!(
        profile.partner_token_endpoint("urn:mc:partner-a:data").unwrap(),
        "https://idms.partner-a.example/token"
    );
    assert_eq!(
        profile.group_token_endpoint("sip:sds-ops@data.primary.example").unwrap(),
        "https://idms.primary.example/data/token"
    );
}

#[test]
fn ts24482_6_2_3_a_ii_mcdata_second_namespace_partner_without_id_is_found_by_domain() {
    let profile = parse("mcdata-user-profile-direct-no-id.xml");
    let partner = profile.partner("partner-d.example").unwrap();
    assert_eq!(partner.system_id(), None);
    assert_eq!(partner.shape(), PartnerShape::Direct);
    assert_eq!(partner.token_endpoint(), "https://idms.partner-d.example/token");
}

#[test]
fn ts24484_7_2_stand_alone_initial_configuration_gives_the_primary_app_server_info() {
    let profile = parse("ue-initial-configuration.xml");
    assert_eq!(profile.service(), None);
    let primary = profile.primary().unwrap();
    assert_eq!(primary.domain, "primary.example");
    assert_eq!(primary.app_server_info.idms_token_endpoint, "https://idms.primary.example/token");
    assert!(profile.partners().is_empty());
}

#[test]
fn ts24482_6_2_3_one_user_profile_per_service_looked_up_together() {
    let profiles: UserProfiles = [
        "mcptt-user-profile-access-information.xml",
        "mcvideo-user-profile-v20.xml",
        "mcdata-user-profile-access-information.xml",
        "ue-initial-configuration.xml",
    ]
    .into_iter()
    .map(parse)
    .collect();
    assert_eq!(
        profiles.partner_token_endpoint(McService::Ptt, "urn:mc:partner-b:ptt").unwrap(),
        "https://idms.partner-b.example/token"
    );
    assert_eq!(
        profiles.partner_token_endpoint(McService::Video, "urn:mc:partner-c:video").unwrap(),
        "https://idms.partner-c.example/token"
    );
    assert_eq!(
        profiles.partner_token_endpoint(McService::Data, "urn:mc:partner-a:data").unwrap(),
        "https://idms.partner-a.example/token"
    );
    assert_eq!(
        profiles.partner_token_endpoint(McService::Video, "urn:mc:partner-a:ptt").unwrap_err().code(),
        "profile_partner_not_found"
    );
    assert_eq!(
        profiles.group_token_endpoint(McService::Video, "sip:drone-feed@video.primary.example").unwrap(),
        "https://idms.primary.example/video/token"
    );
    assert_eq!(profiles.partners(McService::Ptt).count(), 2);
    assert_eq!(profiles.primary().map(|p| p.domain.as_str()), Some("primary.example"));
}

#[test]
fn bad_fixtures_fail_with_their_precise_code() {
    let cases = [
        ("bad-malformed.xml", "profile_malformed_xml"),
        ("bad-dtd-external-entity.xml", "profile_dtd_refused"),
        ("bad-entity-expansion.xml", "profile_dtd_refused"),
        ("bad-undeclared-entity.xml", "profile_malformed_xml"),
        ("bad-missing-token-endpoint.xml", "profile_missing_element"),
        ("bad-http-token-endpoint.xml", "profile_endpoint_invalid"),
        ("bad-relative-token-endpoint.xml", "profile_endpoint_invalid"),
        ("bad-duplicate-partner.xml", "profile_duplicate_partner"),
        ("bad-unknown-root.xml", "profile_unknown_root"),
        ("bad-wrong-namespace.xml", "profile_wrong_namespace"),
        ("bad-mcdata-unknown-namespace.xml", "profile_wrong_namespace"),
        ("bad-init-config-wrong-namespace.xml", "profile_wrong_namespace"),
        ("bad-encoding.xml", "profile_unsupported_encoding"),
        ("bad-group-http-token-endpoint.xml", "profile_endpoint_invalid"),
        ("bad-too-deep.xml", "profile_too_deep"),
    ];
    for (name, code) in cases {
        let err = UserProfile::parse(&fixture(name), EndpointPolicy::default()).expect_err(name);
        assert_eq!(err.code(), code, "{name}: {err}");
        assert_eq!(mcx_connect::Error::from(err).code(), code);
    }
    let listed: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("bad-") {
            assert!(listed.contains(&name.as_str()), "bad fixture {name} has no expected code here");
        }
    }
}

#[test]
fn ts24482_6_2_3_a_missing_token_endpoint_error_names_the_element_path() {
    let err = UserProfile::parse(&fixture("bad-missing-token-endpoint.xml"), EndpointPolicy::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "required `mcvideo-user-profile/OnNetwork/anyExt/MigratablePartnerMCVideoSystemInfo[PartnerMCVideoSystemId='urn:mc:partner-a:video']/mcptt-UE-initial-configuration/on-network/App-Server-Info/idms-token-endpoint` is missing"
    );
}

#[test]
fn malformed_fixture_reports_line_and_column() {
    let err = UserProfile::parse(&fixture("bad-malformed.xml"), EndpointPolicy::default()).unwrap_err();
    match err {
        mcx_connect::ProfileError::MalformedXml { line, column, .. } => {
            assert_eq!((line, column), (11, 13), "{err}")
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn hostile_sizes_fail_fast_with_precise_codes() {
    let big = vec![b' '; 20 * 1024 * 1024];
    assert_eq!(UserProfile::parse(&big, EndpointPolicy::default()).unwrap_err().code(), "profile_too_large");
    let mut deep = String::from("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>");
    deep.push_str(&"<a>".repeat(10_000));
    deep.push_str(&"</a>".repeat(10_000));
    deep.push_str("</mcptt-user-profile>");
    let err = UserProfile::parse_with_limits(deep.as_bytes(), EndpointPolicy::default(), ProfileLimits::default())
        .unwrap_err();
    assert_eq!(err.code(), "profile_too_deep");
}

/// The fixtures with a public schema, and the schema (file in `schemas/`) that checks them.
const SCHEMA_VALIDATED: [(&str, &str); 3] = [
    ("ue-initial-configuration.xml", "ue-init-config-v20.xsd"),
    ("mcvideo-user-profile-v20.xml", "mcvideo-user-profile-v20.xsd"),
    // Rel-13 MCPTT schema for the profile, plus the V20 initial configuration schema so that
    // the embedded mcptt-UE-initial-configuration is checked too (lax anyExt).
    ("mcptt-user-profile-access-information.xml", "mcptt-with-init-config.xsd"),
];

/// Copies the schemas to a temporary folder with their network imports pointed at the local
/// stand-ins (validation must not need the network), plus the MCPTT wrapper schema.
fn schema_folder() -> PathBuf {
    let folder = std::env::temp_dir().join(format!("mcx-profile-schemas-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(Path::new(FIXTURES).join("schemas")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .replace("schemaLocation=\"http://www.w3.org/2001/xml.xsd\"", "schemaLocation=\"xml.xsd\"")
            .replace(
                "schemaLocation=\"http://www.iana.org/assignments/xml-registry/schema/common-policy.xsd\"",
                "schemaLocation=\"common-policy.xsd\"",
            )
            .replace("schemaLocation=\"ue-init-config.xsd\"", "schemaLocation=\"ue-init-config-v20.xsd\"");
        std::fs::write(folder.join(path.file_name().unwrap()), text).unwrap();
    }
    let wrapper = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:3gpp:mcptt:user-profile:1.0" schemaLocation="mcptt-user-profile-rel13.xsd"/>
  <xs:import namespace="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" schemaLocation="ue-init-config-v20.xsd"/>
</xs:schema>"#;
    std::fs::write(folder.join("mcptt-with-init-config.xsd"), wrapper).unwrap();
    folder
}

#[test]
fn fixtures_with_a_public_3gpp_schema_validate_with_xmllint() {
    // Must fail, not skip, when xmllint is missing: the project's test command installs it
    // (Debian: libxml2-utils).
    let version = Command::new("xmllint").arg("--version").output();
    assert!(
        version.is_ok_and(|o| o.status.success()),
        "xmllint is required for this test (apt-get install -y libxml2-utils)"
    );
    let schemas = schema_folder();
    for (name, schema) in SCHEMA_VALIDATED {
        let output = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(schemas.join(schema))
            .arg(Path::new(FIXTURES).join(name))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{name} does not validate against {schema}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The checker itself must be able to say no: the wrapper shape is not in the V20 schema.
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schemas.join("mcvideo-user-profile-v20.xsd"))
        .arg(Path::new(FIXTURES).join("mcvideo-user-profile-access-information.xml"))
        .output()
        .unwrap();
    assert!(!output.status.success(), "the V20 MCVideo schema has no AccessInformationForPartnerMCVideoSystem");
    let _ = std::fs::remove_dir_all(schemas);
}

#[test]
fn ts24482_6_2_3_a_a_broken_partner_is_reported_and_the_usable_one_is_read() {
    let profile = parse("mcvideo-user-profile-one-partner-broken.xml");
    let endpoint = |id| profile.partner_token_endpoint(id).map_err(|e| e.code());
    assert_eq!(endpoint("urn:mc:partner-c:video"), Ok("https://idms.partner-c.example/token"));
    // The broken one is reported, and looking it up gives the reason.
    assert_eq!(endpoint("urn:mc:partner-a:video"), Err("profile_endpoint_invalid"));
    assert_eq!(profile.partners().len(), 1);
    let rejected: Vec<_> = profile.rejected().iter().map(|r| (r.id.as_deref(), r.code.as_str())).collect();
    assert_eq!(rejected, [(Some("urn:mc:partner-a:video"), "profile_endpoint_invalid")]);
}
