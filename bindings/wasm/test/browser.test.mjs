// node --test: the package's browser build (web/, ES module + `await init()`) in headless Chromium,
// loaded from a loopback HTTP server exactly as a dispatch console page would load it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { installPackage } from "./install-package.mjs";
import { loadCases, vectorFolders } from "./vector-runner.mjs";
import { FILES, installedGlue, wycheproofSets } from "./wycheproof-data.mjs";

const chromium = ["chromium", "chromium-browser", "google-chrome"].find((name) => {
  try {
    return execFileSync("which", [name]).length > 0;
  } catch {
    return false;
  }
});

const PAGE = `<!doctype html><meta charset="utf-8"><pre id="out">pending</pre>
<script type="module">
import init, { parseScope, buildJwtBearerRequest, parseJwtBearerRequest, AuthorizationRequest, McxConnectError } from "/pkg/web/index.js";
const out = {};
try {
  await init();
  out.hasMcx = parseScope("openid 3gpp:mc:ptt_service").hasMcx;
  const request = buildJwtBearerRequest("https://idms.partner.example/token", {
    assertion: "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", client: { method: "client_id", clientId: "console" }, scope: "openid 3gpp:mc:video_service" });
  out.bodyIsBytes = request.body instanceof Uint8Array;
  out.scope = parseJwtBearerRequest(request).value.scope;
  const login = new AuthorizationRequest({ authorizationEndpoint: "https://idms.primary.example/authorize", clientId: "console",
    redirectUri: "https://console.example/callback", scope: "openid 3gpp:mc:ptt_service" });
  out.stateLength = login.state.length;
  try { parseScope("openid,3gpp:mc:ptt_service"); } catch (e) {
    out.error = { isClass: e instanceof McxConnectError, isError: e instanceof Error, name: e.name, code: e.code, oauthError: e.oauthError };
  }
} catch (e) { out.failed = String(e && e.stack || e); }
document.getElementById("out").textContent = JSON.stringify(out);
</script>`;

/** Serves `page` at / and the installed package at /pkg/ (plus `routes`: path → [type, body]) and returns the JSON Chromium left in #out. */
async function runPage(page, routes = {}) {
  const root = join(installPackage(), "node_modules", "mcx-connect");
  const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = createServer(async (req, res) => {
    try {
      if (req.url === "/" || req.url === "/index.html") {
        res.writeHead(200, { "content-type": "text/html" }).end(page);
        return;
      }
      if (routes[req.url]) {
        const [type, body] = routes[req.url];
        res.writeHead(200, { "content-type": type }).end(await body());
        return;
      }
      const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/pkg\//, "");
      if (path.includes("..")) throw new Error("outside");
      const body = await readFile(join(root, path));
      res.writeHead(200, { "content-type": types[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const dom = await new Promise((resolve, reject) =>
      execFile(
        chromium,
        ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=60000", "--dump-dom", url],
        { timeout: 120000, maxBuffer: 1 << 24 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const text = dom.match(/<pre id="out">([^<]*)<\/pre>/)?.[1] ?? "";
    return JSON.parse(text.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&"));
  } finally {
    server.close();
  }
}

test("the web build works in headless Chromium (init, API, McxConnectError, crypto randomness)", { skip: !chromium && "no chromium" }, async () => {
  const out = await runPage(PAGE);
  assert.equal(out.failed, undefined);
  assert.deepEqual(out, {
    hasMcx: true,
    bodyIsBytes: true,
    scope: "openid 3gpp:mc:video_service",
    stateLength: 22,
    error: { isClass: true, isError: true, name: "McxConnectError", code: "scope_comma", oauthError: "invalid_scope" },
  });
});

// Every token vector (validation, JWK Sets, signing, the verifying parsers, issuing) through the
// package's web build in Chromium: the signatures are checked and made by Chromium's WebCrypto,
// and must give the outcomes the Rust runner gets with the built-in backend.
const TOKEN_OPERATIONS = /^(token\.|jwks\.parse$|security_token\.|jwt_bearer\.parse_and_verify$|exchange\.parse_and_verify$)/;
const VECTOR_PAGE = `<!doctype html><meta charset="utf-8"><pre id="out">pending</pre>
<script type="importmap">{ "imports": { "node:fs": "/stub.js", "node:path": "/stub.js" } }</script>
<script type="module">
// The runner's few Node-only helpers: Buffer.from for hex and base64 inputs.
globalThis.Buffer = { from: (text, encoding) => encoding === "hex"
  ? Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16))
  : Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0)) };
const out = { passed: 0, failures: [] };
try {
  const api = await import("/pkg/web/index.js");
  await api.default();
  const { operations, runCase } = await import("/runner.mjs");
  const ops = operations(api);
  for (const c of await (await fetch("/cases.json")).json()) {
    try { await runCase(api, ops, c); out.passed += 1; } catch (e) { out.failures.push(c.name + ": " + e.message); }
  }
  const { checkSets } = await import("/wycheproof-check.mjs");
  const { KeyRing } = await import("/glue.js");
  out.wycheproof = await checkSets(KeyRing, await (await fetch("/wycheproof.json")).json());
  out.ed25519 = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" },
    { name: "Ed25519" }, false, ["verify"]).then(() => true, () => false);
} catch (e) { out.failed = String(e && e.stack || e); }
document.getElementById("out").textContent = JSON.stringify(out);
</script>`;

test("every token vector and Project Wycheproof pass through Chromium's WebCrypto in the web build", { skip: !chromium && "no chromium" }, async () => {
  const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
  const cases = loadCases(vectorFolders(repoRoot)).filter((c) => c.case && TOKEN_OPERATIONS.test(c.case.operation));
  const out = await runPage(VECTOR_PAGE, {
    "/wycheproof.json": ["application/json", async () => JSON.stringify(wycheproofSets())],
    "/wycheproof-check.mjs": ["text/javascript", () => readFile(new URL("./wycheproof-check.mjs", import.meta.url))],
    "/glue.js": ["text/javascript", () => readFile(installedGlue())],
    "/cases.json": ["application/json", async () => JSON.stringify(cases.map((c) => c.case))],
    "/runner.mjs": ["text/javascript", () => readFile(new URL("./vector-runner.mjs", import.meta.url))],
    "/stub.js": ["text/javascript", async () => "export const readdirSync = () => []; export const readFileSync = () => ''; export const join = (...p) => p.join('/');"],
  });
  assert.equal(out.failed, undefined);
  console.log(`token vectors in Chromium (WebCrypto): ${out.passed} passed, ${out.failures.length} failed; Ed25519 in WebCrypto: ${out.ed25519}`);
  assert.deepEqual(out.failures, []);
  assert.ok(cases.length > 150, `only ${cases.length} token vectors found`);
  assert.equal(out.passed, cases.length);
  console.log(`Project Wycheproof in Chromium (WebCrypto):\n${out.wycheproof.rows.join("\n")}`);
  assert.equal(out.wycheproof.rows.length, FILES.length);
  assert.deepEqual(out.wycheproof.failures, []);
});
