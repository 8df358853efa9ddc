#!/usr/bin/env bash
# Installs what building and testing Anyqtama needs, skipping whatever is already there at the
# right version, so that a second run takes seconds. Called by scripts/run.sh and scripts/test.sh.
#
#   scripts/setup.sh                  everything (build tools and test tools)
#   scripts/setup.sh --no-test-tools  build tools only (what scripts/run.sh needs)
#
# Build tools: the Rust target wasm32-unknown-unknown, trunk, wasm-bindgen-cli (the version of
# the wasm-bindgen crate in Cargo.lock), wasm-opt from npm binaryen into .tools/, and the crates
# (`cargo fetch`, so that Trunk can build offline).
# Test tools: Debian's chromium, chromium-driver and postgresql (apt-get), the npm packages of tests/e2e
# (playwright-core, @axe-core/playwright; `npm ci` from the committed lock), and the Python
# packages bagit and jwcrypto (pip, pinned, into the virtual environment .tools/venv).
# Everything comes from package registries: nothing is downloaded from GitHub.
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

with_test_tools=1
for arg in "$@"; do
  case "$arg" in
    --no-test-tools) with_test_tools=0 ;;
    -h | --help)
      sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup: unknown argument '$arg' (use --no-test-tools or --help)" >&2
      exit 2
      ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: FAILED: %s\n' "$*" >&2
  exit 1
}

setup_start="$(date +%s.%N)"

# --- The basics that cannot be installed from here --------------------------------------------
command -v cargo >/dev/null || fail "cargo not found: install Rust with rustup and put ${CARGO_BIN} on PATH"
command -v rustup >/dev/null || fail "rustup not found: the wasm target is added with rustup; install Rust with rustup"
command -v node >/dev/null || fail "node not found: install Node.js 18 or newer (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null || fail "npm not found: install npm (Debian: apt-get install npm)"

# --- Rust target ----------------------------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "rust target $WASM_TARGET: present"
else
  say "rust target $WASM_TARGET: installing…"
  rustup target add "$WASM_TARGET" ||
    fail "could not add the Rust target: run 'rustup target add $WASM_TARGET' and check that Rust's distribution server is reachable"
fi

# --- trunk ------------------------------------------------------------------------------------------
have="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: ${have:+found $have, }installing (cargo install, about 7 minutes on 2 cores)…"
  cargo install --locked --force trunk --version "$TRUNK_VERSION" ||
    fail "'cargo install --locked trunk --version $TRUNK_VERSION' failed (see above); keep 0.21.x: trunk 0.22 needs a newer rustc"
fi

# --- wasm-bindgen-cli: exactly the wasm-bindgen crate of Cargo.lock -----------------------------
wbg="$(lock_version wasm-bindgen)"
[ -n "$wbg" ] || fail "no wasm-bindgen in Cargo.lock: run 'cargo generate-lockfile' (or 'cargo fetch') first"
trunk_wbg="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' "$ROOT/Trunk.toml")"
[ "$trunk_wbg" = "$wbg" ] ||
  fail "Trunk.toml [tools] wasm_bindgen is '$trunk_wbg' but Cargo.lock has wasm-bindgen $wbg: set Trunk.toml to \"$wbg\" (and pin the crate with = in Cargo.toml)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" = "$wbg" ] && [ "$have_runner" = "$wbg" ]; then
  say "wasm-bindgen-cli $wbg: present"
else
  say "wasm-bindgen-cli $wbg: ${have:+found $have, }installing (cargo install, about 4 minutes)…"
  # Not --locked: one of its locked dependencies is no longer in the crate registry (TOOLCHAIN.md).
  cargo install --force wasm-bindgen-cli --version "$wbg" ||
    fail "'cargo install wasm-bindgen-cli --version $wbg' failed (see above); the CLI must equal the wasm-bindgen crate in Cargo.lock"
fi

# --- Build tools from npm, each in its own prefix under .tools/ (an npm install into a shared
# prefix would prune the other's package) ------------------------------------------------------------
# npm_tool <label> <package@version> <prefix> <binary> <expected --version pattern>
npm_tool() {
  local label="$1" package="$2" prefix="$3" bin="$3/node_modules/.bin/$4" want="$5"
  if "$bin" --version 2>/dev/null | grep -q "$want"; then
    say "$label: present"
    return
  fi
  say "$label: installing from npm into ${prefix#"$ROOT/"}/…"
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || printf '{ "private": true }\n' >"$prefix/package.json"
  npm install --prefix "$prefix" --no-save --no-package-lock --loglevel=error "$package" ||
    fail "'npm install $package' failed: check that the npm registry is reachable"
  "$bin" --version | grep -q "$want" ||
    fail "$bin does not report '$want': delete $prefix and run scripts/setup.sh again"
}
# wasm-opt (Trunk.toml [tools]); esbuild minifies the JS glue, scripts and CSS after Trunk.
npm_tool "wasm-opt (binaryen $BINARYEN_VERSION)" "binaryen@$BINARYEN_VERSION" "$TOOLS_DIR" wasm-opt "version $BINARYEN_VERSION\b"
npm_tool "esbuild $ESBUILD_VERSION" "esbuild@$ESBUILD_VERSION" "$TOOLS_DIR/esbuild" esbuild "^$ESBUILD_VERSION\$"

# apt_install <package…>: Debian packages, as root or with passwordless sudo (apt-get update first).
apt_install() {
  say "$*: installing with apt-get…"
  command -v apt-get >/dev/null || fail "apt-get not found: install $* by hand"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || fail "installing $* needs root: run 'sudo apt-get install -y $*' once"
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || fail "'apt-get update' failed: check that the Debian mirror is reachable"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" || fail "'apt-get install $*' failed (see above)"
}

# --- Test tools ------------------------------------------------------------------------------------
if [ "$with_test_tools" = 1 ]; then
  # Debian's Chromium and its ChromeDriver (browser tests and the end-to-end test).
  missing=()
  for pkg in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ -x "$CHROMIUM" ] || missing+=(chromium)
  [ -x "$CHROMEDRIVER_BIN" ] || missing+=(chromium-driver)
  if [ "${#missing[@]}" -eq 0 ]; then
    say "chromium, chromium-driver: present"
  else
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    apt_install "${missing[@]}"
  fi
  chromium_major="$("$CHROMIUM" --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
  driver_major="$("$CHROMEDRIVER_BIN" --version 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)"
  [ -n "$chromium_major" ] && [ "$chromium_major" = "$driver_major" ] ||
    fail "chromium ($chromium_major) and chromedriver ($driver_major) differ: run 'apt-get install --only-upgrade chromium chromium-driver'"

  # PostgreSQL for the store suite and the two-node fault test (scripts/pg.sh runs a throwaway
  # cluster; nothing is started here).
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    say "postgresql: present"
  else
    apt_install postgresql
  fi

  # The end-to-end test's npm packages, from the committed lock.
  e2e="$ROOT/tests/e2e"
  if [ -f "$e2e/package-lock.json" ]; then
    if node "$ROOT/scripts/npm-installed.mjs" "$e2e"; then
      say "tests/e2e npm packages: present"
    else
      say "tests/e2e npm packages: installing (npm ci)…"
      (cd "$e2e" && npm ci --loglevel=error) ||
        fail "'npm ci' in tests/e2e failed: check that the npm registry is reachable"
    fi
  else
    say "tests/e2e npm packages: no package-lock.json yet, installing (npm install; commit the lock)…"
    (cd "$e2e" && npm install --loglevel=error) || fail "'npm install' in tests/e2e failed: check that the npm registry is reachable"
  fi

  # The bundle's independent validators (tests/bundle/validate.py), pinned, in their own venv.
  pins="bagit $BAGIT_VERSION, jwcrypto $JWCRYPTO_VERSION"
  if "$VENV_DIR/bin/python" - "$BAGIT_VERSION" "$JWCRYPTO_VERSION" 2>/dev/null <<'PY'; then
import sys
from importlib.metadata import version
sys.exit(0 if [version("bagit"), version("jwcrypto")] == sys.argv[1:3] else 1)
PY
    say "python $pins (.tools/venv): present"
  else
    say "python $pins: installing with pip into .tools/venv…"
    command -v python3 >/dev/null || fail "python3 not found: install Python 3.8 or newer (Debian: apt-get install python3 python3-venv)"
    [ -x "$VENV_DIR/bin/pip" ] || python3 -m venv "$VENV_DIR" ||
      fail "'python3 -m venv $VENV_DIR' failed: on Debian, apt-get install python3-venv; or delete .tools/venv and run again"
    "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check "bagit==$BAGIT_VERSION" "jwcrypto==$JWCRYPTO_VERSION" ||
      fail "'pip install bagit==$BAGIT_VERSION jwcrypto==$JWCRYPTO_VERSION' failed (see above): check that the Python package index is reachable"
  fi
fi

# --- Crates, so that Trunk and the tests can build offline ---------------------------------------
say "cargo fetch…"
(cd "$ROOT" && cargo fetch --quiet) ||
  fail "'cargo fetch' failed: check that the crate registry is reachable and that every Cargo.toml parses"

say "done in $(elapsed "$setup_start")"
