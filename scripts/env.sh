# Sourced by scripts/setup.sh, scripts/test.sh and scripts/run.sh: the project root, the tool
# versions, and a PATH with the project-local tools first. Not meant to be run on its own.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Tool versions (see ../shared/TOOLCHAIN.md, from the project root, for why these).
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"           # npm binaryen@132 gives wasm-opt "version_132" (Trunk.toml [tools])
ESBUILD_VERSION="0.24.2"         # minifies the JS Trunk leaves as it is (scripts/minify.mjs)
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM="/usr/bin/chromium"
CHROMEDRIVER_BIN="/usr/bin/chromedriver"
# The bundle's independent validators (tests/bundle/validate.py), from PyPI into .tools/venv.
BAGIT_VERSION="1.9.0"
JWCRYPTO_VERSION="1.5.6"

# Cargo's binaries (trunk, wasm-bindgen) and the npm-installed wasm-opt, first on PATH.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
TOOLS_DIR="$ROOT/.tools"
VENV_DIR="$TOOLS_DIR/venv"
export PATH="$TOOLS_DIR/node_modules/.bin:$TOOLS_DIR/esbuild/node_modules/.bin:$CARGO_BIN:$PATH"

# No prompts, no colour codes in CI logs, no browser downloads by npm packages.
export CARGO_TERM_PROGRESS_WHEN=never
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NPM_CONFIG_FUND=false
export NPM_CONFIG_AUDIT=false
export NPM_CONFIG_UPDATE_NOTIFIER=false

# The wasm-bindgen crate's version in Cargo.lock (the CLI and the test runner must equal it).
lock_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$ROOT/Cargo.lock"
}

# Time since $1 (seconds since the epoch, with fractions), as "12.3s" or "4m 05s".
elapsed() {
  local start="$1" now
  now="$(date +%s.%N)"
  awk -v s="$start" -v n="$now" 'BEGIN {
    d = n - s
    if (d < 60) printf "%.1fs", d
    else printf "%dm %02ds", int(d / 60), int(d) % 60
  }'
}
