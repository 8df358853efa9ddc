#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): writes anyqtama.js, the one script a portal includes to
# embed the widget (assets/embed.js), with the hashed names of the app's JS glue, WebAssembly
# and style sheet that Trunk has just written into the staging dir's index.html.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE="${TRUNK_STAGING_DIR:?run by trunk build}"
html="$STAGE/index.html"
attr() { grep -o "$1=\"[^\"]*\"" "$html" | head -n 1 | sed -e "s/^$1=\"//" -e 's/"$//' -e 's#^/##'; }
js="$(attr data-js)"
wasm="$(attr data-wasm)"
css="$(grep -o '<link rel="stylesheet" href="[^"]*"' "$html" | head -n 1 | sed -e 's/.*href="//' -e 's/"$//' -e 's#^/##')"
for name in "$js" "$wasm" "$css"; do
  [ -n "$name" ] && [ -f "$STAGE/$name" ] || { echo "build-embed: '$name' not in $STAGE" >&2; exit 1; }
done
{
  printf 'const FILES = { js: "./%s", wasm: "./%s", css: "./%s" };\n' "$js" "$wasm" "$css"
  cat "$ROOT/assets/embed.js"
} >"$STAGE/anyqtama.js"
