#!/usr/bin/env bash
# Builds the three installable forms of the UniFFI bindings into OUTDIR:
#
#   mcx_connect-VERSION-py3-none-manylinux_*_x86_64.whl   Python wheel (maturin, bindings = "uniffi")
#   mcx-connect-VERSION.jar                                 Kotlin/JVM: the compiled generated classes and
#                                                           the library under JNA's resource path
#                                                           (linux-x86-64/, and linux-aarch64/ with --aarch64)
#   mcx-connect-swift/ and mcx-connect-swift-VERSION.tar.gz Swift package (Package.swift, generated sources,
#                                                           C module map, lib/libmcx_connect_ffi.so)
#
# Usage: bash bindings/uniffi/package.sh [--release] [--aarch64] OUTDIR
#   default     debug profile (what bindings/uniffi/test.sh installs and tests)
#   --release   the library as a release ships it (release-lib.sh: profile `dist`, only the scaffolding
#               functions exported) in all three packages: what `make bench` measures
#   --aarch64   also cross-build the library for aarch64-unknown-linux-gnu (Debian's
#               gcc-aarch64-linux-gnu) and put it into the jar as linux-aarch64/
#
# Generated code is never committed: Kotlin and Swift come from the workspace's own uniffi-bindgen
# run on the debug library (library mode reads UniFFI's metadata statics, which the release library
# neither exports nor contains; the generated code does not depend on the profile); maturin runs the
# same generator itself for the wheel. Tools come from tests/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=env.sh
source bindings/uniffi/env.sh
MATURIN="$CACHE/venv/bin/maturin"

release=0
aarch64=0
out=""
for arg in "$@"; do
  case "$arg" in
    --release) release=1 ;;
    --aarch64) aarch64=1 ;;
    -*) echo "usage: package.sh [--release] [--aarch64] OUTDIR" >&2; exit 2 ;;
    *) out="$arg" ;;
  esac
done
[ -n "$out" ] || { echo "usage: package.sh [--release] [--aarch64] OUTDIR" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
VERSION=$(cargo metadata --locked --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "mcx-connect-ffi"))')
work="$out/.work"
rm -rf "$work" "$out"/mcx_connect-*.whl "$out"/mcx-connect-*.jar "$out"/mcx-connect-swift "$out"/mcx-connect-swift-*.tar.gz
mkdir -p "$work"

# --- the generated sources ----------------------------------------------------------------------
cargo build --locked -q -p mcx-connect-ffi --lib --bins
DEBUG_LIB="$CARGO_TARGET_DIR/debug/libmcx_connect_ffi.so"
for language in kotlin swift; do
  "$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --no-format --library "$DEBUG_LIB" --language "$language" \
    --out-dir "$work/$language" >/dev/null
done
# The generated Kotlin reuses each call's status instead of making a new JNA Structure per call
# (kotlin-call-status.py says why; tests/BENCHMARKS.md has the measurement).
python3 bindings/uniffi/kotlin-call-status.py \
  "$work/kotlin/org/mcxconnect/mcx_connect_ffi.kt" "$work/kotlin/org/mcxconnect/core/mcx_connect.kt"

# --- Python: the wheel --------------------------------------------------------------------------
# maturin's `uniffi` mode finds the crate's `uniffi-bindgen` binary and runs it with `cargo run` on
# the library it built: the module in the wheel is the workspace's generator's output (checked
# below). That run needs UniFFI's metadata, which the release library does not have, so maturin
# always builds the debug cdylib; with --release the wheel's library is then replaced by the
# release one (below; the same file as in the jar and the Swift package). maturin reuses a module
# left in its folder when the generator writes none: remove it first.
rm -rf "$CARGO_TARGET_DIR/maturin/uniffi"
(cd bindings/uniffi/python && "$MATURIN" build --out "$out" >"$work/maturin.log" 2>&1) ||
  { cat "$work/maturin.log" >&2; echo "package: maturin failed" >&2; exit 1; }
wheel=$(ls "$out"/mcx_connect-"$VERSION"-*.whl)
"$CARGO_TARGET_DIR/debug/uniffi-bindgen" generate --no-format --library "$DEBUG_LIB" --language python \
  --out-dir "$work/python" >/dev/null
# Two generated modules: the core's namespace (`mcx_connect.py`) and this crate's (`mcx_connect_ffi.py`).
for module in mcx_connect mcx_connect_ffi; do
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$wheel" "mcx_connect/_uniffi/$module.py" | cmp -s - "$work/python/$module.py" ||
    { echo "package: $module.py in $(basename "$wheel") is not uniffi-bindgen's output" >&2; exit 1; }
done
echo "package: $(basename "$wheel")"

# --- the library of the three packages -----------------------------------------------------------
# Debug: the debug build as it is (the wheel keeps maturin's). Release: release-lib.sh, for aarch64
# with Debian's cross toolchain.
mkdir -p "$work/lib/x86_64" "$work/lib/aarch64"
LIB="$work/lib/x86_64/libmcx_connect_ffi.so"
if [ "$release" = 1 ]; then
  bash bindings/uniffi/release-lib.sh x86_64-unknown-linux-gnu "$LIB"
  python3 bindings/uniffi/replace-wheel-library.py "$wheel" "$LIB"
  # The wheel's manylinux tag came from maturin's debug build: the release library may need no newer glibc.
  glibc_tag=$(basename "$wheel" | sed -nE 's/.*-manylinux_([0-9]+)_([0-9]+)_x86_64\.whl$/\1.\2/p')
  glibc_needed=$(objdump -T "$LIB" | grep -Eo 'GLIBC_[0-9.]+' | cut -d_ -f2 | sort -uV | tail -n1)
  if [ -z "$glibc_tag" ] || [ "$(printf '%s\n' "$glibc_needed" "$glibc_tag" | sort -V | tail -n1)" != "$glibc_tag" ]; then
    echo "package: the release library needs glibc $glibc_needed, $(basename "$wheel") is tagged for ${glibc_tag:-no glibc}" >&2
    exit 1
  fi
else
  cp "$DEBUG_LIB" "$LIB"
fi
if [ "$aarch64" = 1 ]; then
  if [ "$release" = 1 ]; then
    bash bindings/uniffi/release-lib.sh aarch64-unknown-linux-gnu "$work/lib/aarch64/libmcx_connect_ffi.so"
  else
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
    cargo build --locked -q --target aarch64-unknown-linux-gnu -p mcx-connect-ffi --lib
    cp "$CARGO_TARGET_DIR/aarch64-unknown-linux-gnu/debug/libmcx_connect_ffi.so" "$work/lib/aarch64/"
  fi
fi
echo "package: libmcx_connect_ffi.so ($([ "$release" = 1 ] && echo release || echo debug), x86_64 $(stat -c %s "$LIB") bytes$(
  [ "$aarch64" = 1 ] && echo ", aarch64 $(stat -c %s "$work/lib/aarch64/libmcx_connect_ffi.so") bytes"))"

# --- Kotlin/JVM: the jar ------------------------------------------------------------------------
# kotlinc takes from half a minute to minutes over the generated Kotlin (0.47 MB) on this machine:
# its classes are cached by the hash of the source and of the compiler.
# Beside the generated code: the package's own Kotlin (bindings/uniffi/kotlin/src, e.g. the error
# interface on the base class).
# Two generated files, one package each: org.mcxconnect (this crate: objects, functions, the error)
# and org.mcxconnect.core (the core's records and enums).
kt=("$work/kotlin/org/mcxconnect/mcx_connect_ffi.kt" "$work/kotlin/org/mcxconnect/core/mcx_connect.kt"
  bindings/uniffi/kotlin/src/*.kt)
classes="$CARGO_TARGET_DIR/uniffi-kotlin/classes-$(cat "${kt[@]}" "$KOTLIN_HOME/build.txt" | sha256sum | cut -c1-16)"
if [ ! -d "$classes" ]; then
  rm -rf "$CARGO_TARGET_DIR"/uniffi-kotlin/classes-*
  mkdir -p "$classes.tmp"
  echo "package: compiling the generated Kotlin (kotlinc $(cat "$KOTLIN_HOME/build.txt"), cached by content hash)"
  "$KOTLIN_HOME/bin/kotlinc" -nowarn "${kt[@]}" -cp "$JNA_JAR" -d "$classes.tmp" 2>&1 | grep -v '^warning' || true
  [ -f "$classes.tmp/org/mcxconnect/JwtBearerRequest.class" ] || { echo "package: kotlinc failed" >&2; exit 1; }
  mv "$classes.tmp" "$classes"
fi
jar_root="$work/jar"
mkdir -p "$jar_root/linux-x86-64" "$jar_root/META-INF/maven/org.mcxconnect/mcx-connect"
cp "$LIB" "$jar_root/linux-x86-64/libmcx_connect_ffi.so"
if [ "$aarch64" = 1 ]; then
  mkdir -p "$jar_root/linux-aarch64"
  cp "$work/lib/aarch64/libmcx_connect_ffi.so" "$jar_root/linux-aarch64/"
fi
kotlin_version=$(cut -d- -f1 "$KOTLIN_HOME/build.txt")
jna_version=$(basename "$(readlink -f "$JNA_JAR")" .jar | sed 's/^jna-//')
sed -e "s/@VERSION@/$VERSION/" -e "s/@KOTLIN_VERSION@/$kotlin_version/" -e "s/@JNA_VERSION@/$jna_version/" \
  bindings/uniffi/kotlin/pom.xml >"$jar_root/META-INF/maven/org.mcxconnect/mcx-connect/pom.xml"
cp LICENSE "$jar_root/META-INF/LICENSE"
cat >"$work/MANIFEST.MF" <<EOF
Implementation-Title: mcx-connect
Implementation-Version: $VERSION
Automatic-Module-Name: org.mcxconnect
EOF
jar="$out/mcx-connect-$VERSION.jar"
jar --create --file "$jar" --manifest "$work/MANIFEST.MF" -C "$classes" . -C "$jar_root" .
echo "package: $(basename "$jar") ($(cd "$jar_root" && find linux-* -name '*.so' | paste -sd ' '))"

# --- Swift: the package -------------------------------------------------------------------------
swift_pkg="$out/mcx-connect-swift"
mkdir -p "$swift_pkg/Sources/McxConnect" "$swift_pkg/Sources/mcx_connectFFI" "$swift_pkg/lib"
cp bindings/uniffi/swift/Package.swift "$swift_pkg/"
# Both namespaces in the one module McxConnect (UniFFI's Swift helpers are fileprivate; the core's
# public converters serve this crate's file) over one C module with both headers (each guards the
# definitions they share with UNIFFI_SHARED_H).
cp "$work/swift/McxConnect.swift" "$work/swift/McxConnectCore.swift" "$swift_pkg/Sources/McxConnect/"
cp bindings/uniffi/swift/Sources/*.swift "$swift_pkg/Sources/McxConnect/"  # the package's own Swift (the error interface)
cp "$work/swift/mcx_connectFFI.h" "$work/swift/mcx_connect_coreFFI.h" "$swift_pkg/Sources/mcx_connectFFI/"
sed -e 's/^\( *header "mcx_connectFFI.h"\)$/    header "mcx_connect_coreFFI.h"\n\1/' "$work/swift/mcx_connectFFI.modulemap" \
  >"$swift_pkg/Sources/mcx_connectFFI/module.modulemap"
grep -q 'header "mcx_connect_coreFFI.h"' "$swift_pkg/Sources/mcx_connectFFI/module.modulemap" ||
  { echo "package: the module map does not name both headers" >&2; exit 1; }
cp "$LIB" "$swift_pkg/lib/"
cp LICENSE "$swift_pkg/"
tar -C "$out" -czf "$out/mcx-connect-swift-$VERSION.tar.gz" mcx-connect-swift
echo "package: mcx-connect-swift/ and mcx-connect-swift-$VERSION.tar.gz"
if [ "$release" = 1 ]; then
  # One library, release-lib.sh's, in all three packages.
  member() { python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(z.read(next(n for n in z.namelist() if n.endswith(sys.argv[2]))))' "$@"; }
  for shipped in "$swift_pkg/lib/libmcx_connect_ffi.so" <(member "$jar" linux-x86-64/libmcx_connect_ffi.so) \
    <(member "$wheel" /libmcx_connect_ffi.so); do
    cmp -s "$LIB" "$shipped" || { echo "package: a package does not ship the library release-lib.sh built" >&2; exit 1; }
  done
fi
rm -rf "$work"
cd "$ROOT"
