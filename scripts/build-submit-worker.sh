#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): builds the submit worker's WebAssembly (crate
# anyqtama-submit) into the staging dir's submit/, next to assets/submit-worker.js. It is not
# part of the first page: the widget starts the worker only when the applicant submits.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${TRUNK_STAGING_DIR:?run by trunk build}/submit"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
cargo build --release --offline --target wasm32-unknown-unknown -p anyqtama-submit --manifest-path "$ROOT/Cargo.toml"
wasm-bindgen --target web --no-typescript --out-dir "$OUT" \
  "$TARGET_DIR/wasm32-unknown-unknown/release/anyqtama_submit.wasm"
wasm-opt -Oz --output "$OUT/anyqtama_submit_bg.wasm" "$OUT/anyqtama_submit_bg.wasm"
