// Benchmarks of the npm package in Node (not timed tests), each against a JavaScript library in
// the same run, with ratios: request construction against oauth4webapi (fetch stubbed), security
// token validation against jose (WebCrypto), profile reading against fast-xml-parser.
// Run: node bindings/wasm/bench/bench.mjs  (after build.sh; uses the installed tarball).
// BENCH_ONLY=requests runs only request construction (and the server-role parse).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { importPackage } from "../test/install-package.mjs";

// The comparison libraries are the test folder's dev dependencies (bindings/wasm/test/package.json).
const fromTests = createRequire(new URL("../test/package.json", import.meta.url));
const load = (name) => import(pathToFileURL(fromTests.resolve(name)).href);
const oauth = await load("oauth4webapi");
const jose = await load("jose");
const fastXmlParser = await load("fast-xml-parser");
const XMLParser = fastXmlParser.XMLParser ?? fastXmlParser.default.XMLParser;

const api = await importPackage();
const ITER = Number(process.env.BENCH_ITER ?? 20000);
const ROUNDS = 5;

const primary = { issuer: "https://idms.primary.example", token_endpoint: "https://idms.primary.example/as/token.oauth2" };
const partner = { issuer: "https://idms.partner.example", token_endpoint: "https://idms.partner.example/as/token.oauth2" };
const client = { client_id: "mcptt-client" };
const assertion =
  "eyJhbGciOiJFUzI1NiIsImtpZCI6InByaW1hcnktMSJ9.eyJzdWIiOiJhbGljZUBwcmltYXJ5LmV4YW1wbGUiLCJpc3MiOiJodHRwczovL2lkbXMucHJpbWFyeS5leGFtcGxlIiwiYXVkIjpbIm1jcHR0LWNsaWVudCIsImh0dHBzOi8vaWRtcy5wYXJ0bmVyLmV4YW1wbGUvYXMvdG9rZW4ub2F1dGgyIl0sImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMTIwfQ.MEUCIQDx4c2lnbmF0dXJlLXBsYWNlaG9sZGVyLXRoYXQtaXMtbG9uZy1lbm91Z2g";
const scope = api.scopeForService("ptt");

// The stub answers at once with one prepared Response (oauth4webapi's request function does not
// read it): only request construction and oauth4webapi's promise plumbing are measured. Both
// sides are awaited the same way.
const stubResponse = new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
const options = { [oauth.customFetch]: async () => stubResponse };
// oauth4webapi hands fetch its body as URLSearchParams, which fetch serializes when it sends; ours
// returns the body's bytes. The stub above never serializes it, so that baseline does less work
// than ours; this one also makes the bytes fetch would send (shown for comparison; the ratio of
// record is against the stub above).
const utf8 = new TextEncoder();
const serializing = { [oauth.customFetch]: async (_url, init) => (utf8.encode(init.body.toString()), stubResponse) };

// Process CPU time (user + system), not wall-clock: steadier on a shared machine. Median of ROUNDS.
async function time(label, iterations, run) {
  for (let i = 0; i < Math.min(2000, iterations); i++) await run(); // warm-up
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await run();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / iterations);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(60)} ${median.toFixed(2).padStart(9)} µs/op (CPU)`);
  return median;
}

/** `time` for several contenders whose rounds interleave (a, b, c, a, b, c, …), so that a change of
 * the shared machine's load falls on each alike; the median of each. `runs`: [[label, run], …]. */
async function timeInterleaved(iterations, runs) {
  for (const [, run] of runs) for (let i = 0; i < Math.min(2000, iterations); i++) await run(); // warm-up
  const samples = runs.map(() => []);
  for (let r = 0; r < ROUNDS * 2; r++) {
    for (const [k, [, run]] of runs.entries()) {
      const start = process.cpuUsage();
      for (let i = 0; i < iterations; i++) await run();
      const used = process.cpuUsage(start);
      samples[k].push((used.user + used.system) / iterations);
    }
  }
  return runs.map(([label], k) => {
    const sorted = samples[k].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`${label.padEnd(60)} ${median.toFixed(2).padStart(9)} µs/op (CPU)`);
    return median;
  });
}

const results = {};
// Request construction: each of ours interleaves round by round with the oauth4webapi call given
// the same parameters and the same client authentication (Basic for the token exchange, client_id
// in the body for jwt-bearer), so a change of the shared machine's load falls on all alike. Ours
// also checks what oauth4webapi does not (the scope's syntax and its B.7.4 values, the `resource`
// against the endpoint policy, the assertion not empty) and returns the body as bytes.
// oauth4webapi's two requests, with its fetch stub (`options`) or one that serializes the body as fetch
// does (`serializing`).
const theirExchange = (fetchOptions) =>
  oauth.genericTokenEndpointRequest(
    primary,
    client,
    oauth.ClientSecretBasic("s3cret"),
    "urn:ietf:params:oauth:grant-type:token-exchange",
    new URLSearchParams({
      resource: partner.token_endpoint,
      subject_token: "primary-access-token",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
    }),
    fetchOptions,
  );
const theirBearer = (fetchOptions) =>
  oauth.genericTokenEndpointRequest(partner, client, oauth.None(), "urn:ietf:params:oauth:grant-type:jwt-bearer", new URLSearchParams({ assertion, scope }), fetchOptions);
const exchangeClient = { method: "client_secret_basic", clientId: client.client_id, clientSecret: "s3cret" };
[results.oursExchange, results.theirsExchange, results.serializedExchange] = await timeInterleaved(ITER, [
  [
    "mcx-connect buildTokenExchangeRequest",
    () => api.buildTokenExchangeRequest(primary.token_endpoint, { resource: partner.token_endpoint, subjectToken: "primary-access-token", client: exchangeClient }),
  ],
  ["oauth4webapi genericTokenEndpointRequest (token exchange)", () => theirExchange(options)],
  ["oauth4webapi, body serialized as fetch does (token exchange)", () => theirExchange(serializing)],
]);
[results.oursBearer, results.theirsBearer, results.serializedBearer] = await timeInterleaved(ITER, [
  [
    "mcx-connect buildJwtBearerRequest",
    () => api.buildJwtBearerRequest(partner.token_endpoint, { assertion, client: { method: "client_id", clientId: client.client_id }, scope }),
  ],
  ["oauth4webapi genericTokenEndpointRequest (jwt-bearer)", () => theirBearer(options)],
  ["oauth4webapi, body serialized as fetch does (jwt-bearer)", () => theirBearer(serializing)],
]);
results.oursParse = await time("mcx-connect parseJwtBearerRequest (server role)", ITER, () =>
  api.parseJwtBearerRequest({
    method: "POST",
    url: partner.token_endpoint,
    headers: [["Content-Type", "application/x-www-form-urlencoded"]],
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion, client_id: "c", scope }).toString(),
  }),
);

const ratio = (ours, theirs) => (theirs / ours).toFixed(2);
const requestRatios = () => {
  console.log(`ratio token exchange:       oauth4webapi / mcx-connect = ${ratio(results.oursExchange, results.theirsExchange)} (${ratio(results.oursExchange, results.serializedExchange)} with its body serialized)`);
  console.log(`ratio jwt-bearer:           oauth4webapi / mcx-connect = ${ratio(results.oursBearer, results.theirsBearer)} (${ratio(results.oursBearer, results.serializedBearer)} with its body serialized)`);
};
if (process.env.BENCH_ONLY === "requests") {
  requestRatios();
  console.log("(CPU time ratios; above 1 means mcx-connect is faster)");
  process.exit(0);
}

// Security-token validation (B.7.4) of the interop tokens (tests/tokens/interop.json), ES256 and
// RS256, each with a JWK Set holding its one key: mcx-connect's one-call function (reads and imports
// the JWK Set on every call) and its SecurityTokenValidator made once (keys imported once), against
// jose with its idiomatic setup, a local JWK Set made once whose imported keys it caches across
// calls. Both check signatures with WebCrypto (the package's fallback build, FEATURES=builtin-crypto,
// with the core's pure-Rust arithmetic). The three interleave round by round.
const interop = JSON.parse(readFileSync(new URL("../../../tests/tokens/interop.json", import.meta.url), "utf8"));
for (const alg of ["ES256", "RS256"]) {
  const entry = interop.tokens.find((t) => t.alg === alg && t.library.startsWith("PyJWT"));
  const jwks = { keys: interop.jwks.keys.filter((k) => k.kid === entry.kid) };
  const options = { issuer: interop.issuer, target: interop.target, jwks: JSON.stringify(jwks), leeway: 30 };
  const keySet = jose.createLocalJWKSet(jwks);
  const verifyOptions = { issuer: interop.issuer, audience: interop.target, algorithms: [alg], currentDate: new Date(interop.now * 1000), clockTolerance: 30 };
  // Both accept the token before anything is timed.
  if ((await api.validateSecurityToken(options, entry.token, interop.client_id, interop.now)).claims.sub !== "alice@primary.example") throw new Error("ours refused");
  if ((await jose.jwtVerify(entry.token, keySet, verifyOptions)).payload.sub !== "alice@primary.example") throw new Error("jose refused");
  const validator = new api.SecurityTokenValidator(options);
  const check = { clientId: interop.client_id, now: interop.now };
  [results[`ours${alg}`], results[`oursOnce${alg}`], results[`jose${alg}`]] = await timeInterleaved(ITER / 20, [
    [`mcx-connect validateSecurityToken (${alg}, JWK Set read per call)`, () => api.validateSecurityToken(options, entry.token, interop.client_id, interop.now)],
    [`mcx-connect SecurityTokenValidator.validate (${alg}, made once)`, () => validator.validate(entry.token, check)],
    [`jose jwtVerify (${alg}, createLocalJWKSet once)`, () => jose.jwtVerify(entry.token, keySet, verifyOptions)],
  ]);
}

// A large MCPTT user profile: PARTNERS migratable partner systems, GROUPS groups with server info.
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 200);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 500);
function largeProfile() {
  const group = (i) =>
    `<up:entry><up:uri-entry>sip:group-${i}@ptt.primary.example</up:uri-entry><up:anyExt><up:GroupServerInfo><up:GMS-Serv-Id><up:entry><up:uri-entry>sip:gms@ptt.primary.example</up:uri-entry></up:entry></up:GMS-Serv-Id><up:IDMS-token-endpoint><up:entry><up:uri-entry>https://idms.primary.example/groups/${i}/token</up:uri-entry></up:entry></up:IDMS-token-endpoint><up:KMS-URI><up:entry><up:uri-entry>https://kms.primary.example</up:uri-entry></up:entry></up:KMS-URI></up:GroupServerInfo></up:anyExt></up:entry>`;
  const partner = (i) =>
    `<up:MigratablePartnerMCPTTSystemInfo><up:PartnerMCPTTSystemId>urn:mc:partner-${i}:ptt</up:PartnerMCPTTSystemId><up:AccessInformationForPartnerMCPTTSystem><ic:mcptt-UE-initial-configuration xmlns:ic="urn:3gpp:mcptt:mcpttUEinitConfig:1.0" domain="partner-${i}.example"><ic:on-network><ic:App-Server-Info><ic:idms-auth-endpoint>https://idms.partner-${i}.example/authorize</ic:idms-auth-endpoint><ic:idms-token-endpoint>https://idms.partner-${i}.example/token</ic:idms-token-endpoint><ic:http-proxy>https://proxy.partner-${i}.example:8443</ic:http-proxy><ic:gms>https://gms.partner-${i}.example</ic:gms><ic:cms>https://cms.partner-${i}.example</ic:cms><ic:kms>https://kms.partner-${i}.example/kms</ic:kms><ic:tls-tunnel-auth-method><ic:mutual-authentication>true</ic:mutual-authentication></ic:tls-tunnel-auth-method></ic:App-Server-Info></ic:on-network></ic:mcptt-UE-initial-configuration></up:AccessInformationForPartnerMCPTTSystem></up:MigratablePartnerMCPTTSystemInfo>`;
  const groups = Array.from({ length: GROUPS }, (_, i) => group(i)).join("");
  const partners = Array.from({ length: PARTNERS }, (_, i) => partner(i)).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<up:mcptt-user-profile xmlns:up="urn:3gpp:mcptt:user-profile:1.0" XUI-URI="sip:alice@ptt.primary.example" user-profile-index="1"><up:OnNetwork><up:MCPTTGroupInfo>${groups}</up:MCPTTGroupInfo><up:anyExt>${partners}</up:anyExt></up:OnNetwork></up:mcptt-user-profile>`;
}
const xml = new TextEncoder().encode(largeProfile());
const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fxp = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false });

function endpointsOurs() {
  return api.UserProfile.parse(xml).partners.map((p) => p.tokenEndpoint);
}
// The same extraction with fast-xml-parser: parse to objects, walk the 6.2.3 a path. (It checks
// no namespace, no https, no limits: a lower bound for a JavaScript reader that did.)
function endpointsFxp() {
  const doc = fxp.parse(new TextDecoder().decode(xml));
  return asArray(doc["mcptt-user-profile"].OnNetwork.anyExt.MigratablePartnerMCPTTSystemInfo).map(
    (p) => p.AccessInformationForPartnerMCPTTSystem["mcptt-UE-initial-configuration"]["on-network"]["App-Server-Info"]["idms-token-endpoint"],
  );
}
const ours = endpointsOurs();
const theirs = endpointsFxp();
if (ours.length !== PARTNERS || JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error("the two readers disagree");
const PROFILE_ITER = Number(process.env.BENCH_PROFILE_ITER ?? 30);
console.log(`profile: ${(xml.length / 1024).toFixed(0)} KiB, ${PARTNERS} partners, ${GROUPS} groups`);
results.oursProfile = await time("mcx-connect UserProfile.parse + partners' token endpoints", PROFILE_ITER, endpointsOurs);
results.theirsProfile = await time("fast-xml-parser parse + walk to idms-token-endpoint", PROFILE_ITER, endpointsFxp);

requestRatios();
for (const alg of ["ES256", "RS256"]) {
  console.log(`ratio security token ${alg}:  jose / mcx-connect = ${ratio(results[`oursOnce${alg}`], results[`jose${alg}`])} (validator made once; ${ratio(results[`ours${alg}`], results[`jose${alg}`])} with the one-call function)`);
}
console.log(`ratio profile endpoints:    fast-xml-parser / mcx-connect = ${ratio(results.oursProfile, results.theirsProfile)}`);
console.log("(CPU time ratios; above 1 means mcx-connect is faster)");
