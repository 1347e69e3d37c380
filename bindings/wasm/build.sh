#!/usr/bin/env bash
# Builds the npm package `mcx-connect` from this crate and packs it: compiles the wasm
# (release, opt-level z), then package.sh lays out pkg/ (web/ with the one .wasm, shrunk by
# shrink.sh's wasm-opt; node/ that loads it) and packs $CARGO_TARGET_DIR/npm/mcx-connect-<version>.tgz
# (path also in .../npm/LATEST).
#
# Installs what it needs when missing (a no-op when present): the wasm32 target, and wasm-bindgen-cli
# at exactly the version of the wasm-bindgen crate in Cargo.lock (shrink.sh installs binaryen).
# Usage: build.sh [cargo build arguments, e.g. --no-default-features --features login,flow]
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/mcx-connect/target), MCX_WASM_JOBS (cargo -j),
# MCX_NPM_DIR (where the tarball goes; default $CARGO_TARGET_DIR/npm), FEATURES (extra cargo features
# of mcx-connect-wasm: `builtin-crypto` builds the fallback package whose signatures are checked by
# the core's pure-Rust arithmetic instead of WebCrypto), MCX_WASM_PACK=0 (stop after cargo; the
# wasm's path is printed last: bench/size.sh), MCX_WASM_BUILD_STD=1 (the nightly build below).
#
# MCX_WASM_BUILD_STD=1 compiles the standard library too, with the installed nightly toolchain
# (`-Z build-std`, panic strategy immediate-abort, std's optimize_for_size, no panic locations):
# 17.5 KB smaller gzipped than the stable build (tests/BENCHMARKS.md). Opt-in, not the shipped
# build: it needs a nightly compiler and unstable flags (the immediate-abort one changed form in
# 2025), so the stable build stays the default. A panic already aborts in wasm32 (the wasm traps); it only loses its
# message and location, which no caller sees.
set -euo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"
jobs=()
[ -n "${MCX_WASM_JOBS:-}" ] && jobs=(-j "$MCX_WASM_JOBS")
[ -n "${FEATURES:-}" ] && jobs+=(--features "$FEATURES")

# --- tools -------------------------------------------------------------------------------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "build: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")"
if [ -z "$bindgen_version" ]; then
  echo "build: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  echo "build: installing wasm-bindgen-cli $bindgen_version (once; takes a few minutes)"
  cargo install wasm-bindgen-cli --version "=$bindgen_version" "${jobs[@]}"
fi
toolchain=()
build_std=()
target_dir="$CARGO_TARGET_DIR"
if [ "${MCX_WASM_BUILD_STD:-0}" = 1 ]; then
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "build: installing the nightly toolchain (MCX_WASM_BUILD_STD=1)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
    echo "build: adding rust-src to the nightly toolchain (MCX_WASM_BUILD_STD=1)"
    rustup component add rust-src --toolchain nightly
  fi
  toolchain=(+nightly)
  build_std=(-Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)
  # Its own folder: the standard library built from source never replaces the stable build's.
  target_dir="$CARGO_TARGET_DIR/build-std"
  export CARGO_PROFILE_RELEASE_PANIC=abort RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
else
  # A panic's location names its source file, and the wasm keeps every such name: this machine's
  # crate registry folder and checkout are left out of them (stable `--remap-path-prefix`;
  # `serde_json-1.0.154/src/de.rs` instead of `/home/…/.cargo/registry/src/index…/serde_json-…`).
  # Paths with spaces are not remapped (RUSTFLAGS is split at spaces); the build is the same.
  remap=()
  for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ "$root/"; do
    case "$dir" in *" "*) ;; *) [ -d "$dir" ] && remap+=("--remap-path-prefix=${dir%/}/=") ;; esac
  done
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }${remap[*]}"
fi

# --- compile -----------------------------------------------------------------------------
# The workspace release profile strips symbols; keep the wasm `target_features` section for
# wasm-bindgen (it strips names itself). opt-level "z" rather than the profile's "s": about 10%
# smaller gzipped (README, size; 22 KB with shrink.sh, tests/BENCHMARKS.md).
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_STRIP=false cargo "${toolchain[@]}" build --locked --release \
  --target wasm32-unknown-unknown --target-dir "$target_dir" -p mcx-connect-wasm "${build_std[@]}" "${jobs[@]}" "$@"
wasm="$target_dir/wasm32-unknown-unknown/release/mcx_connect_wasm.wasm"

# --- lay out and pack ---------------------------------------------------------------
if [ "${MCX_WASM_PACK:-1}" = 0 ]; then
  echo "$wasm"
  exit 0
fi
bash "$here/package.sh" "$wasm"
