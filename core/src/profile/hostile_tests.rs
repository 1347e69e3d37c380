//! Hostile and malformed input: every failure is precise and nothing panics.

// Test code: a failed expectation is a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::tests::{code, parse, simple_video};
use super::*;
use crate::EndpointPolicy;

#[test]
fn malformed_xml_reports_line_and_column() {
    let cases = [
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>\n  <a>\n</mcptt-user-profile>", 3, 1),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>\n  <p:a/>\n</mcptt-user-profile>", 2, 3),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'/>\n<second/>", 2, 1),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'/>\ntext", 2, 1),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>\n  <a>", 2, 6),
        ("", 1, 1),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>\n\u{e9}\u{e9}<a>&bogus;</a></mcptt-user-profile>", 2, 6),
        ("<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0' a='1' a='2'/>", 1, 1),
        ("\n<?xml version='1.0'?><mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'/>", 2, 1),
    ];
    for (xml, line, column) in cases {
        match parse(xml) {
            Err(ProfileError::MalformedXml { line: l, column: c, reason }) => {
                assert_eq!((l, c), (line, column), "{xml:?}: {reason}")
            }
            other => panic!("{xml:?}: {other:?}"),
        }
    }
    let mut latin1 = b"<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>\n<a>caf".to_vec();
    latin1.extend_from_slice(b"\xe9</a></mcptt-user-profile>");
    let err = UserProfile::parse(&latin1, EndpointPolicy::default()).unwrap_err();
    assert_eq!(
        err,
        ProfileError::MalformedXml { line: 2, column: 7, reason: "the document is not valid UTF-8".to_owned() }
    );
}

#[test]
fn dtd_and_entity_declarations_are_refused_before_any_expansion() {
    let xxe = "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n<mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'>&x;</mcptt-user-profile>";
    assert_eq!(parse(xxe).unwrap_err(), ProfileError::DtdRefused { line: 2, column: 1 });
    assert_eq!(code("<!DOCTYPE r SYSTEM 'http://evil.example/x.dtd'><r/>"), "profile_dtd_refused");
}

#[test]
fn only_utf8_is_read() {
    let declared =
        "<?xml version='1.0' encoding='UTF-16'?><mcptt-user-profile xmlns='urn:3gpp:mcptt:user-profile:1.0'/>";
    assert_eq!(parse(declared).unwrap_err(), ProfileError::UnsupportedEncoding { encoding: "UTF-16".to_owned() });
    let utf16: Vec<u8> = "\u{feff}<r/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(
        UserProfile::parse(&utf16, EndpointPolicy::default()).unwrap_err().code(),
        "profile_unsupported_encoding"
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(simple_video().as_bytes());
    assert!(UserProfile::parse(&bom, EndpointPolicy::default()).is_ok());
    assert!(parse(&format!("<?xml version='1.0' encoding='utf-8'?>{}", simple_video())).is_ok());
}

#[test]
fn limits_are_exact_and_checked_first() {
    let xml = simple_video();
    let depth_of_token_endpoint = 8;
    let exact = ProfileLimits { max_bytes: xml.len(), max_depth: depth_of_token_endpoint };
    assert!(UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), exact).is_ok());
    let small = ProfileLimits { max_bytes: xml.len() - 1, ..exact };
    assert_eq!(
        UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), small).unwrap_err(),
        ProfileError::TooLarge { size: xml.len(), limit: xml.len() - 1 }
    );
    let shallow = ProfileLimits { max_depth: depth_of_token_endpoint - 1, ..exact };
    assert_eq!(
        UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), shallow).unwrap_err().code(),
        "profile_too_deep"
    );
    // Size is checked before anything else: a huge document with a DTD is too large, not a DTD.
    let huge = format!("<!DOCTYPE r []>{}", " ".repeat(ProfileLimits::default().max_bytes));
    assert_eq!(code(&huge), "profile_too_large");
}

#[test]
fn no_prefix_of_a_valid_document_panics() {
    let xml = simple_video();
    for end in 0..xml.len() {
        let _ = UserProfile::parse(&xml.as_bytes()[..end], EndpointPolicy::default());
    }
    for (i, _) in xml.char_indices() {
        let mut broken = xml.clone().into_bytes();
        broken[i] = b'<';
        let _ = UserProfile::parse(&broken, EndpointPolicy::default());
    }
}

#[test]
fn namespace_names_are_compared_exactly() {
    let near = [
        "urn:3gpp:mcptt:user-profile:1.1",
        "urn:3gpp:ns:mcvideo:user-profile:2.0",
        "urn:3gpp:ns:mcptt:user-profile:1.0x",
        "URN:3gpp:mcptt:user-profile:1.0",
    ];
    for ns in near {
        let xml = format!("<mcptt-user-profile xmlns='{ns}'/>");
        assert_eq!(code(&xml), "profile_wrong_namespace", "{ns}");
    }
    let video = simple_video().replace("urn:3gpp:mcptt:mcpttUEinitConfig:1.0", "urn:3gpp:mcptt:mcpttUEinitConfig:1.1");
    assert_eq!(code(&video), "profile_wrong_namespace");
}
