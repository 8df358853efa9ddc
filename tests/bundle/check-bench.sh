#!/usr/bin/env bash
# Benchmark (figures, not a test): `anyqtama check` on a folder of N generated bundles (default
# 1,000; 3-5 documents of 20-60 KB each, the five kinds in turn) against the stock BagIt
# validator (Python `bagit`, `validate()` of each unzipped bag, one process for all) on the same
# bags. Each tool is started once per run (cold process, warm page cache), R runs (default 5)
# taking turns; the median and the range of each are reported, with anyqtama both on every core
# (its default) and with --jobs 1. Writes test-artifacts/check-bench.txt.
#
#   tests/bundle/check-bench.sh [N] [R]
#
# CHECK_BENCH_BIN=PATH checks with that anyqtama binary instead of building this tree's (an
# older build, say, to measure before and after under the same load); the bundles are always
# made with this tree's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"
n="${1:-1000}"
cd "$root"
cargo build --quiet --release -p anyqtama-cli
bin="${CARGO_TARGET_DIR:-$root/target}/release/anyqtama"
checker="${CHECK_BENCH_BIN:-$bin}"
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

# R runs, the tools taking turns, each started afresh (cold process, warm page cache): wall
# time, and CPU time (user + system, all threads) which another load on the machine disturbs less;
# and how many cores the rest of the machine kept busy meanwhile (from /proc/stat), since a
# second core taken by another build halves what two jobs can do.
mkdir -p test-artifacts
"$VENV_DIR/bin/python" - "$n" "${2:-5}" "$checker" "$work" <<'PY' | tee test-artifacts/check-bench.txt
import json, os, resource, statistics, subprocess, sys, time
n, runs, bin, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
bagit = [sys.executable, "-c", """
import bagit, logging, os, sys
logging.disable(logging.CRITICAL)
root = sys.argv[1]
for d in sorted(os.listdir(root)):
    bagit.Bag(os.path.join(root, d)).validate()
""", os.path.join(work, "bags")]
check = [bin, "check", os.path.join(work, "zips"), "--today", "2026-11-25", "--json"]
tools = {"ours": check, "single": check + ["--jobs", "1"], "bagit": bagit}
times = {k: [] for k in tools}
others = {k: [] for k in tools}
tick = os.sysconf("SC_CLK_TCK")
def busy():
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / tick  # all but idle and iowait
for _ in range(runs):
    for name, cmd in tools.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        busy0 = busy()
        t0 = time.perf_counter()
        with open(os.path.join(work, "out"), "wb") as out:
            subprocess.run(cmd, stdout=out, check=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        times[name].append((wall, cpu))
        others[name].append(max(0.0, busy() - busy0 - cpu) / wall)
        if name != "bagit":
            valid = sum(e["status"] == "valid" for e in json.load(open(os.path.join(work, "out"))))
            assert valid == n, f"only {valid} of {n} bundles valid"
cores = os.cpu_count()
def line(name):
    walls = [w for w, _ in times[name]]
    cpu = statistics.median(c for _, c in times[name])
    m = statistics.median(walls)
    return (f"{m:.3f} s median ({min(walls):.3f}-{max(walls):.3f}): {n / m:,.0f}/s "
            f"({n / max(walls):,.0f}-{n / min(walls):,.0f}); CPU {cpu:.3f} s, {cpu / n * 1e6:.0f} us a bundle; "
            f"other load {statistics.median(others[name]):.1f} cores")
print(f"check-bench: {n} bundles, all valid; {runs} runs each; {cores} cores; {bin}; load average after: "
      + " ".join(open("/proc/loadavg").read().split()[:3]))
print(f"  anyqtama check (integrity + signature + core check, {cores} jobs): {line('ours')}")
print(f"  anyqtama check --jobs 1: {line('single')}")
print(f"  bagit validate() (integrity only, one process): {line('bagit')}")
med = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
best = {k: min(w for w, _ in v) for k, v in times.items()}
cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
print(f"  ratio, bagit time / anyqtama time: medians {med['bagit'] / med['ours']:.1f}x "
      f"(best runs {best['bagit'] / best['ours']:.1f}x) on {cores} cores; "
      f"{med['bagit'] / med['single']:.1f}x on one; per CPU second {cpu['bagit'] / cpu['ours']:.1f}x")
PY
