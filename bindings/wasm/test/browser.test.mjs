// node --test: the package's browser build (web/, ES module + `await init()`) in headless Chromium,
// loaded from a loopback HTTP server exactly as a dispatch console page would load it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { installPackage } from "./install-package.mjs";

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

test("the web build works in headless Chromium (init, API, McxConnectError, crypto randomness)", { skip: !chromium && "no chromium" }, async () => {
  const root = join(installPackage(), "node_modules", "mcx-connect");
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const server = createServer(async (req, res) => {
    try {
      if (req.url === "/" || req.url === "/index.html") {
        res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
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
        ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=10000", "--dump-dom", url],
        { timeout: 60000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const text = dom.match(/<pre id="out">([^<]*)<\/pre>/)?.[1] ?? "";
    const out = JSON.parse(text.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
    assert.equal(out.failed, undefined);
    assert.deepEqual(out, {
      hasMcx: true,
      bodyIsBytes: true,
      scope: "openid 3gpp:mc:video_service",
      stateLength: 22,
      error: { isClass: true, isError: true, name: "McxConnectError", code: "scope_comma", oauthError: "invalid_scope" },
    });
  } finally {
    server.close();
  }
});
