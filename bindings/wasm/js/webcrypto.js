// The signature primitive the core leaves to the host, with the platform's WebCrypto
// (`crypto.subtle`): verify(alg, key, signing input, signature) for the validators, and ES256 /
// EdDSA signing for signToken and issueSecurityToken. The Rust side (src/host_crypto.rs) imports
// this file; the core decides everything else (structure, `alg` allow-list, key selection by
// `kid` and key/alg binding, the claim rules).

/** WebCrypto parameters of each JWS algorithm (RFC 7518 §3; ECDSA signatures are R ‖ S, as WebCrypto's). */
const ALGORITHMS = {
  ES256: { key: { name: "ECDSA", namedCurve: "P-256" }, use: { name: "ECDSA", hash: "SHA-256" } },
  ES384: { key: { name: "ECDSA", namedCurve: "P-384" }, use: { name: "ECDSA", hash: "SHA-384" } },
  RS256: { key: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, use: { name: "RSASSA-PKCS1-v1_5" } },
  PS256: { key: { name: "RSA-PSS", hash: "SHA-256" }, use: { name: "RSA-PSS", saltLength: 32 } },
  EdDSA: { key: { name: "Ed25519" }, use: { name: "Ed25519" } },
};

function subtle() {
  const found = globalThis.crypto?.subtle;
  if (!found) throw Object.assign(new Error("no crypto.subtle (WebCrypto needs a secure context, or Node 19+)"), { name: "NotSupportedError" });
  return found;
}

/** The members WebCrypto imports (`alg`, `use`, `key_ops` were checked by the core). */
function publicMembers({ kty, crv, x, y, n, e }) {
  return Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
}

/** The algorithm a key is imported with when the set is read (an RSA key gets PS256 when first used for it). */
function algorithmOf(jwk) {
  if (jwk.kty === "EC") return jwk.crv === "P-384" ? "ES384" : "ES256";
  return jwk.kty === "RSA" ? "RS256" : "EdDSA";
}

/**
 * The CryptoKeys of one JWK Set, imported once. Every key the core reads as usable is imported
 * when the ring is made: a key the platform refuses (a point not on its curve) refuses the whole
 * set, as the built-in reader does. An algorithm the runtime lacks (Ed25519 on an old runtime)
 * refuses only the tokens that need it.
 */
export class KeyRing {
  /** @param {Array<object | null>} keys the set's keys in order; null for a key the core ignores */
  constructor(keys) {
    this.keys = keys;
    this.imported = new Map();
    // The same keys once imported, and the set's verdict once known: the fast path of verify.
    this.resolved = new Map();
    this.accepted = false;
    const checks = keys.map((jwk, index) =>
      jwk === null
        ? null
        : this.key(index, algorithmOf(jwk)).then(
            () => null,
            (error) => (error?.name === "NotSupportedError" ? null : index),
          ),
    );
    this.refused = Promise.all(checks).then((results) => results.find((index) => index !== null) ?? null);
    this.refused.then((refused) => (this.accepted = refused === null), () => {});
  }

  key(index, alg) {
    const id = `${index} ${alg}`;
    let key = this.imported.get(id);
    if (key === undefined) {
      key = (async () => subtle().importKey("jwk", publicMembers(this.keys[index]), ALGORITHMS[alg].key, false, ["verify"]))();
      key.then((imported) => this.resolved.set(id, imported), () => {});
      this.imported.set(id, key);
    }
    return key;
  }

  /** Resolves to "ok" when the platform imported every usable key, or `malformed <index>`. */
  async check() {
    const refused = await this.refused;
    return refused === null ? "ok" : `malformed ${refused}`;
  }

  /**
   * Whether `signature` verifies under any of the keys at `indexes`. Resolves to "verified",
   * "refused", `malformed <index>` (the platform refused that key of the set) or
   * `unsupported` (the runtime has no such algorithm).
   */
  verify(alg, indexes, input, signature) {
    // Copies now: the views point into the wasm memory, which may grow (and detach them) while awaiting.
    [input, signature] = [input.slice(), signature.slice()];
    const key = indexes.length === 1 && this.accepted ? this.resolved.get(`${indexes[0]} ${alg}`) : undefined;
    if (key !== undefined) {
      return subtle().verify(ALGORITHMS[alg].use, key, signature, input).then((ok) => (ok ? "verified" : "refused"));
    }
    return this.#verify(alg, Array.from(indexes), input, signature);
  }

  async #verify(alg, indexes, input, signature) {
    const refused = await this.refused;
    if (refused !== null) return `malformed ${refused}`;
    for (const index of indexes) {
      let key;
      try {
        key = await this.key(index, alg);
      } catch (error) {
        return error?.name === "NotSupportedError" ? "unsupported" : `malformed ${index}`;
      }
      if (await subtle().verify(ALGORITHMS[alg].use, key, signature, input)) return "verified";
    }
    return "refused";
  }
}

// PKCS #8 (RFC 5208) of a private key without its public key: WebCrypto derives the public key.
const PKCS8_PREFIX = {
  // ECPrivateKey (RFC 5915) on prime256v1 (RFC 5480).
  ES256: [0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86,
    0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20],
  // CurvePrivateKey (RFC 8410 §7) of id-Ed25519.
  EdDSA: [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
};

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * A signing key from its 32 secret bytes (ES256: the P-256 scalar; EdDSA: the Ed25519 seed):
 * resolves to `{ key, jwk }` (the non-extractable CryptoKey and the public JWK's members), or
 * `null` when the platform refuses the bytes (not a valid scalar). The key is imported twice,
 * once extractable only to read its public part, which is all that leaves.
 */
export async function importSigningKey(alg, secret) {
  // RFC 5915: the scalar is from 1 to n - 1; some platforms would derive a key from 0.
  const scalar = BigInt(`0x${Array.from(secret, (b) => b.toString(16).padStart(2, "0")).join("")}`);
  if (alg === "ES256" && (scalar === 0n || scalar >= P256_ORDER)) return null;
  const der = new Uint8Array([...PKCS8_PREFIX[alg], ...secret]);
  const params = ALGORITHMS[alg].key;
  let exported;
  let key;
  try {
    exported = await subtle().exportKey("jwk", await subtle().importKey("pkcs8", der, params, true, ["sign"]));
    key = await subtle().importKey("pkcs8", der, params, false, ["sign"]);
  } catch (error) {
    if (error?.name === "NotSupportedError") throw error;
    return null;
  } finally {
    der.fill(0);
  }
  const { kty, crv, x, y } = exported;
  return { key, jwk: alg === "ES256" ? { kty, crv, x, y } : { kty, crv, x } };
}

/** Signs `input` with a key of importSigningKey: the JWS signature bytes (ECDSA as R ‖ S). */
export async function sign(alg, key, input) {
  return new Uint8Array(await subtle().sign(ALGORITHMS[alg].use, key, input));
}
