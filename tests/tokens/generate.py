#!/usr/bin/env python3
"""Generates the token vectors of mcx-connect (see README.md).

Writes, next to this file: claims.json (the claims the libraries sign), jose_tokens.json (via
`node jose_tokens.mjs`), interop.json (tokens signed by PyJWT, Authlib and jose, for
core/tests/token_interop.rs), and ../vectors/token.json (cases for the shared vector runners).
All times are fixed and every case gives its own `now`, so nothing expires.
"""
import base64
import copy
import hashlib
import hmac
import json
import os
import subprocess

import authlib
import cryptography
import jwt
from authlib.jose import JsonWebSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric import ec

import keys as keymod

from fixed import HERE, ISS, TARGET, CLIENT, IAT, EXP, NOW, SECRET, b64

NONCE = "n-0S6_WzA2Mj"
MCX_AUDIENCE = "https://mcptt.partner.example"

SECURITY = {"iss": ISS, "sub": "alice@primary.example", "aud": [CLIENT, TARGET], "iat": IAT, "exp": EXP,
            "jti": "st-0001", "mcptt_id": "sip:alice@primary.example"}
ID = {"iss": ISS, "sub": "alice@primary.example", "aud": CLIENT, "iat": IAT, "exp": EXP, "nonce": NONCE,
      "mcptt_id": "sip:alice@primary.example"}
ACCESS = {"iss": ISS, "sub": "alice@primary.example", "aud": MCX_AUDIENCE, "iat": IAT, "exp": EXP, "client_id": CLIENT,
          "scope": "openid 3gpp:mc:ptt_service 3gpp:mc:ptt_group_management_service", "mcptt_id": "sip:alice@primary.example"}

KEYS = keymod.load()
JWKS = keymod.trusted_jwks(KEYS)
# Cases whose token needs no RSA key carry the set without RSA keys (the vectors stay small).
JWKS_NO_RSA = {"keys": [k for k in JWKS["keys"] if k["kty"] != "RSA"]}
JWKS_RSA_1 = {"keys": [k for k in JWKS["keys"] if k["kid"] == "rsa-1"]}


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def pem(kid):
    """A private key object for PyJWT."""
    jwk = keymod.by_kid(KEYS, kid)
    algorithm = {"EC": jwt.algorithms.ECAlgorithm, "RSA": jwt.algorithms.RSAAlgorithm, "OKP": jwt.algorithms.OKPAlgorithm}[jwk["kty"]]
    return algorithm.from_jwk(json.dumps(jwk))


def pyjwt(claims, alg="ES256", kid="p256-1", headers=None):
    h = {"kid": kid} if kid else {}
    h.update(headers or {})
    key = pem({"ES256": "p256-1", "ES384": "p384-1", "RS256": "rsa-1", "PS256": "rsa-1", "EdDSA": "ed-1"}[alg])
    return jwt.encode(claims, key, algorithm=alg, headers=h)


def signed_with(kid_in_header, signing_kid, alg, claims):
    return jwt.encode(claims, pem(signing_kid), algorithm=alg, headers={"kid": kid_in_header})


def raw_jws(header, payload_bytes, alg="ES256", key_kid="p256-1"):
    """Signs arbitrary payload bytes (e.g. with a duplicate claim) with PyJWT's JWS layer."""
    return jwt.PyJWS().encode(payload_bytes, pem(key_kid), algorithm=alg, headers=header)


def authlib_token(claims, alg, kid):
    jws = JsonWebSignature(algorithms=[alg])
    header = {"alg": alg, "kid": kid, "typ": "JWT"}
    return jws.serialize_compact(header, json.dumps(claims, separators=(",", ":")).encode(), keymod.by_kid(KEYS, kid)).decode()


def hmac_token(header, claims, secret):
    signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384}[header["alg"]]
    return signing_input + "." + b64(hmac.new(secret, signing_input.encode(), digest).digest())


def tamper(token, part):
    """One byte changed in the decoded header (typ JWT->JWS), payload (sub alice->alicf) or signature (last bit)."""
    h, p, s = token.split(".")
    if part == "header":
        text = unb64(h)
        assert b'"JWT"' in text, text
        h = b64(text.replace(b'"JWT"', b'"JWS"', 1))
    elif part == "payload":
        text = unb64(p)
        assert b"alice" in text
        p = b64(text.replace(b"alice", b"alicf", 1))
    else:
        sig = bytearray(unb64(s))
        sig[-1] ^= 0x01
        s = b64(bytes(sig))
    return ".".join([h, p, s])


def with_(base, **changes):
    out = copy.deepcopy(base)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


CASES = []


def case(name, kind, token, expect, **inputs):
    try:
        header = json.loads(unb64(token.split(".")[0]))
    except Exception:
        header = {}
    needs_rsa = str(header.get("alg", "")).startswith(("RS", "PS")) or str(header.get("kid", "")).startswith("rsa")
    base = {"kind": kind, "token": token, "jwks": JWKS_RSA_1 if header.get("kid") == "rsa-1" else JWKS if needs_rsa else JWKS_NO_RSA, "issuer": ISS, "now": NOW}
    if kind == "security":
        base.update({"target": TARGET, "client_id": CLIENT})
    if kind == "id":
        base.update({"client_id": CLIENT})
    base.update(inputs)
    CASES.append({"name": name, "operation": "token.validate", "input": base, "expect": expect})


def ok(**claims):
    return {"ok": {"claims": claims}}


def err(code, **more):
    e = {"code": code}
    e.update(more)
    return {"error": e}


def main():
    with open(os.path.join(HERE, "claims.json"), "w") as f:
        json.dump({"security": SECURITY}, f, indent=1)
        f.write("\n")
    subprocess.run(["node", "jose_tokens.mjs"], cwd=HERE, check=True)
    with open(os.path.join(HERE, "jose_tokens.json")) as f:
        jose = json.load(f)

    interop = []
    for alg, kid in [("ES256", "p256-1"), ("ES384", "p384-1"), ("RS256", "rsa-1"), ("PS256", "rsa-1"), ("EdDSA", "ed-1")]:
        interop.append({"library": f"PyJWT {jwt.__version__}", "alg": alg, "kid": kid, "token": pyjwt(SECURITY, alg, kid, {"typ": "JWT"})})
    for alg, kid in [("ES256", "p256-1"), ("ES384", "p384-1"), ("RS256", "rsa-1"), ("PS256", "rsa-1"), ("EdDSA", "ed-1")]:
        interop.append({"library": f"Authlib {authlib.__version__}", "alg": alg, "kid": kid, "token": authlib_token(SECURITY, alg, kid)})
    interop += jose["tokens"]
    with open(os.path.join(HERE, "interop.json"), "w") as f:
        json.dump({"description": "Security tokens signed by independent libraries; see README.md",
                   "generators": [f"PyJWT {jwt.__version__}", f"Authlib {authlib.__version__}", f"cryptography {cryptography.__version__}", jose["generator"]],
                   "issuer": ISS, "target": TARGET, "client_id": CLIENT, "now": NOW, "jwks": JWKS, "tokens": interop}, f, indent=1)
        f.write("\n")

    # Interop: every library's token verifies; one byte changed in header, payload or signature does not.
    for t in interop:
        lib = t["library"].split()[0].lower()
        slug = f"{lib}_{t['alg'].lower()}"
        case(f"b_7_4_{slug}_security_token_is_authenticated", "security", t["token"], ok(sub="alice@primary.example", iss=ISS))
        for part in ("header", "payload", "signature"):
            case(f"b_7_4_{slug}_security_token_with_one_{part}_byte_changed_is_refused", "security", tamper(t["token"], part), err("token_bad_signature"))

    tok = pyjwt(SECURITY)
    # Time (B.2.1.2): exp required, leeway <= 30 s, nbf honoured, iat not in the future.
    case("b_2_1_2_token_is_valid_before_exp", "security", tok, ok(exp=EXP), now=EXP - 1)
    case("b_2_1_2_token_at_exp_is_expired", "security", tok, err("token_expired"), now=EXP)
    case("b_2_1_2_exp_within_30_second_leeway_is_accepted", "security", tok, ok(exp=EXP), now=EXP + 29, leeway=30)
    case("b_2_1_2_exp_past_30_second_leeway_is_refused", "security", tok, err("token_expired"), now=EXP + 30, leeway=30)
    case("b_2_1_2_exp_leeway_above_30_seconds_is_refused_at_configuration", "security", tok, err("leeway_too_large"), leeway=31)
    nbf = pyjwt(with_(SECURITY, nbf=NOW + 60))
    case("b_2_1_2_nbf_in_the_future_is_refused", "security", nbf, err("token_not_yet_valid"))
    case("b_2_1_2_nbf_within_leeway_is_accepted", "security", nbf, ok(nbf=NOW + 60), now=NOW + 30, leeway=30)
    future = pyjwt(with_(SECURITY, iat=NOW + 31))
    case("b_2_1_2_iat_in_the_future_beyond_leeway_is_refused", "security", future, err("token_issued_in_future"), leeway=30)
    case("b_2_1_2_iat_in_the_future_within_leeway_is_accepted", "security", future, ok(iat=NOW + 31), now=NOW + 1, leeway=30)
    case("b_2_1_2_exp_is_required", "security", pyjwt(with_(SECURITY, exp=None)), err("token_missing_claim", description_contains="`exp`"))
    case("b_2_1_2_iat_is_required", "security", pyjwt(with_(SECURITY, iat=None)), err("token_missing_claim", description_contains="`iat`"))
    case("rfc7519_exp_as_string_is_invalid", "security", pyjwt(with_(SECURITY, exp=str(EXP))), err("token_invalid_claim"))
    case("rfc7519_negative_iat_is_invalid", "security", pyjwt(with_(SECURITY, iat=-1)), err("token_invalid_claim"))
    case("rfc7519_fractional_exp_is_read_as_the_second_before", "security", pyjwt(with_(SECURITY, exp=EXP + 0.5)), ok(exp=EXP), now=EXP - 1)
    # iss, sub, aud, azp.
    case("b_2_1_2_iss_must_match_exactly", "security", pyjwt(with_(SECURITY, iss=ISS + "/")), err("token_wrong_issuer"))
    case("b_2_1_2_iss_is_case_sensitive", "security", pyjwt(with_(SECURITY, iss=ISS.upper())), err("token_wrong_issuer"))
    case("b_2_1_2_iss_is_required", "security", pyjwt(with_(SECURITY, iss=None)), err("token_missing_claim"))
    case("b_2_1_2_sub_is_required", "security", pyjwt(with_(SECURITY, sub=None)), err("token_missing_claim", description_contains="`sub`"))
    case("b_2_1_2_empty_sub_is_refused", "security", pyjwt(with_(SECURITY, sub="")), err("token_invalid_claim"))
    case("b_2_1_2_sub_must_be_a_string", "security", pyjwt(with_(SECURITY, sub=42)), err("token_invalid_claim"))
    case("b_2_1_2_sub_of_255_bytes_is_accepted", "security", pyjwt(with_(SECURITY, sub="a" * 255)), ok(sub="a" * 255))
    case("b_2_1_2_sub_of_256_bytes_is_refused", "security", pyjwt(with_(SECURITY, sub="a" * 256)), err("token_subject_too_long"))
    case("b_2_1_2_sub_limit_counts_utf8_bytes_not_characters", "security", pyjwt(with_(SECURITY, sub="é" * 128)), err("token_subject_too_long", description_contains="256 bytes"))
    case("b_2_1_2_sub_of_255_utf8_bytes_is_accepted", "security", pyjwt(with_(SECURITY, sub="é" * 127 + "a")), ok(sub="é" * 127 + "a"))
    case("b_2_1_2_sub_is_case_sensitive_and_kept_as_is", "security", pyjwt(with_(SECURITY, sub="Alice@Primary.Example")), ok(sub="Alice@Primary.Example"))
    case("b_2_1_2_security_token_aud_must_contain_the_client_id", "security", pyjwt(with_(SECURITY, aud=[TARGET])), err("token_audience_missing_client"))
    case("b_2_1_2_security_token_aud_must_contain_the_target_idms", "security", pyjwt(with_(SECURITY, aud=[CLIENT])), err("token_audience_missing_target"))
    case("b_2_1_2_security_token_for_another_partner_is_refused", "security", pyjwt(with_(SECURITY, aud=[CLIENT, "https://idms.other.example/token"])), err("token_audience_missing_target"))
    case("b_2_1_2_security_token_presented_by_another_client_is_refused", "security", tok, err("token_audience_missing_client"), client_id="other-client")
    case("b_2_1_2_aud_is_required", "security", pyjwt(with_(SECURITY, aud=None)), err("token_missing_claim"))
    case("b_2_1_2_aud_of_wrong_type_is_invalid", "security", pyjwt(with_(SECURITY, aud=7)), err("token_invalid_claim"))
    case("b_2_1_2_empty_aud_array_is_invalid", "security", pyjwt(with_(SECURITY, aud=[])), err("token_invalid_claim"))
    case("oidc_azp_other_than_client_is_refused", "security", pyjwt(with_(SECURITY, azp="other-client")), err("token_azp_mismatch"))
    case("oidc_azp_equal_to_client_is_accepted", "security", pyjwt(with_(SECURITY, azp=CLIENT)), ok(azp=CLIENT))
    # MCX identities per service.
    case("b_2_1_2_mcptt_id_is_read_when_ptt_is_required", "security", tok, ok(mcptt_id="sip:alice@primary.example"), services=["ptt"])
    case("b_2_1_2_missing_mcvideo_id_is_refused_when_video_is_required", "security", tok, err("token_missing_service_id", description_contains="mcvideo_id"), services=["video"])
    case("b_2_1_2_missing_mcdata_id_is_refused_when_data_is_required", "security", tok, err("token_missing_service_id", description_contains="mcdata_id"), services=["ptt", "data"])
    case("b_2_1_2_mcptt_id_must_be_a_string", "security", pyjwt(with_(SECURITY, mcptt_id=5)), err("token_invalid_claim"))
    # Algorithms, crit, keys.
    case("rfc8725_alg_none_is_refused", "security", jwt.encode(SECURITY, None, algorithm="none"), err("token_algorithm_refused"))
    pub_pem = pem("p256-1").public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    case("rfc8725_hs256_with_the_public_key_as_secret_is_refused", "security", hmac_token({"alg": "HS256", "kid": "p256-1", "typ": "JWT"}, SECURITY, pub_pem), err("token_algorithm_refused"))
    case("rfc8725_hs256_naming_an_oct_key_of_the_jwks_is_refused", "security", hmac_token({"alg": "HS256", "kid": "oct-1"}, SECURITY, SECRET), err("token_algorithm_refused"))
    hs = hmac_token({"alg": "HS256", "typ": "JWT"}, SECURITY, SECRET)
    case("hs256_with_the_configured_shared_secret_is_accepted", "security", hs, ok(sub="alice@primary.example"), shared_secret_hex=SECRET.hex())
    case("hs256_with_another_shared_secret_is_a_bad_signature", "security", hs, err("token_bad_signature"), shared_secret_hex=bytes(32).hex())
    case("hs384_is_refused_even_with_a_shared_secret", "security", hmac_token({"alg": "HS384"}, SECURITY, SECRET), err("token_algorithm_refused"), shared_secret_hex=SECRET.hex())
    case("hs256_secret_under_32_bytes_is_refused_at_configuration", "security", hs, err("validator_invalid"), shared_secret_hex=SECRET[:31].hex())
    case("algorithm_outside_the_configured_allow_list_is_refused", "security", pyjwt(SECURITY, "RS256", "rsa-1"), err("token_algorithm_refused"), algorithms=["ES256"])
    case("unknown_algorithm_is_refused", "security", tok.replace(tok.split(".")[0], b64(b'{"alg":"ES512","kid":"p256-1"}')), err("token_algorithm_refused"))
    case("rfc7515_4_1_11_crit_header_is_refused", "security", pyjwt(SECURITY, headers={"crit": ["exp-ext"], "exp-ext": 1}), err("token_crit_unsupported"))
    case("kid_that_no_trusted_key_has_is_refused", "security", pyjwt(SECURITY, kid="unknown"), err("token_unknown_key"))
    case("kid_of_a_p256_key_on_an_es384_token_is_a_key_mismatch", "security", signed_with("p256-1", "p384-1", "ES384", SECURITY), err("token_key_mismatch", description_contains="EC P-256"))
    case("kid_of_an_rsa_key_on_an_es256_token_is_a_key_mismatch", "security", signed_with("rsa-1", "p256-1", "ES256", SECURITY), err("token_key_mismatch"))
    case("kid_of_an_rsa_key_under_2048_bits_is_a_key_mismatch", "security", signed_with("rsa-small", "rsa-small", "RS256", SECURITY), err("token_key_mismatch", description_contains="2048"))
    case("kid_of_an_oct_key_is_a_key_mismatch", "security", signed_with("oct-1", "p256-1", "ES256", SECURITY), err("token_key_mismatch"))
    case("rfc7517_4_2_key_with_use_enc_does_not_verify_signatures", "security", signed_with("rsa-enc", "rsa-1", "RS256", SECURITY), err("token_key_not_for_signature"))
    case("rfc7517_4_3_key_ops_without_verify_does_not_verify_signatures", "security", signed_with("p256-sign-only", "p256-1", "ES256", SECURITY), err("token_key_not_for_signature"))
    case("token_signed_by_an_untrusted_key_with_a_trusted_kid_is_refused", "security", signed_with("p256-1", "attacker", "ES256", SECURITY), err("token_bad_signature"))
    case("without_kid_the_key_is_chosen_by_alg", "security", jwt.encode(SECURITY, pem("ed-1"), algorithm="EdDSA"), ok(sub="alice@primary.example"))
    case("without_kid_and_without_a_key_for_alg_the_key_is_unknown", "security", jwt.encode(SECURITY, pem("p256-1"), algorithm="ES256"), err("token_unknown_key"), jwks={"keys": [keymod.public(keymod.by_kid(KEYS, "rsa-1"))]})
    # RSA signatures (RFC 8017, RFC 7518 §3.3 and §3.5), signed with `cryptography` directly.
    rsa_key = pem("rsa-1")
    rs_input = pyjwt(SECURITY, "RS256", "rsa-1").rsplit(".", 1)[0]
    ps_input = pyjwt(SECURITY, "PS256", "rsa-1").rsplit(".", 1)[0]
    def rsa_signed(signing_input, pad, hash_alg):
        return signing_input + "." + b64(rsa_key.sign(signing_input.encode(), pad, hash_alg))
    for salt in (0, 20, 64):
        case(f"rfc7518_3_5_ps256_with_a_{salt}_byte_salt_is_a_bad_signature", "security",
             rsa_signed(ps_input, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=salt), hashes.SHA256()), err("token_bad_signature"))
    case("rfc7518_3_5_ps256_with_a_32_byte_salt_is_authenticated", "security",
         rsa_signed(ps_input, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256()), ok(sub="alice@primary.example"))
    case("rfc7518_3_3_rs256_header_over_an_rs384_signature_is_a_bad_signature", "security",
         rsa_signed(rs_input, padding.PKCS1v15(), hashes.SHA384()), err("token_bad_signature"))
    case("rfc7518_3_3_rs256_header_over_a_pss_signature_is_a_bad_signature", "security",
         rsa_signed(rs_input, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256()), err("token_bad_signature"))
    rs_signature = unb64(pyjwt(SECURITY, "RS256", "rsa-1").rsplit(".", 1)[1])
    modulus = unb64(keymod.by_kid(KEYS, "rsa-1")["n"])
    case("rfc8017_8_2_2_signature_one_byte_short_is_a_bad_signature", "security", rs_input + "." + b64(rs_signature[1:]), err("token_bad_signature"))
    case("rfc8017_8_2_2_signature_with_a_leading_zero_byte_added_is_a_bad_signature", "security", rs_input + "." + b64(b"\x00" + rs_signature), err("token_bad_signature"))
    case("rfc8017_5_2_2_signature_equal_to_the_modulus_is_a_bad_signature", "security", rs_input + "." + b64(modulus), err("token_bad_signature"))
    # Structure and size.
    case("token_over_the_size_limit_is_refused", "security", tok, err("token_too_large"), max_token_bytes=100)
    case("rfc7515_7_1_two_segments_are_malformed", "security", ".".join(tok.split(".")[:2]), err("token_malformed"))
    case("b_7_4_example_1_assertion_is_malformed", "security", "eyJhbGciOiJFUzI1NiIsImtpZCI6IjllciJ9.eyJhdWQiOiJodHRwczovL2JhY2tlbmQuZXhhbXBsZS5jb20iLCJpc3MiOiJodHRwczovL2FzLmV4YW1wbGUuY29tIiwiZXhwIjoxNDQxOTE3NTkzLCJpYXQiOjE0NDE5MTc1MzMsInN1YiI6ImJjQGV4YW1wbGUuY29tIiwic2NwIjpbImFwaSJdfQ.MXgnpvPMo0nhcePwnQbunD2gw_pDyCFASaobl6gyLAdyPbaALFuAOyFc4XTWaPEnHV_LGmXklSTpz0yC7hlSQ", err("token_malformed"))
    dup = raw_jws({"kid": "p256-1"}, b'{"iss":"%s","sub":"alice","sub":"mallory","aud":["%s","%s"],"iat":%d,"exp":%d}' % (ISS.encode(), CLIENT.encode(), TARGET.encode(), IAT, EXP))
    case("rfc7519_4_duplicate_claim_is_malformed", "security", dup, err("token_malformed", description_contains="duplicate"))
    case("payload_that_is_not_an_object_is_malformed", "security", raw_jws({"kid": "p256-1"}, b'["not","an","object"]'), err("token_malformed"))
    case("empty_issuer_is_refused_at_configuration", "security", tok, err("validator_invalid"), issuer="")

    # ID token (B.2.1.2, OpenID Connect Core 3.1.3.7).
    idt = pyjwt(ID)
    case("b_2_1_2_id_token_with_client_audience_is_accepted", "id", idt, ok(aud=[CLIENT], nonce=NONCE), nonce=NONCE)
    case("b_2_1_2_id_token_aud_must_contain_the_client_id", "id", pyjwt(with_(ID, aud="other-client")), err("token_audience_missing_client"))
    case("oidc_id_token_with_several_audiences_needs_azp", "id", pyjwt(with_(ID, aud=[CLIENT, "other"])), err("token_missing_claim", description_contains="azp"))
    case("oidc_id_token_with_several_audiences_and_azp_of_client_is_accepted", "id", pyjwt(with_(ID, aud=[CLIENT, "other"], azp=CLIENT)), ok(azp=CLIENT))
    case("oidc_id_token_azp_of_another_client_is_refused", "id", pyjwt(with_(ID, aud=[CLIENT, "other"], azp="other")), err("token_azp_mismatch"))
    case("oidc_id_token_nonce_must_match", "id", idt, err("token_nonce_mismatch"), nonce="another-nonce")
    case("oidc_id_token_without_nonce_when_one_was_sent_is_refused", "id", pyjwt(with_(ID, nonce=None)), err("token_missing_claim", description_contains="nonce"), nonce=NONCE)
    case("oidc_id_token_nonce_is_not_checked_when_none_was_sent", "id", idt, ok(nonce=NONCE))
    case("b_2_1_2_id_token_expired_is_refused", "id", idt, err("token_expired"), now=EXP + 5)

    # Access token (scope, client_id).
    at = pyjwt(ACCESS)
    case("access_token_scope_string_is_read", "access", at, {"ok": {"scope": "openid 3gpp:mc:ptt_service 3gpp:mc:ptt_group_management_service", "claims": {"client_id": CLIENT}}},
         audience=MCX_AUDIENCE, expected_client_id=CLIENT, scopes=["3gpp:mc:ptt_service"], services=["ptt"])
    case("access_token_scp_array_is_read_when_scope_is_absent", "access", pyjwt(with_(ACCESS, scope=None, scp=["openid", "3gpp:mc:ptt_service"])), {"ok": {"scope": "openid 3gpp:mc:ptt_service"}})
    case("access_token_with_both_scope_and_scp_is_ambiguous", "access", pyjwt(with_(ACCESS, scp=["openid"])), err("token_invalid_claim"))
    case("access_token_without_scope_is_refused", "access", pyjwt(with_(ACCESS, scope=None)), err("token_missing_claim", description_contains="scope"))
    case("access_token_comma_separated_scope_is_invalid", "access", pyjwt(with_(ACCESS, scope="openid,3gpp:mc:ptt_service")), err("token_invalid_claim"))
    case("access_token_missing_required_scope_is_refused", "access", at, err("token_scope_missing", description_contains="3gpp:mc:video_service"), scopes=["3gpp:mc:video_service"])
    case("access_token_for_another_client_is_refused", "access", at, err("token_client_mismatch"), expected_client_id="other-client")
    case("access_token_without_client_id_is_refused", "access", pyjwt(with_(ACCESS, client_id=None)), err("token_missing_claim", description_contains="client_id"))
    case("access_token_for_another_resource_server_is_refused", "access", at, err("token_audience_missing_target"), audience="https://mcdata.partner.example")

    # JWK Sets.
    def jwks_case(name, text, expect):
        CASES.append({"name": name, "operation": "jwks.parse", "input": {"jwks_text": text}, "expect": expect})
    jwks_case("rfc7517_5_trusted_jwks_is_read", json.dumps(JWKS), {"ok": {"keys": [
        {"kid": "p256-1", "key_type": "EC P-256"}, {"kid": "p384-1", "key_type": "EC P-384"}, {"kid": "rsa-1", "key_type": "RSA"},
        {"kid": "ed-1", "key_type": "OKP Ed25519"}, {"kid": "rsa-small", "key_type": "unsupported"}, {"kid": "rsa-enc", "key_type": "RSA"},
        {"kid": "p256-sign-only", "key_type": "EC P-256"}, {"kid": "oct-1", "key_type": "unsupported"}]}})
    jwks_case("jwks_with_a_private_key_is_refused", json.dumps({"keys": [keymod.by_kid(KEYS, "p256-1")]}), err("jwks_malformed", description_contains="private member `d`"))
    bad_point = dict(keymod.public(keymod.by_kid(KEYS, "p256-1")))
    bad_point["y"] = bad_point["x"]
    jwks_case("jwks_with_a_point_not_on_the_curve_is_refused", json.dumps({"keys": [bad_point]}), err("jwks_malformed"))
    bad_b64 = dict(keymod.public(keymod.by_kid(KEYS, "ed-1")))
    bad_b64["x"] = bad_b64["x"] + "=="
    jwks_case("jwks_with_padded_base64_is_refused", json.dumps({"keys": [bad_b64]}), err("jwks_malformed"))
    rsa_public = keymod.public(keymod.by_kid(KEYS, "rsa-1"))
    def rsa_variant(**members):
        key = dict(rsa_public, kid="rsa-bad")
        key.update(members)
        return json.dumps({"keys": [key]})
    n_bytes = unb64(rsa_public["n"])
    jwks_case("rfc8017_3_1_rsa_key_with_an_even_modulus_is_refused", rsa_variant(n=b64(n_bytes[:-1] + bytes([n_bytes[-1] & 0xFE]))), err("jwks_malformed", description_contains="even"))
    for label, e in (("1", b"\x01"), ("65536", b"\x01\x00\x00"), ("2_pow_34_plus_1", (2**34 + 1).to_bytes(5, "big"))):
        jwks_case(f"rfc8017_3_1_rsa_key_with_public_exponent_{label}_is_refused", rsa_variant(e=b64(e)), err("jwks_malformed", description_contains="exponent"))
    jwks_case("rsa_key_over_4096_bits_is_refused", rsa_variant(n=b64(b"\xc5" + n_bytes * 2)), err("jwks_malformed", description_contains="4096"))
    jwks_case("jwks_without_keys_array_is_refused", '{"key":[]}', err("jwks_malformed"))
    jwks_case("jwks_that_is_not_json_is_refused", "keys", err("jwks_malformed"))
    jwks_case("jwks_over_64_kib_is_refused", json.dumps({"keys": [], "pad": "x" * 65536}), err("jwks_too_large"))
    jwks_case("jwks_with_over_64_keys_is_refused", json.dumps({"keys": [{"kty": "oct"}] * 65}), err("jwks_malformed"))

    # Inspect (unverified).
    CASES.append({"name": "inspect_decodes_without_verifying", "operation": "token.inspect", "input": {"token": tamper(tok, "signature")},
                  "expect": {"ok": {"header": {"alg": "ES256", "kid": "p256-1"}, "claims": SECURITY, "signature_bytes": 64}}})
    CASES.append({"name": "inspect_refuses_what_is_not_a_jws", "operation": "token.inspect", "input": {"token": "a.b"}, "expect": err("token_malformed")})
    # RFC 7515 §2: each segment is canonical unpadded base64url (padding, `+`, unused low bits set).
    for name, token in [
        ("rfc7515_2_a_padded_segment_is_malformed", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0=.c2ln"),
        ("rfc7515_2_a_segment_in_the_other_base64_alphabet_is_malformed", "eyJhbGciOiJFUzI1N+J9.eyJzdWIiOiJhIn0.c2ln"),
        ("rfc7515_2_a_segment_with_unused_bits_set_is_malformed", "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn1.c2ln"),
    ]:
        CASES.append({"name": name, "operation": "token.inspect", "input": {"token": token}, "expect": err("token_malformed")})

    # Signing (deterministic ES256, RFC 6979): the public JWK matches cryptography's.
    secret = 0x1F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C5B6A7988
    numbers = ec.derive_private_key(secret, ec.SECP256R1()).public_key().public_numbers()
    CASES.append({"name": "es256_signing_key_publishes_its_public_jwk_and_signs_verifiable_tokens", "operation": "token.sign",
                  "input": {"secret_hex": "%064x" % secret, "kid": "p256-1", "claims": SECURITY},
                  "expect": {"ok": {"public_jwk": {"kty": "EC", "crv": "P-256", "kid": "p256-1", "alg": "ES256", "use": "sig",
                                                   "x": b64(numbers.x.to_bytes(32, "big")), "y": b64(numbers.y.to_bytes(32, "big"))},
                                    "verified_claims": SECURITY}}})
    CASES.append({"name": "es256_signing_key_of_zero_is_refused", "operation": "token.sign", "input": {"secret_hex": "00" * 32, "claims": SECURITY}, "expect": err("signing_key_invalid")})

    # Request flows: a bad assertion is invalid_grant (RFC 7523 3.1); a bad subject token invalid_request (RFC 8693 2.2.2).
    def bearer(assertion):
        body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion + "&client_id=" + CLIENT + "&scope=openid%203gpp%3Amc%3Aptt_service"
        return {"url": TARGET, "body": body}
    validator = {"jwks": JWKS, "issuer": ISS, "target": TARGET, "leeway": 30}
    CASES.append({"name": "b_7_4_partner_authenticates_the_assertion_in_one_call", "operation": "jwt_bearer.parse_and_verify",
                  "input": {"request": bearer(tok), "validator": validator, "now": NOW}, "expect": {"ok": {"client_id": CLIENT, "claims": {"sub": "alice@primary.example"}}}})
    CASES.append({"name": "rfc7523_3_1_expired_assertion_is_invalid_grant", "operation": "jwt_bearer.parse_and_verify",
                  "input": {"request": bearer(tok), "validator": validator, "now": EXP + 30}, "expect": err("token_expired", oauth_error="invalid_grant", status=400)})
    CASES.append({"name": "rfc7523_3_1_assertion_for_another_client_is_invalid_grant", "operation": "jwt_bearer.parse_and_verify",
                  "input": {"request": bearer(pyjwt(with_(SECURITY, aud=["other-client", TARGET]))), "validator": validator, "now": NOW},
                  "expect": err("token_audience_missing_client", oauth_error="invalid_grant")})
    exchange_body = ("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&resource=" + TARGET.replace(":", "%3A").replace("/", "%2F")
                     + "&subject_token={token}&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&client_id=" + CLIENT)
    access_validator = {"jwks": JWKS, "issuer": ISS, "audience": MCX_AUDIENCE}
    CASES.append({"name": "b_7_2_primary_validates_the_subject_token_in_one_call", "operation": "exchange.parse_and_verify",
                  "input": {"request": {"body": exchange_body.replace("{token}", at)}, "validator": access_validator, "now": NOW}, "expect": {"ok": {"claims": {"client_id": CLIENT}}}})
    CASES.append({"name": "rfc8693_2_2_2_bad_subject_token_is_invalid_request", "operation": "exchange.parse_and_verify",
                  "input": {"request": {"body": exchange_body.replace("{token}", tamper(at, "payload"))}, "validator": access_validator, "now": NOW},
                  "expect": err("token_bad_signature", oauth_error="invalid_request", status=400)})

    out = {"description": "Tokens (issue 4): JWS verification, JWK Sets, TS 33.180 B.2.1.2 claims, security/ID/access tokens. "
                          "Generated by tests/tokens/generate.py; see tests/tokens/README.md.", "cases": CASES}
    os.makedirs(os.path.join(HERE, "..", "vectors"), exist_ok=True)
    with open(os.path.join(HERE, "..", "vectors", "token.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(interop)} interop tokens, {len(CASES)} vector cases")


if __name__ == "__main__":
    main()
