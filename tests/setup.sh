#!/usr/bin/env bash
# Installs whatever the build and the tests need on a fresh machine of this project's kind
# (Debian, Rust via rustup, Node and npm present, root). A no-op when everything is there.
set -euo pipefail

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)

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
