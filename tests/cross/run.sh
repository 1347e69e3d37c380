#!/usr/bin/env bash
# The core on the CPU families of Android phones and radios, proven without an NDK: the core's unit
# tests and the shared vectors, cross-compiled for 64-bit ARM (aarch64, as arm64-v8a) and 32-bit ARM
# (armv7 hard-float, as armeabi-v7a) with Debian's cross toolchains, and run under qemu-user. 32-bit
# ARM is where big-number and `usize` assumptions break (the RSA arithmetic, size limits).
#
#   tests/cross/run.sh            test on both targets (make test)
#   tests/cross/run.sh --sizes    also build the UniFFI library for each target as the packages ship it
#                                 (bindings/uniffi/release-lib.sh) and print its size (make bench)
#
# Tools come from tests/setup.sh (gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf, qemu-user and the
# two rustup targets). Ends with `cross: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
sizes=0
[ "${1:-}" = "--sizes" ] && sizes=1

# target triple, C cross compiler, qemu binary, sysroot of the cross libc
targets=(
  "aarch64-unknown-linux-gnu aarch64-linux-gnu-gcc qemu-aarch64 /usr/aarch64-linux-gnu"
  "armv7-unknown-linux-gnueabihf arm-linux-gnueabihf-gcc qemu-arm /usr/arm-linux-gnueabihf"
)

passed=0
failed=0
log="$CARGO_TARGET_DIR/cross-output.txt"
: >"$log"
for entry in "${targets[@]}"; do
  read -r triple linker qemu sysroot <<<"$entry"
  env_name=$(echo "$triple" | tr 'a-z-' 'A-Z_')
  export "CARGO_TARGET_${env_name}_LINKER=$linker"
  export "CARGO_TARGET_${env_name}_RUNNER=$qemu -L $sysroot"
  echo "=== cross: $triple (under $qemu)"
  # The core's unit tests (RSA arithmetic, limits, parsers) and the shared vectors in every file.
  if cargo test --locked --target "$triple" -p mcx-connect --lib 2>&1 | tee -a "$log" | grep -E '^test result|FAILED|panicked'; then :; fi
  if cargo test --locked --target "$triple" -p mcx-connect-tests --test vectors 2>&1 | tee -a "$log" | grep -E '^vectors:|FAILED|failed:'; then :; fi
  if [ "$sizes" = 1 ]; then
    lib="$CARGO_TARGET_DIR/cross-sizes/$triple/libmcx_connect_ffi.so"
    bash bindings/uniffi/release-lib.sh "$triple" "$lib"
    echo "size: UniFFI library $triple stripped, as shipped: $(stat -c %s "$lib") bytes"
  fi
done

passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
vectors=$(grep -Eo '^vectors: [0-9]+ passed' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
runs=$(grep -Ec '^test result' "$log" || true)
# Two targets, each a unit-test run and a vector run: anything less means a build failed.
if [ "$runs" -lt 2 ] || [ "$(grep -Ec '^vectors:' "$log" || true)" -lt 2 ]; then
  failed=$((failed + 1))
fi
echo "cross: $((passed + vectors)) passed, $failed failed"
[ "$failed" -eq 0 ]
