#!/usr/bin/env bash
# The run command of Anyqtama: installs the build tools (scripts/setup.sh --no-test-tools),
# builds the web app (trunk build --release) and starts the intake server `anyqtama serve` on
# http://127.0.0.1:8080/: the web app from dist/, and POST /api/bundles into SQLite (docs/SERVER.md).
#
#   scripts/run.sh               (PORT=9000 for another port, DB=path.sqlite for another database)
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"

"$ROOT/scripts/setup.sh" --no-test-tools
echo "run: trunk build --release…"
trunk build --release --offline

# The native intake server serves dist/ too (scripts/serve-dist.mjs stays for the e2e tests).
# For development with rebuild on save: trunk serve --release --offline --address 127.0.0.1 --port 8080
echo "run: anyqtama serve at http://$HOST:$PORT/ with database ${DB:-anyqtama.sqlite} (Ctrl+C stops)"
exec cargo run --release --offline -p anyqtama-cli -- serve --addr "$HOST:$PORT" --db "${DB:-anyqtama.sqlite}" --dist dist
