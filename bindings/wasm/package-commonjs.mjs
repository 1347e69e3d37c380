// The CommonJS half of the npm package (package.sh runs it after laying out the ES modules):
// `require("mcx-connect")`, `require("mcx-connect/web")` and `require("mcx-connect/node")` work on
// every Node the package declares (>= 18) without Node's require(esm), on the package's one
// web/mcx_connect_bg.wasm.
//
//   web/mcx_connect.cjs   the web glue (wasm-bindgen --target web) rewritten line by line into CommonJS:
//                         `import {…} from` → `require`, `export function|class` → `exports.…`.
//                         In CommonJS there is no import.meta.url, so `init()` needs `{ module_or_path }`.
//   web/error.cjs, web/fetch.cjs, web/webcrypto.cjs, web/request.cjs   McxConnectError,
//                         fromFetchResponse, the WebCrypto glue and the request builders' fast path
//                         (js/), rewritten the same way.
//   web/index.cjs         the four together, as web/index.js.
//   node/index.cjs        instantiates ../web/mcx_connect_bg.wasm synchronously, as node/index.js does.
//   *.d.cts               the same declarations, their relative imports pointing at the .cjs files.
//
// Every rewrite is checked: a line of module syntax the rewrite does not know fails the
// packaging, and each .cjs must export exactly the names of its ES module.
//
// Usage: node package-commonjs.mjs <pkg folder> <snippet path of error.js inside web/>
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [pkg, errorSnippet] = process.argv.slice(2);
if (!pkg || !errorSnippet) throw new Error("usage: node package-commonjs.mjs <pkg> <web-relative path of the error.js snippet>");
const here = new URL(".", import.meta.url);
const web = join(pkg, "web");
const node = join(pkg, "node");
const read = (path) => readFileSync(path, "utf8");

/**
 * Rewrites an ES module of the shapes wasm-bindgen and js/ write into CommonJS. `imports` maps
 * each import specifier to the file to require; `replace` maps whole lines (trimmed) to their
 * CommonJS form. Anything else that is module syntax throws.
 */
function toCommonJS(source, what, { imports = {}, replace = {} } = {}) {
  const exported = [];
  const used = new Set();
  const lines = source.split("\n").map((line) => {
    const trimmed = line.trim();
    if (trimmed in replace) {
      used.add(trimmed);
      return line.replace(trimmed, replace[trimmed]);
    }
    let m;
    if ((m = /^import \{ ([\w, ]+) \} from (['"])(.+)\2;$/.exec(line))) {
      if (!(m[3] in imports)) throw new Error(`${what}: no CommonJS file for the import of ${m[3]}`);
      used.add(m[3]);
      return `const { ${m[1]} } = require("${imports[m[3]]}");`;
    }
    if ((m = /^export ((?:async )?function\*? (\w+)|class (\w+))\b/.exec(line))) {
      exported.push([m[2] ?? m[3], m[2] ?? m[3]]);
      return line.slice("export ".length);
    }
    if ((m = /^export \{ ([\w, ]+) \};$/.exec(line))) {
      for (const item of m[1].split(", ")) {
        const [local, , name = local] = item.split(" ");
        exported.push([name, local]);
      }
      return "";
    }
    if (/^\s*(import|export)\b|import\.meta/.test(line)) throw new Error(`${what}: cannot rewrite into CommonJS: ${trimmed.slice(0, 80)}`);
    return line;
  });
  for (const key of [...Object.keys(imports), ...Object.keys(replace)]) {
    if (!used.has(key)) throw new Error(`${what}: expected ${key} in the source; the rewrite is out of date`);
  }
  if (exported.length === 0) throw new Error(`${what}: exports nothing`);
  const code = [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    ...lines,
    ...exported.map(([name, local]) => `exports.${name} = ${local};`),
    "",
  ].join("\n");
  return { code, names: exported.map(([name]) => name) };
}

/** One `exports.name = from.name;` line per name: plain assignments that tools read without running the file. */
const reexport = (from, names) => names.map((name) => `exports.${name} = ${from}.${name};`).join("\n");

/** A declaration file's relative `.js` imports, pointed at the `.cjs` files. */
function toCts(source, what, specifiers) {
  let out = source;
  for (const [from, to] of Object.entries(specifiers)) {
    if (!out.includes(`"${from}"`)) throw new Error(`${what}: expected an import of ${from}`);
    out = out.replaceAll(`"${from}"`, `"${to}"`);
  }
  return out;
}

// --- the web glue, McxConnectError, fromFetchResponse ---------------------------------------
const glue = read(join(web, "mcx_connect.js"))
  .replace('/* @ts-self-types="./mcx_connect.d.ts" */', '/* @ts-self-types="./mcx_connect.d.cts" */');
// The WebCrypto glue (js/webcrypto.js) sits beside error.js among wasm-bindgen's snippets.
const webcryptoSnippet = errorSnippet.replace(/error\.js$/, "webcrypto.js");
const requestSnippet = errorSnippet.replace(/error\.js$/, "request.js");
const cjsGlue = toCommonJS(glue, "web/mcx_connect.js", {
  imports: {
    [`./${errorSnippet}`]: "./error.cjs",
    [`./${webcryptoSnippet}`]: "./webcrypto.cjs",
    [`./${requestSnippet}`]: "./request.cjs",
  },
  replace: {
    "module_or_path = new URL('mcx_connect_bg.wasm', import.meta.url);":
      'throw new McxConnectError("invalid_argument", "init: the CommonJS build cannot locate mcx_connect_bg.wasm; pass { module_or_path }");',
  },
});
writeFileSync(join(web, "mcx_connect.cjs"), cjsGlue.code);
// The declarations as they are, except that init's argument is required in CommonJS.
const initDeclaration = "export default function __wbg_init (module_or_path?: ";
const declarations = read(join(web, "mcx_connect.d.ts"));
if (!declarations.includes(initDeclaration)) throw new Error(`web/mcx_connect.d.ts: expected \`${initDeclaration}\``);
writeFileSync(join(web, "mcx_connect.d.cts"), declarations.replace(initDeclaration, initDeclaration.replace("?:", ":")));
writeFileSync(join(web, "error.cjs"), toCommonJS(read(new URL("js/error.js", here)), "js/error.js").code);
writeFileSync(join(web, "webcrypto.cjs"), toCommonJS(read(new URL("js/webcrypto.js", here)), "js/webcrypto.js").code);
writeFileSync(join(web, "request.cjs"), toCommonJS(read(new URL("js/request.js", here)), "js/request.js").code);
writeFileSync(join(web, "error.d.cts"), read(new URL("js/error.d.ts", here)));
writeFileSync(
  join(web, "fetch.cjs"),
  toCommonJS(read(new URL("js/fetch.js", here)), "js/fetch.js", { imports: { "./error.js": "./error.cjs" } }).code,
);
writeFileSync(join(web, "fetch.d.cts"), toCts(read(new URL("js/fetch.d.ts", here)), "js/fetch.d.ts", { "./mcx_connect.js": "./mcx_connect.cjs" }));

// --- the entries ------------------------------------------------------------------------------
writeFileSync(
  join(web, "index.cjs"),
  `"use strict";
// The web module for require(): call init({ module_or_path }) or initSync({ module }) once.
Object.defineProperty(exports, "__esModule", { value: true });
const glue = require("./mcx_connect.cjs");
${reexport("glue", cjsGlue.names)}
exports.McxConnectError = require("./error.cjs").McxConnectError;
exports.fromFetchResponse = require("./fetch.cjs").fromFetchResponse;
`,
);
writeFileSync(
  join(web, "index.d.cts"),
  toCts(read(join(web, "index.d.ts")), "web/index.d.ts", {
    "./mcx_connect.js": "./mcx_connect.cjs",
    [`./${errorSnippet}`]: "./error.cjs",
    "./fetch.js": "./fetch.cjs",
  }),
);
writeFileSync(
  join(node, "index.cjs"),
  `"use strict";
// Node entry for require(): the CommonJS web module, instantiated synchronously from the
// package's one mcx_connect_bg.wasm, so the API is ready when require returns.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const web = require("../web/index.cjs");

web.initSync({ module: readFileSync(join(__dirname, "..", "web", "mcx_connect_bg.wasm")) });
${reexport("web", cjsGlue.names.filter((name) => name !== "default"))}
exports.McxConnectError = web.McxConnectError;
exports.fromFetchResponse = web.fromFetchResponse;
`,
);
writeFileSync(
  join(node, "index.d.cts"),
  toCts(read(join(node, "index.d.ts")), "node/index.d.ts", {
    "../web/mcx_connect.js": "../web/mcx_connect.cjs",
    [`../web/${errorSnippet}`]: "../web/error.cjs",
    "../web/fetch.js": "../web/fetch.cjs",
  }),
);

// --- check: each CommonJS file exports exactly its ES module's names ------------------------
const require = createRequire(import.meta.url);
for (const [cjs, esm] of [
  ["web/error.cjs", `web/${errorSnippet}`],
  ["web/webcrypto.cjs", `web/${webcryptoSnippet}`],
  ["web/request.cjs", `web/${requestSnippet}`],
  ["web/fetch.cjs", "web/fetch.js"],
  ["web/mcx_connect.cjs", "web/mcx_connect.js"],
  ["web/index.cjs", "web/index.js"],
  ["node/index.cjs", "node/index.js"],
]) {
  const names = (m) => Object.keys(m).filter((k) => k !== "__esModule").sort().join(",");
  const fromRequire = names(require(join(pkg, cjs)));
  const fromImport = names(await import(pathToFileURL(join(pkg, esm)).href));
  if (fromRequire !== fromImport) throw new Error(`${cjs} exports ${fromRequire}; ${esm} exports ${fromImport}`);
}
console.log("package: CommonJS entries written and checked against the ES modules");
