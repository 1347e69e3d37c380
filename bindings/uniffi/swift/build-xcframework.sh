#!/usr/bin/env bash
# Apple platforms: builds mcx_connectFFI.xcframework into an assembled Swift package (the folder
# mcx-connect-swift/ that bindings/uniffi/package.sh writes), where Package.swift's
# `.binaryTarget(name: "mcx_connectFFI", path: "mcx_connectFFI.xcframework")` takes it on macOS.
#
# The XCFramework holds one static library per platform (iOS devices; the iOS simulator and macOS,
# each arm64 + x86_64 joined with lipo) with the generated header and module map. It needs macOS with
# Xcode (xcodebuild, lipo) and the Apple Rust targets. NOT run on this project's machines, which are
# Linux: this script is kept so that a Mac build does exactly what the README describes, and refuses
# to run anywhere else.
#
# Usage: bash bindings/uniffi/swift/build-xcframework.sh PACKAGE_DIR
set -euo pipefail
[ "$(uname -s)" = Darwin ] || { echo "build-xcframework.sh needs macOS with Xcode; this machine runs $(uname -s)" >&2; exit 1; }
[ $# -eq 1 ] && [ -f "$1/Package.swift" ] || { echo "usage: build-xcframework.sh PACKAGE_DIR (package.sh's mcx-connect-swift/)" >&2; exit 2; }
pkg=$(cd "$1" && pwd)
cd "$(dirname "$0")/../../.."
target_dir="${CARGO_TARGET_DIR:-target}"
lib=libmcx_connect_ffi.a

for triple in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin; do
  rustup target add "$triple"
  # The crate's crate types are cdylib and lib; Apple apps link a static library.
  cargo rustc --locked --release --target "$triple" -p mcx-connect-ffi --lib --crate-type staticlib
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/headers" "$work/ios-simulator" "$work/macos"
cp "$pkg"/Sources/mcx_connectFFI/*.h "$pkg/Sources/mcx_connectFFI/module.modulemap" "$work/headers/"
lipo -create "$target_dir/aarch64-apple-ios-sim/release/$lib" "$target_dir/x86_64-apple-ios/release/$lib" \
  -output "$work/ios-simulator/$lib"
lipo -create "$target_dir/aarch64-apple-darwin/release/$lib" "$target_dir/x86_64-apple-darwin/release/$lib" \
  -output "$work/macos/$lib"
rm -rf "$pkg/mcx_connectFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$target_dir/aarch64-apple-ios/release/$lib" -headers "$work/headers" \
  -library "$work/ios-simulator/$lib" -headers "$work/headers" \
  -library "$work/macos/$lib" -headers "$work/headers" \
  -output "$pkg/mcx_connectFFI.xcframework"
echo "wrote $pkg/mcx_connectFFI.xcframework"
