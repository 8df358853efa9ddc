#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): writes anyqtama.js, the one script a portal includes to
# embed the widget (assets/embed.js), with the hashed names of the app's JS glue, WebAssembly
# and style sheet that Trunk has just written into the staging dir's index.html, and the path of
# the glue's snippet.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE="${TRUNK_STAGING_DIR:?run by trunk build}"
html="$STAGE/index.html"
attr() { grep -o "$1=\"[^\"]*\"" "$html" | head -n 1 | sed -e "s/^$1=\"//" -e 's/"$//' -e 's#^/##'; }
js="$(attr data-js)"
wasm="$(attr data-wasm)"
css="$(grep -o '<link rel="stylesheet" href="[^"]*"' "$html" | head -n 1 | sed -e 's/.*href="//' -e 's/"$//' -e 's#^/##')"
# The glue's one snippet (src/js/shell.js), which the glue imports: fetched with it, not after it.
shell="$(grep -o '"\./snippets/[^"]*/src/js/shell\.js"' "$STAGE/$js" | head -n 1 | sed -e 's/^"\.\///' -e 's/"$//')"
for name in "$js" "$wasm" "$css" "$shell"; do
  [ -n "$name" ] && [ -f "$STAGE/$name" ] || { echo "build-embed: '$name' not in $STAGE" >&2; exit 1; }
done
{
  printf 'const FILES = { js: "./%s", wasm: "./%s", css: "./%s", shell: "./%s" };\n' "$js" "$wasm" "$css" "$shell"
  cat "$ROOT/assets/embed.js"
} >"$STAGE/anyqtama.js"
