// Test code: a failed expectation is a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::*;
use crate::EndpointPolicy;

const VIDEO_NS: &str = "urn:3gpp:ns:mcvideo:user-profile:1.0";

fn init_config(attrs: &str, app_server_info: &str) -> String {
    format!(
        r#"<mcptt-UE-initial-configuration xmlns="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" {attrs}><on-network><App-Server-Info>{app_server_info}</App-Server-Info></on-network></mcptt-UE-initial-configuration>"#
    )
}

fn token(url: &str) -> String {
    format!("<idms-token-endpoint>{url}</idms-token-endpoint>")
}

/// A user profile of `root` in `ns` whose `OnNetwork/anyExt` holds `partners`.
fn profile(root: &str, ns: &str, on_network: &str) -> String {
    format!(
        r#"<{root} xmlns="{ns}" XUI-URI="sip:alice@primary.example" user-profile-index="1"><OnNetwork>{on_network}</OnNetwork></{root}>"#
    )
}

fn video_partner(id: &str, body: &str) -> String {
    format!("<MigratablePartnerMCVideoSystemInfo><PartnerMCVideoSystemId>{id}</PartnerMCVideoSystemId>{body}</MigratablePartnerMCVideoSystemInfo>")
}

fn video(partners: &str) -> String {
    profile("mcvideo-user-profile", VIDEO_NS, &format!("<anyExt>{partners}</anyExt>"))
}

pub(super) fn parse(xml: &str) -> Result<UserProfile, ProfileError> {
    UserProfile::parse(xml.as_bytes(), EndpointPolicy::default())
}

pub(super) fn code(xml: &str) -> &'static str {
    parse(xml).unwrap_err().code()
}

pub(super) fn simple_video() -> String {
    video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &token("https://idms.p.example/token"))))
}

#[test]
fn ts24482_6_2_3_a_i_mcptt_partner_token_endpoint_with_prefixes_and_direct_shape() {
    let xml = format!(
        r#"<p:mcptt-user-profile xmlns:p="urn:3gpp:mcptt:user-profile:1.0" XUI-URI="sip:a@x" user-profile-index="1"><p:OnNetwork><p:anyExt>
        <p:MigratablePartnerMCPTTSystemInfo><p:PartnerMCPTTSystemId>urn:ptt-partner</p:PartnerMCPTTSystemId>{}</p:MigratablePartnerMCPTTSystemInfo>
        </p:anyExt></p:OnNetwork></p:mcptt-user-profile>"#,
        init_config(r#"domain="p.example""#, &token("https://idms.p.example/token"))
    );
    let profile = parse(&xml).unwrap();
    assert_eq!(profile.kind(), DocumentKind::UserProfile { service: McService::Ptt });
    let partner = profile.partner("urn:ptt-partner").unwrap();
    assert_eq!(partner.shape(), PartnerShape::Direct);
    assert_eq!(partner.service(), McService::Ptt);
    assert_eq!(partner.token_endpoint(), "https://idms.p.example/token");
}

#[test]
fn ts24482_6_2_3_a_ii_mcdata_accepts_both_namespaces_and_nothing_else() {
    let body = format!("<anyExt><MigratablePartnerMCDataSystemInfo><PartnerMCDataSystemId>urn:d</PartnerMCDataSystemId><AccessInformationForPartnerMCDataSystem>{}</AccessInformationForPartnerMCDataSystem></MigratablePartnerMCDataSystemInfo></anyExt>", init_config(r#"domain="d.example""#, &token("https://idms.d.example/token")));
    for ns in ["urn:3gpp:ns:mcdata:user-profile:1.0", "urn:3gpp:mcdata:user-profile:1.0"] {
        let profile = parse(&profile("mcdata-user-profile", ns, &body)).unwrap();
        assert_eq!(profile.partner_token_endpoint("urn:d").unwrap(), "https://idms.d.example/token");
        assert_eq!(profile.partners()[0].shape(), PartnerShape::AccessInformation);
    }
    for ns in ["urn:3gpp:ns:mcdata:user-profile:2.0", "urn:3gpp:mcptt:user-profile:1.0", ""] {
        assert_eq!(code(&profile("mcdata-user-profile", ns, &body)), "profile_wrong_namespace", "{ns}");
    }
}

#[test]
fn service_is_known_from_root_element_and_namespace_together() {
    assert_eq!(code(&profile("mcptt-user-profile", VIDEO_NS, "")), "profile_wrong_namespace");
    assert_eq!(
        code(&profile("mcvideo-user-profile", "urn:3gpp:mcptt:user-profile:1.0", "")),
        "profile_wrong_namespace"
    );
    assert_eq!(code(&profile("mcvideo-user-profile-x", VIDEO_NS, "")), "profile_unknown_root");
    let err = parse(&profile("mcptt-user-profile", VIDEO_NS, "")).unwrap_err();
    assert!(err.to_string().contains("urn:3gpp:mcptt:user-profile:1.0"), "{err}");
}

#[test]
fn embedded_initial_configuration_in_another_namespace_is_refused() {
    let config = init_config(r#"domain="p.example""#, &token("https://idms.p.example/token"))
        .replace("mcpttUEinitConfig", "mcpttUEConfig");
    assert_eq!(code(&video(&video_partner("urn:p", &config))), "profile_wrong_namespace");
    let partner = video_partner("urn:p", &init_config(r#"domain="p.example""#, &token("https://idms.p.example/token")));
    let foreign = partner.replace(
        "<MigratablePartnerMCVideoSystemInfo>",
        r#"<MigratablePartnerMCVideoSystemInfo xmlns="urn:example:other">"#,
    );
    assert_eq!(code(&video(&foreign)), "profile_wrong_namespace");
}

#[test]
fn unknown_elements_and_other_namespaces_are_skipped() {
    let config = init_config(
        r#"domain="p.example" x:extra="1" xmlns:x="urn:x""#,
        &format!(
            "<x:note xmlns:x='urn:x'><deep><er/></deep></x:note>{}<unknown>text</unknown>",
            token("https://idms.p.example/token")
        ),
    );
    let xml = video(&format!("<allow-presence-status>true</allow-presence-status>{}<x:ext xmlns:x='urn:x'><MigratablePartnerMCVideoSystemInfo/></x:ext>", video_partner("urn:p", &format!("<x:o xmlns:x='urn:x'/>{config}<anyExt><y/></anyExt>"))));
    let profile = parse(&xml).unwrap();
    assert_eq!(profile.partners().len(), 1);
    assert_eq!(profile.partner_token_endpoint("urn:p").unwrap(), "https://idms.p.example/token");
}

#[test]
fn ts24484_app_server_info_leaves_are_read_and_empty_http_proxy_is_absent() {
    let leaves = "<idms-auth-endpoint> https://idms.p.example/auth </idms-auth-endpoint><idms-token-endpoint>\n  https://idms.p.example/token?a=1&amp;b=&#50;\n</idms-token-endpoint><http-proxy></http-proxy><gms>https://gms.p.example</gms><cms><![CDATA[https://cms.p.example]]></cms><kms>https://kms.p.example</kms><tls-tunnel-auth-method><mutual-authentication>1</mutual-authentication></tls-tunnel-auth-method>";
    let profile = parse(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, leaves)))).unwrap();
    let info = profile.partners()[0].app_server_info();
    assert_eq!(info.idms_auth_endpoint.as_deref(), Some("https://idms.p.example/auth"));
    assert_eq!(info.idms_token_endpoint, "https://idms.p.example/token?a=1&b=2");
    assert_eq!(info.http_proxy, None);
    assert_eq!(info.cms.as_deref(), Some("https://cms.p.example"));
    assert_eq!(info.tls_tunnel_mutual_authentication, Some(true));
}

#[test]
fn http_proxy_may_be_plain_http_but_must_be_absolute() {
    let ok = format!("{}<http-proxy>http://proxy.p.example:3128</http-proxy>", token("https://idms.p.example/token"));
    let profile = parse(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &ok)))).unwrap();
    assert_eq!(profile.partners()[0].app_server_info().http_proxy.as_deref(), Some("http://proxy.p.example:3128"));
    let bad = format!("{}<http-proxy>proxy:3128</http-proxy>", token("https://idms.p.example/token"));
    assert_eq!(
        code(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &bad)))),
        "profile_endpoint_invalid"
    );
}

#[test]
fn ts24484_a_gms_cms_or_kms_address_the_policy_refuses_is_left_out_and_reported_not_fatal() {
    let leaves = format!(
        "{}<gms>http://gms.p.example</gms><cms>https://cms.p.example</cms><kms>kms.p.example/keys</kms>",
        token("https://idms.p.example/token")
    );
    let profile = parse(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &leaves)))).unwrap();
    let partner = profile.partner("urn:p").unwrap();
    assert_eq!(partner.token_endpoint(), "https://idms.p.example/token", "still usable for migration");
    let info = partner.app_server_info();
    assert_eq!(
        (info.gms.as_deref(), info.cms.as_deref(), info.kms.as_deref()),
        (None, Some("https://cms.p.example"), None)
    );
    let notes = &partner.initial_configuration().normalisations;
    let read: Vec<_> = notes.iter().map(|n| (n.code.as_str(), n.parameter.as_deref())).collect();
    assert_eq!(read, [("endpoint_ignored", Some("gms")), ("endpoint_ignored", Some("kms"))]);
    assert!(
        notes[0].description.contains("App-Server-Info/gms") && notes[0].description.contains("https"),
        "{notes:?}"
    );
    assert!(profile.rejected().is_empty());
    // The IdMS endpoints and the proxy, which a migration uses, stay strict.
    for strict in [
        format!(
            "{}<idms-auth-endpoint>http://idms.p.example/auth</idms-auth-endpoint>",
            token("https://idms.p.example/token")
        ),
        format!("{}<http-proxy>proxy:3128</http-proxy>", token("https://idms.p.example/token")),
    ] {
        assert_eq!(
            code(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &strict)))),
            "profile_endpoint_invalid"
        );
    }
    // A clean configuration reports nothing.
    assert!(parse(&simple_video()).unwrap().partners()[0].initial_configuration().normalisations.is_empty());
}

#[test]
fn ts24482_6_2_3_a_token_endpoint_must_be_absolute_https_unless_loopback_allowed() {
    let xml =
        video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &token("http://127.0.0.1:8080/token"))));
    let err = parse(&xml).unwrap_err();
    assert_eq!(err.code(), "profile_endpoint_invalid");
    assert!(
        matches!(&err, ProfileError::EndpointInvalid { reason, .. } if reason.code() == "endpoint_insecure"),
        "{err:?}"
    );
    assert!(err.to_string().contains("App-Server-Info/idms-token-endpoint"), "{err}");
    let demo = UserProfile::parse(xml.as_bytes(), EndpointPolicy::ALLOW_LOOPBACK_HTTP).unwrap();
    assert_eq!(demo.partner_token_endpoint("urn:p").unwrap(), "http://127.0.0.1:8080/token");
    for bad in ["", "idms.p.example/token", "https://idms.p.example/token#frag", "https://user@idms.p.example/token"] {
        let xml = video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &token(bad))));
        assert_eq!(code(&xml), "profile_endpoint_invalid", "{bad}");
    }
}

#[test]
fn missing_pieces_name_their_element_path() {
    let no_config = video(&video_partner("urn:p", ""));
    let err = parse(&no_config).unwrap_err();
    assert_eq!(err.code(), "profile_missing_element");
    assert!(err.to_string().contains("MigratablePartnerMCVideoSystemInfo[PartnerMCVideoSystemId='urn:p']/AccessInformationForPartnerMCVideoSystem/mcptt-UE-initial-configuration/on-network/App-Server-Info/idms-token-endpoint"), "{err}");
    let no_domain = video(&video_partner("urn:p", &init_config("", &token("https://idms.p.example/token"))));
    assert_eq!(parse(&no_domain).unwrap_err(), ProfileError::MissingElement { path: "mcvideo-user-profile/OnNetwork/anyExt/MigratablePartnerMCVideoSystemInfo[PartnerMCVideoSystemId='urn:p']/mcptt-UE-initial-configuration/@domain".to_owned() });
    let no_app_server_info = video(&format!(
        "<MigratablePartnerMCVideoSystemInfo>{}</MigratablePartnerMCVideoSystemInfo>",
        init_config(r#"domain="p.example""#, "").replace("<App-Server-Info></App-Server-Info>", "")
    ));
    assert_eq!(parse(&no_app_server_info).unwrap_err(), ProfileError::MissingElement { path: "mcvideo-user-profile/OnNetwork/anyExt/MigratablePartnerMCVideoSystemInfo[1]/mcptt-UE-initial-configuration/on-network/App-Server-Info/idms-token-endpoint".to_owned() });
}

#[test]
fn repeated_single_elements_and_bad_booleans_are_refused() {
    let twice = format!("{}{}", token("https://a.example/t"), token("https://b.example/t"));
    assert_eq!(
        code(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &twice)))),
        "profile_duplicate_element"
    );
    let config = init_config(r#"domain="p.example""#, &token("https://idms.p.example/token"));
    assert_eq!(code(&video(&video_partner("urn:p", &format!("{config}{config}")))), "profile_duplicate_element");
    let boolean = format!(
        "{}<tls-tunnel-auth-method><mutual-authentication>yes</mutual-authentication></tls-tunnel-auth-method>",
        token("https://idms.p.example/token")
    );
    assert_eq!(
        code(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, &boolean)))),
        "profile_invalid_value"
    );
    let nested = "<idms-token-endpoint><b>https://idms.p.example/token</b></idms-token-endpoint>";
    assert_eq!(
        code(&video(&video_partner("urn:p", &init_config(r#"domain="p.example""#, nested)))),
        "profile_invalid_value"
    );
}

#[test]
fn two_partners_with_the_same_id_are_refused_and_several_partners_are_normal() {
    let a = video_partner("urn:a", &init_config(r#"domain="a.example""#, &token("https://idms.a.example/token")));
    let b = video_partner("urn:b", &init_config(r#"domain="b.example""#, &token("https://idms.b.example/token")));
    let profile = parse(&video(&format!("{a}{b}"))).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:b").unwrap(), "https://idms.b.example/token");
    let err = parse(&video(&format!("{a}{b}{a}"))).unwrap_err();
    assert_eq!(err, ProfileError::DuplicatePartner { service: McService::Video, partner: "urn:a".to_owned() });
}

#[test]
fn ts24482_6_2_3_note_1_group_token_endpoints_are_keyed_by_group_id() {
    let group = |id: &str, endpoint: &str| {
        format!("<MCVideoGroupInfo><MCVideo-Group-ID><uri-entry>{id}</uri-entry></MCVideo-Group-ID><IdMS-Token-Endpoint><uri-entry>{endpoint}</uri-entry></IdMS-Token-Endpoint></MCVideoGroupInfo>")
    };
    let xml = profile(
        "mcvideo-user-profile",
        VIDEO_NS,
        &format!("{}{}", group("sip:g1@x", "https://idms.x/t1"), group("sip:g2@x", "https://idms.x/t2")),
    );
    let profile_doc = parse(&xml).unwrap();
    assert_eq!(profile_doc.group_token_endpoint("sip:g2@x").unwrap(), "https://idms.x/t2");
    assert_eq!(profile_doc.groups().len(), 2);
    let dup = profile(
        "mcvideo-user-profile",
        VIDEO_NS,
        &format!("{}{}", group("sip:g1@x", "https://idms.x/t1"), group("sip:g1@x", "https://idms.x/t2")),
    );
    assert_eq!(code(&dup), "profile_duplicate_group");
    let no_id = profile("mcvideo-user-profile", VIDEO_NS, "<MCVideoGroupInfo><IdMS-Token-Endpoint><uri-entry>https://idms.x/t</uri-entry></IdMS-Token-Endpoint></MCVideoGroupInfo>");
    assert_eq!(
        parse(&no_id).unwrap_err(),
        ProfileError::MissingElement {
            path: "mcvideo-user-profile/OnNetwork/MCVideoGroupInfo[1]/MCVideo-Group-ID/uri-entry".to_owned()
        }
    );
    let empty_endpoint = profile("mcvideo-user-profile", VIDEO_NS, "<MCVideoGroupInfo><MCVideo-Group-ID><uri-entry>sip:g@x</uri-entry></MCVideo-Group-ID><IdMS-Token-Endpoint/></MCVideoGroupInfo>");
    assert_eq!(code(&empty_endpoint), "profile_missing_element");
}

#[test]
fn errors_join_the_one_error_model() {
    let err = crate::Error::from(parse("<r/>").unwrap_err());
    assert_eq!(err.code(), "profile_unknown_root");
    assert_eq!(err.oauth_error(), None);
}

#[test]
fn partners_and_profiles_serialise_for_bindings() {
    let profile = parse(&simple_video()).unwrap();
    // Members are named in snake_case, and in camelCase in the npm build (feature `wasm`).
    let name = |snake: &'static str, camel: &'static str| if cfg!(feature = "wasm") { camel } else { snake };
    let json = serde_json::to_value(&profile).unwrap();
    assert_eq!(json["kind"], serde_json::json!({ "kind": "user_profile", "service": "video" }));
    let partner = &json["partners"][0];
    assert_eq!(partner[name("system_id", "systemId")], "urn:p");
    assert_eq!(partner["shape"], "direct");
    assert_eq!(
        partner[name("initial_configuration", "initialConfiguration")][name("app_server_info", "appServerInfo")]
            [name("idms_token_endpoint", "idmsTokenEndpoint")],
        "https://idms.p.example/token"
    );
    let profiles: UserProfiles = [profile].into_iter().collect();
    assert_eq!(
        serde_json::to_value(&profiles).unwrap()["profiles"][0][name("xui_uri", "xuiUri")],
        "sip:alice@primary.example"
    );
}

#[test]
fn user_profiles_look_up_by_service() {
    let mut profiles = UserProfiles::new();
    assert_eq!(
        profiles.partner(McService::Video, "urn:p").unwrap_err(),
        ProfileError::ServiceNotLoaded { service: McService::Video }
    );
    profiles.push(parse(&simple_video()).unwrap());
    assert_eq!(profiles.partner(McService::Video, "urn:p").unwrap().id(), "urn:p");
    assert_eq!(profiles.partner(McService::Video, "urn:q").unwrap_err().code(), "profile_partner_not_found");
    assert_eq!(profiles.group_token_endpoint(McService::Video, "sip:g").unwrap_err().code(), "profile_group_not_found");
    assert_eq!(
        profiles.group_token_endpoint(McService::Ptt, "sip:g").unwrap_err().code(),
        "profile_service_not_loaded"
    );
    assert_eq!(profiles.of_service(McService::Video).count(), 1);
    assert!(profiles.primary().is_none());
}

/// A second partner, usable, for the tests where another one is broken.
fn usable_partner() -> String {
    video_partner("urn:good", &init_config(r#"domain="good.example""#, &token("https://idms.good.example/token")))
}

#[test]
fn hostile_more_than_64_unusable_partners_refuse_the_document_with_the_first_ones_error() {
    // Each rejected entry keeps an element path and a message, many times the bytes of the empty
    // element that causes it: past 64 the reader stops keeping them and refuses the document.
    let broken = |n: usize| video_partner(&format!("urn:bad:{n}"), "");
    let at_bound: String = (0..reader::MAX_REJECTED).map(broken).collect();
    let profile = parse(&video(&format!("{at_bound}{}", usable_partner()))).unwrap();
    assert_eq!((profile.rejected().len(), profile.partners().len()), (64, 1));
    let over: String = (0..=reader::MAX_REJECTED).map(broken).collect();
    let err = parse(&video(&format!("{}{over}", usable_partner()))).unwrap_err();
    assert_eq!(err.code(), "profile_missing_element");
    assert!(err.to_string().contains("urn:bad:0"), "the first one's error: {err}");
    let many: String = (0..20_000).map(broken).collect();
    assert_eq!(parse(&video(&format!("{}{many}", usable_partner()))).unwrap_err().code(), "profile_missing_element");
}

#[test]
fn ts24482_6_2_3_a_broken_partner_is_reported_and_the_other_partners_are_read() {
    let broken =
        video_partner("urn:bad", &init_config(r#"domain="bad.example""#, &token("http://idms.bad.example/token")));
    let profile = parse(&video(&format!("{broken}{}", usable_partner()))).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:good").unwrap(), "https://idms.good.example/token");
    assert_eq!(profile.partners().len(), 1);
    let rejected = profile.rejected();
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0].kind, rejected[0].id.as_deref()), (RejectedKind::PartnerSystem, Some("urn:bad")));
    assert_eq!(rejected[0].code, "profile_endpoint_invalid");
    assert!(rejected[0].description.contains("[PartnerMCVideoSystemId='urn:bad']"), "{}", rejected[0].description);
    // Looking the broken partner up gives the reason, not "not found".
    assert_eq!(profile.partner("urn:bad").unwrap_err().code(), "profile_endpoint_invalid");
    let profiles: UserProfiles = [profile].into_iter().collect();
    let endpoint = |id| profiles.partner_token_endpoint(McService::Video, id).map_err(|e| e.code());
    assert_eq!(endpoint("urn:bad"), Err("profile_endpoint_invalid"));
    assert_eq!(endpoint("urn:good"), Ok("https://idms.good.example/token"));
    // Each partner-level fault: a missing token endpoint, a missing domain, a repeated element,
    // a value of the wrong type. A partner without a system id is reported by its domain.
    let cases = [
        (video_partner("urn:bad", &init_config(r#"domain="bad.example""#, "")), "profile_missing_element"),
        (video_partner("urn:bad", &init_config("", &token("https://idms.bad.example/t"))), "profile_missing_element"),
        (video_partner("urn:bad", &init_config(r#"domain="bad.example""#, &token("https://a.example/t").repeat(2))), "profile_duplicate_element"),
        (
            video_partner(
                "urn:bad",
                &init_config(r#"domain="bad.example""#, &format!("{}<tls-tunnel-auth-method><mutual-authentication>yes</mutual-authentication></tls-tunnel-auth-method>", token("https://a.example/t"))),
            ),
            "profile_invalid_value",
        ),
    ];
    for (broken, expected) in cases {
        let profile = parse(&video(&format!("{}{broken}", usable_partner()))).unwrap();
        assert_eq!(profile.rejected()[0].code, expected, "{broken}");
        assert_eq!(profile.partner_token_endpoint("urn:good").unwrap(), "https://idms.good.example/token");
    }
    let no_id = format!(
        "<MigratablePartnerMCVideoSystemInfo>{}</MigratablePartnerMCVideoSystemInfo>",
        init_config(r#"domain="bad.example""#, &token("/relative"))
    );
    let profile = parse(&video(&format!("{}{no_id}", usable_partner()))).unwrap();
    assert_eq!(profile.rejected()[0].id.as_deref(), Some("bad.example"));
    assert_eq!(profile.partner("bad.example").unwrap_err().code(), "profile_endpoint_invalid");
}

#[test]
fn ts24482_6_2_3_note_1_broken_group_is_reported_and_the_partners_are_read() {
    let group = "<MCVideoGroupInfo><MCVideo-Group-ID><uri-entry>sip:g@x</uri-entry></MCVideo-Group-ID><IdMS-Token-Endpoint><uri-entry>http://idms.x/t</uri-entry></IdMS-Token-Endpoint></MCVideoGroupInfo>";
    let xml = profile("mcvideo-user-profile", VIDEO_NS, &format!("{group}<anyExt>{}</anyExt>", usable_partner()));
    let profile = parse(&xml).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:good").unwrap(), "https://idms.good.example/token");
    assert!(profile.groups().is_empty());
    assert_eq!(
        (profile.rejected()[0].kind, profile.rejected()[0].id.as_deref()),
        (RejectedKind::Group, Some("sip:g@x"))
    );
    assert_eq!(profile.group_token_endpoint("sip:g@x").unwrap_err().code(), "profile_endpoint_invalid");
    let profiles: UserProfiles = [profile].into_iter().collect();
    assert_eq!(
        profiles.group_token_endpoint(McService::Video, "sip:g@x").unwrap_err().code(),
        "profile_endpoint_invalid"
    );
}

#[test]
fn ts24484_any_ext_type_any_namespace_partner_element_of_another_namespace_is_reported_not_fatal() {
    // anyExtType is `xs:any namespace="##any"`: an element of another namespace that happens to
    // bear the partner element's name is legal; it is not this schema's partner.
    let foreign = r#"<v:MigratablePartnerMCVideoSystemInfo xmlns:v="urn:vendor:extension"><v:x/></v:MigratablePartnerMCVideoSystemInfo>"#;
    let profile = parse(&video(&format!("{foreign}{}", usable_partner()))).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:good").unwrap(), "https://idms.good.example/token");
    assert_eq!(profile.rejected()[0].code, "profile_wrong_namespace");
}

#[test]
fn ts24484_migratable_partner_any_other_initial_configuration_of_another_namespace_beside_the_right_one_is_skipped() {
    // MigratablePartnerMCVideoSystemInfoEntryType ends with `xs:any namespace="##other"`: an
    // element of another namespace named `mcptt-UE-initial-configuration` is legal there.
    let other = r#"<mcptt-UE-initial-configuration xmlns="urn:vendor:copy" domain="x"/>"#;
    let right = init_config(r#"domain="p.example""#, &token("https://idms.p.example/token"));
    let profile = parse(&video(&video_partner("urn:p", &format!("{right}{other}")))).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:p").unwrap(), "https://idms.p.example/token");
    assert!(profile.rejected().is_empty());
    // With none in the right namespace, the partner is rejected for the wrong one.
    assert_eq!(code(&video(&video_partner("urn:p", other))), "profile_wrong_namespace");
}

#[test]
fn a_document_with_no_usable_partner_or_group_fails_with_its_first_problem() {
    let broken =
        |id: &str| video_partner(id, &init_config(r#"domain="bad.example""#, &token("http://idms.bad.example/t")));
    let err = parse(&video(&format!("{}{}", broken("urn:b1"), broken("urn:b2")))).unwrap_err();
    assert_eq!(err.code(), "profile_endpoint_invalid");
    assert!(err.to_string().contains("urn:b1"), "{err}");
    // A broken partner with the id of a usable one: which was meant cannot be told.
    assert_eq!(code(&video(&format!("{}{}", broken("urn:good"), usable_partner()))), "profile_duplicate_partner");
}

#[test]
fn ts24484_empty_partner_system_id_is_absent_and_the_partner_is_found_by_its_domain() {
    for id in ["", "  \n "] {
        let xml = video(&video_partner(id, &init_config(r#"domain="p.example""#, &token("https://idms.p.example/t"))));
        let profile = parse(&xml).unwrap();
        let partner = &profile.partners()[0];
        assert_eq!((partner.system_id(), partner.id()), (None, "p.example"), "{id:?}");
        assert_eq!(profile.partner_token_endpoint("p.example").unwrap(), "https://idms.p.example/t");
    }
    // Given twice, the first empty, it is still repeated.
    let twice = video_partner(
        "</PartnerMCVideoSystemId><PartnerMCVideoSystemId>urn:p",
        &init_config(r#"domain="p.example""#, &token("https://idms.p.example/t")),
    );
    assert_eq!(code(&video(&twice)), "profile_duplicate_element");
}
