// node --test: the package as a CommonJS project uses it. A fresh folder ("type": "commonjs")
// installs the packed tarball and runs the .cjs scripts of test/commonjs/ there, with Node's
// require(esm) switched off (where this Node has it), so only the package's own CommonJS files
// can answer `require("mcx-connect")`: the shared vectors through test/vector-runner.mjs,
// McxConnectError and fromFetchResponse, `mcx-connect/web`, and the dual-package facts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { installPackage } from "./install-package.mjs";
import { loadCases, vectorFolders } from "./vector-runner.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const project = installPackage({ type: "commonjs" });
cpSync(join(here, "commonjs"), project, { recursive: true });
// Node 20.19+ and 22.12+ would otherwise load an ES module for require() and hide a missing CommonJS entry.
const noRequireEsm = process.allowedNodeEnvironmentFlags.has("--no-experimental-require-module")
  ? ["--no-experimental-require-module"]
  : [];

function runScript(name, ...args) {
  const stdout = execFileSync(process.execPath, [...noRequireEsm, name, ...args], {
    cwd: project,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(stdout);
}

const { facts, results } = runScript("vectors.cjs", new URL("vector-runner.mjs", import.meta.url).href, repoRoot);
const installed = join(project, "node_modules", "mcx-connect");

test("require() resolves every entry to the package's CommonJS files, with Node's require(esm) off", () => {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) {
    assert.deepEqual(noRequireEsm, ["--no-experimental-require-module"], "this Node has require(esm); it must be off");
  }
  assert.equal(facts.resolved, join(installed, "node", "index.cjs"));
  assert.equal(facts.resolvedNode, join(installed, "node", "index.cjs"));
  assert.equal(facts.resolvedWeb, join(installed, "web", "index.cjs"));
  assert.equal(facts.nodeEntryIsMain, true);
  assert.ok(facts.loaded.length >= 4, facts.loaded.join(", "));
  for (const file of facts.loaded) assert.ok(file.endsWith(".cjs"), `required a file that is not CommonJS: ${file}`);
  assert.ok(facts.loaded.includes(join(installed, "web", "mcx_connect.cjs")));
});

test("McxConnectError and fromFetchResponse come with require(); mcx-connect/web shares them", () => {
  assert.equal(facts.errorCode, "scope_comma");
  assert.equal(facts.errorIsRequiredClass, true);
  assert.equal(facts.errorIsError, true);
  assert.equal(facts.webSharesClass, true);
  assert.equal(facts.tooLargeCode, "response_too_large");
  assert.equal(facts.tooLargeIsRequiredClass, true);
  assert.equal(facts.readErrorResponse, "invalid_grant");
});

test("dual package: an import() and a require() of the package in one process are separate instances (README, CommonJS)", () => {
  assert.equal(facts.esmHasOwnClass, true);
  assert.equal(facts.errorIsEsmClass, false);
});

test("require('mcx-connect/web'): init() without the wasm rejects with invalid_argument; init({ module_or_path }) works", () => {
  const web = runScript("web.cjs");
  assert.equal(web.resolved, join(installed, "web", "index.cjs"));
  assert.equal(web.bareCode, "invalid_argument");
  assert.equal(web.bareIsClass, true);
  assert.equal(web.hasMcx, true);
});

// The same cases as vectors.test.mjs, each run through require("mcx-connect").
const expected = loadCases(vectorFolders(repoRoot));
test("require(): every shared vector case ran", () => {
  assert.ok(expected.length > 0, "no vector case");
  assert.deepEqual(
    results.map((r) => `${r.file} :: ${r.name}`),
    expected.map((c) => `${c.file} :: ${c.name}`),
  );
});
for (const r of results) {
  test(`require(): vector ${r.file} :: ${r.name}`, () => {
    if (r.error !== undefined) throw new Error(r.error);
  });
}
const failed = results.filter((r) => r.error !== undefined).length;
test("require(): vectors summary", () => console.log(`vectors (js, CommonJS): ${results.length - failed} passed, ${failed} failed`));
