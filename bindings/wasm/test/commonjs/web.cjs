// A CommonJS consumer of `mcx-connect/web` (copied by commonjs.test.mjs): no import.meta.url in
// CommonJS, so init() without the wasm rejects with invalid_argument; init({ module_or_path })
// with the package's one wasm works. Prints one JSON report.
"use strict";
const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const web = require("mcx-connect/web");

async function main() {
  let bare;
  try {
    await web.default();
  } catch (error) {
    bare = error;
  }
  const wasm = readFileSync(join(dirname(require.resolve("mcx-connect/web")), "mcx_connect_bg.wasm"));
  await web.default({ module_or_path: wasm });
  process.stdout.write(
    JSON.stringify({
      resolved: require.resolve("mcx-connect/web"),
      bareCode: bare?.code,
      bareIsClass: bare instanceof web.McxConnectError,
      hasMcx: web.parseScope("openid 3gpp:mc:ptt_service").hasMcx,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
