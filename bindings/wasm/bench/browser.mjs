// The security-token lines of bench.mjs in headless Chromium (issue 16 §2: ES256 and RS256
// validation at ≥ 0.8× jose's jwtVerify "in Node and in headless Chromium"). The package's browser
// build (web/, `await init()`, installed from the packed tarball as a user would) and jose both check
// signatures with the browser's WebCrypto; browser-page.mjs runs the interleaved rounds in one page
// and this prints the medians and the ratios (wall-clock: a page has no CPU time).
// Run: node bindings/wasm/bench/browser.mjs  (after build.sh). Needs the test folder's dev
// dependencies (jose) and the web demo e2e's playwright-core, each installed with `npm ci` when
// missing; Chromium is /usr/bin/chromium or $CHROMIUM. BENCH_ITER as in bench.mjs (the same calls in
// all), split into BENCH_ROUNDS interleaved rounds (default 40: wall-clock moves with the machine's
// load, so shorter rounds, interleaved more finely, spread it more evenly over the three).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { installPackage } from "../test/install-package.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const ITER = Number(process.env.BENCH_ITER ?? 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

/** `require.resolve` of `name` from the npm project in `folder`, installing it (`npm ci`) once if missing. */
function resolveFrom(folder, name) {
  const require = createRequire(join(folder, "package.json"));
  if (!existsSync(join(folder, "node_modules", name))) {
    console.log(`installing the dev dependencies of ${folder.slice(root.length + 1)} (npm ci)`);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: folder, stdio: "inherit" });
  }
  return require.resolve(name);
}

// `require.resolve` gives playwright-core's CommonJS entry: its exports are the default export.
const playwright = await import(pathToFileURL(resolveFrom(join(root, "web-demo", "e2e"), "playwright-core")).href);
const chromium = playwright.chromium ?? playwright.default.chromium;
// jose's entry for WebCrypto runtimes: a folder of ES modules importing each other relatively.
const joseDir = dirname(resolveFrom(join(root, "bindings", "wasm", "test"), "jose"));
const pkgDir = join(installPackage(), "node_modules", "mcx-connect");

const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
/** Files under `base` by a path below it, never outside. */
async function serveFile(res, base, path) {
  const file = normalize(join(base, path));
  if (!file.startsWith(base + sep)) throw new Error("outside");
  const body = await readFile(file);
  res.writeHead(200, { "content-type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
}
const server = createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/") res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><meta charset="utf-8"><title>bench</title>');
    else if (path === "/bench-page.mjs") await serveFile(res, here, "browser-page.mjs");
    else if (path === "/interop.json") await serveFile(res, join(root, "tests", "tokens"), "interop.json");
    else if (path.startsWith("/pkg/")) await serveFile(res, pkgDir, path.slice("/pkg/".length));
    else if (path.startsWith("/jose/")) await serveFile(res, joseDir, path.slice("/jose/".length));
    else res.writeHead(404).end();
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let measured;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(600_000);
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  measured = await page.evaluate(
    async (config) => (await import("/bench-page.mjs")).run(config),
    // bench.mjs: ten rounds of ITER / 20 calls each.
    { iterations: Math.max(1, Math.round(ITER / 2 / ROUNDS)), rounds: ROUNDS },
  );
  if (errors.length) throw new Error(`the page failed: ${errors.join("; ")}`);
} finally {
  await browser.close();
  server.close();
}

console.log(`headless Chromium: ${measured.userAgent}`);
const ratio = (ours, theirs) => (theirs / ours).toFixed(2);
for (const [alg, { oneCall, once, jose }] of Object.entries(measured.results)) {
  for (const { label, median, min, max } of [oneCall, once, jose]) {
    console.log(`${label.padEnd(60)} ${median.toFixed(2).padStart(9)} µs/op (wall-clock; rounds ${min.toFixed(1)}–${max.toFixed(1)})`);
  }
}
for (const [alg, { oneCall, once, jose }] of Object.entries(measured.results)) {
  console.log(`ratio security token ${alg} (Chromium):  jose / mcx-connect = ${ratio(once.median, jose.median)} (validator made once; ${ratio(oneCall.median, jose.median)} with the one-call function)`);
}
console.log("(wall-clock ratios of interleaved rounds, medians; above 1 means mcx-connect is faster)");
