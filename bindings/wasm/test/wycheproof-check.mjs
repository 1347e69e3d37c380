// Project Wycheproof's rules for the package's WebCrypto glue, shared by wycheproof.test.mjs (Node)
// and browser.test.mjs (Chromium): no `invalid` case accepted, every `valid` case accepted,
// `acceptable` cases counted. No Node-only API: it runs in a page too.

const hex = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** The group's key as a JWK: Wycheproof's own, or (EC groups without one) the uncompressed point's coordinates. */
function jwkOf(group) {
  const given = group.publicKeyJwk ?? group.keyJwk;
  if (given) return given;
  const point = hex(group.publicKey.uncompressed);
  const size = (point.length - 1) / 2;
  const crv = group.publicKey.curve === "secp256r1" ? "P-256" : "P-384";
  return { kty: "EC", crv, x: b64url(point.subarray(1, 1 + size)), y: b64url(point.subarray(1 + size)) };
}

/** Runs `sets` ([{ file, alg, testGroups }]) through `KeyRing`; resolves to `{ rows, failures }`. */
export async function checkSets(KeyRing, sets) {
  const failures = [];
  const rows = [];
  for (const { file, alg, testGroups } of sets) {
    const tally = { valid: 0, validAccepted: 0, invalid: 0, invalidRefused: 0, acceptable: 0, acceptableAccepted: 0 };
    for (const group of testGroups) {
      const ring = new KeyRing([jwkOf(group)]);
      for (const t of group.tests) {
        const answer = await ring.verify(alg, [0], hex(t.msg), hex(t.sig));
        if (answer !== "verified" && answer !== "refused") failures.push(`${file} #${t.tcId}: ${answer}`);
        const accepted = answer === "verified";
        tally[t.result] += 1;
        if (t.result === "valid" && accepted) tally.validAccepted += 1;
        if (t.result === "invalid" && !accepted) tally.invalidRefused += 1;
        if (t.result === "acceptable" && accepted) tally.acceptableAccepted += 1;
        if ((t.result === "valid" && !accepted) || (t.result === "invalid" && accepted)) {
          failures.push(`${file} #${t.tcId} (${t.result}, ${t.comment || "no comment"}): ${accepted ? "accepted" : "refused"}`);
        }
      }
    }
    rows.push(`${file} as ${alg}: valid accepted ${tally.validAccepted}/${tally.valid}, invalid refused ${tally.invalidRefused}/${tally.invalid}, acceptable accepted ${tally.acceptableAccepted}/${tally.acceptable}`);
  }
  return { rows, failures };
}
