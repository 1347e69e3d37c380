//! The few fields of an X.509 certificate the CLI shows or pins, read with a small DER walk
//! (RFC 5280 §4.1): subject, `notAfter`, and the SubjectPublicKeyInfo. The certificate has
//! already been verified by webpki; a structure this walk cannot read gives `None`.

/// One DER element: its tag, its content, the whole element, and what follows it.
struct Element<'a> {
    tag: u8,
    content: &'a [u8],
    whole: &'a [u8],
    rest: &'a [u8],
}

fn element(input: &[u8]) -> Option<Element<'_>> {
    let tag = *input.first()?;
    let first = *input.get(1)?;
    let (length, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let bytes = input.get(2..2 + count)?;
        (bytes.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b)), 2 + count)
    };
    let end = header.checked_add(length)?;
    Some(Element { tag, content: input.get(header..end)?, whole: input.get(..end)?, rest: input.get(end..)? })
}

/// The fields of the TBSCertificate, in order.
pub(super) struct Fields<'a> {
    pub(super) subject: &'a [u8],
    pub(super) not_after: &'a [u8],
    pub(super) not_after_tag: u8,
    /// The whole SubjectPublicKeyInfo element (what a pin hashes).
    pub(super) spki: &'a [u8],
}

const SEQUENCE: u8 = 0x30;

pub(super) fn fields(der: &[u8]) -> Option<Fields<'_>> {
    let certificate = element(der).filter(|e| e.tag == SEQUENCE)?;
    let tbs = element(certificate.content).filter(|e| e.tag == SEQUENCE)?;
    let mut next = element(tbs.content)?;
    if next.tag == 0xa0 {
        next = element(next.rest)?; // [0] version
    }
    let signature = element(next.rest)?; // after the serial number
    let issuer = element(signature.rest)?;
    let validity = element(issuer.rest).filter(|e| e.tag == SEQUENCE)?;
    let subject = element(validity.rest).filter(|e| e.tag == SEQUENCE)?;
    let spki = element(subject.rest).filter(|e| e.tag == SEQUENCE)?;
    let not_before = element(validity.content)?;
    let not_after = element(not_before.rest)?;
    Some(Fields {
        subject: subject.content,
        not_after: not_after.content,
        not_after_tag: not_after.tag,
        spki: spki.whole,
    })
}

/// `CN=idms.partner.example, O=Partner` from a Name's RDN sequence.
pub(super) fn name_text(mut rdns: &[u8]) -> String {
    let mut parts = Vec::new();
    while let Some(set) = element(rdns) {
        rdns = set.rest;
        let Some(pair) = element(set.content) else { continue };
        let Some(oid) = element(pair.content) else { continue };
        let Some(value) = element(oid.rest) else { continue };
        let label = match oid.content {
            [0x55, 0x04, 0x03] => "CN",
            [0x55, 0x04, 0x06] => "C",
            [0x55, 0x04, 0x07] => "L",
            [0x55, 0x04, 0x08] => "ST",
            [0x55, 0x04, 0x0a] => "O",
            [0x55, 0x04, 0x0b] => "OU",
            _ => continue,
        };
        parts.push(format!("{label}={}", String::from_utf8_lossy(value.content)));
    }
    if parts.is_empty() {
        "(no subject name)".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `2031-01-01 00:00:00 UTC` from a UTCTime (tag 0x17) or GeneralizedTime (0x18).
pub(super) fn time_text(tag: u8, content: &[u8]) -> String {
    let text = String::from_utf8_lossy(content);
    let full = match tag {
        0x17 if text.len() >= 12 => {
            let year: u32 = text.get(..2).and_then(|y| y.parse().ok()).unwrap_or(0);
            format!("{}{text}", if year >= 50 { "19" } else { "20" })
        }
        0x18 => text.into_owned(),
        _ => return "(unreadable time)".to_owned(),
    };
    match (full.get(..4), full.get(4..6), full.get(6..8), full.get(8..10), full.get(10..12), full.get(12..14)) {
        (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) => format!("{y}-{mo}-{d} {h}:{mi}:{s} UTC"),
        _ => "(unreadable time)".to_owned(),
    }
}
