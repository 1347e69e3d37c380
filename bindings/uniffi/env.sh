# Sourced by package.sh, test.sh and bench.sh, from the repository root: the locations they share.
#   ROOT            the repository root
#   CACHE           the tools tests/setup.sh installs ($HOME/.cache/mcx-connect)
#   CARGO_TARGET_DIR  honoured when set (worktrees keep their own), else $CACHE/target
#   KOTLIN_HOME, JNA_JAR  the Kotlin compiler and JNA the jar is compiled and run with
ROOT=$PWD
CACHE="$HOME/.cache/mcx-connect"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
KOTLIN_HOME="$CACHE/kotlin/node_modules/kotlin-compiler"
JNA_JAR=/usr/share/java/jna.jar
