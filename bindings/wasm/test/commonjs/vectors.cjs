// A CommonJS consumer (copied into a fresh "type": "commonjs" project by commonjs.test.mjs):
// require()s the installed package and runs every shared vector through it with the same
// runner as the ES module tests (test/vector-runner.mjs, given the required API). Prints one
// JSON report: how the package was resolved and loaded, the dual-package facts, each case.
// Usage: node vectors.cjs <file URL of vector-runner.mjs> <repository root>
"use strict";
const { sep } = require("node:path");
const api = require("mcx-connect");
const web = require("mcx-connect/web");

async function main() {
  const [runnerUrl, repoRoot] = process.argv.slice(2);
  const runner = await import(runnerUrl);
  const ops = runner.operations(api);
  const results = [];
  for (const c of runner.loadCases(runner.vectorFolders(repoRoot))) {
    try {
      if (c.broken) throw new Error(c.broken);
      await runner.runCase(api, ops, c.case);
      results.push({ file: c.file, name: c.name });
    } catch (error) {
      results.push({ file: c.file, name: c.name, error: String(error?.message ?? error) });
    }
  }

  let thrown;
  try {
    api.parseScope("a,b");
  } catch (error) {
    thrown = error;
  }
  let tooLarge;
  try {
    await api.fromFetchResponse(new Response("x".repeat(20)), { maxBodyBytes: 10 });
  } catch (error) {
    tooLarge = error;
  }
  const read = await api.fromFetchResponse(new Response('{"error":"invalid_grant"}', { status: 400, headers: { "Content-Type": "application/json" } }));
  // The ES module entry of the same package, loaded by this same process: a separate instance.
  const esm = await import("mcx-connect");
  const facts = {
    resolved: require.resolve("mcx-connect"),
    resolvedWeb: require.resolve("mcx-connect/web"),
    resolvedNode: require.resolve("mcx-connect/node"),
    nodeEntryIsMain: require("mcx-connect/node") === api,
    loaded: Object.keys(require.cache).filter((file) => file.includes(`${sep}mcx-connect${sep}`)),
    errorCode: thrown?.code,
    errorIsRequiredClass: thrown instanceof api.McxConnectError,
    errorIsError: thrown instanceof Error,
    webSharesClass: web.McxConnectError === api.McxConnectError && web.fromFetchResponse === api.fromFetchResponse,
    tooLargeCode: tooLarge?.code,
    tooLargeIsRequiredClass: tooLarge instanceof api.McxConnectError,
    readErrorResponse: api.readErrorResponse(read)?.error,
    esmHasOwnClass: typeof esm.McxConnectError === "function" && esm.McxConnectError !== api.McxConnectError,
    errorIsEsmClass: thrown instanceof esm.McxConnectError,
  };
  process.stdout.write(JSON.stringify({ facts, results }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
