#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): builds a worker's WebAssembly (crate anyqtama-NAME) into
# the staging dir's NAME/, beside its worker script assets/NAME-worker.js (copied too). Neither is
# part of the first page: the widget starts the submit worker only when the applicant submits,
# the pre-check worker only when the pre-check page is used.
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
cp "$ROOT/assets/$NAME-worker.js" "$STAGING/$NAME-worker.js"
