#!/usr/bin/env bash
# Every benchmark in one command (`make bench`). Each one measures its baseline in the same
# run and prints a ratio; this script collects the ratio lines into one table. Results of the
# last full run are kept in BENCHMARKS.md.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
out="${CARGO_TARGET_DIR}/bench-output.txt"
: > "$out"

run() {
  printf '\n=== %s\n' "$1" | tee -a "$out"
  shift
  "$@" 2>&1 | tee -a "$out" | grep -Ei 'ratio|MB/s|size|passed|KB|bytes| gz' || true
}

run "profile extraction vs bare quick-xml pass (core/benches/profile.rs)" cargo bench --locked -q -p mcx-connect --bench profile
run "security-token validation vs jsonwebtoken, built-in and ring backends (core/benches/token.rs)" cargo bench --locked -q -p mcx-connect --bench token --features ring-backend -- --warm-up-time 1 --measurement-time 3
run "request build vs hand-written format! (tests/benches/requests.rs)" cargo bench --locked -q -p mcx-connect-tests --bench requests
run "npm package vs oauth4webapi / fast-xml-parser in Node (bindings/wasm/bench/bench.mjs)" bash -c 'bash bindings/wasm/build.sh >/dev/null && node bindings/wasm/bench/bench.mjs'
run "npm package security-token validation vs jose in headless Chromium (bindings/wasm/bench/browser.mjs)" node bindings/wasm/bench/browser.mjs
run "npm package size per feature, gzipped (bindings/wasm/bench/size.sh)" bash bindings/wasm/bench/size.sh
run "Kotlin call vs Rust call, and library size (bindings/uniffi/bench.sh)" bash bindings/uniffi/bench.sh
run "UniFFI library per architecture, stripped (tests/cross/run.sh --sizes)" bash tests/cross/run.sh --sizes

printf '\n=== summary (ratios measured in this run)\n'
grep -Ei '^ *ratio|ratio ' "$out" | sed 's/^ */  /'
printf '\n=== sizes\n'
grep -E ' B gz$|^stripped release|^package size|^size: ' "$out" | sed 's/^ */  /'
