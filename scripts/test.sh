#!/usr/bin/env bash
# The test command of Anyqtama (what CI runs through .ci/run). From a fresh machine it first
# installs what it needs (scripts/setup.sh), then runs the stages below in order. A failed stage
# does not stop the others, except those that need its output (the browser stages need dist/).
# The last line is "N passed, M failed", with stages as the unit.
#
#   scripts/test.sh
#
# Stages: project text (no machine paths or registry hosts), rustfmt check, clippy (native workspace), clippy (web app for wasm32), rustdoc, native tests
# (with a throwaway PostgreSQL: the store suite on both stores, the two-node fault test),
# the example bundles through independent tools (Python bagit + jwcrypto), trunk build --release,
# browser tests (wasm-bindgen-test in Chromium), the in-browser keystroke benchmark (figures in
# test-artifacts/keystroke-bench.txt), end-to-end tests (playwright-core + axe-core in Chromium),
# size report of the first page.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

total_start="$(date +%s.%N)"
rm -f test-artifacts/size-report.txt test-artifacts/keystroke-bench.txt test-artifacts/hash-bench.txt test-artifacts/precheck-bench.txt
passed=0
failed=0
failed_names=()
declare -A stage_ok=()
timings=()

# stage <name> <command…>: runs the command with errexit on, in a subshell, and records the result.
stage() {
  local name="$1" start rc
  shift
  start="$(date +%s.%N)"
  printf '\n=== stage: %s\n' "$name"
  set +e
  (
    set -euo pipefail
    "$@"
  )
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    stage_ok["$name"]=1
    timings+=("$(printf '%-22s ok      %s' "$name" "$(elapsed "$start")")")
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    timings+=("$(printf '%-22s FAILED  %s (exit %s)' "$name" "$(elapsed "$start")" "$rc")")
  fi
  printf '=== %s: %s in %s\n' "$name" "$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")" "$(elapsed "$start")"
}

# skip <name> <reason>: a stage that cannot run counts as failed.
skip() {
  failed=$((failed + 1))
  failed_names+=("$1")
  timings+=("$(printf '%-22s SKIPPED (%s)' "$1" "$2")")
  printf '\n=== stage: %s: SKIPPED (%s)\n' "$1" "$2"
}

# --- stage bodies ---------------------------------------------------------------------------------
# Plain diffs (no colour codes) when the output is a log rather than a terminal.
# The project's own text names no path of this machine and no package registry's host (issue 13):
# the shared folder is ../shared/, a registry is named by what it is. Lock files are as their
# tools write them.
project_text() {
  local hits
  hits="$(git grep -nIE '/[w]ork/|(^|[^a-z])(crates\.io|registry\.npmjs\.org|pypi\.org|files\.pythonhosted\.org|static\.rust-lang\.org|deb\.debian\.org)' \
    -- . ':!Cargo.lock' ':!**/package-lock.json' || true)"
  [ -z "$hits" ] || { printf 'machine paths or registry hosts in the project text:\n%s\n' "$hits"; return 1; }
}
fmt_check() { cargo fmt --all -- --check --color "$([ -t 1 ] && echo auto || echo never)"; }
clippy_native() { cargo clippy --workspace --all-targets -- -D warnings; }
clippy_wasm() {
  cargo clippy -p anyqtama-web --target "$WASM_TARGET" --all-targets -- -D warnings
  # The worker modules, each on its own (as scripts/build-worker.sh builds them).
  cargo clippy -p anyqtama-submit --target "$WASM_TARGET" -- -D warnings
  cargo clippy -p anyqtama-precheck --target "$WASM_TARGET" -- -D warnings
}
# The API documentation builds without warnings (broken or private links, stray HTML).
rustdoc() { RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace; }
# With a throwaway PostgreSQL cluster (scripts/pg.sh) for the stage: the store and access suites
# run against it as well as SQLite, and the two-node fault test runs; ANYQTAMA_REQUIRE_PG makes
# them fail rather than skip without it.
native_tests() {
  eval "$("$ROOT/scripts/pg.sh" start)"
  trap '"$ROOT/scripts/pg.sh" stop "$ANYQTAMA_PG_DIR"' EXIT
  ANYQTAMA_REQUIRE_PG=1 cargo test --workspace
}
# The Rust-built example bundles (tests/fixtures/bundles/, reproduced by the native tests) checked
# by tools that share no code with ours: the bag by bagit, the signature by jwcrypto.
bundle_tools() {
  "$VENV_DIR/bin/python" tests/bundle/validate.py tests/fixtures/bundles/*.zip tests/fixtures/bundles/browser/*.zip
}
trunk_build() { trunk build --release --offline; }
browser_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$CHROMEDRIVER_BIN" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p anyqtama-web --target "$WASM_TARGET"
}
e2e_tests() {
  rm -rf test-artifacts/e2e
  # submit.mjs runs the real intake server (`anyqtama serve`) with a fresh SQLite file;
  # precheck.mjs compares the pre-check page with `anyqtama check` (and writes its benchmark);
  # eds.mjs signs through a mock NCALayer with the NCA's test key (anyqtama-eds's test_sign).
  cargo build --release -p anyqtama-cli
  cargo build --release -p anyqtama-eds --example test_sign
  CHROMIUM="$CHROMIUM" node --test --test-concurrency=1 --test-reporter=spec tests/e2e/smoke.mjs tests/e2e/journey.mjs tests/e2e/details.mjs tests/e2e/answers.mjs tests/e2e/submit.mjs tests/e2e/submit-retry.mjs tests/e2e/dates.mjs tests/e2e/precheck.mjs tests/e2e/embed.mjs tests/e2e/offline.mjs tests/e2e/eds.mjs
}
size_report() { node tests/e2e/size-report.mjs; }
# WebCrypto SHA-256 in Chromium against sha256sum on the same 5 x 10 MB (figures, not pass/fail).
hash_bench() { CHROMIUM="$CHROMIUM" node tests/e2e/hash-bench.mjs; }
# The in-browser benchmark of the check on every keystroke (figures, not a pass/fail on speed).
keystroke_bench() {
  mkdir -p test-artifacts
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$CHROMEDRIVER_BIN" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json" \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --release -p anyqtama-web --target "$WASM_TARGET" --test keystroke_bench -- --nocapture |
    tee >(cat >&2) | grep '^keystroke-bench:' >test-artifacts/keystroke-bench.txt
}

# --- run --------------------------------------------------------------------------------------------
printf '=== setup\n'
setup_start="$(date +%s.%N)"
if ! "$ROOT/scripts/setup.sh" </dev/null; then
  printf '\nsetup failed: see the message above (total %s)\n' "$(elapsed "$total_start")"
  echo "0 passed, 1 failed"
  exit 1
fi
timings+=("$(printf '%-22s ok      %s' "setup" "$(elapsed "$setup_start")")")

stage "project text" project_text
stage "rustfmt" fmt_check
stage "clippy (native)" clippy_native
stage "clippy (wasm32)" clippy_wasm
stage "rustdoc" rustdoc
stage "native tests" native_tests
stage "bundle: independent tools" bundle_tools
stage "trunk build" trunk_build
stage "browser tests" browser_tests
stage "keystroke benchmark" keystroke_bench
if [ -n "${stage_ok["trunk build"]:-}" ]; then
  stage "end-to-end" e2e_tests
  stage "size report" size_report
  stage "hash benchmark" hash_bench
else
  skip "end-to-end" "no dist/: trunk build failed"
  skip "size report" "no dist/: trunk build failed"
  skip "hash benchmark" "no dist/: trunk build failed"
fi

printf '\n=== summary (setup not counted)\n'
printf '  %s\n' "${timings[@]}"
[ "$failed" = 0 ] || printf 'failed stages: %s\n' "$(
  IFS=,
  echo "${failed_names[*]}"
)"
[ -f test-artifacts/size-report.txt ] && tail -n 1 test-artifacts/size-report.txt | sed 's/^/size: /'
[ -s test-artifacts/keystroke-bench.txt ] && cat test-artifacts/keystroke-bench.txt
[ -s test-artifacts/hash-bench.txt ] && cat test-artifacts/hash-bench.txt
[ -s test-artifacts/precheck-bench.txt ] && cat test-artifacts/precheck-bench.txt
printf 'total time: %s\n' "$(elapsed "$total_start")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
