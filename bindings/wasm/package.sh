#!/usr/bin/env bash
# Lays out and packs the npm package `mcx-connect` from an already compiled wasm (build.sh
# compiles, then runs this; run it alone to repackage without recompiling):
#
#   pkg/web/   wasm-bindgen --target web: the API module, the one mcx_connect_bg.wasm (then shrink.sh), McxConnectError,
#              fromFetchResponse. Browsers and bundlers: `await init()` once.
#   pkg/node/  index.js only: instantiates ../web/mcx_connect_bg.wasm synchronously with `fs`
#              (ready at import) and re-exports the web module. The wasm is in the package once.
#   *.cjs, *.d.cts  the same entries for require() (package-commonjs.mjs), on the same one wasm.
#   $MCX_NPM_DIR/mcx-connect-<version>.tgz  the packed package; its path also in $MCX_NPM_DIR/LATEST
#              (default $CARGO_TARGET_DIR/npm: one folder per target folder, so parallel builds
#              of several worktrees never install each other's tarball).
#
# Usage: package.sh [path/to/mcx_connect_wasm.wasm]  (cargo's output; default: the stable build's)
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"
npm_dir="${MCX_NPM_DIR:-$CARGO_TARGET_DIR/npm}"
wasm="${1:-$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/mcx_connect_wasm.wasm}"
[ -f "$wasm" ] || { echo "package: no $wasm (run build.sh)" >&2; exit 1; }

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg/node"
web="$pkg/web"
wasm-bindgen --remove-name-section --remove-producers-section --target web --out-dir "$web" --out-name mcx_connect "$wasm"
rm -f "$web/.gitignore" "$web/package.json"
bash "$here/shrink.sh" "$web/mcx_connect_bg.wasm"
# The documentation lives in the declarations (mcx_connect.d.ts, what editors read); the glue that runs
# ships without its copy of it: every `/** … */` block wasm-bindgen wrote is dropped (20.4 → 7.4 KB
# gzipped), the code lines are left as they are. A syntax check guards the result.
awk 'BEGIN { skip = 0 }
     /^[ \t]*\/\*\*[ \t]*$/ { skip = 1; next }
     skip && /^[ \t]*\*\/[ \t]*$/ { skip = 0; next }
     !skip { print }' "$web/mcx_connect.js" >"$web/mcx_connect.js.tmp"
mv "$web/mcx_connect.js.tmp" "$web/mcx_connect.js"
# A class object misused (used after free(), of the wrong class) throws a McxConnectError
# `invalid_argument` (js/error.js `misuseError`), not wasm-bindgen's plain `Error("null pointer passed
# to rust")`; and free() (Symbol.dispose) of an object already freed does nothing, as a disposer should.
node -e '
  const fs = require("fs"), file = process.argv[1];
  let glue = fs.readFileSync(file, "utf8");
  const edits = [
    [/import \{ McxConnectError \} from (\S+js\/error\.js.;)/g, "import { McxConnectError, misuseError } from $1", 1],
    [/throw new Error\(getStringFromWasm0\(arg0, arg1\)\);/g, "throw misuseError(getStringFromWasm0(arg0, arg1));", 1],
    [/throw new Error\(`expected instance of \$\{klass\.name\}`\);/g, "throw misuseError(`expected instance of ${klass.name}`);", 1],
    [/(\n {4}free\(\) \{\n {8}const ptr = this\.__destroy_into_raw\(\);\n)/g, "$1        if (ptr === 0) return;\n", null],
  ];
  for (const [pattern, replacement, times] of edits) {
    const found = glue.match(pattern)?.length ?? 0;
    if (found === 0 || (times !== null && found !== times)) throw new Error(`package: ${pattern} found ${found} times in the glue`);
    glue = glue.replace(pattern, replacement);
  }
  fs.writeFileSync(file, glue);
' "$web/mcx_connect.js"
node --check "$web/mcx_connect.js"
# The declared types carry the core's rustdoc (tsify): read as JavaScript, without its Rust examples
# (a fence that is not ```js or ```ts), with a rustdoc link as its text (`[`x`](Self::x)`, `[`X`]`,
# `[words](crate::path)` → `x`, `X`, words; a link to a URL stays) and an absent value as `null`
# (the package's word for `None`).
node -e '
  const fs = require("fs"), file = process.argv[1];
  const js = (doc) =>
    doc
      .replace(/\n([ \t]*)\* ```(?!js\n|ts\n)\w*\n[\s\S]*?\n[ \t]*\* ```(?=\n)/g, "")
      .replace(/\[(`[^`\]]+`)\](?!\()/g, "$1")
      .replace(/\[([^\]\n]+)\]\((?![a-z]+:\/\/)[^)\s]*\)/g, "$1")
      .replace(/`None`/g, "`null`")
      .replace(/(\n[ \t]*\*)(?:\n[ \t]*\*)+(?=\n)/g, "$1")
      .replace(/\n[ \t]*\*(?=\n[ \t]*\*\/)/g, "");
  const text = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, text.replace(/\/\*\*[\s\S]*?\*\//g, js));
' "$web/mcx_connect.d.ts"

# McxConnectError: wasm-bindgen copied js/error.js into snippets/ (the Rust side imports it).
error_js="$(cd "$web" && find snippets -path '*/js/error.js' | head -n 1)"
[ -n "$error_js" ] || { echo "package: wasm-bindgen did not copy js/error.js into $web/snippets" >&2; exit 1; }
cp "$here/js/error.d.ts" "$web/${error_js%.js}.d.ts"
# fromFetchResponse throws the same McxConnectError class (the snippet's, for `instanceof`).
sed "s#from \"./error.js\"#from \"./$error_js\"#" "$here/js/fetch.js" >"$web/fetch.js"
cp "$here/js/fetch.d.ts" "$web/fetch.d.ts"
grep -q "from \"./$error_js\"" "$web/fetch.js" || { echo "package: fetch.js does not import $error_js" >&2; exit 1; }

for ext in js d.ts; do
  {
    echo "export * from \"./mcx_connect.js\";"
    echo "export { default } from \"./mcx_connect.js\";"
    echo "export { McxConnectError } from \"./${error_js%.js}.js\";"
    [ "$ext" = d.ts ] && echo "export type { ErrorCode } from \"./${error_js%.js}.js\";"
    echo "export * from \"./fetch.js\";"
  } >"$web/index.$ext"
done
cat >"$pkg/node/index.js" <<JS
// Node entry: the web module, instantiated synchronously from the package's one
// mcx_connect_bg.wasm before any importer runs, so the API is ready at import.
import { readFileSync } from "node:fs";
import { initSync } from "../web/mcx_connect.js";

initSync({ module: readFileSync(new URL("../web/mcx_connect_bg.wasm", import.meta.url)) });

export * from "../web/mcx_connect.js";
export { McxConnectError } from "../web/${error_js%.js}.js";
export * from "../web/fetch.js";
JS
cat >"$pkg/node/index.d.ts" <<TS
export * from "../web/mcx_connect.js";
export { McxConnectError } from "../web/${error_js%.js}.js";
export type { ErrorCode } from "../web/${error_js%.js}.js";
export * from "../web/fetch.js";
TS
node "$here/package-commonjs.mjs" "$pkg" "$error_js"

version="$(awk -F'"' '/^\[workspace.package\]/ { s = 1 } s && /^version = / { print $2; exit }' "$root/Cargo.toml")"
repository="$(awk -F'"' '/^\[workspace.package\]/ { s = 1 } s && /^repository = / { print $2; exit }' "$root/Cargo.toml")"
[ -n "$version" ] && [ -n "$repository" ] || { echo "package: no version or repository in $root/Cargo.toml" >&2; exit 1; }
node -e '
  const fs = require("fs");
  const [template, out, version, repository] = process.argv.slice(1);
  const manifest = JSON.parse(fs.readFileSync(template, "utf8"));
  manifest.version = version;
  manifest.homepage = repository;
  manifest.repository = { type: "git", url: "git+" + repository + ".git", directory: "bindings/wasm" };
  manifest.bugs = { url: repository + "/issues" };
  fs.writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
' "$here/package.json" "$pkg/package.json" "$version" "$repository"
cp "$here/README.md" "$pkg/README.md"
cp "$root/LICENSE" "$pkg/LICENSE"

mkdir -p "$npm_dir"
tarball="$(cd "$pkg" && npm pack --silent --pack-destination "$npm_dir" 2>/dev/null | tail -n 1)"
echo "$npm_dir/$tarball" >"$npm_dir/LATEST"
echo "package: packed $npm_dir/$tarball"
