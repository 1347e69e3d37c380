#!/bin/sh
# The linker of the shipped UniFFI library (`-C linker`, set by bindings/uniffi/release-lib.sh): the C
# compiler driver in MCX_FFI_CC (`cc`, or a cross compiler) run with rustc's own arguments, except that
# rustc's list of exported symbols (its `-Wl,--version-script=`) is replaced by exports.map beside
# this script. rustc exports every `#[no_mangle]` item, UniFFI's metadata statics included; a second
# version script cannot take them back (GNU ld refuses two anonymous ones, and in LLD rustc's exact
# names win over a pattern), so the list is replaced, not added to.
set -eu
map="$(cd "$(dirname "$0")" && pwd)/exports.map"
replaced=0
for arg in "$@"; do
  shift
  case "$arg" in
    -Wl,--version-script=*) set -- "$@" "-Wl,--version-script=$map"; replaced=$((replaced + 1)) ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ "$replaced" != 1 ]; then
  echo "bindings/uniffi/link/cc.sh: expected one -Wl,--version-script from rustc, found $replaced" >&2
  exit 1
fi
exec "${MCX_FFI_CC:-cc}" "$@"
