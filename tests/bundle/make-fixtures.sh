#!/usr/bin/env bash
# Makes the example bundles of tests/fixtures/bundles/, one per kind of request, with the native
# `anyqtama bundle` from tests/fixtures/applications/<kind>.json and small generated documents
# (a few hundred bytes each, of the media type the application describes). Deterministic: a
# fixed id per kind, the bagging date 2026-11-25 and the test key of tests/fixtures/bundles/
# (RFC 6979 signatures), so running it again gives the same bytes.
#
#   tests/bundle/make-fixtures.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/tests/fixtures/bundles"
key="$out/test-key.jwk"
cd "$root"
cargo build --quiet -p anyqtama-cli
bin="$root/target/debug/anyqtama"
[ -f "$key" ] || "$bin" keygen --out "$key" --lang en

ids=(
  "issue 6f1c2a3e-0000-4000-8000-000000000001"
  "extend 6f1c2a3e-0000-4000-8000-000000000002"
  "reissue-identity 6f1c2a3e-0000-4000-8000-000000000003"
  "reissue-employer 6f1c2a3e-0000-4000-8000-000000000004"
  "duplicate 6f1c2a3e-0000-4000-8000-000000000005"
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for pair in "${ids[@]}"; do
  read -r kind id <<<"$pair"
  app="$root/tests/fixtures/applications/$kind.json"
  docs="$work/$kind"
  # One small file per file the application describes: a PDF or a JPEG by its media type.
  python3 - "$app" "$docs" <<'PY'
import json, os, sys
app, docs = sys.argv[1], sys.argv[2]
for d in json.load(open(app))["documents"]:
    os.makedirs(os.path.join(docs, d["item"]), exist_ok=True)
    for f in d["files"]:
        note = f"Anyqtama test document: {d['item']}/{f['name']}\n".encode()
        if f["media_type"] == "image/jpeg":
            body = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xfe" + note + b"\xff\xd9"
        elif f["media_type"] == "image/png":
            body = b"\x89PNG\r\n\x1a\n" + note
        else:
            body = b"%PDF-1.4\n% " + note + b"%%EOF\n"
        open(os.path.join(docs, d["item"], f["name"]), "wb").write(body)
PY
  rm -f "$out/$kind.zip"
  "$bin" bundle --application "$app" --documents "$docs" --key "$key" --out "$out/$kind.zip" \
    --id "$id" --date 2026-11-25 --lang en
done
