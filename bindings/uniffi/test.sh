#!/usr/bin/env bash
# The UniFFI bindings, tested as installed: bindings/uniffi/package.sh builds the three artifacts
# (debug profile; with `--release`, the library as a release ships it) into a cache folder
# (generated code is never committed), then
#   Kotlin  — the tests (bindings/uniffi/kotlin) compiled against mcx-connect.jar and run with
#             `java -cp tests.jar:mcx-connect.jar:jna.jar:kotlin-stdlib.jar` and no library path:
#             JNA loads libmcx_connect_ffi.so from the jar (checked in JNA's load log);
#   Swift   — a separate consumer package (swift/consumer, with swift/Tests) that depends on the
#             unpacked Swift package by path: `swift build`, its executable run, `swift test`
#             (XCTest), in the Debian trixie chroot with swiftlang, no LD_LIBRARY_PATH;
#   Python  — the wheel pip-installed into a fresh virtual environment; pytest (bindings/uniffi/python)
#             run by that environment's Python, which imports the installed package;
# each with idiomatic API tests and the shared vectors. Ends with `uniffi: N passed, N failed`.
# Tools come from tests/setup.sh (run first; a no-op when everything is installed).
# Usage: bash bindings/uniffi/test.sh [--release]
set -euo pipefail
package_args=()
case "${1:-}" in
  "") ;;
  --release) package_args+=(--release) ;;
  *) echo "usage: test.sh [--release]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.."
# shellcheck source=env.sh
source bindings/uniffi/env.sh
# Beside the build: worktrees with their own CARGO_TARGET_DIR never overwrite each other's.
OUT="$CARGO_TARGET_DIR/uniffi-out"
DIST="$OUT/dist"
# shellcheck source=kotlin-tests.sh
source bindings/uniffi/kotlin-tests.sh
CHROOT="$CACHE/swift-chroot"

bash tests/setup.sh

echo "uniffi: building the packages (bindings/uniffi/package.sh ${package_args[*]:-(debug profile)})"
rm -rf "$OUT"
mkdir -p "$OUT"
bash bindings/uniffi/package.sh "${package_args[@]}" "$DIST"
JAR=$(ls "$DIST"/mcx-connect-*.jar)
WHEEL=$(ls "$DIST"/mcx_connect-*.whl)
SWIFT_TARBALL=$(ls "$DIST"/mcx-connect-swift-*.tar.gz)
# Nothing may find the library or the module except through the installed artifact.
unset LD_LIBRARY_PATH PYTHONPATH

total_passed=0
total_failed=0
count() { # count NAME PASSED FAILED
  echo "uniffi $1: $2 passed, $3 failed"
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
}

# --- Kotlin -------------------------------------------------------------------------------
echo
echo "=== uniffi: Kotlin (kotlinc $("$KOTLIN_HOME/bin/kotlinc" -version 2>&1 | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -1), JNA, JVM; $(basename "$JAR"))"
kotlin_tests_jar "$JAR"
if [ -f "$KT_JAR" ] && java -Djna.debug_load=true -cp "$KT_JAR:$JAR:$JNA_JAR:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
    org.mcxconnect.test.McxConnectTestKt "$ROOT" 2>"$OUT/kotlin-jna.log" | tee "$OUT/kotlin.log"; then :; fi
line=$(grep -E '^kotlin: [0-9]+ passed, [0-9]+ failed' "$OUT/kotlin.log" 2>/dev/null || echo "kotlin: 0 passed, 1 failed")
kt_failed=$(echo "$line" | awk '{print $4}')
# JNA's load log names where the library came from: the jar's linux-x86-64/ resource.
if ! grep -qF "Found library resource at jar:file:$JAR!/linux-x86-64/libmcx_connect_ffi.so" "$OUT/kotlin-jna.log"; then
  echo "kotlin: JNA did not load libmcx_connect_ffi.so from $(basename "$JAR") (see $OUT/kotlin-jna.log)"
  kt_failed=$((kt_failed + 1))
fi
count kotlin "$(echo "$line" | awk '{print $2}')" "$kt_failed"

# --- Swift --------------------------------------------------------------------------------
echo
echo "=== uniffi: Swift (swift build and swift test of a consumer package in $CHROOT; $(basename "$SWIFT_TARBALL"))"
# One folder per target folder, kept between runs for SwiftPM's build cache.
BUILD="/build/$(basename "$CARGO_TARGET_DIR")"
HOST_BUILD="$CHROOT$BUILD"
CONSUMER="$HOST_BUILD/consumer"
mkdir -p "$CONSUMER"
rm -rf "$HOST_BUILD/mcx-connect-swift" "$CONSUMER/Package.swift" "$CONSUMER/Sources" "$CONSUMER/Tests" \
  "$HOST_BUILD/vectors" "$HOST_BUILD/extra-vectors" "$HOST_BUILD/fixtures"
tar -xzf "$SWIFT_TARBALL" -C "$HOST_BUILD"
cp bindings/uniffi/swift/consumer/Package.swift "$CONSUMER/"
cp -r bindings/uniffi/swift/consumer/Sources "$CONSUMER/"
cp -r bindings/uniffi/swift/Tests "$CONSUMER/"
cp -r tests/vectors "$HOST_BUILD/vectors"
cp -r tests/fixtures/profiles "$HOST_BUILD/fixtures"
extra=""
n=0
IFS=':' read -r -a folders <<<"${MCX_CONNECT_VECTORS:-}"
for folder in "${folders[@]}"; do
  [ -n "$folder" ] || continue
  n=$((n + 1))
  mkdir -p "$HOST_BUILD/extra-vectors/$n"
  cp "$folder"/*.json "$HOST_BUILD/extra-vectors/$n/" 2>/dev/null || true
  extra="$extra${extra:+:}$BUILD/extra-vectors/$n"
done
mounted=""
cleanup() { if [ -n "$mounted" ]; then umount "$CHROOT/proc" || true; fi; }
trap cleanup EXIT
if ! mountpoint -q "$CHROOT/proc"; then mount -t proc proc "$CHROOT/proc" && mounted=1; fi
chroot "$CHROOT" /usr/bin/env -i PATH=/usr/libexec/swift/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
  VECTORS_DIR="$BUILD/vectors" FIXTURES_DIR="$BUILD/fixtures" MCX_CONNECT_VECTORS="$extra" /bin/sh -c "cd $BUILD/consumer
    swift build 2>&1; echo \"consumer: swift build exit \$?\"
    ./.build/debug/mcx-connect-consumer 2>&1; echo \"consumer: run exit \$?\"
    swift test 2>&1" | tee "$OUT/swift.log" || true
cleanup
mounted=""
api_passed=$(grep -Ec "^Test Case '.*ApiTests.*' passed" "$OUT/swift.log" || true)
api_failed=$(grep -Ec "^Test Case '.*ApiTests.*' failed" "$OUT/swift.log" || true)
vline=$(grep -E '^swift vectors: [0-9]+ passed, [0-9]+ failed' "$OUT/swift.log" || echo "swift vectors: 0 passed, 1 failed")
if ! grep -Eq "^Test Suite '(All tests|.*\.xctest)' passed" "$OUT/swift.log"; then api_failed=$((api_failed + (api_passed == 0 ? 1 : 0))); fi
# The consumer's own build and executable: a B.7.4 jwt-bearer request (grant type, parameter names).
if ! grep -q '^consumer: swift build exit 0$' "$OUT/swift.log" || ! grep -q '^consumer: run exit 0$' "$OUT/swift.log" ||
  ! grep -qx 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer' "$OUT/swift.log" ||
  ! grep -qx 'parameters: grant_type assertion client_id scope' "$OUT/swift.log"; then
  echo "swift: the consumer package did not build, or its executable did not print the jwt-bearer request"
  api_failed=$((api_failed + 1))
fi
count swift "$((api_passed + $(echo "$vline" | awk '{print $3}')))" "$((api_failed + $(echo "$vline" | awk '{print $5}')))"

# --- Python -------------------------------------------------------------------------------
echo
PYTHON="$CACHE/venv/bin/python"  # tests/setup.sh's virtual environment with pytest
echo "=== uniffi: Python ($("$PYTHON" --version), pytest; $(basename "$WHEEL") in a fresh virtual environment)"
PY_ENV="$OUT/python-env"
"$PYTHON" -m venv "$PY_ENV"
py_failed=0
"$PY_ENV/bin/python" -m pip install -q --disable-pip-version-check --no-index --find-links "$CACHE/wheelhouse" pytest "$WHEEL" ||
  py_failed=$((py_failed + 1))
case "$(basename "$WHEEL")" in
  *-py3-none-manylinux_*_x86_64.whl) ;;
  *) echo "python: $(basename "$WHEEL") is not tagged manylinux x86_64"; py_failed=$((py_failed + 1)) ;;
esac
# Run from outside the source tree: the module must be the installed, typed (PEP 561) package.
(cd "$OUT" && "$PY_ENV/bin/python" - "$PY_ENV" <<'EOF') || py_failed=$((py_failed + 1))
import importlib.metadata, pathlib, sys
import mcx_connect
package = pathlib.Path(mcx_connect.__file__).resolve().parent
assert package.is_relative_to(pathlib.Path(sys.argv[1]).resolve()), f"mcx_connect imported from {package}"
assert (package / "py.typed").is_file(), "py.typed is missing"
assert mcx_connect.__version__ == importlib.metadata.version("mcx-connect")
print(f"python: mcx-connect {mcx_connect.__version__} installed at {package}")
EOF
(cd "$OUT" && "$PY_ENV/bin/python" -m pytest -q -p no:cacheprovider "$ROOT/bindings/uniffi/python") | tee "$OUT/python.log" || true
py_passed=$(tail -n1 "$OUT/python.log" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+' || echo 0)
py_failed=$((py_failed + $(tail -n1 "$OUT/python.log" | { grep -Eo '[0-9]+ (failed|errors?)' || true; } | awk '{s+=$1} END {print s+0}')))
[ "$py_passed" -gt 0 ] || py_failed=$((py_failed + 1))
count python "$py_passed" "$py_failed"

echo
echo "uniffi: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
