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

/// The elements of a document without comments or CDATA: its start tags.
fn element_count(xml: &str) -> u64 {
    xml.match_indices('<').filter(|(at, _)| !matches!(xml.as_bytes().get(at + 1), Some(b'/' | b'?' | b'!'))).count()
        as u64
}

#[test]
fn limits_are_exact_and_checked_first() {
    let xml = simple_video();
    let size = xml.len() as u64;
    let depth_of_token_endpoint = 8;
    let elements = element_count(&xml);
    let exact = ProfileLimits { max_bytes: size, max_depth: depth_of_token_endpoint, max_elements: elements };
    assert!(UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), exact).is_ok());
    let small = ProfileLimits { max_bytes: size - 1, ..exact };
    assert_eq!(
        UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), small).unwrap_err(),
        ProfileError::TooLarge { size, limit: size - 1 }
    );
    let shallow = ProfileLimits { max_depth: depth_of_token_endpoint - 1, ..exact };
    assert_eq!(
        UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), shallow).unwrap_err().code(),
        "profile_too_deep"
    );
    let few = ProfileLimits { max_elements: elements - 1, ..exact };
    assert_eq!(
        UserProfile::parse_with_limits(xml.as_bytes(), EndpointPolicy::default(), few).unwrap_err().code(),
        "profile_too_many_elements"
    );
    // Size is checked before anything else: a huge document with a DTD is too large, not a DTD.
    let huge = format!("<!DOCTYPE r []>{}", " ".repeat(ProfileLimits::default().max_bytes as usize));
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

/// A root element with `count` extra attributes `a0="v" a1="v" …` (names in hexadecimal; and
/// `extra` after them).
fn video_with_root_attributes(count: usize, extra: &str) -> String {
    let mut attributes = String::with_capacity(count * 12);
    for i in 0..count {
        attributes.push_str(&format!(" a{i:x}=\"v\""));
    }
    simple_video().replacen("<mcvideo-user-profile ", &format!("<mcvideo-user-profile{attributes}{extra} "), 1)
}

#[test]
fn xml_1_0_3_1_unique_att_spec_is_checked_in_linear_time_on_a_root_with_360000_attributes() {
    // The document of the report (3.85 MB, under the 4 MiB default limit): quick-xml's own
    // duplicate check compared each attribute with every earlier one (about 5 minutes).
    let xml = video_with_root_attributes(360_000, "");
    assert!(xml.len() > 3_850_000 && (xml.len() as u64) < ProfileLimits::default().max_bytes, "{}", xml.len());
    assert!(parse(&xml).is_ok());
    // The same with one duplicate at the very end: found, at the root element.
    let duplicated = video_with_root_attributes(360_000, " a0=\"w\"");
    match parse(&duplicated) {
        Err(ProfileError::MalformedXml { line: 1, column: 1, reason }) => {
            assert_eq!(reason, "duplicated attribute `a0`")
        }
        other => panic!("{other:?}"),
    }
}

/// A root with `declared` namespace declarations and `children` empty child elements.
fn video_with_declarations(declared: usize, children: usize) -> String {
    let mut declarations = String::new();
    for i in 0..declared {
        declarations.push_str(&format!(" xmlns:p{i}=\"urn:x\""));
    }
    simple_video().replacen("<mcvideo-user-profile ", &format!("<mcvideo-user-profile{declarations} "), 1).replacen(
        "</mcvideo-user-profile>",
        &format!("{}</mcvideo-user-profile>", "<x/>".repeat(children)),
        1,
    )
}

#[test]
fn namespace_bindings_in_scope_are_bounded_so_that_resolving_names_stays_linear() {
    // Each element name is resolved by scanning the bindings in scope: a root with 100 000
    // declarations and 500 000 children below it was quadratic.
    let simple_declares = simple_video().matches("xmlns").count();
    let at_limit = video_with_declarations(xml::MAX_NAMESPACE_BINDINGS - simple_declares, 10_000);
    assert!(parse(&at_limit).is_ok());
    let over = video_with_declarations(xml::MAX_NAMESPACE_BINDINGS - simple_declares + 1, 1);
    // Over at the nested initial configuration, which declares one more.
    match parse(&over).unwrap_err() {
        ProfileError::TooManyNamespaces { limit, line: 1, column } => {
            assert_eq!((limit, &over[column as usize - 1..][..30]), (16, "<mcptt-UE-initial-configuratio"))
        }
        other => panic!("{other:?}"),
    }
    let hostile = video_with_declarations(100_000, 500_000);
    assert!((hostile.len() as u64) < ProfileLimits::default().max_bytes);
    assert_eq!(code(&hostile), "profile_too_many_namespaces");
    // Declarations in scope are counted across nesting and go out of scope with their element,
    // also in content the reader skips.
    let nested: String = (0..40).map(|i| format!("<n{i} xmlns:q{i}='urn:q' xmlns:r{i}='urn:r'/>")).collect();
    let siblings = simple_video().replacen("</mcvideo-user-profile>", &format!("{nested}</mcvideo-user-profile>"), 1);
    assert!(parse(&siblings).is_ok());
    let deep: String = (0..10).map(|i| format!("<n{i} xmlns:q{i}='urn:q' xmlns:r{i}='urn:r'>")).collect();
    let closing: String = (0..10).rev().map(|i| format!("</n{i}>")).collect();
    let deep =
        simple_video().replacen("</mcvideo-user-profile>", &format!("{deep}{closing}</mcvideo-user-profile>"), 1);
    assert_eq!(code(&deep), "profile_too_many_namespaces");
}

#[test]
fn a_flood_of_empty_elements_is_refused_at_the_element_bound_so_reading_stays_linear() {
    // quick-xml's cost is per element: a document of nothing but `<x/>` costs about 6 times a
    // benign profile of the same size when read to the end, so it is refused at the bound.
    let flood = |n: u64| {
        let n = usize::try_from(n).unwrap();
        simple_video().replacen("</mcvideo-user-profile>", &format!("{}</mcvideo-user-profile>", "<x/>".repeat(n)), 1)
    };
    // The bound is exact: the document's own elements and the flood make MAX_ELEMENTS, or one more.
    let own = element_count(&simple_video());
    assert!(own > 3 && own < 1_000);
    assert!(parse(&flood(xml::MAX_ELEMENTS - own)).is_ok());
    let over = flood(xml::MAX_ELEMENTS - own + 1);
    assert!((over.len() as u64) < ProfileLimits::default().max_bytes);
    match parse(&over).unwrap_err() {
        ProfileError::TooManyElements { limit, line, column } => {
            assert_eq!(limit, 262_144);
            assert!(line >= 1 && column >= 1);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(code(&over), "profile_too_many_elements");
}

#[test]
fn xml_names_3_reserved_prefixes_and_undeclared_prefixes_are_refused_also_in_skipped_content() {
    let video =
        |inner: &str| simple_video().replacen("</mcvideo-user-profile>", &format!("{inner}</mcvideo-user-profile>"), 1);
    // `xml` is bound without a declaration, and may be declared with its own namespace only.
    assert!(parse(&video("<xml:x/><x xmlns:xml='http://www.w3.org/XML/1998/namespace'/>")).is_ok());
    for refused in [
        "<x xmlns:xml='urn:other'/>",
        "<x xmlns:xmlns='http://www.w3.org/2000/xmlns/'/>",
        "<x xmlns:p='http://www.w3.org/XML/1998/namespace'/>",
        "<x xmlns:p='http://www.w3.org/2000/xmlns/'/>",
        "<p:x/>",
        "<:x/>",
    ] {
        match parse(&video(refused)) {
            Err(ProfileError::MalformedXml { line: 1, .. }) => {}
            other => panic!("{refused}: {other:?}"),
        }
    }
    // A declaration ends with its element.
    assert_eq!(code(&video("<y xmlns:p='urn:p'><p:x/></y><p:x/>")), "profile_malformed_xml");
    assert!(parse(&video("<y xmlns:p='urn:p'><p:x/></y>")).is_ok());
    // Names inside skipped content are not resolved (see `xml.rs`), declarations there are read.
    assert!(parse(&video("<y><p:x/></y>")).is_ok());
    assert_eq!(code(&video("<y><x xmlns:xml='urn:other'/></y>")), "profile_malformed_xml");
}

#[test]
fn xml_names_6_2_an_empty_default_namespace_undeclares_it() {
    // The root's default namespace undeclared on a known element: it is in no namespace.
    let xml = simple_video().replacen("<OnNetwork>", "<OnNetwork xmlns=''>", 1);
    assert!(xml.contains("<OnNetwork xmlns=''>"));
    assert!(parse(&xml).unwrap().partners().is_empty());
    // `xmlns:p=""` undeclares `p` (Namespaces in XML 1.1): a name with it is then refused.
    let declared = simple_video().replacen("<mcvideo-user-profile ", "<mcvideo-user-profile xmlns:p='urn:p' ", 1);
    assert!(parse(&declared.replacen("<OnNetwork>", "<OnNetwork><p:x/>", 1)).is_ok());
    assert_eq!(code(&declared.replacen("<OnNetwork>", "<OnNetwork xmlns:p=''><p:x/>", 1)), "profile_malformed_xml");
}

#[test]
fn xml_names_3_declarations_are_found_wherever_they_stand_among_the_attributes() {
    // The children of `OnNetwork` are resolved (not skipped content).
    let declared = |attributes: &str| {
        let xml = simple_video().replacen("<OnNetwork>", &format!("<OnNetwork {attributes}><p:x/>"), 1);
        parse(&xml).map(|_| ()).map_err(|e| e.code())
    };
    assert_eq!(declared("xmlns:p='urn:p'"), Ok(()));
    assert_eq!(declared("a='1' b='xmlns' xmlns:p='urn:p' c='xmlns:q'"), Ok(()));
    assert_eq!(declared("a='xmlns:p' xmlns:p='urn:p'"), Ok(()));
    assert_eq!(declared(&format!("{} xmlns:p='urn:p' z='1'", video_attributes(1_000))), Ok(()));
    // `xmlns` only in values, or in a name that is not a declaration: nothing is declared.
    assert_eq!(declared("a='xmlns:p' xmlnsp='urn:p'"), Err("profile_malformed_xml"));
}

#[test]
fn malformed_xml_reasons_are_quick_xml_s_own_words() {
    // The reader writes quick-xml's message per kind (no `std::io::Error` formatting in the npm
    // package); each reads as quick-xml's `Display` does.
    use quick_xml::errors::{Error, IllFormedError, SyntaxError};
    use quick_xml::escape::EscapeError;
    use quick_xml::events::attributes::AttrError;
    use quick_xml::name::NamespaceError;
    let not_utf8 = std::str::from_utf8(&[0xC3, 0x28][..]).unwrap_err();
    let errors = [
        Error::Syntax(SyntaxError::UnclosedComment),
        Error::IllFormed(IllFormedError::MissingEndTag("a".into())),
        Error::InvalidAttr(AttrError::Duplicated(4, 1)),
        Error::Encoding(quick_xml::encoding::EncodingError::Utf8(not_utf8)),
        Error::Escape(EscapeError::UnrecognizedEntity(1..6, "bogus".into())),
        Error::Namespace(NamespaceError::UnknownPrefix(b"p".to_vec())),
    ];
    for error in &errors {
        assert_eq!(xml::parse_error_text(error), error.to_string());
    }
    // A byte slice never fails to read: the I/O kind is named, without an I/O error to show.
    let io = Error::Io(std::sync::Arc::new(std::io::Error::other("x")));
    assert_eq!(xml::parse_error_text(&io), "I/O error");
}

fn video_attributes(count: usize) -> String {
    (0..count).map(|i| format!(" a{i}='v'")).collect()
}

#[test]
fn xml_1_0_3_1_the_first_repeated_attribute_in_document_order_is_named() {
    // Names are parts of one tag, as they are when read.
    let names = |tag: &'static str| -> Vec<&'static [u8]> { tag.split(' ').map(str::as_bytes).collect() };
    assert_eq!(
        xml::first_duplicate(&names("a b c abcdefgh abcdefghi abcdefghij x-very-long-name-1 x-very-long-name-2")),
        None
    );
    assert_eq!(xml::first_duplicate(&names("b a b a")), Some(&b"b"[..]));
    assert_eq!(xml::first_duplicate(&names("a b b a")), Some(&b"b"[..]));
    assert_eq!(xml::first_duplicate(&names("long-name-x q long-name-y long-name-x q")), Some(&b"long-name-x"[..]));
    assert_eq!(xml::first_duplicate(&names("abcdefgh abcdefg abcdefgh")), Some(&b"abcdefgh"[..]));
    // Through the reader: the element's attributes in document order, whichever error comes first.
    let root = |attributes: &str| {
        simple_video().replacen("user-profile-index=\"1\"", &format!("user-profile-index=\"1\" {attributes}"), 1)
    };
    let reason = |xml: &str| match parse(xml) {
        Err(ProfileError::MalformedXml { reason, .. }) => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(reason(&root("z='1' y='1' y='2' z='2'")), "duplicated attribute `y`");
    assert_eq!(reason(&root("z='1' z='2' y=bad")), "duplicated attribute `z`");
    assert!(!reason(&root("z='1' y=bad z='2'")).contains("duplicated"));
}

#[test]
fn xml_names_2_the_namespace_name_is_the_normalized_attribute_value_with_references_resolved() {
    // XML 1.0 3.3.3: the normalized value replaces character references and the predefined
    // entities; Namespaces in XML 1.0 §2 takes that value as the namespace name.
    let video = simple_video()
        .replacen("urn:3gpp:ns:mcvideo:user-profile:1.0", "urn:3gpp:ns:mcvideo:user-profile&#x3A;1.0", 1)
        .replacen("urn:3gpp:mcptt:mcpttUEinitConfig:1.0", "urn&#58;3gpp:mcptt:mcpttUEinitConfig:1.0", 1);
    assert!(video.contains("&#x3A;") && video.contains("&#58;"));
    let profile = parse(&video).unwrap();
    assert_eq!(profile.partner_token_endpoint("urn:p").unwrap(), "https://idms.p.example/token");
    // A reserved namespace written with a reference is still reserved; a bad reference is malformed.
    let with = |attribute: &str| simple_video().replacen("<OnNetwork>", &format!("<OnNetwork {attribute}>"), 1);
    assert_eq!(code(&with("xmlns:p='http://www.w3.org/XML/1998/namespac&#x65;'")), "profile_malformed_xml");
    assert_eq!(code(&with("xmlns:p='urn:&unknown;'")), "profile_malformed_xml");
    assert_eq!(code(&with("xmlns:p='urn:&#xD800;'")), "profile_malformed_xml");
    // `&amp;` stands for `&`: not the MCVideo namespace.
    let amp =
        simple_video().replacen("urn:3gpp:ns:mcvideo:user-profile:1.0", "urn:3gpp:ns:mcvideo:user-profile:1.0&amp;", 1);
    assert_eq!(code(&amp), "profile_wrong_namespace");
}
