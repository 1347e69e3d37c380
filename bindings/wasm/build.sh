#!/usr/bin/env bash
# Builds the npm package `mcx-connect` from this crate and packs it: compiles the wasm
# (release, opt-level z), then package.sh lays out pkg/ (web/ with the one .wasm, node/ that
# loads it) and packs $CARGO_TARGET_DIR/npm/mcx-connect-<version>.tgz (path also in .../npm/LATEST).
#
# Installs what it needs when missing (a no-op when present): the wasm32 target, and
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/mcx-connect/target), MCX_WASM_JOBS (cargo -j),
# MCX_NPM_DIR (where the tarball goes; default $CARGO_TARGET_DIR/npm), FEATURES (extra cargo features
# of mcx-connect-wasm: `builtin-crypto` builds the fallback package whose signatures are checked by
# the core's pure-Rust arithmetic instead of WebCrypto).
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

# --- compile -----------------------------------------------------------------------------
# The workspace release profile strips symbols; keep the wasm `target_features` section for
# wasm-bindgen (it strips names itself). opt-level "z" rather than the profile's "s": about 10%
# smaller gzipped (README, size). No wasm-opt: binaryen 132's -Oz made the gzipped file larger.
CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_STRIP=false cargo build --locked --release --target wasm32-unknown-unknown -p mcx-connect-wasm "${jobs[@]}"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/mcx_connect_wasm.wasm"

# --- lay out and pack ---------------------------------------------------------------
bash "$here/package.sh" "$wasm"
