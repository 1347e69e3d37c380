# The two commands of the README: `make demo` (the main job) and `make test` (every test).
export CARGO_TARGET_DIR ?= $(HOME)/.cache/mcx-connect/target

.PHONY: demo test
demo:
	bash tests/setup.sh
	cargo run --locked -q -p mcx-connect --example migration

test:
	bash tests/run-all.sh
