# The two commands of the README: `make demo` (the main job) and `make test` (every test).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/mcx-connect/target

.PHONY: demo test fuzz bench migration-example
# The web demo: builds the npm package's web build when missing, then starts the loopback server
# (primary and partner IdMS, and the console) on 127.0.0.1:$PORT (default 8080) and prints its address.
demo:
	bash tests/setup.sh demo
	@if [ ! -f bindings/wasm/pkg/web/mcx_connect.js ]; then \
	  if [ -f bindings/wasm/build.sh ]; then bash bindings/wasm/build.sh; \
	  else echo "warning: bindings/wasm is not in this tree: the console cannot load the npm package"; fi; \
	fi
	@echo "mcx-connect demo: building the server, then open http://127.0.0.1:$${PORT:-8080}/"
	cargo run --locked -q -p mcx-connect-demo --release -- --port $${PORT:-8080}

test:
	bash tests/run-all.sh

# Every fuzz target for a bounded time (FUZZ_SECONDS, default 60 s each).
fuzz:
	bash tests/fuzz/run.sh

# The command-line walk-through of a migration's HTTP requests (the former `make demo`).
migration-example:
	cargo run --locked -q -p mcx-connect --example migration

# Every benchmark, each with its baseline measured in the same run; prints a table of ratios.
bench:
	bash tests/bench.sh
