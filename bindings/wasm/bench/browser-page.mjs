// The page side of browser.mjs: runs in headless Chromium, served from a loopback server with the
// package's browser build at /pkg/, jose's WebCrypto build at /jose/ and the interop tokens at
// /interop.json. The same measurement as bench.mjs's token lines: ES256 and RS256 security-token
// validation, mcx-connect (one-call function and SecurityTokenValidator made once) against jose's
// jwtVerify with a local JWK Set made once, rounds interleaved (a, b, c, a, b, c, …), medians.
// Browsers expose no CPU time: each round is timed with performance.now() (wall-clock).
import init, * as api from "/pkg/web/index.js";
import * as jose from "/jose/index.js";

/** Medians in µs per call of each of `runs` ([[label, run], …]), over `rounds` interleaved rounds. */
async function timeInterleaved(iterations, rounds, runs) {
  for (const [, run] of runs) for (let i = 0; i < Math.min(2000, iterations); i++) await run(); // warm-up
  const samples = runs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [k, [, run]] of runs.entries()) {
      const start = performance.now();
      for (let i = 0; i < iterations; i++) await run();
      samples[k].push(((performance.now() - start) * 1000) / iterations);
    }
  }
  return runs.map(([label], k) => {
    const sorted = samples[k].sort((a, b) => a - b);
    return { label, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
  });
}

/** Runs the measurement; returns the browser's user agent and, per algorithm, the three medians. */
export async function run({ iterations, rounds }) {
  await init();
  const interop = await (await fetch("/interop.json")).json();
  const results = {};
  for (const alg of ["ES256", "RS256"]) {
    const entry = interop.tokens.find((t) => t.alg === alg && t.library.startsWith("PyJWT"));
    const jwks = { keys: interop.jwks.keys.filter((k) => k.kid === entry.kid) };
    const options = { issuer: interop.issuer, target: interop.target, jwks: JSON.stringify(jwks), leeway: 30 };
    const keySet = jose.createLocalJWKSet(jwks);
    const verifyOptions = {
      issuer: interop.issuer,
      audience: interop.target,
      algorithms: [alg],
      currentDate: new Date(interop.now * 1000),
      clockTolerance: 30,
    };
    // Both accept the token before anything is timed.
    const ours = await api.validateSecurityToken(options, entry.token, interop.client_id, interop.now);
    if (ours.claims.sub !== "alice@primary.example") throw new Error(`mcx-connect refused the ${alg} token`);
    if ((await jose.jwtVerify(entry.token, keySet, verifyOptions)).payload.sub !== "alice@primary.example") {
      throw new Error(`jose refused the ${alg} token`);
    }
    const validator = new api.SecurityTokenValidator(options);
    const check = { clientId: interop.client_id, now: interop.now };
    const [oneCall, once, joseVerify] = await timeInterleaved(iterations, rounds, [
      [`mcx-connect validateSecurityToken (${alg}, JWK Set read per call)`, () => api.validateSecurityToken(options, entry.token, interop.client_id, interop.now)],
      [`mcx-connect SecurityTokenValidator.validate (${alg}, made once)`, () => validator.validate(entry.token, check)],
      [`jose jwtVerify (${alg}, createLocalJWKSet once)`, () => jose.jwtVerify(entry.token, keySet, verifyOptions)],
    ]);
    results[alg] = { oneCall, once, jose: joseVerify };
  }
  return { userAgent: navigator.userAgent, results };
}
