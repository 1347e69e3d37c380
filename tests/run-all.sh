#!/usr/bin/env bash
# Every test of the project, in one command (the README's test command runs this).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Every CI run is a fresh clone in a new folder: incremental data for this tree's crates is never
# reused, and it would pile up in the shared cache (gigabytes a run).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Tool output is parsed below and in the stage scripts: no colour codes, even where CI=true (which
# makes picocolors-based tools such as publint colour their output without a terminal).
unset FORCE_COLOR
export NO_COLOR=1

bash tests/setup.sh

step() { printf '\n=== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (wasm32: the core and the npm binding, -D warnings)"
cargo clippy --locked -p mcx-connect -p mcx-connect-wasm --target wasm32-unknown-unknown -- -D warnings

step "cargo test (unit, integration, shared vectors, doc tests)"
cargo test --workspace --locked 2>&1 | tee "${CARGO_TARGET_DIR}/test-output.txt"

step "cargo test of the core as the npm package builds it (feature wasm: camelCase member names, the registry without meanings)"
cargo test --locked -p mcx-connect --lib --features wasm 2>&1 | tee -a "${CARGO_TARGET_DIR}/test-output.txt"

step "core dependency tree holds no transport, async runtime or FFI crate"
if cargo tree -p mcx-connect -e normal --prefix none --locked | grep -Ei '^(reqwest|hyper|ureq|tokio|async-std|wasm-bindgen|uniffi|curl|openssl|native-tls|rustls) '; then
  echo "the core must stay transport-free"; exit 1
fi

step "rustdoc of every crate without warnings; crates.io packages of the core and the CLI (cargo publish --dry-run)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked -q
# Every package is 0.1.0 until a release, and cargo takes a registry package it has compiled under
# the same name and version as fresh (and keeps the sources it unpacked in CARGO_HOME): the CLI
# would be verified against an earlier run's core. So the check has a target folder of its own
# (dependencies stay cached there) from which our own crates' outputs and unpacked sources are
# removed first.
publish_target="${CARGO_TARGET_DIR}/publish-check"
rm -rf "$publish_target/package" "$publish_target"/debug/.fingerprint/mcx-connect-* \
  "$publish_target"/debug/deps/*mcx_connect* "$publish_target"/debug/deps/mcx_connect* \
  "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/mcx-connect-[0-9]* "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/mcx-connect-cli-[0-9]*
if ! CARGO_TARGET_DIR="$publish_target" cargo publish --dry-run --locked -p mcx-connect -p mcx-connect-cli \
    --allow-dirty >"${CARGO_TARGET_DIR}/publish-output.txt" 2>&1; then
  cat "${CARGO_TARGET_DIR}/publish-output.txt"; exit 1
fi
grep -E '^(warning|error)' "${CARGO_TARGET_DIR}/publish-output.txt" | grep -v 'aborting upload due to dry run' || echo "packaged: mcx-connect, mcx-connect-cli"

step "the core on ARM: unit tests and shared vectors for aarch64 and armv7, under qemu-user (tests/cross/run.sh)"
bash tests/cross/run.sh 2>&1 | tee "${CARGO_TARGET_DIR}/cross-run.txt"
cross=$(grep -Eo '^cross: [0-9]+ passed' "${CARGO_TARGET_DIR}/cross-run.txt" | awk '{print $2}')

step "UniFFI bindings: Kotlin (JVM), Swift (chroot), Python, with the shared vectors"
bash bindings/uniffi/test.sh 2>&1 | tee "${CARGO_TARGET_DIR}/uniffi-output.txt"

step "npm package: wasm-bindgen-test (Node, Chromium), tsc, node --test vectors and interop (bindings/wasm/test.sh)"
bash bindings/wasm/test.sh 2>&1 | tee "${CARGO_TARGET_DIR}/wasm-test-output.txt"
wasm=$(grep -Eo '^wasm: [0-9]+ passed' "${CARGO_TARGET_DIR}/wasm-test-output.txt" | awk '{s+=$2} END {print s+0}')

step "web demo: server and console end to end in headless Chromium"
bash web-demo/test.sh

passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "${CARGO_TARGET_DIR}/test-output.txt" | awk '{s+=$4} END {print s+0}')
vectors=$(grep -Eo 'vectors: [0-9]+ passed' "${CARGO_TARGET_DIR}/test-output.txt" | awk '{s+=$2} END {print s+0}')
uniffi=$(grep -Eo '^uniffi: [0-9]+ passed' "${CARGO_TARGET_DIR}/uniffi-output.txt" | awk '{s+=$2} END {print s+0}')
echo
e2e=$(grep -Eo '^# pass [0-9]+' "${CARGO_TARGET_DIR}/demo-e2e/e2e-output.txt" 2>/dev/null | awk '{print $3}' | tail -1)
echo "summary: $((passed + vectors + ${cross:-0} + uniffi + wasm + ${e2e:-0})) passed, 0 failed"
