//! RSA signature verification (RFC 8017): RSASSA-PKCS1-v1_5 and RSASSA-PSS with SHA-256,
//! the two RSA algorithms of JWS (RFC 7518 §3.3 RS256, §3.5 PS256).
//!
//! Only the public-key side is here: RSAVP1 (`s^e mod n`) and the two encoding checks. No
//! secret takes part in verification, so the arithmetic need not run in constant time; what it
//! must be is exact, and the tests check it against the `rsa` crate and `BigUint::modpow`.
//!
//! Why not the `rsa` crate: its `modpow` walks a fixed 4-bit window over all 64 bits of the
//! exponent's limb and computes `R² mod n` on every call, about 100 Montgomery products per
//! signature. With `R² mod n` computed once, when the key is read, and a plain
//! square-and-multiply over the 17 bits of `e = 65537`, a verification costs 19 products.

use super::rsa_key::check_public;
use sha2::{Digest, Sha256};

/// A limb of the arithmetic and the double-width type of its products. (32-bit limbs on wasm32,
/// where a `u128` product is a library call, were measured only about 10 % faster there: not
/// worth a second code path.)
type Limb = u64;
type Wide = u128;
const LIMB_BITS: usize = Limb::BITS as usize;
const LIMB_BYTES: usize = LIMB_BITS / 8;

/// Output length of SHA-256, also the PSS salt length of PS256 (RFC 7518 §3.5).
const HASH_LEN: usize = 32;
/// DER `DigestInfo` prefix for SHA-256 (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO: [u8; 19] =
    [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

/// An RSA public key ready for verification: the modulus in limbs with its Montgomery
/// constants. `Debug` shows the size only.
#[derive(Clone)]
pub(crate) struct RsaPublicKey {
    /// `n`, least significant limb first; the top limb is not zero.
    n: Vec<Limb>,
    /// `-n⁻¹` modulo the limb base.
    n0_inv: Limb,
    /// `R² mod n` with `R = 2^(LIMB_BITS·limbs)`: multiplying by it enters Montgomery form.
    r_squared: Vec<Limb>,
    e: u64,
    /// Modulus length in bits and in bytes (`k` of RFC 8017).
    bits: usize,
    k: usize,
}

impl std::fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaPublicKey({} bits, e = {})", self.bits, self.e)
    }
}

impl RsaPublicKey {
    /// Reads `n` and `e` (big-endian, no leading zero byte). The reason of a refusal is short
    /// and never quotes the key.
    pub(crate) fn new(n: &[u8], e: &[u8]) -> Result<Self, String> {
        // Leading zero bytes would make `k` and the limb count disagree with the signature's.
        let (n, e) = check_public(n, e)?;
        let bits = super::rsa_key::bit_length(&n);
        let n = limbs(&n);
        let n0 = n.first().copied().unwrap_or(1);
        // Newton's iteration doubles the correct low bits each step: 1 → 64 in six.
        let inverse = (0..6).fold(1 as Limb, |x, _| x.wrapping_mul((2 as Limb).wrapping_sub(n0.wrapping_mul(x))));
        let mut key = Self { n0_inv: inverse.wrapping_neg(), r_squared: Vec::new(), n, e, bits, k: bits.div_ceil(8) };
        key.r_squared = key.r_squared_mod_n();
        Ok(key)
    }

    /// RSASSA-PKCS1-v1_5-VERIFY with SHA-256 (RFC 8017 §8.2.2): the whole encoded message is
    /// rebuilt and compared, nothing of the recovered one is parsed.
    pub(crate) fn verify_pkcs1v15_sha256(&self, message: &[u8], signature: &[u8]) -> bool {
        let Some(em) = self.rsavp1(signature) else { return false };
        let t_len = SHA256_DIGEST_INFO.len() + HASH_LEN;
        let Some(padding) = self.k.checked_sub(t_len + 3).filter(|&p| p >= 8) else { return false };
        let mut expected = Vec::with_capacity(self.k);
        expected.extend_from_slice(&[0x00, 0x01]);
        expected.resize(2 + padding, 0xff);
        expected.push(0x00);
        expected.extend_from_slice(&SHA256_DIGEST_INFO);
        expected.extend_from_slice(&Sha256::digest(message));
        em == expected
    }

    /// RSASSA-PSS-VERIFY with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017 §8.1.2,
    /// EMSA-PSS-VERIFY §9.1.2; RFC 7518 §3.5 fixes the salt length to the hash length).
    pub(crate) fn verify_pss_sha256(&self, message: &[u8], signature: &[u8]) -> bool {
        let Some(recovered) = self.rsavp1(signature) else { return false };
        // §8.1.2 step 2c: EM = I2OSP(m, emLen) with emLen = ⌈(modBits − 1)/8⌉, which is one byte
        // shorter than k when modBits ≡ 1 (mod 8); that byte must then be zero.
        let em_bits = self.bits - 1;
        let em_len = em_bits.div_ceil(8);
        let (excess, em) = recovered.split_at(self.k - em_len);
        if excess.iter().any(|&b| b != 0) || em_len < HASH_LEN + HASH_LEN + 2 {
            return false;
        }
        // §9.1.2 steps 4–6.
        let (masked_db, rest) = em.split_at(em_len - HASH_LEN - 1);
        let (h, trailer) = rest.split_at(HASH_LEN);
        let top_mask = 0xffu8 >> (8 * em_len - em_bits);
        if trailer != [0xbc] || masked_db.first().is_none_or(|&b| b & !top_mask != 0) {
            return false;
        }
        // Steps 7–10: DB = maskedDB ⊕ MGF1(H), leftmost bits cleared, then PS zeros, 0x01, salt.
        let mut db = masked_db.to_vec();
        mgf1_sha256_xor(h, &mut db);
        if let Some(first) = db.first_mut() {
            *first &= top_mask;
        }
        let (ps_and_one, salt) = db.split_at(db.len() - HASH_LEN);
        let Some((&one, ps)) = ps_and_one.split_last() else { return false };
        if one != 0x01 || ps.iter().any(|&b| b != 0) {
            return false;
        }
        // Steps 12–14: H' = Hash(0x00 × 8 ‖ mHash ‖ salt) must equal H.
        let h_prime = Sha256::new().chain_update([0u8; 8]).chain_update(Sha256::digest(message)).chain_update(salt);
        h_prime.finalize().as_slice() == h
    }

    /// RSAVP1 (RFC 8017 §5.2.2) on a signature of exactly `k` bytes: `s^e mod n` as `k`
    /// big-endian bytes, or `None` when the signature has another length or `s ≥ n`.
    pub(super) fn rsavp1(&self, signature: &[u8]) -> Option<Vec<u8>> {
        if signature.len() != self.k {
            return None;
        }
        let s = limbs(signature);
        if !less_than(&s, &self.n) {
            return None;
        }
        Some(to_bytes(&self.pow_e(&s), self.k))
    }

    /// `base^e mod n` for `base < n`: left-to-right square-and-multiply in Montgomery form.
    fn pow_e(&self, base: &[Limb]) -> Vec<Limb> {
        let base = self.montgomery_product(base, &self.r_squared);
        let mut acc = base.clone();
        for bit in (0..63 - self.e.leading_zeros()).rev() {
            acc = self.montgomery_product(&acc, &acc);
            if (self.e >> bit) & 1 == 1 {
                acc = self.montgomery_product(&acc, &base);
            }
        }
        let mut one = vec![0; self.n.len()];
        if let Some(low) = one.first_mut() {
            *low = 1;
        }
        self.montgomery_product(&acc, &one)
    }

    /// `a·b·R⁻¹ mod n` for `a, b < n` (CIOS, Koç–Acar–Kaliski 1996); the result is `< n`.
    fn montgomery_product(&self, a: &[Limb], b: &[Limb]) -> Vec<Limb> {
        let len = self.n.len();
        // t has two limbs over n: the running sum stays below 2n and its carries land there.
        let mut t: Vec<Limb> = vec![0; len + 2];
        for &b_i in b {
            let carry = multiply_add(&mut t, a, b_i);
            add_carry(t.iter_mut().skip(len), carry);
            // Adding m·n with m = t₀·(−n⁻¹) clears the low limb; the sum is written one limb
            // lower, which divides by 2⁶⁴.
            let m = t.first().copied().unwrap_or(0).wrapping_mul(self.n0_inv);
            let carry = multiply_add_shift(&mut t, &self.n, m);
            let (high, overflow) = t.get(len).copied().unwrap_or(0).overflowing_add(carry);
            let top = t.get(len + 1).copied().unwrap_or(0) + Limb::from(overflow);
            for (slot, value) in t.iter_mut().skip(len - 1).zip([high, top, 0]) {
                *slot = value;
            }
        }
        if !less_than(&t, &self.n) {
            subtract(&mut t, &self.n);
        }
        t.truncate(len);
        t
    }

    /// `R² mod n`, the Montgomery form of `R`. With `x_t = R·2^t mod n` (the Montgomery form of
    /// `2^t`), squaring in Montgomery form doubles `t`: reach `x_{t₀}` by doubling (from
    /// `2^(bits − 1) < n` up to `R`, then `t₀` more), then square up to `t = LIMB_BITS·limbs`.
    fn r_squared_mod_n(&self) -> Vec<Limb> {
        let len = self.n.len();
        let (mut t0, mut squarings) = (LIMB_BITS * len, 0);
        while t0 % 2 == 0 && t0 / 2 >= LIMB_BITS {
            t0 /= 2;
            squarings += 1;
        }
        let mut x: Vec<Limb> = vec![0; len + 1];
        let top = self.bits - 1;
        if let Some(limb) = x.get_mut(top / LIMB_BITS) {
            *limb = 1 << (top % LIMB_BITS);
        }
        for _ in top..LIMB_BITS * len + t0 {
            let mut carry = 0;
            for limb in &mut x {
                let next = *limb >> (LIMB_BITS - 1);
                *limb = (*limb << 1) | carry;
                carry = next;
            }
            if !less_than(&x, &self.n) {
                subtract(&mut x, &self.n);
            }
        }
        x.truncate(len);
        for _ in 0..squarings {
            x = self.montgomery_product(&x, &x);
        }
        x
    }
}

/// `t[..a.len()] += a·y`, returning the carry out of the last limb.
fn multiply_add(t: &mut [Limb], a: &[Limb], y: Limb) -> Limb {
    let mut carry: Limb = 0;
    for (t_j, &a_j) in t.iter_mut().zip(a) {
        let sum = Wide::from(*t_j) + Wide::from(a_j) * Wide::from(y) + Wide::from(carry);
        *t_j = sum as Limb;
        carry = (sum >> LIMB_BITS) as Limb;
    }
    carry
}

/// `t = (t + a·y) / base` over the first `a.len()` limbs of `t`, for `y` chosen so that the
/// low limb of the sum is zero: limb `j` of the sum is written to limb `j − 1`. Returns the
/// carry out of the last limb, which belongs at limb `a.len() − 1` and above.
fn multiply_add_shift(t: &mut [Limb], a: &[Limb], y: Limb) -> Limb {
    let Some((low, rest)) = t.split_first_mut() else { return 0 };
    let (Some(&a_0), Some(a_rest)) = (a.first(), a.get(1..)) else { return 0 };
    let mut carry = ((Wide::from(*low) + Wide::from(a_0) * Wide::from(y)) >> LIMB_BITS) as Limb;
    let mut previous = low;
    for (t_j, &a_j) in rest.iter_mut().zip(a_rest) {
        let sum = Wide::from(*t_j) + Wide::from(a_j) * Wide::from(y) + Wide::from(carry);
        *previous = sum as Limb;
        carry = (sum >> LIMB_BITS) as Limb;
        previous = t_j;
    }
    carry
}

fn add_carry<'a>(limbs: impl Iterator<Item = &'a mut Limb>, mut carry: Limb) {
    for limb in limbs {
        if carry == 0 {
            return;
        }
        let (sum, overflow) = limb.overflowing_add(carry);
        *limb = sum;
        carry = Limb::from(overflow);
    }
}

/// `x < m` for little-endian limbs; `x` may be longer than `m` (its extra limbs count).
fn less_than(x: &[Limb], m: &[Limb]) -> bool {
    if x.iter().skip(m.len()).any(|&limb| limb != 0) {
        return false;
    }
    for (a, b) in x.iter().zip(m).rev() {
        if a != b {
            return a < b;
        }
    }
    false
}

/// `x -= m` for `x ≥ m` (limbs of `x` beyond `m` absorb the borrow).
fn subtract(x: &mut [Limb], m: &[Limb]) {
    let mut borrow = false;
    for (i, limb) in x.iter_mut().enumerate() {
        let (d1, b1) = limb.overflowing_sub(m.get(i).copied().unwrap_or(0));
        let (d2, b2) = d1.overflowing_sub(Limb::from(borrow));
        *limb = d2;
        borrow = b1 || b2;
    }
}

/// Big-endian bytes to little-endian limbs.
fn limbs(bytes: &[u8]) -> Vec<Limb> {
    bytes.rchunks(LIMB_BYTES).map(|chunk| chunk.iter().fold(0, |acc, &b| (acc << 8) | Limb::from(b))).collect()
}

/// Little-endian limbs to `len` big-endian bytes (the value fits: it is below `n`).
fn to_bytes(limbs: &[Limb], len: usize) -> Vec<u8> {
    let bytes: Vec<u8> = limbs.iter().rev().flat_map(|limb| limb.to_be_bytes()).collect();
    bytes.get(bytes.len().saturating_sub(len)..).unwrap_or_default().to_vec()
}

/// `data ⊕= MGF1-SHA-256(seed, data.len())` (RFC 8017 §B.2.1).
fn mgf1_sha256_xor(seed: &[u8], data: &mut [u8]) {
    for (counter, chunk) in (0u32..).zip(data.chunks_mut(HASH_LEN)) {
        let mask = Sha256::new().chain_update(seed).chain_update(counter.to_be_bytes()).finalize();
        for (byte, m) in chunk.iter_mut().zip(mask) {
            *byte ^= m;
        }
    }
}
