// Benchmarks of the npm package in Node (not timed tests): request construction through
// mcx-connect (wasm) against oauth4webapi (fetch stubbed), measured in the same run, with ratios.
// Run: node bindings/wasm/bench/bench.mjs  (after build.sh; uses the installed tarball)
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { importPackage } from "../test/install-package.mjs";

// The comparison libraries are the test folder's dev dependencies (bindings/wasm/test/package.json).
const fromTests = createRequire(new URL("../test/package.json", import.meta.url));
const load = (name) => import(pathToFileURL(fromTests.resolve(name)).href);
const oauth = await load("oauth4webapi");

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

async function time(label, iterations, run) {
  for (let i = 0; i < Math.min(2000, iterations); i++) await run(); // warm-up
  const samples = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await run();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(56)} ${(median / 1000).toFixed(2).padStart(8)} µs/op`);
  return median;
}

const results = {};
results.oursExchange = await time("mcx-connect buildTokenExchangeRequest", ITER, () =>
  api.buildTokenExchangeRequest(primary.token_endpoint, {
    resource: partner.token_endpoint,
    subjectToken: "primary-access-token",
    client: { method: "client_secret_basic", clientId: client.client_id, clientSecret: "s3cret" },
  }),
);
results.theirsExchange = await time("oauth4webapi genericTokenEndpointRequest (token exchange)", ITER, () =>
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
    options,
  ),
);
results.oursBearer = await time("mcx-connect buildJwtBearerRequest", ITER, () =>
  api.buildJwtBearerRequest(partner.token_endpoint, { assertion, client: { method: "client_id", clientId: client.client_id }, scope }),
);
results.theirsBearer = await time("oauth4webapi genericTokenEndpointRequest (jwt-bearer)", ITER, () =>
  oauth.genericTokenEndpointRequest(
    partner,
    client,
    oauth.None(),
    "urn:ietf:params:oauth:grant-type:jwt-bearer",
    new URLSearchParams({ assertion, scope }),
    options,
  ),
);
results.oursParse = await time("mcx-connect parseJwtBearerRequest (server role)", ITER, () =>
  api.parseJwtBearerRequest({
    method: "POST",
    url: partner.token_endpoint,
    headers: [["Content-Type", "application/x-www-form-urlencoded"]],
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion, client_id: "c", scope }).toString(),
  }),
);

const ratio = (ours, theirs) => (theirs / ours).toFixed(2);
console.log(`ratio token exchange: oauth4webapi time / mcx-connect time = ${ratio(results.oursExchange, results.theirsExchange)}`);
console.log(`ratio jwt-bearer:     oauth4webapi time / mcx-connect time = ${ratio(results.oursBearer, results.theirsBearer)}`);
console.log("(a ratio above 1 means mcx-connect is faster)");
