#!/usr/bin/env bash
# js/fetch.d.ts is not written by hand: tsc writes it from the JSDoc in js/fetch.js, the one place
# where fromFetchResponse's types are written. Run after build.sh (tsc reads pkg/web/mcx_connect.d.ts
# for `HttpResponse`; without it the return type would silently become `any`).
# Usage: fetch-declarations.sh [--check]: rewrites js/fetch.d.ts, or with --check fails when it differs
# from what tsc writes (test.sh runs the check).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tsc="$here/test/node_modules/typescript/bin/tsc"
[ -f "$here/pkg/web/mcx_connect.d.ts" ] || { echo "fetch-declarations: build the package first (build.sh)" >&2; exit 1; }
[ -f "$tsc" ] || { echo "fetch-declarations: install the test dependencies first (npm ci in test/)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/js/fetch.js" "$here/js/error.js" "$here/js/error.d.ts" "$here/pkg/web/mcx_connect.d.ts" "$work/"
node "$tsc" --allowJs --declaration --emitDeclarationOnly --strict --skipLibCheck --target es2022 \
  --module nodenext --moduleResolution nodenext --outDir "$work/out" "$work/fetch.js"
{
  echo "// Written by fetch-declarations.sh (tsc, from the JSDoc in fetch.js); do not edit."
  cat "$work/out/fetch.d.ts"
} >"$work/fetch.d.ts"
if [ "${1:-}" = --check ]; then
  if diff -u "$here/js/fetch.d.ts" "$work/fetch.d.ts"; then
    echo "js/fetch.d.ts is what tsc writes from fetch.js"
  else
    echo "js/fetch.d.ts differs from what tsc writes from fetch.js: run bindings/wasm/fetch-declarations.sh" >&2
    exit 1
  fi
else
  cp "$work/fetch.d.ts" "$here/js/fetch.d.ts"
fi
