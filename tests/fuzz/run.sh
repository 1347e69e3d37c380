#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each): `make fuzz` or
# `FUZZ_SECONDS=300 bash tests/fuzz/run.sh`. FUZZ_RUNS=N also ends a target after N executions
# (whichever comes first); FUZZ_TARGETS="tokens jwks" runs only those targets. Crashes land in tests/fuzz/artifacts/<target>/;
# turn each into a regression vector in tests/vectors/hostile.json.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
runs="${FUZZ_RUNS:--1}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
python3 seed.py
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}-fuzz"
for target in ${FUZZ_TARGETS:-$(cargo +nightly fuzz list --fuzz-dir .)}; do
  echo "=== fuzz ${target} (${seconds} s$([ "$runs" -gt 0 ] && echo " or ${runs} executions"), started $(date -u +%H:%M:%S))"
  mkdir -p "corpus/${target}"
  cargo +nightly fuzz run --fuzz-dir . "${target}" "corpus/${target}" -- \
    -max_total_time="${seconds}" -runs="${runs}" -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE|.*cov: )' | tail -n 3
done
