// node --test: Project Wycheproof through the package's WebCrypto glue in Node (wycheproof-data.mjs,
// wycheproof-check.mjs): no `invalid` case accepted, every `valid` case accepted, as the built-in
// backend in tests/wycheproof.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { checkSets } from "./wycheproof-check.mjs";
import { FILES, installedGlue, wycheproofSets } from "./wycheproof-data.mjs";

test("Project Wycheproof through the WebCrypto KeyRing in Node: no invalid case accepted, every valid case accepted", async () => {
  const { KeyRing } = await import(pathToFileURL(installedGlue()).href);
  const { rows, failures } = await checkSets(KeyRing, wycheproofSets());
  console.log(rows.join("\n"));
  assert.equal(rows.length, FILES.length);
  assert.deepEqual(failures, []);
});
