#!/usr/bin/env bash
# Every test of the npm package (issue 6), no benchmarks:
#   build + pack (build.sh), js/fetch.d.ts checked against what tsc writes from fetch.js, publint and arethetypeswrong on the packed tarball,
#   Rust wasm-bindgen-test in Node and in headless Chromium,
#   tsc --noEmit on a TypeScript usage file (ES module) and a .cts file (CommonJS) against the installed package,
#   node --test: shared vectors, JS conventions, the documentation (JSDoc for JS readers: @throws on
#   what can throw, an @example on every function and class, each example run), interop (oauth4webapi,
#   jose) through the installed tarball,
#   a CommonJS project require()-ing the tarball (the shared vectors again, Node's require(esm) off),
#   the packaged web build driven in headless Chromium, and a fresh consumer project (Node ESM and a
#   Vite build in headless Chromium) migrating against the demo server.
# Ends with `wasm: N passed, N failed`; exits non-zero when anything failed.
set -uo pipefail
# shellcheck source=env.sh
source "$(dirname "$0")/env.sh"
log="$(mktemp -d)"
passed=0
failed=0
failed_steps=()
current=""
step() { current="$*"; printf '\n=== wasm: %s\n' "$*"; }
# count PASSED FAILED: adds to the totals; a failure names the current step in the closing summary
# (CI shows only the end of the log).
count() {
  passed=$((passed + $1)); failed=$((failed + $2))
  if [ "$2" -gt 0 ]; then failed_steps+=("$current"); fi
}

step "build and pack"
if ! bash "$here/build.sh"; then
  echo "wasm: 0 passed, 1 failed"
  exit 1
fi

tarball="$(cat "${MCX_NPM_DIR:-$CARGO_TARGET_DIR/npm}/LATEST")"
export MCX_CONNECT_TARBALL="$tarball"

if [ ! -d "$here/test/node_modules" ] || [ "$here/test/package-lock.json" -nt "$here/test/node_modules/.package-lock.json" ]; then
  (cd "$here/test" && npm ci --no-audit --no-fund --loglevel=error)
fi

step "js/fetch.d.ts is tsc's output from the JSDoc in js/fetch.js (no declaration written by hand)"
if bash "$here/fetch-declarations.sh" --check; then count 1 0; else count 0 1; fi

# Package lints on the tarball as published. publint --strict: a warning fails; a suggestion
# fails too (only "All good!" passes). attw, no rule ignored: every entry point resolves to
# JavaScript and types under node10, node16 (ESM and CJS) and bundler resolution, require() to
# the CommonJS files (README, "CommonJS").
step "publint --strict on the packed tarball"
# Colour codes are stripped before the verdict is read (CI=true turns them on without a terminal).
if (cd "$here/test" && NO_COLOR=1 npx --no-install publint run --strict "$tarball") 2>&1 | tee "$log/publint.txt" \
  && sed 's/\x1b\[[0-9;]*m//g' "$log/publint.txt" | grep -qx 'All good!'; then
  count 1 0
else
  echo "publint reported a finding"
  count 0 1
fi
step "package size within the README's budgets"
if (cd "$here/pkg" && npm pack --dry-run --json 2>/dev/null) | node -e '
  const [{ size, unpackedSize, files }] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const wasm = files.filter((f) => f.path.endsWith(".wasm"));
  const budgets = [["packed", size, 390000], ["unpacked", unpackedSize, 1300000], ["wasm", wasm[0]?.size ?? Infinity, 1000000]];
  let ok = wasm.length === 1;
  console.log(`${wasm.length} .wasm file(s) in the package`);
  for (const [what, bytes, budget] of budgets) {
    console.log(`${what}: ${bytes} B (budget ${budget} B)`);
    if (!(bytes <= budget)) ok = false;
  }
  process.exit(ok ? 0 : 1);
'; then
  count 1 0
else
  echo "the package is over a budget, or does not hold exactly one .wasm"
  count 0 1
fi
step "arethetypeswrong on the packed tarball"
if (cd "$here/test" && npx --no-install attw "$tarball" --format table-flipped); then
  count 1 0
else
  echo "attw reported a problem"
  count 0 1
fi

# Rust tests compiled to wasm32 and run by wasm-bindgen-test-runner (installed by build.sh with wasm-bindgen-cli).
cargo_wasm_test() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --locked -p mcx-connect-wasm --target wasm32-unknown-unknown "$@" 2>&1
}
rust_counts() {
  local file=$1 p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$file" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$file" | awk '{s+=$1} END {print s+0}')
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  count "$p" "$f"
}

step "wasm-bindgen-test in Node"
cargo_wasm_test | tee "$log/node.txt"
rust_counts "$log/node.txt"

step "wasm-bindgen-test in headless Chromium"
if command -v chromedriver >/dev/null 2>&1; then
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$(command -v chromedriver)" cargo_wasm_test | tee "$log/chrome.txt"
  rust_counts "$log/chrome.txt"
else
  echo "chromedriver is not installed (tests/setup.sh installs chromium and chromium-driver)"
  count 0 1
fi

# ts_consumer DIR TYPE FILE MODULE: a fresh project of package type TYPE (module | commonjs) with the
# tarball installed, FILE from test/ and a strict tsconfig with module and moduleResolution MODULE.
ts_consumer() {
  local dir=$1 type=$2 file=$3 module=$4
  (
    cd "$dir" &&
      echo "{\"name\":\"ts-consumer\",\"private\":true,\"type\":\"$type\"}" >package.json &&
      npm install --no-audit --no-fund --loglevel=error "$tarball" &&
      cp "$here/test/$file" . &&
      cat >tsconfig.json <<JSON
{
  "compilerOptions": {
    "strict": true,
    "noEmit": true,
    "module": "$module",
    "moduleResolution": "$module",
    "target": "es2022",
    "lib": ["es2022", "dom", "esnext.disposable"],
    "noImplicitAny": true,
    "skipLibCheck": false
  },
  "files": ["$file"]
}
JSON
  )
}

step "tsc --noEmit on test/usage.ts against the installed package"
consumer="$(mktemp -d)"
if ts_consumer "$consumer" module usage.ts nodenext && node "$here/test/node_modules/typescript/bin/tsc" -p "$consumer/tsconfig.json"; then
  echo "tsc: usage.ts type-checks"
  count 1 0
else
  count 0 1
fi
step "tsc --noEmit on test/usage.cts (CommonJS, module node16): types from the package's .d.cts"
cts_consumer="$(mktemp -d)"
ts_consumer "$cts_consumer" commonjs usage.cts node16 && node "$here/test/node_modules/typescript/bin/tsc" -p "$cts_consumer/tsconfig.json" --listFiles >"$log/cts.txt"
cts_status=$?
grep 'node_modules/mcx-connect/' "$log/cts.txt"
if [ "$cts_status" -ne 0 ]; then
  cat "$log/cts.txt"
  count 0 1
elif ! grep -q 'mcx-connect/node/index\.d\.cts$' "$log/cts.txt" || ! grep -q 'mcx-connect/web/index\.d\.cts$' "$log/cts.txt"; then
  echo "tsc did not read the package's .d.cts entries"
  count 0 1
elif grep -q 'mcx-connect/.*\.d\.ts$' "$log/cts.txt"; then
  echo "a CommonJS file got the package's ES module declarations"
  count 0 1
else
  echo "tsc: usage.cts type-checks against the .d.cts declarations"
  count 1 0
fi

# No `any` in the API's declarations. Skipped: comments, and the web build's `InitOutput`
# interface, wasm-bindgen's own listing of the raw wasm exports (ABI slots, not API shapes).
step "no \`any\` in the installed package's declarations"
decls=("$consumer"/node_modules/mcx-connect/web/{mcx_connect,fetch}.{d.ts,d.cts})
missing=0
for d in "${decls[@]}"; do [ -s "$d" ] || { echo "missing declaration file: $d"; missing=1; }; done
any_lines="$(awk '/^export interface InitOutput/ { skip = 1 } skip && /^}/ { skip = 0; next } !skip' \
  "${decls[@]}" 2>&1 | grep -v '^\s*/\?\*' | grep -n '\bany\b' || true)"
if [ "$missing" -ne 0 ]; then
  count 0 1
elif [ -n "$any_lines" ]; then
  echo "$any_lines"
  echo "the package's .d.ts declares \`any\`"
  count 0 1
else
  echo "the API declarations have no \`any\`"
  count 1 0
fi

# The demo server for the consumer-project test (test/consumer.test.mjs); a failed build fails that test.
step "build the demo server (web-demo/server) for the consumer-project test"
cargo build --locked -q -p mcx-connect-demo || echo "the demo server did not build"

step "node --test: vectors, API conventions, the documentation and its examples, interop, Wycheproof through WebCrypto, the web build in headless Chromium, a fresh consumer project, CommonJS"
(cd "$here/test" && node --test --test-reporter=spec vectors.test.mjs api.test.mjs jsdoc.test.mjs interop.test.mjs wycheproof.test.mjs browser.test.mjs consumer.test.mjs commonjs.test.mjs) 2>&1 | tee "$log/node-test.txt"
p=$(grep -Eo '^ℹ pass [0-9]+' "$log/node-test.txt" | awk '{print $3}')
f=$(grep -Eo '^ℹ fail [0-9]+' "$log/node-test.txt" | awk '{print $3}')
count "${p:-0}" "${f:-1}"
grep -E '^vectors \(js(, CommonJS)?\):' "$log/node-test.txt" || true

echo
for s in "${failed_steps[@]}"; do echo "wasm: failed step: $s"; done
echo "wasm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
