# Sourced by build.sh, package.sh and test.sh: the folders they share.
#   here  bindings/wasm;  root  the repository root
#   CARGO_TARGET_DIR  honoured when set (worktrees keep their own), else $HOME/.cache/mcx-connect/target
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcx-connect/target}"
export PATH="$HOME/.cargo/bin:$PATH"
