#!/usr/bin/env bash
# Budgets of the UniFFI bindings, measured in one run:
#   * the size of the library the packages ship (release-lib.sh through package.sh --release: the
#     one file in the wheel, the jar and the Swift package), x86_64 against its budget of 1 300 000
#     bytes, and aarch64 (in the jar) when the cross toolchain is there;
#   * the size of each installable artifact in release, against its budget;
#   * the per-call cost of building a B.7.4 jwt-bearer request from Kotlin (JVM + JNA) against
#     the same calls in Rust (examples/bench_jwt_bearer.rs), both on the release profile, and
#     their ratio: `build` is one call on a prepared request, `full` also creates the assertion
#     secret, the scope set and the request (four calls through the boundary).
# Usage: bash bindings/uniffi/bench.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=env.sh
source bindings/uniffi/env.sh
ITERATIONS="${1:-200000}"
# shellcheck source=kotlin-tests.sh
source bindings/uniffi/kotlin-tests.sh
OUT="$CARGO_TARGET_DIR/uniffi-bench"

bash tests/setup.sh
cargo build --locked -q --release -p mcx-connect-ffi --example bench_jwt_bearer
mkdir -p "$OUT"

# The installable artifacts, as a release ships them (bindings/uniffi/README.md, "Packages").
package_args=(--release)
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
  package_args+=(--aarch64)
fi
bash bindings/uniffi/package.sh "${package_args[@]}" "$OUT/dist" >/dev/null

# The library as shipped: package.sh checked that the wheel, the jar and the Swift package hold
# the same file; aarch64 from the jar.
library_size() { # library_size LABEL BYTES
  awk -v label="$1" -v b="$2" -v budget=1300000 'BEGIN {
    printf "size: UniFFI library %s, stripped, as the packages ship it: %d bytes (%.2f MiB); budget %d bytes, ratio %.3f, %s\n",
      label, b, b / 1048576, budget, b / budget, (b <= budget ? "within" : "OVER") }'
}
library_size x86_64 "$(stat -c %s "$OUT/dist/mcx-connect-swift/lib/libmcx_connect_ffi.so")"
if [[ " ${package_args[*]} " == *" --aarch64 "* ]]; then
  aarch64_bytes=$(python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo("linux-aarch64/libmcx_connect_ffi.so").file_size)' \
    "$(ls "$OUT"/dist/mcx-connect-*.jar)")
  echo "size: UniFFI library aarch64, stripped, as the jar ships it: $aarch64_bytes bytes (the budget is x86_64's)"
fi
artifact_size() { # artifact_size LABEL FILE BUDGET_BYTES
  local bytes
  bytes=$(stat -c %s "$2")
  awk -v label="$1" -v file="$(basename "$2")" -v b="$bytes" -v budget="$3" 'BEGIN {
    printf "package size: %s %s: %d bytes (%.2f MiB; budget %.2f MiB, %s)\n", label, file, b, b / 1048576, budget / 1048576,
      (b <= budget ? "within" : "OVER") }'
}
artifact_size "Python wheel" "$(ls "$OUT"/dist/mcx_connect-*.whl)" 786432
artifact_size "Kotlin/JVM jar (${package_args[*]})" "$(ls "$OUT"/dist/mcx-connect-*.jar)" 2097152
artifact_size "Swift package tarball" "$(ls "$OUT"/dist/mcx-connect-swift-*.tar.gz)" 786432

# The Kotlin side runs against the release jar, as an application would: the bench (in the test
# sources) compiled against it, cached by the same content hash as in test.sh.
JAR=$(ls "$OUT"/dist/mcx-connect-*.jar)
kotlin_tests_jar "$JAR"

rust=$("$CARGO_TARGET_DIR/release/examples/bench_jwt_bearer" "$ITERATIONS")
kotlin=$(java -cp "$KT_JAR:$JAR:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
  org.mcxconnect.test.McxConnectTestKt --bench "$ITERATIONS")
echo "$rust"
echo "$kotlin"
value() { echo "$1" | awk -v k="$2" '$1 == k {print $2}'; }
for kind in build full; do
  r=$(value "$rust" "rust_${kind}_ns")
  k=$(value "$kotlin" "kotlin_${kind}_ns")
  awk -v r="$r" -v k="$k" -v kind="$kind" \
    'BEGIN {printf "jwt-bearer %s: Rust %d ns/call, Kotlin %d ns/call, ratio %.1fx (overhead %d ns)\n", kind, r, k, k / (r > 0 ? r : 1), k - r}'
done
