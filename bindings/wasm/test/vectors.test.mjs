// node --test: the shared vectors through the packed and installed npm package.
import { test } from "node:test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importPackage } from "./install-package.mjs";
import { loadCases, operations, runCase, vectorFolders } from "./vector-runner.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const api = await importPackage();
const ops = operations(api);
const cases = loadCases(vectorFolders(repoRoot));
let passed = 0;
let failed = 0;

for (const c of cases) {
  test(`vector ${c.file} :: ${c.name}`, async () => {
    try {
      if (c.broken) throw new Error(c.broken);
      await runCase(api, ops, c.case);
      passed += 1;
    } catch (error) {
      failed += 1;
      throw error;
    }
  });
}

test("vectors summary", () => {
  console.log(`vectors (js): ${passed} passed, ${failed} failed`);
  if (cases.length === 0) throw new Error("no vector case ran");
});
