#!/usr/bin/env bash
# Shrinks the package's wasm in place with binaryen's wasm-opt, after wasm-bindgen (package.sh and
# bench/size.sh run it on wasm-bindgen's mcx_connect_bg.wasm).
#
# binaryen is its npm package at $binaryen_version (wasm-opt compiled to JavaScript: the same optimiser
# on every machine), installed when missing into $MCX_TOOLS_DIR (default $HOME/.cache/mcx-connect/tools).
# The wasm features are read from the module's target_features section.
#
# Flags, measured (tests/BENCHMARKS.md, "What the measurements led to"): -Os with no inlining at all
# (-aimfs/-ocimfs/-fimfs 0). With binaryen's inlining the module is smaller raw but about 20 KB larger
# gzipped, -Oz or -Os, with or without --converge; -Os is 0.4–0.8 KB smaller gzipped than -Oz.
# After wasm-bindgen, not before: run on cargo's output, wasm-opt rewrote the functions wasm-bindgen
# reads its closure descriptors from, and every async export trapped (`unreachable`). (Debian's
# binaryen 108 corrupted wasm-bindgen's externref table when run after it; 132 does not.)
#
# Usage: shrink.sh path/to/mcx_connect_bg.wasm
set -euo pipefail
module="${1:?usage: shrink.sh path/to/mcx_connect_bg.wasm}"
binaryen_version=132.0.0
binaryen="${MCX_TOOLS_DIR:-$HOME/.cache/mcx-connect/tools}/binaryen-$binaryen_version"
wasm_opt="$binaryen/node_modules/binaryen/bin/wasm-opt"
if [ ! -x "$wasm_opt" ]; then
  echo "shrink: installing binaryen $binaryen_version (npm) into $binaryen" >&2
  mkdir -p "$binaryen"
  npm install --prefix "$binaryen" --no-save --no-audit --no-fund --loglevel=error "binaryen@$binaryen_version" >&2
fi
"$wasm_opt" "$module" -o "$module.opt" -Os --always-inline-max-function-size 0 \
  --one-caller-inline-max-function-size 0 --flexible-inline-max-function-size 0 \
  --strip-producers --strip-target-features
mv "$module.opt" "$module"
