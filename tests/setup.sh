#!/usr/bin/env bash
# Installs whatever the build and the tests need on a fresh machine of this project's kind
# (Debian, Rust via rustup, Node and npm present, root). A no-op when everything is there.
#
#   tests/setup.sh        everything `make test` needs
#   tests/setup.sh demo   only what `make demo` needs (the wasm32 target; bindings/wasm/build.sh
#                         installs wasm-bindgen-cli itself): no Kotlin, Swift, JNA, Chromium or Python tools
#
# Python tools (pytest) go into a virtual environment under $HOME/.cache/mcx-connect/venv, never into
# the system Python (a stock Debian refuses `pip install` there, PEP 668). Debian mirrors are taken
# from this machine's own apt configuration, never written here.
set -euo pipefail
profile="${1:-all}"
case "$profile" in
  all | demo) ;;
  *) echo "usage: tests/setup.sh [all|demo]" >&2; exit 2 ;;
esac
MCX_CACHE="$HOME/.cache/mcx-connect"

if [ "$profile" = demo ]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  exit 0
fi

# The first Debian mirror this machine's apt uses (deb822 `.sources` files or one-line
# `sources.list` entries), for debootstrap. Security and update suites are not mirrors of the
# main archive; files apt ignores (not ending in .sources/.list) are skipped.
debian_mirror() {
  local file line
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # URIs of stanzas whose Suites hold a plain release name (no -security / -updates only).
    awk '
      /^[[:space:]]*$/ { if (uri != "" && plain) { print uri; exit } uri = ""; plain = 0; next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i !~ /-/) plain = 1 }
      END { if (uri != "" && plain) print uri }
    ' "$file" | grep -E "^https?://" | grep -v -- "-security" | head -n 1 && return 0
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    line=$(grep -E "^[[:space:]]*deb[[:space:]]" "$file" | grep -v -- "-security" | grep -v -E "(-updates|-backports)([[:space:]]|$)" | head -n 1 || true)
    if [ -n "$line" ]; then
      echo "$line" | sed -E "s/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//" | awk "{print \$1}"
      return 0
    fi
  done
  return 1
}

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
# The npm package's wasm-bindgen tests run in headless Chromium too (bindings/wasm/test.sh).
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)

if ((${#need_apt[@]})); then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  if [ ! -f /var/lib/apt/lists/.mcx-connect-updated ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
    apt-get update -qq && touch /var/lib/apt/lists/.mcx-connect-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    echo "setup: adding rustup component ${component}"
    rustup component add "${component}"
  fi
done

# --- UniFFI bindings (bindings/uniffi/test.sh): JNA and a Kotlin 2.x compiler for Kotlin, pytest
# for Python, and a Debian trixie chroot with swiftlang for Swift (bookworm packages no Swift).
# Everything lives under $HOME/.cache/mcx-connect/ and is reused when present.
uniffi_apt=()
[ -f /usr/share/java/jna.jar ] || uniffi_apt+=(libjna-java)
command -v debootstrap >/dev/null 2>&1 || uniffi_apt+=(debootstrap)
command -v java >/dev/null 2>&1 || uniffi_apt+=(default-jdk-headless)
if ((${#uniffi_apt[@]})); then
  echo "setup: installing Debian packages: ${uniffi_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${uniffi_apt[@]}" >/dev/null
fi

# The ARM proof (tests/cross/run.sh): Debian's cross toolchains, qemu-user and the two rustup targets.
cross_apt=()
command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || cross_apt+=(gcc-aarch64-linux-gnu)
command -v arm-linux-gnueabihf-gcc >/dev/null 2>&1 || cross_apt+=(gcc-arm-linux-gnueabihf)
{ command -v qemu-aarch64 >/dev/null 2>&1 && command -v qemu-arm >/dev/null 2>&1; } || cross_apt+=(qemu-user)
if ((${#cross_apt[@]})); then
  echo "setup: installing Debian packages: ${cross_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${cross_apt[@]}" >/dev/null
fi
for triple in aarch64-unknown-linux-gnu armv7-unknown-linux-gnueabihf; do
  if ! rustup target list --installed 2>/dev/null | grep -qx "$triple"; then
    echo "setup: adding the $triple target"
    rustup target add "$triple"
  fi
done

if [ ! -x "$MCX_CACHE/kotlin/node_modules/kotlin-compiler/bin/kotlinc" ]; then
  echo "setup: installing the Kotlin compiler (npm package kotlin-compiler) into $MCX_CACHE/kotlin"
  mkdir -p "$MCX_CACHE/kotlin"
  (cd "$MCX_CACHE/kotlin" && npm install --no-audit --no-fund --silent kotlin-compiler)
  chmod +x "$MCX_CACHE/kotlin/node_modules/kotlin-compiler/bin/"*
fi

# pytest in a virtual environment of its own (bindings/uniffi/test.sh runs $MCX_CACHE/venv/bin/python).
venv="$MCX_CACHE/venv"
if ! "$venv/bin/python" -m pytest --version >/dev/null 2>&1; then
  echo "setup: creating the Python virtual environment $venv (pytest)"
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check pytest
fi

swift_chroot="$MCX_CACHE/swift-chroot"
# /usr/bin/swift in the chroot is an absolute symlink: test the file it names, not the link.
if [ ! -x "$swift_chroot/usr/libexec/swift/bin/swift" ]; then
  if [ ! -x "$swift_chroot/usr/bin/apt-get" ]; then
    echo "setup: creating the Swift chroot (debootstrap trixie, about 3 GB) in $swift_chroot"
    rm -rf "$swift_chroot.tmp"
    mirror="$(debian_mirror)" || { echo "setup: no Debian mirror in /etc/apt/sources.list*" >&2; exit 1; }
    debootstrap --variant=minbase trixie "$swift_chroot.tmp" "$mirror" >/dev/null
    rm -rf "$swift_chroot"
    mv "$swift_chroot.tmp" "$swift_chroot"
  fi
  echo "setup: installing swiftlang in the chroot"
  cp /etc/resolv.conf "$swift_chroot/etc/resolv.conf" 2>/dev/null || true
  mountpoint -q "$swift_chroot/proc" || { mount -t proc proc "$swift_chroot/proc"; swift_proc_mounted=1; }
  chroot "$swift_chroot" /usr/bin/env DEBIAN_FRONTEND=noninteractive /bin/sh -c \
    'apt-get update -qq && apt-get install -y -qq --no-install-recommends swiftlang libc6-dev libstdc++-14-dev >/dev/null'
  [ -z "${swift_proc_mounted:-}" ] || umount "$swift_chroot/proc"
fi

# The npm package (bindings/wasm): the wasm32 target, wasm-bindgen-cli at the Cargo.lock version
# (bindings/wasm/build.sh installs both when missing), and the Node test dependencies.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_tests="$root/bindings/wasm/test"
if [ -f "$wasm_tests/package-lock.json" ] && { [ ! -d "$wasm_tests/node_modules" ] || [ "$wasm_tests/package-lock.json" -nt "$wasm_tests/node_modules/.package-lock.json" ]; }; then
  echo "setup: installing the Node test dependencies of bindings/wasm"
  (cd "$wasm_tests" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The web demo's end-to-end tests: Debian's chromium (driven by playwright-core, which cannot
# download browsers here) and the Node test dependencies of web-demo/e2e.
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -f "$root/web-demo/e2e/package-lock.json" ] && [ ! -d "$root/web-demo/e2e/node_modules/playwright-core" ]; then
  echo "setup: npm ci in web-demo/e2e"
  (cd "$root/web-demo/e2e" && npm ci --no-audit --no-fund --silent)
fi

# Packaging of the UniFFI bindings (bindings/uniffi/package.sh and test.sh): maturin in the Python
# tools' virtual environment, and a wheelhouse holding pytest and its dependencies, from which
# test.sh fills the fresh virtual environment that the wheel is installed into (no network then).
py_tools="$MCX_CACHE/venv"
if [ ! -x "$py_tools/bin/maturin" ]; then
  [ -x "$py_tools/bin/python" ] || python3 -m venv "$py_tools"
  echo "setup: installing maturin into $py_tools"
  "$py_tools/bin/python" -m pip install -q --disable-pip-version-check "maturin>=1.9,<2"
fi
wheelhouse="$MCX_CACHE/wheelhouse"
if ! ls "$wheelhouse"/pytest-*.whl >/dev/null 2>&1; then
  echo "setup: downloading pytest and its dependencies into $wheelhouse"
  "$py_tools/bin/python" -m pip download -q --disable-pip-version-check -d "$wheelhouse" pytest
fi
