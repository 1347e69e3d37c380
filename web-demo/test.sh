#!/usr/bin/env bash
# The web demo's end-to-end tests: builds what is missing (the npm package's web build, the demo
# server), starts the server on a free loopback port, runs the Playwright suite in headless
# Chromium (web-demo/e2e), stops the server. Ends with "web-demo e2e: N passed, N failed".
# Screenshots of each test's final state: $CARGO_TARGET_DIR/demo-e2e/.
# MCX_DEMO_PKG_DIR: another folder holding the npm package's web build (default bindings/wasm/pkg/web).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
out="$CARGO_TARGET_DIR/demo-e2e"
mkdir -p "$out"
rm -f "$out/e2e-output.txt"

pkg="${MCX_DEMO_PKG_DIR:-$root/bindings/wasm/pkg/web}"
if [ ! -f "$pkg/mcx_connect.js" ]; then
  echo "web-demo: building the npm package (web build)"
  bash "$root/bindings/wasm/build.sh"
fi
[ -f "$pkg/mcx_connect.js" ] || { echo "web-demo: no web build of the npm package in $pkg"; exit 1; }
if [ ! -d "$here/e2e/node_modules/playwright-core" ]; then
  (cd "$here/e2e" && npm ci --no-audit --no-fund --silent)
fi

# The debug build: `cargo test` of tests/run-all.sh has built it already.
cargo build --locked -q -p mcx-connect-demo
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$out/server.log"
"$CARGO_TARGET_DIR/debug/mcx-connect-demo" --port "$port" --pkg-dir "$pkg" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/demo/config.json" >/dev/null 2>&1 && break
  sleep 0.1
done

status=0
(cd "$here/e2e" && DEMO_URL="http://127.0.0.1:$port" DEMO_E2E_OUT="$out" \
  node --test --test-reporter=tap --test-concurrency=1 e2e.test.mjs) 2>&1 | tee "$out/e2e-output.txt" || status=$?
passed=$(grep -Eo '^# pass [0-9]+' "$out/e2e-output.txt" | awk '{print $3}' | tail -1)
failed=$(grep -Eo '^# fail [0-9]+' "$out/e2e-output.txt" | awk '{print $3}' | tail -1)
echo "web-demo: screenshots and server log in $out"
echo "web-demo e2e: ${passed:-0} passed, ${failed:-1} failed"
exit "$status"
