#!/usr/bin/env bash
# Benchmark (figures, not a test): `anyqtama check` on a folder of N generated bundles (default
# 1,000; 3-5 documents of 20-60 KB each, the five kinds in turn) against the stock BagIt
# validator (Python `bagit`, `validate()` of each unzipped bag, one process for all) on the same
# bags. Writes test-artifacts/check-bench.txt.
#
#   tests/bundle/check-bench.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"
n="${1:-1000}"
cd "$root"
cargo build --quiet --release -p anyqtama-cli
bin="$root/target/release/anyqtama"
key="$root/tests/fixtures/bundles/test-key.jwk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/zips" "$work/bags"

# The documents of each kind, once (3-5 files, 20-60 KB of PDF-looking bytes).
kinds=(issue extend reissue-identity reissue-employer duplicate)
for kind in "${kinds[@]}"; do
  "$VENV_DIR/bin/python" - "$root/tests/fixtures/applications/$kind.json" "$work/docs-$kind" <<'PY'
import json, os, random, sys
app, docs = sys.argv[1], sys.argv[2]
rng = random.Random(7)
items = [d["item"] for d in json.load(open(app))["documents"]]
for i in range(rng.randint(3, 5)):
    item = items[i % len(items)]
    os.makedirs(os.path.join(docs, item), exist_ok=True)
    body = b"%PDF-1.4\n" + rng.randbytes(rng.randint(20_000, 60_000)) + b"\n%%EOF\n"
    open(os.path.join(docs, item, f"scan-{i}.pdf"), "wb").write(body)
PY
done
for i in $(seq 1 "$n"); do
  kind="${kinds[$(((i - 1) % 5))]}"
  "$bin" bundle --application "tests/fixtures/applications/$kind.json" --documents "$work/docs-$kind" \
    --key "$key" --out "$work/zips/b$i.zip" --date 2026-11-25 --lang en >/dev/null
done
"$VENV_DIR/bin/python" -c "
import sys, zipfile, os
src, dst = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(src)):
    zipfile.ZipFile(os.path.join(src, f)).extractall(os.path.join(dst, f[:-4]))
" "$work/zips" "$work/bags"

t0=$(date +%s.%N)
"$bin" check "$work/zips" --today 2026-11-25 --json >"$work/check.json"
t1=$(date +%s.%N)
"$VENV_DIR/bin/python" -c "
import bagit, logging, os, sys
logging.disable(logging.CRITICAL)
root = sys.argv[1]
for d in sorted(os.listdir(root)):
    bagit.Bag(os.path.join(root, d)).validate()
" "$work/bags"
t2=$(date +%s.%N)
valid=$(grep -c '"status": "valid"' "$work/check.json" || true)
line=$(awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$t2" -v v="$valid" 'BEGIN {
  ours = b - a; theirs = c - b
  printf "check-bench: %d bundles (%d valid); anyqtama check %.2f s (%.0f bundles/s, integrity + signature + core check); bagit validate %.2f s (%.0f bags/s, integrity only); ratio %.1f",
    n, v, ours, n / ours, theirs, n / theirs, theirs / ours }')
mkdir -p test-artifacts
echo "$line" | tee test-artifacts/check-bench.txt
