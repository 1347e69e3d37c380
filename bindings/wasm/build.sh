#!/usr/bin/env bash
# Builds the npm package `mcx-connect` from this crate and packs it.
#
#   bindings/wasm/pkg/web/   ES module for browsers and bundlers (wasm-bindgen --target web: `await init()` once)
#   bindings/wasm/pkg/node/  ES module for Node (wasm-bindgen --target experimental-nodejs-module: ready at import)
#   $HOME/.cache/mcx-connect/npm/mcx-connect-<version>.tgz   the packed package (path also in .../npm/LATEST)
#
# Installs what it needs when missing (a no-op when present): the wasm32 target, and
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/mcx-connect/target), MCX_WASM_JOBS (cargo -j).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$HOME/.cache/mcx-connect"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/target}"
export PATH="$HOME/.cargo/bin:$PATH"
jobs=()
[ -n "${MCX_WASM_JOBS:-}" ] && jobs=(-j "$MCX_WASM_JOBS")

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
if [ -z "$bindgen_version" ]; then
  echo "build: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  echo "build: installing wasm-bindgen-cli $bindgen_version (once; takes a few minutes)"
  cargo install wasm-bindgen-cli --version "=$bindgen_version" "${jobs[@]}"
fi

# --- compile -----------------------------------------------------------------------------
# The workspace release profile strips symbols; keep the wasm `target_features` section for
# wasm-bindgen (it strips names itself). opt-level "z" rather than the profile's "s": about 10%
# smaller gzipped (README, size). No wasm-opt: binaryen 132's -Oz made the gzipped file larger.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_STRIP=false cargo build --locked --release --target wasm32-unknown-unknown -p mcx-connect-wasm "${jobs[@]}"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/mcx_connect_wasm.wasm"

# --- bind --------------------------------------------------------------------------------
pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --remove-name-section --remove-producers-section --target web --out-dir "$pkg/web" --out-name mcx_connect "$wasm"
wasm-bindgen --remove-name-section --remove-producers-section --target experimental-nodejs-module --out-dir "$pkg/node" --out-name mcx_connect "$wasm"

# Each build gets an index that re-exports the generated API and the McxConnectError class
# (which wasm-bindgen copied from js/error.js into snippets/), plus the class's declaration.
for flavour in web node; do
  out="$pkg/$flavour"
  snippet="$(cd "$out" && find snippets -path '*/js/error.js' | head -n 1)"
  if [ -z "$snippet" ]; then
    echo "build: wasm-bindgen did not copy js/error.js into $out/snippets" >&2
    exit 1
  fi
  cp "$here/js/error.d.ts" "$out/${snippet%.js}.d.ts"
  {
    echo "export * from \"./mcx_connect.js\";"
    [ "$flavour" = web ] && echo "export { default } from \"./mcx_connect.js\";"
    echo "export { McxConnectError } from \"./$snippet\";"
  } >"$out/index.js"
  {
    echo "export * from \"./mcx_connect.js\";"
    [ "$flavour" = web ] && echo "export { default } from \"./mcx_connect.js\";"
    echo "export { McxConnectError } from \"./${snippet%.js}.js\";"
  } >"$out/index.d.ts"
  rm -f "$out/.gitignore" "$out/package.json"
done

version="$(awk -F'"' '/^\[workspace.package\]/ { s = 1 } s && /^version = / { print $2; exit }' "$root/Cargo.toml")"
node -e '
  const fs = require("fs");
  const [template, out, version] = process.argv.slice(1);
  const manifest = JSON.parse(fs.readFileSync(template, "utf8"));
  manifest.version = version;
  fs.writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
' "$here/package.json" "$pkg/package.json" "$version"
cp "$here/README.md" "$pkg/README.md"

# --- pack --------------------------------------------------------------------------------
mkdir -p "$cache/npm"
tarball="$(cd "$pkg" && npm pack --silent --pack-destination "$cache/npm" 2>/dev/null | tail -n 1)"
echo "$cache/npm/$tarball" >"$cache/npm/LATEST"
echo "build: packed $cache/npm/$tarball"
