# The two commands of the README: `make demo` (the main job) and `make test` (every test).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/mcx-connect/target

.PHONY: demo test fuzz
demo:
	bash tests/setup.sh
	cargo run --locked -q -p mcx-connect --example migration

test:
	bash tests/run-all.sh

# Every fuzz target for a bounded time (FUZZ_SECONDS, default 60 s each).
fuzz:
	bash tests/fuzz/run.sh
