#!/usr/bin/env bash
# Size of the npm tarball, and of the package's wasm + JS glue (gzip -9), for the full build and without the
# optional families (Cargo features of mcx-connect-wasm). Builds as build.sh and package.sh do (build.sh's
# cargo settings, wasm-bindgen, shrink.sh), so MCX_WASM_BUILD_STD=1 measures the nightly build.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
export PATH="$HOME/.cargo/bin:$PATH"
out="$(mktemp -d)"
gz() { gzip -9c "$1" | wc -c; }
variant() {
  local name=$1
  shift
  local built
  built="$(MCX_WASM_PACK=0 bash "$here/build.sh" -q "$@" | tail -n 1)"
  wasm-bindgen --remove-name-section --remove-producers-section --target web --out-dir "$out/$name" \
    --out-name mcx_connect "$built"
  bash "$here/shrink.sh" "$out/$name/mcx_connect_bg.wasm"
  local wasm js
  wasm=$(gz "$out/$name/mcx_connect_bg.wasm")
  js=$(gz "$out/$name/mcx_connect.js")
  printf '%-44s wasm %7d B raw, %6d B gz; JS glue %5d B gz; total %6d B gz\n' "$name" \
    "$(wc -c <"$out/$name/mcx_connect_bg.wasm")" "$wasm" "$js" "$((wasm + js))"
}
# The npm tarball as published (build.sh: one wasm shared by the web and Node entries);
# budgets in the README, enforced by test.sh.
bash "$here/build.sh" >/dev/null
(cd "$here/pkg" && npm pack --dry-run --json 2>/dev/null) | node -e '
  const [{ size, unpackedSize, entryCount, files }] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const wasm = files.filter((f) => f.path.endsWith(".wasm")).length;
  console.log(`package size (npm tarball): ${size} B packed, ${unpackedSize} B unpacked, ${entryCount} files, ${wasm} wasm`);
'
variant "full (default features)"
variant "full, fallback build (builtin-crypto)" --features builtin-crypto
variant "without token" --no-default-features --features login,flow,profile
variant "without flow" --no-default-features --features login,profile,token
variant "without profile" --no-default-features --features login,flow,token
variant "without login" --no-default-features --features flow,profile,token
variant "without token and profile" --no-default-features --features login,flow
variant "without token, flow, profile and login" --no-default-features
