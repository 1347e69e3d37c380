#!/usr/bin/env bash
# Installs whatever the build and the tests need on a fresh machine of this project's kind
# (Debian, Rust via rustup, Node and npm present, root). A no-op when everything is there.
set -euo pipefail

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
# The npm package's wasm-bindgen tests run in headless Chromium too (bindings/wasm/test.sh).
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)

if ((${#need_apt[@]})); then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  if [ ! -f /var/lib/apt/lists/.mcx-connect-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
    apt-get update -qq && touch /var/lib/apt/lists/.mcx-connect-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    echo "setup: adding rustup component ${component}"
    rustup component add "${component}"
  fi
done

# The npm package (bindings/wasm): the wasm32 target, wasm-bindgen-cli at the Cargo.lock version
# (bindings/wasm/build.sh installs both when missing), and the Node test dependencies.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_tests="$root/bindings/wasm/test"
if [ -f "$wasm_tests/package-lock.json" ] && { [ ! -d "$wasm_tests/node_modules" ] || [ "$wasm_tests/package-lock.json" -nt "$wasm_tests/node_modules/.package-lock.json" ]; }; then
  echo "setup: installing the Node test dependencies of bindings/wasm"
  (cd "$wasm_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi
