//! The base64url of a compact JWS's three segments (RFC 7515 §2: unpadded, RFC 4648 §5).
//!
//! Read exactly as `base64ct::Base64UrlUnpadded` reads it (the same texts accepted, the same bytes
//! out: no padding, no other alphabet, no length of 4n + 1, the unused low bits of the last
//! character zero), but by plain comparisons instead of base64ct's constant-time arithmetic. A
//! token's segments are not secret inside validation: the header and the claims are parsed as
//! JSON as soon as they are decoded, which branches on every byte, and the signature is a public
//! input of verification (`rsassa.rs`). In the npm package, base64ct's decoding was the largest share of
//! a validation's own work (tests/BENCHMARKS.md). Secrets (client credentials, PKCE verifiers)
//! keep base64ct.

/// What [`value`] gives for a byte outside the alphabet: its two high bits are set, a value's never.
const INVALID: u8 = 0xFF;

/// The value of a base64url character (RFC 4648 §5, Table 2), or [`INVALID`].
fn value(byte: u8) -> u8 {
    match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => INVALID,
    }
}

/// Decodes one segment; `None` when it is not canonical unpadded base64url.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut quads = text.chunks_exact(4);
    for quad in &mut quads {
        let &[a, b, c, d] = quad else { return None };
        let [a, b, c, d] = [value(a), value(b), value(c), value(d)];
        if (a | b | c | d) & 0xC0 != 0 {
            return None;
        }
        let bits = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        let [_, first, second, third] = bits.to_be_bytes();
        out.extend_from_slice(&[first, second, third]);
    }
    match *quads.remainder() {
        [] => {}
        [a, b] => {
            let [a, b] = [value(a), value(b)];
            if (a | b) & 0xC0 != 0 || b & 0x0F != 0 {
                return None;
            }
            out.push(a << 2 | b >> 4);
        }
        [a, b, c] => {
            let [a, b, c] = [value(a), value(b), value(c)];
            if (a | b | c) & 0xC0 != 0 || c & 0x03 != 0 {
                return None;
            }
            out.extend_from_slice(&[a << 2 | b >> 4, b << 4 | c >> 2]);
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode;
    use base64ct::{Base64UrlUnpadded, Encoding};

    fn agrees(text: &str) {
        assert_eq!(decode(text), Base64UrlUnpadded::decode_vec(text).ok(), "{text:?}");
    }

    #[test]
    fn rfc7515_2_a_segment_reads_as_base64ct_reads_it_for_every_text_up_to_four_characters() {
        // Characters of the values 0, 1, 2, 3, 4, 8, 15, 16, 47, 48, 62 and 63 (each low bit alone,
        // and the high bits), padding, the other alphabet's two, a space, a non-ASCII character.
        let characters: Vec<char> = "ABCDEIPQvw-_=+/ é".chars().collect();
        agrees("");
        let mut text = String::new();
        for &a in &characters {
            agrees(&a.to_string());
            for &b in &characters {
                for &c in &characters {
                    for &d in &characters {
                        text.clear();
                        text.extend([a, b, c, d]);
                        agrees(&text);
                    }
                    text.clear();
                    text.extend([a, b, c]);
                    agrees(&text);
                }
                text.clear();
                text.extend([a, b]);
                agrees(&text);
            }
        }
    }

    #[test]
    fn rfc7515_2_longer_segments_and_their_last_quantum_read_as_base64ct_reads_them() {
        // Every length up to 70 bytes, each byte pattern; then each text with its last character
        // replaced by every other one (non-canonical low bits, other alphabets, padding).
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + len * 11) as u8).collect();
            let text = Base64UrlUnpadded::encode_string(&bytes);
            assert_eq!(decode(&text).as_deref(), Some(&bytes[..]));
            if let Some(stem) = text.get(..text.len().saturating_sub(1)) {
                for last in (0u8..=0x7F).map(char::from) {
                    agrees(&format!("{stem}{last}"));
                    agrees(&format!("{stem}{last}{last}"));
                    agrees(&format!("{text}{last}"));
                }
            }
        }
    }
}
