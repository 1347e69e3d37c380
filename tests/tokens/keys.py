"""Test keys for the token vectors: made once, then kept in keys.json (TEST KEYS ONLY)."""
import json
import os

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "keys.json")


def _jwk(key, kid, alg, use="sig"):
    algorithm = {"ES256": ECAlgorithm, "ES384": ECAlgorithm, "RS256": RSAAlgorithm, "EdDSA": OKPAlgorithm}[alg]
    private = algorithm.to_jwk(key, as_dict=True)
    private.update({"kid": kid, "use": use})
    return private


def make():
    """Deterministic EC/Ed25519 keys (fixed scalars/seeds); RSA keys are random, made once."""
    keys = [
        _jwk(ec.derive_private_key(0x1F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C5B6A79881F2E3D4C5B6A7988, ec.SECP256R1()), "p256-1", "ES256"),
        _jwk(ec.derive_private_key(0x2A3B4C5D6E7F80912A3B4C5D6E7F80912A3B4C5D6E7F80912A3B4C5D6E7F80912A3B4C5D6E7F8091, ec.SECP384R1()), "p384-1", "ES384"),
        _jwk(rsa.generate_private_key(public_exponent=65537, key_size=2048), "rsa-1", "RS256"),
        _jwk(ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32))), "ed-1", "EdDSA"),
        _jwk(rsa.generate_private_key(public_exponent=65537, key_size=1024), "rsa-small", "RS256"),
        # Not in the trusted set: an attacker's key (signs with kid p256-1).
        _jwk(ec.derive_private_key(0x0BADC0DE0BADC0DE0BADC0DE0BADC0DE0BADC0DE0BADC0DE0BADC0DE0BADC0DE, ec.SECP256R1()), "attacker", "ES256"),
    ]
    return {"note": "TEST KEYS ONLY, published on purpose; never use them anywhere else.", "private": keys}


def load():
    if not os.path.exists(PATH):
        with open(PATH, "w") as f:
            json.dump(make(), f, indent=1)
            f.write("\n")
    with open(PATH) as f:
        return json.load(f)


PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}


def public(jwk):
    """The public part (PyJWT writes `key_ops: ["sign"]` on private keys: dropped here)."""
    return {k: v for k, v in jwk.items() if k not in PRIVATE_MEMBERS and k != "key_ops"}


def by_kid(keys, kid):
    return next(k for k in keys["private"] if k["kid"] == kid)


def trusted_jwks(keys):
    """The primary IdMS's published JWK Set: every key but the attacker's, plus an encryption key."""
    out = [public(k) for k in keys["private"] if k["kid"] != "attacker"]
    enc = dict(public(by_kid(keys, "rsa-1")))
    enc.update({"kid": "rsa-enc", "use": "enc"})
    out.append(enc)
    verify_only = dict(public(by_kid(keys, "p256-1")))
    verify_only.update({"kid": "p256-sign-only", "key_ops": ["sign"]})
    verify_only.pop("use", None)
    out.append(verify_only)
    out.append({"kty": "oct", "kid": "oct-1", "alg": "HS256"})
    return {"keys": out}
