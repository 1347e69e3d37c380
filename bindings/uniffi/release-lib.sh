#!/usr/bin/env bash
# Builds the UniFFI library as the packages ship it, for one target, into OUT_FILE:
#   * crate mcx-connect-ffi's cdylib alone (`cargo rustc --crate-type cdylib`; the crate's second
#     crate type, `lib`, would add 0.4 MB), with every feature it has;
#   * profile `dist` (Cargo.toml: release with opt-level "z", the curve arithmetic at 3, stripped);
#   * linked through link/cc.sh, which exports only the scaffolding functions (link/exports.map),
#     so that the linker drops UniFFI's metadata statics (UNIFFI_META_*, about 70 KB with their
#     dynamic symbols). Library-mode generation reads them from the debug build (package.sh);
#   * Ed25519 on curve25519-dalek's portable 64-bit backend only (`--cfg curve25519_dalek_backend`):
#     on x86_64 it otherwise also compiles its AVX2 backend, chosen at run time, 25 KB of the
#     library (tests/BENCHMARKS.md); aarch64 and armv7 have only that backend anyway;
#   * the core's error registry without its meanings (feature `registry-without-meanings`: no
#     caller of the library can read them; the generated Kotlin, Swift and Python code lists carry
#     them), 10 KB;
#   * on x86_64, identical functions folded by the linker (LLD's `--icf=all`: monomorphised copies
#     with the same machine code, 7 KB). Rust promises no distinct address per function, and no
#     code here compares function addresses.
# Checks that the library exports exactly the functions the debug build exports (the ones the
# generated Kotlin, Swift and Python call) and no metadata.
#
# Usage: bash bindings/uniffi/release-lib.sh TARGET OUT_FILE
#   TARGET  x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu or armv7-unknown-linux-gnueabihf
#           (the cross targets with Debian's toolchains from tests/setup.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=env.sh
source bindings/uniffi/env.sh
[ $# = 2 ] || { echo "usage: release-lib.sh TARGET OUT_FILE" >&2; exit 2; }
target=$1
out=$2
# LLD (rustc's linker on x86_64 Linux) folds identical functions; Debian's GNU ld for the ARM targets has no ICF.
icf=()
case "$target" in
  x86_64-unknown-linux-gnu) cc=cc nm=nm icf=(-C link-arg=-Wl,--icf=all) ;;
  aarch64-unknown-linux-gnu) cc=aarch64-linux-gnu-gcc nm=aarch64-linux-gnu-nm ;;
  armv7-unknown-linux-gnueabihf) cc=arm-linux-gnueabihf-gcc nm=arm-linux-gnueabihf-nm ;;
  *) echo "release-lib.sh: no C toolchain known for $target" >&2; exit 2 ;;
esac
MCX_FFI_CC=$cc RUSTFLAGS="${RUSTFLAGS:-} --cfg curve25519_dalek_backend=\"serial\"" cargo rustc --locked -q --profile dist --target "$target" -p mcx-connect-ffi --lib --crate-type cdylib \
  --features mcx-connect/registry-without-meanings -- -C "linker=$ROOT/bindings/uniffi/link/cc.sh" "${icf[@]}"
mkdir -p "$(dirname "$out")"
cp "$CARGO_TARGET_DIR/$target/dist/libmcx_connect_ffi.so" "$out"

# The exports against the debug build's (the library the bindings are generated from).
cargo build --locked -q -p mcx-connect-ffi --lib
exports() { "$1" -D --defined-only "$2" | awk '{print $3}' | sort; }
expected=$(exports nm "$CARGO_TARGET_DIR/debug/libmcx_connect_ffi.so" | grep -v '^UNIFFI_META_')
if [ "$(exports "$nm" "$out")" != "$expected" ]; then
  echo "release-lib.sh: $out does not export exactly the debug build's functions without UNIFFI_META_*:" >&2
  diff <(echo "$expected") <(exports "$nm" "$out") >&2 || true
  exit 1
fi
