#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml). Trunk runs the hooks of one stage at the same time, so the
# steps are one hook, in order: the submit and pre-check workers' WebAssembly, the embedding
# script anyqtama.js, stale JS snippets dropped (scripts/prune-snippets.mjs), the JavaScript and
# CSS minified (scripts/minify.mjs), the standalone page's start.js bundled from the minified glue,
# and index.html's compile line and minified style sheet (scripts/bundle-start.mjs), then what
# needs the finished site: the fetched languages and the service worker, whose file list and
# version cover every file, those before included (scripts/build-offline.mjs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/build-worker.sh" submit
bash "$ROOT/scripts/build-worker.sh" precheck
bash "$ROOT/scripts/build-embed.sh"
node "$ROOT/scripts/prune-snippets.mjs"
ESBUILD="$ROOT/.tools/esbuild/node_modules/.bin/esbuild" node "$ROOT/scripts/minify.mjs"
ESBUILD="$ROOT/.tools/esbuild/node_modules/.bin/esbuild" node "$ROOT/scripts/bundle-start.mjs"
node "$ROOT/scripts/build-offline.mjs"
