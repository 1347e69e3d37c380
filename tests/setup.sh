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
