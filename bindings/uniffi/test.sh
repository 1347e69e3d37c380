#!/usr/bin/env bash
# The UniFFI bindings, tested for real: builds the cdylib, generates Kotlin, Swift and Python
# into a cache folder (generated code is never committed), then runs
#   Kotlin  — kotlinc 2.x + JNA on the JVM (bindings/uniffi/kotlin),
#   Swift   — `swift test` (XCTest) inside the Debian trixie chroot with swiftlang (bindings/uniffi/swift),
#   Python  — pytest (bindings/uniffi/python),
# each with idiomatic API tests and the shared vectors. Ends with `uniffi: N passed, N failed`.
# Tools come from tests/setup.sh (run first; a no-op when everything is installed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CACHE="$HOME/.cache/mcx-connect"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
OUT="$CACHE/uniffi-out"
KOTLIN_HOME="$CACHE/kotlin/node_modules/kotlin-compiler"
JNA_JAR=/usr/share/java/jna.jar
CHROOT="$CACHE/swift-chroot"

bash tests/setup.sh

echo "uniffi: building the cdylib and uniffi-bindgen"
cargo build --locked -q -p mcx-connect-ffi --lib --bins
LIB="$CARGO_TARGET_DIR/debug/libmcx_connect_ffi.so"
BINDGEN="$CARGO_TARGET_DIR/debug/uniffi-bindgen"

rm -rf "$OUT/kotlin" "$OUT/python" "$OUT/swift"
mkdir -p "$OUT"
for language in kotlin swift python; do
  "$BINDGEN" generate --no-format --library "$LIB" --language "$language" --out-dir "$OUT/$language" >/dev/null
done
cp "$LIB" "$OUT/python/"

total_passed=0
total_failed=0
count() { # count NAME PASSED FAILED
  echo "uniffi $1: $2 passed, $3 failed"
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
}

# --- Kotlin -------------------------------------------------------------------------------
echo
echo "=== uniffi: Kotlin (kotlinc $("$KOTLIN_HOME/bin/kotlinc" -version 2>&1 | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -1), JNA, JVM)"
KT_SOURCES=("$OUT/kotlin/org/mcxconnect/mcx_connect.kt" bindings/uniffi/kotlin/*.kt)
KT_HASH=$(cat "${KT_SOURCES[@]}" "$KOTLIN_HOME/build.txt" | sha256sum | cut -c1-16)
KT_JAR="$CACHE/uniffi-kotlin/tests-$KT_HASH.jar"
if [ ! -f "$KT_JAR" ]; then
  mkdir -p "$CACHE/uniffi-kotlin"
  rm -f "$CACHE"/uniffi-kotlin/tests-*.jar
  echo "compiling the generated Kotlin and the tests (cached by content hash)"
  "$KOTLIN_HOME/bin/kotlinc" -nowarn "${KT_SOURCES[@]}" -cp "$JNA_JAR" -d "$KT_JAR.tmp.jar" 2>&1 | grep -v '^warning' || true
  [ -f "$KT_JAR.tmp.jar" ] && mv "$KT_JAR.tmp.jar" "$KT_JAR"
fi
if [ -f "$KT_JAR" ] && java -Djna.library.path="$(dirname "$LIB")" \
    -cp "$KT_JAR:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" org.mcxconnect.test.McxConnectTestKt "$ROOT" \
    | tee "$OUT/kotlin.log"; then :; fi
line=$(grep -E '^kotlin: [0-9]+ passed, [0-9]+ failed' "$OUT/kotlin.log" 2>/dev/null || echo "kotlin: 0 passed, 1 failed")
count kotlin "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"

# --- Swift --------------------------------------------------------------------------------
echo
echo "=== uniffi: Swift (swift test in $CHROOT)"
PKG=/build/mcx-connect-swift
HOST_PKG="$CHROOT$PKG"
mkdir -p "$HOST_PKG/Sources/McxConnect" "$HOST_PKG/Sources/mcx_connectFFI" "$HOST_PKG/lib"
rm -rf "$HOST_PKG/Tests" "$HOST_PKG/vectors" "$HOST_PKG/extra-vectors" "$HOST_PKG/fixtures"
cp bindings/uniffi/swift/Package.swift "$HOST_PKG/"
cp -r bindings/uniffi/swift/Tests "$HOST_PKG/"
cp "$OUT/swift/McxConnect.swift" "$HOST_PKG/Sources/McxConnect/"
cp "$OUT/swift/mcx_connectFFI.h" "$HOST_PKG/Sources/mcx_connectFFI/"
cp "$OUT/swift/mcx_connectFFI.modulemap" "$HOST_PKG/Sources/mcx_connectFFI/module.modulemap"
cp "$LIB" "$HOST_PKG/lib/"
cp -r tests/vectors "$HOST_PKG/vectors"
cp -r tests/fixtures/profiles "$HOST_PKG/fixtures"
extra=""
n=0
IFS=':' read -r -a folders <<<"${MCX_CONNECT_VECTORS:-}"
for folder in "${folders[@]}"; do
  [ -n "$folder" ] || continue
  n=$((n + 1))
  mkdir -p "$HOST_PKG/extra-vectors/$n"
  cp "$folder"/*.json "$HOST_PKG/extra-vectors/$n/" 2>/dev/null || true
  extra="$extra${extra:+:}$PKG/extra-vectors/$n"
done
mounted=""
cleanup() { if [ -n "$mounted" ]; then umount "$CHROOT/proc" || true; fi; }
trap cleanup EXIT
if ! mountpoint -q "$CHROOT/proc"; then mount -t proc proc "$CHROOT/proc" && mounted=1; fi
chroot "$CHROOT" /usr/bin/env -i PATH=/usr/libexec/swift/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  MCX_FFI_LIB_DIR="$PKG/lib" LD_LIBRARY_PATH="$PKG/lib" VECTORS_DIR="$PKG/vectors" FIXTURES_DIR="$PKG/fixtures" MCX_CONNECT_VECTORS="$extra" \
  /bin/sh -c "cd $PKG && swift test 2>&1" | tee "$OUT/swift.log" || true
cleanup
mounted=""
api_passed=$(grep -Ec "^Test Case '.*ApiTests.*' passed" "$OUT/swift.log" || true)
api_failed=$(grep -Ec "^Test Case '.*ApiTests.*' failed" "$OUT/swift.log" || true)
vline=$(grep -E '^swift vectors: [0-9]+ passed, [0-9]+ failed' "$OUT/swift.log" || echo "swift vectors: 0 passed, 1 failed")
if ! grep -Eq "^Test Suite '(All tests|.*\.xctest)' passed" "$OUT/swift.log"; then api_failed=$((api_failed + (api_passed == 0 ? 1 : 0))); fi
count swift "$((api_passed + $(echo "$vline" | awk '{print $3}')))" "$((api_failed + $(echo "$vline" | awk '{print $5}')))"

# --- Python -------------------------------------------------------------------------------
echo
PYTHON="$CACHE/venv/bin/python"  # tests/setup.sh's virtual environment with pytest
echo "=== uniffi: Python ($("$PYTHON" --version), pytest)"
PYTHONPATH="$OUT/python:bindings/uniffi/python" "$PYTHON" -m pytest -q -p no:cacheprovider bindings/uniffi/python \
  | tee "$OUT/python.log" || true
py_passed=$(tail -n1 "$OUT/python.log" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)
py_failed=$(tail -n1 "$OUT/python.log" | { grep -Eo '[0-9]+ (failed|errors?)' || true; } | awk '{s+=$1} END {print s+0}')
[ "$py_passed" -gt 0 ] || py_failed=$((py_failed + 1))
count python "$py_passed" "$py_failed"

echo
echo "uniffi: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
