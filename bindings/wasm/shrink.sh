#!/usr/bin/env bash
# Shrinks the package's files in place: the wasm with binaryen's wasm-opt, after wasm-bindgen; the
# JavaScript glue (wasm-bindgen's mcx_connect.js, and mcx_connect.cjs once package-commonjs.mjs has
# rewritten it line by line) with esbuild. package.sh and bench/size.sh run it.
#
# Both tools are npm packages at a fixed version (binaryen's wasm-opt is compiled to JavaScript: the
# same optimiser on every machine), installed when missing into $MCX_TOOLS_DIR (default
# $HOME/.cache/mcx-connect/tools).
#
# wasm, measured (tests/BENCHMARKS.md, "What the measurements led to"): -Os with no inlining at all
# (-aimfs/-ocimfs/-fimfs 0). With binaryen's inlining the module is smaller raw but about 20 KB larger
# gzipped, -Oz or -Os, with or without --converge; -Os is 0.4–0.8 KB smaller gzipped than -Oz. The
# features are read from the module's target_features section. After wasm-bindgen, not before: run
# on cargo's output, wasm-opt rewrote the functions wasm-bindgen reads its closure descriptors from,
# and every async export trapped (`unreachable`). (Debian's binaryen 108 corrupted wasm-bindgen's
# externref table when run after it; 132 does not.)
#
# JavaScript: whitespace, comments (the rustdoc, which the .d.ts files keep) and syntax, no newer
# than ES2020; names are kept, so stack traces still name the package's functions. 12.2 → 6.5 KB
# gzipped; renaming too would save 0.7 KB more.
#
# Usage: shrink.sh FILE...   (.wasm, .js as an ES module, .cjs as CommonJS)
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: shrink.sh FILE... (.wasm, .js, .cjs)" >&2; exit 2; }
tools="${MCX_TOOLS_DIR:-$HOME/.cache/mcx-connect/tools}"
# tool NAME VERSION BIN: the path of BIN of the npm package NAME@VERSION, installed when missing.
tool() {
  local dir="$tools/$1-$2"
  if [ ! -x "$dir/node_modules/$3" ]; then
    echo "shrink: installing $1 $2 (npm) into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$1@$2" >&2
  fi
  echo "$dir/node_modules/$3"
}
for file in "$@"; do
  case "$file" in
    *.wasm)
      "$(tool binaryen 132.0.0 binaryen/bin/wasm-opt)" "$file" -o "$file.min" -Os \
        --always-inline-max-function-size 0 --one-caller-inline-max-function-size 0 \
        --flexible-inline-max-function-size 0 --strip-producers --strip-target-features
      ;;
    *.js | *.cjs)
      format=esm
      [ "${file%.cjs}" != "$file" ] && format=cjs
      "$(tool esbuild 0.25.12 .bin/esbuild)" "$file" --outfile="$file.min" --format="$format" \
        --target=es2020 --minify-whitespace --minify-syntax --log-level=warning
      ;;
    *)
      echo "shrink: $file is not .wasm, .js or .cjs" >&2
      exit 2
      ;;
  esac
  mv "$file.min" "$file"
done
