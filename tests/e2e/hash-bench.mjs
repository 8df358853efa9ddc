// Benchmark (figures, not a test): SHA-256 throughput of WebCrypto in headless Chromium — what
// the submit worker uses on the attachments — against `sha256sum` on the same bytes (5 × 10 MB).
// Prints one line and writes it to test-artifacts/hash-bench.txt.
//
//   node tests/e2e/hash-bench.mjs
import { launch } from "./browser.mjs";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve-dist.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const MB = 1024 * 1024;
const FILES = 5;
const SIZE = 10 * MB;
const ROUNDS = 5;

const dir = mkdtempSync(join(tmpdir(), "anyqtama-hash-"));
const data = [];
for (let i = 0; i < FILES; i++) {
  data.push(randomBytes(SIZE));
  writeFileSync(join(dir, `f${i}.bin`), data[i]);
}
const files = data.map((_, i) => join(dir, `f${i}.bin`));

// sha256sum: best of ROUNDS (the files are in the page cache after the first).
let native = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  const t = process.hrtime.bigint();
  execFileSync("sha256sum", files);
  native = Math.min(native, Number(process.hrtime.bigint() - t) / 1e6);
}

const browser = await launch();
// WebCrypto needs a secure context: a page from 127.0.0.1.
const { server, url } = await serve(resolve(process.env.DIST ?? join(ROOT, "dist")));
const page = await browser.newPage();
await page.goto(url);
// The same bytes, into the page (base64 is fine at this size), then best of ROUNDS.
await page.evaluate(() => (globalThis.parts = []));
for (const d of data) {
  await page.evaluate((b64) => globalThis.parts.push(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))), d.toString("base64"));
}
const { webcrypto, hexes } = await page.evaluate(async (rounds) => {
  let best = Infinity, hexes = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const digests = await Promise.all(globalThis.parts.map((p) => crypto.subtle.digest("SHA-256", p)));
    best = Math.min(best, performance.now() - t);
    hexes = digests.map((d) => [...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, "0")).join(""));
  }
  return { webcrypto: best, hexes };
}, ROUNDS);
await browser.close();
server.close();

// Same digests as sha256sum: the figures compare the same work.
const sums = execFileSync("sha256sum", files).toString().trim().split("\n").map((l) => l.split(" ")[0]);
if (sums.join() !== hexes.join()) throw new Error("WebCrypto and sha256sum disagree");
rmSync(dir, { recursive: true, force: true });

const mbps = (ms) => ((FILES * SIZE) / MB / (ms / 1000)).toFixed(0);
const line =
  `hash-bench: ${FILES} x ${SIZE / MB} MB; sha256sum ${native.toFixed(1)} ms (${mbps(native)} MB/s); ` +
  `WebCrypto in Chromium ${webcrypto.toFixed(1)} ms (${mbps(webcrypto)} MB/s); ratio ${(native / webcrypto).toFixed(2)}`;
mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
writeFileSync(join(ROOT, "test-artifacts", "hash-bench.txt"), line + "\n");
console.log(line);
