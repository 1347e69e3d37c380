//! The parameters of an RSA public key read from a JWK (RFC 8017 §3.1, RFC 7518 §6.3.1): its
//! size, its public exponent and an odd modulus. No arithmetic: the signature check is
//! `rsassa` (feature `builtin-crypto`) or the host's crypto.

/// Smallest modulus accepted, in bits (RFC 7518 §3.3).
pub(crate) const MIN_BITS: usize = 2048;
/// Largest modulus accepted, in bits.
pub(crate) const MAX_BITS: usize = 4096;
/// Largest public exponent accepted (the bound of the `rsa` crate and of common practice).
const MAX_EXPONENT: u64 = (1 << 33) - 1;

/// The public exponent (big-endian) when it is an odd number from 3 to 2^33 - 1.
pub(crate) fn exponent(e: &[u8]) -> Option<u64> {
    let e = match e.len() {
        1..=8 => e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
        _ => return None,
    };
    (e >= 3 && e & 1 == 1 && e <= MAX_EXPONENT).then_some(e)
}

/// Length in bits of a big-endian unsigned integer.
pub(crate) fn bit_length(bytes: &[u8]) -> usize {
    let skipped = bytes.iter().take_while(|&&b| b == 0).count();
    match bytes.get(skipped) {
        Some(&top) => (bytes.len() - skipped) * 8 - top.leading_zeros() as usize,
        None => 0,
    }
}

/// Checks `n` and `e` (big-endian) of a public key and returns `n` without leading zero bytes
/// and `e`. The reason of a refusal is short and never quotes the key.
pub(crate) fn check_public(n: &[u8], e: &[u8]) -> Result<(Vec<u8>, u64), String> {
    let n = n.get(n.iter().take_while(|&&b| b == 0).count()..).unwrap_or_default();
    let bits = bit_length(n);
    if bits > MAX_BITS {
        return Err(format!("a {bits}-bit modulus is over the {MAX_BITS} bits accepted"));
    }
    if n.last().is_none_or(|low| low & 1 == 0) {
        return Err("the modulus is even".to_owned());
    }
    let e = exponent(e).ok_or_else(|| "the public exponent is not an odd number from 3 to 2^33 - 1".to_owned())?;
    Ok((n.to_vec(), e))
}
