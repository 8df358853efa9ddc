#!/usr/bin/env bash
# The run command of Anyqtama: installs the build tools (scripts/setup.sh --no-test-tools),
# builds the web app (trunk build --release) and serves it on http://127.0.0.1:8080/.
#
#   scripts/run.sh               (PORT=9000 scripts/run.sh for another port)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"

"$ROOT/scripts/setup.sh" --no-test-tools
echo "run: trunk build --release…"
trunk build --release --offline

# TODO(intake server): when the native intake server lands, replace the static server below with
#   exec cargo run --release -p anyqtama-cli -- serve --addr "$HOST:$PORT" --db anyqtama.sqlite
# (i.e. `anyqtama serve --addr 127.0.0.1:8080 --db anyqtama.sqlite`), which will serve dist/ too.
# Until then: a tiny static server for dist/ (Node's standard library; no watch, no rebuild).
# For development with rebuild on save: trunk serve --release --offline --address 127.0.0.1 --port 8080
echo "run: serving dist/ at http://$HOST:$PORT/ (Ctrl+C stops)"
exec node "$ROOT/scripts/serve-dist.mjs" --dir "$ROOT/dist" --host "$HOST" --port "$PORT"
