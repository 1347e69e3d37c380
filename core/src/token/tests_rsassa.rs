//! RFC 8017 RSA verification (`rsassa`) checked against the `rsa` crate: the same
//! signatures, the same arithmetic, the same refusals.

use super::rsassa::RsaPublicKey;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPrivateKey};
use sha2::Sha256;
use std::sync::OnceLock;

fn our_key(private: &RsaPrivateKey) -> RsaPublicKey {
    RsaPublicKey::new(&private.n().to_bytes_be(), &private.e().to_bytes_be()).unwrap()
}

/// Test keys, generated from a fixed seed: 2048 bits, 2049 bits (EMSA-PSS's `emLen` is then
/// one byte shorter than `k`), and 3072 bits with `e = 3`.
/// Generated once for all tests (prime generation takes seconds).
fn keys() -> Vec<RsaPrivateKey> {
    static KEYS: OnceLock<Vec<RsaPrivateKey>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut rng = ChaCha8Rng::seed_from_u64(8017);
        vec![
            RsaPrivateKey::new(&mut rng, 2048).unwrap(),
            RsaPrivateKey::new(&mut rng, 2049).unwrap(),
            RsaPrivateKey::new_with_exp(&mut rng, 3072, &BigUint::from(3u32)).unwrap(),
        ]
    })
    .clone()
}

fn flip_bit(bytes: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let bit = rng.next_u32() as usize % (out.len() * 8);
    out[bit / 8] ^= 1 << (bit % 8);
    out
}

#[test]
fn rfc8017_5_2_2_rsavp1_equals_modpow_for_moduli_of_every_size() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for bits in [2048usize, 2049, 2055, 2111, 3072, 4000, 4096] {
        for e in [3u64, 17, 65537, (1 << 33) - 1] {
            // Any odd modulus of exactly `bits` bits: the arithmetic does not need primes.
            let mut n = vec![0u8; bits.div_ceil(8)];
            rng.fill_bytes(&mut n);
            n[0] &= 0xff >> (n.len() * 8 - bits);
            n[0] |= 0x80 >> (n.len() * 8 - bits);
            *n.last_mut().unwrap() |= 1;
            let key =
                RsaPublicKey::new(&n, &e.to_be_bytes()[e.to_be_bytes().iter().take_while(|&&b| b == 0).count()..])
                    .unwrap();
            let modulus = BigUint::from_bytes_be(&n);
            for _ in 0..8 {
                let mut s = vec![0u8; n.len()];
                rng.fill_bytes(&mut s);
                let s_int = BigUint::from_bytes_be(&s);
                let got = key.rsavp1(&s);
                if s_int >= modulus {
                    assert_eq!(got, None, "s ≥ n must be refused");
                    continue;
                }
                let want = s_int.modpow(&BigUint::from(e), &modulus).to_bytes_be();
                let mut want_padded = vec![0u8; n.len() - want.len()];
                want_padded.extend(want);
                assert_eq!(got, Some(want_padded), "{bits} bits, e = {e}");
            }
            // The edges: 0, 1 and n − 1 (≡ −1, whose odd power is n − 1).
            let minus_one = (&modulus - 1u32).to_bytes_be();
            let mut zero = vec![0u8; n.len()];
            assert_eq!(key.rsavp1(&zero), Some(zero.clone()));
            *zero.last_mut().unwrap() = 1;
            assert_eq!(key.rsavp1(&zero), Some(zero.clone()));
            assert_eq!(key.rsavp1(&minus_one), Some(minus_one.clone()));
        }
    }
}

#[test]
fn rfc8017_8_2_2_pkcs1_v1_5_signatures_verify_and_any_changed_bit_does_not() {
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    for private in keys() {
        let ours = our_key(&private);
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(private);
        for len in [0usize, 1, 31, 32, 33, 200, 4096] {
            let mut message = vec![0u8; len];
            rng.fill_bytes(&mut message);
            let signature = signer.sign(&message).to_vec();
            assert!(ours.verify_pkcs1v15_sha256(&message, &signature));
            assert!(!ours.verify_pss_sha256(&message, &signature), "a PKCS #1 v1.5 signature is no PSS signature");
            assert!(!ours.verify_pkcs1v15_sha256(&message, &flip_bit(&signature, &mut rng)));
            if len > 0 {
                assert!(!ours.verify_pkcs1v15_sha256(&flip_bit(&message, &mut rng), &signature));
            }
        }
    }
}

#[test]
fn rfc7518_3_5_pss_signatures_with_a_32_byte_salt_verify_and_other_salts_do_not() {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for private in keys() {
        let ours = our_key(&private);
        let signer = rsa::pss::SigningKey::<Sha256>::new(private.clone());
        for len in [0usize, 1, 64, 1000] {
            let mut message = vec![0u8; len];
            rng.fill_bytes(&mut message);
            let signature = signer.sign_with_rng(&mut rng, &message).to_vec();
            assert!(ours.verify_pss_sha256(&message, &signature));
            assert!(!ours.verify_pkcs1v15_sha256(&message, &signature));
            assert!(!ours.verify_pss_sha256(&message, &flip_bit(&signature, &mut rng)));
            if len > 0 {
                assert!(!ours.verify_pss_sha256(&flip_bit(&message, &mut rng), &signature));
            }
        }
        for salt in [0usize, 20, 31, 33, 64] {
            let other = rsa::pss::SigningKey::<Sha256>::new_with_salt_len(private.clone(), salt);
            let signature = other.sign_with_rng(&mut rng, b"payload").to_vec();
            assert!(!ours.verify_pss_sha256(b"payload", &signature), "salt of {salt} bytes");
        }
    }
}

#[test]
fn rfc8017_5_2_2_signature_of_another_length_or_not_below_n_is_refused() {
    let private = keys().remove(0);
    let ours = our_key(&private);
    let n = private.n().to_bytes_be();
    let k = n.len();
    let signature = rsa::pkcs1v15::SigningKey::<Sha256>::new(private).sign(b"m").to_vec();
    let mut longer = vec![0u8];
    longer.extend(&signature);
    let mut above = n.clone();
    *above.last_mut().unwrap() += 2;
    for bad in [vec![], signature[1..].to_vec(), longer, n.clone(), above, vec![0xff; k]] {
        assert!(!ours.verify_pkcs1v15_sha256(b"m", &bad));
        assert!(!ours.verify_pss_sha256(b"m", &bad));
    }
}

#[test]
fn rfc8017_3_1_keys_with_an_even_modulus_or_a_bad_exponent_are_refused() {
    let n = keys().remove(0).n().to_bytes_be();
    let mut even = n.clone();
    *even.last_mut().unwrap() &= 0xfe;
    assert!(RsaPublicKey::new(&even, &[1, 0, 1]).unwrap_err().contains("even"));
    for e in [&[][..], &[1], &[2], &[1, 0, 0], &[2, 0, 0, 0, 1], &[1, 2, 3, 4, 5, 6, 7, 8, 9]] {
        assert!(RsaPublicKey::new(&n, e).is_err(), "e = {e:?}");
    }
    assert!(RsaPublicKey::new(&n, &[1, 0xff, 0xff, 0xff, 0xff]).is_ok(), "2^33 − 1 is the largest exponent");
    // Leading zero bytes are not part of the modulus (a JWK with them is refused earlier).
    let mut padded = vec![0u8; 9];
    padded.extend(&n);
    let (plain, zero_padded) =
        (RsaPublicKey::new(&n, &[1, 0, 1]).unwrap(), RsaPublicKey::new(&padded, &[1, 0, 1]).unwrap());
    let s = vec![7u8; n.len()];
    assert_eq!(plain.rsavp1(&s), zero_padded.rsavp1(&s));
    let mut huge = vec![0xffu8; 513];
    huge[0] = 1;
    assert!(RsaPublicKey::new(&huge, &[1, 0, 1]).unwrap_err().contains("4096"));
}
