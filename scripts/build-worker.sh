#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): builds a worker's WebAssembly (crate anyqtama-NAME) into
# the staging dir's NAME/, and copies its scripts and styles beside index.html (assets/NAME-*.js:
# the worker, and for the pre-check the page's body; assets/NAME.css). None is part of the first
# page: the widget starts the submit worker only when the applicant submits, and loads the
# pre-check's only when the pre-check page is used.
#
#   bash scripts/build-worker.sh submit|precheck
set -euo pipefail
NAME="${1:?which worker: submit or precheck}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGING="${TRUNK_STAGING_DIR:?run by trunk build}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# One cargo run a worker: built together, anyqtama-bundle's features would unify.
cargo build --release --offline --target wasm32-unknown-unknown -p "anyqtama-$NAME" --manifest-path "$ROOT/Cargo.toml"
wasm-bindgen --target web --no-typescript --out-dir "$STAGING/$NAME" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/anyqtama_$NAME.wasm"
wasm-opt -Oz --output "$STAGING/$NAME/anyqtama_${NAME}_bg.wasm" "$STAGING/$NAME/anyqtama_${NAME}_bg.wasm"
for f in "$ROOT/assets/$NAME"-*.js "$ROOT/assets/$NAME.css"; do
  if [ -e "$f" ]; then cp "$f" "$STAGING/"; fi
done
