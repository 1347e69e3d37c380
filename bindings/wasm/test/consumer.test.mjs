// node --test: a fresh consumer project installs the packed tarball and runs one migration
// (B.4 login, B.7 token exchange and partner request) against the demo server
// (web-demo/server): as an ESM script in Node, and as a page bundled by Vite in headless
// Chromium. The demo binary is $CARGO_TARGET_DIR/debug/mcx-connect-demo (test.sh builds it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { installPackage } from "./install-package.mjs";

const run = promisify(execFile);
const here = fileURLToPath(new URL(".", import.meta.url));
const target = process.env.CARGO_TARGET_DIR || join(homedir(), ".cache", "mcx-connect", "target");
const demo = join(target, "debug", "mcx-connect-demo");
const chromium = ["chromium", "chromium-browser", "google-chrome"].find((name) => {
  try {
    return execFileSync("which", [name]).length > 0;
  } catch {
    return false;
  }
});

let project;
let server;
let base;

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

before(async () => {
  assert.ok(existsSync(demo), `no demo server at ${demo} (cargo build -p mcx-connect-demo)`);
  project = installPackage();
  cpSync(join(here, "consumer"), project, { recursive: true });
  // The browser build first: the demo serves dist/ as its /pkg/ folder, same origin as its IdMS.
  await run(process.execPath, [join(here, "node_modules", "vite", "bin", "vite.js"), "build"], { cwd: project, timeout: 120000 });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(demo, ["--port", String(port), "--pkg-dir", join(project, "dist")], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/demo/config.json`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail("the demo server did not start");
});

after(() => server?.kill());

function assertMigrated(result) {
  assert.equal(result.failed, undefined, result.failed);
  assert.equal(result.failure, null);
  assert.deepEqual(result.steps, ["partner_request_to_send", "completed"]);
  assert.equal(result.completed, true);
  assert.equal(result.partnerAccessToken, true);
}

test("a fresh ESM project in Node installs the tarball and migrates against the demo server", async () => {
  const { stdout } = await run(process.execPath, ["node.mjs", base], { cwd: project, timeout: 60000 });
  assertMigrated(JSON.parse(stdout));
});

test("a Vite build of a fresh project bundles the wasm once and migrates in headless Chromium", { skip: !chromium && "no chromium" }, async () => {
  const assets = readdirSync(join(project, "dist", "assets"));
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, `assets: ${assets.join(", ")}`);
  // The page posts its result to a collector here; Chromium runs until it arrives (no fixed budget).
  let deliver;
  const delivered = new Promise((resolve) => (deliver = resolve));
  const collector = createHttpServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      res.end();
      deliver(body);
    });
  });
  await new Promise((resolve) => collector.listen(0, "127.0.0.1", resolve));
  const report = `http://127.0.0.1:${collector.address().port}/result`;
  const profile = mkdtempSync(join(tmpdir(), "mcx-connect-chromium-"));
  const browser = spawn(
    chromium,
    ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", `--user-data-dir=${profile}`,
      `${base}/pkg/index.html?report=${encodeURIComponent(report)}`],
    // A process group of its own: the renderer, GPU and crash-handler children go with the browser
    // (killing only the main process left them writing into the profile while it was removed).
    { stdio: "ignore", detached: true },
  );
  let timer;
  try {
    const body = await Promise.race([
      delivered,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no result from the page within 90 s")), 90000))),
    ]);
    assertMigrated(JSON.parse(body));
  } finally {
    clearTimeout(timer);
    const exited = browser.exitCode !== null ? Promise.resolve() : new Promise((resolve) => browser.once("exit", resolve));
    try {
      process.kill(-browser.pid, "SIGKILL");
    } catch (e) {
      if (e.code !== "ESRCH") throw e;
    }
    await exited;
    collector.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
