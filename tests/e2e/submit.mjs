// End-to-end submission against the real intake server: the built app (dist/) served by
// `anyqtama serve` with a fresh SQLite file. From a complete draft (its files in IndexedDB, as
// the documents page leaves them): sign, send, see the receipt, find the row; a second click
// makes no second row; with the server down the bundle is queued and, once the server is up,
// delivered exactly once. The bundles the browser made are checked with `anyqtama verify` and
// with the independent tools (Python bagit + jwcrypto), and kept in test-artifacts/bundles/.
//
//   node --test --test-reporter=spec tests/e2e/submit.mjs
//     (after `trunk build --release` and `cargo build --release -p anyqtama-cli`)
//
// Environment: CHROMIUM, DIST, ANYQTAMA (default target/release/anyqtama), PYTHON (default
// .tools/venv/bin/python).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
const BIN = process.env.ANYQTAMA ?? join(ROOT, "target", "release", "anyqtama");
const PYTHON = process.env.PYTHON ?? join(ROOT, ".tools", "venv", "bin", "python");
const ARTIFACTS = join(ROOT, "test-artifacts");
const TODAY = "2026-11-25";
const json = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), "utf8"));

let browser, work;

before(async () => {
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), "anyqtama-submit-"));
  mkdirSync(join(ARTIFACTS, "bundles"), { recursive: true });
  mkdirSync(join(ARTIFACTS, "e2e"), { recursive: true });
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Starts `anyqtama serve` on a free port with `db`; resolves once it answers. */
async function startServer(db, port) {
  const child = spawn(BIN, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--dist", DIST], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { child, url, log: () => log };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`anyqtama serve did not start: ${log}`);
}

const stop = (server) => new Promise((ok) => (server.child.exitCode !== null ? ok() : (server.child.once("exit", ok), server.child.kill("SIGTERM"))));

/** Rows in the `bundles` table of `db`. */
const rows = (db) =>
  Number(execFileSync(PYTHON, ["-c", `import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from bundles").fetchone()[0])`, db]).toString().trim());

/** A one-page PDF. */
function pdf(title) {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * A page at `url` whose browser holds the complete `kind` fixture as a draft on "check your
 * answers", with its files in IndexedDB (as the documents page leaves them).
 */
async function openComplete(url, kind) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${url}?today=${TODAY}`, { waitUntil: "load" });
  await page.locator("#page-heading").waitFor();
  const app = json("tests", "fixtures", "applications", `${kind}.json`);
  const files = app.documents.flatMap((d) => d.files.map((f) => ({ key: `${d.item}/${f.name}`, bytes: [...pdf(f.name)] })));
  for (const d of app.documents) for (const f of d.files) { f.media_type = "application/pdf"; f.size = pdf(f.name).length; }
  const draft = { version: 1, lang: "en", step: { page: "check" }, application: app, reached_check: true, validated: [] };
  await page.evaluate(
    async ({ files, draft }) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open("anyqtama", 1);
        r.onupgradeneeded = () => r.result.createObjectStore("files");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction("files", "readwrite");
        for (const f of files) tx.objectStore("files").put(new Blob([new Uint8Array(f.bytes)], { type: "application/pdf" }), f.key);
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
      localStorage.setItem("anyqtama.draft", JSON.stringify(draft));
    },
    { files, draft },
  );
  await page.reload({ waitUntil: "load" });
  await page.locator("[data-testid=ready]").waitFor();
  return { context, page, problems };
}

test("sign, send, receipt, one row — and a second click makes no second row", async () => {
  const db = join(work, "a.sqlite");
  const server = await startServer(db, 18500 + Math.floor(Math.random() * 400));
  try {
    const { context, page, problems } = await openComplete(server.url, "issue");
    await page.locator("[data-testid=continue]").click();
    const send = page.locator("[data-testid=send]");
    await send.waitFor();
    await send.dblclick(); // an impatient double click
    const receipt = page.locator("[data-testid=receipt]");
    await receipt.waitFor({ timeout: 20_000 });
    const number = (await page.locator("[data-testid=receipt-number]").innerText()).trim();
    assert.ok(number.length > 0, "a registration number is shown");
    await page.screenshot({ path: join(ARTIFACTS, "e2e", "submit-receipt.png"), fullPage: true });
    assert.equal(rows(db), 1, "one bundle, one row");

    // The receipt is kept with the draft: a reload shows it again, and nothing is sent again.
    await page.reload({ waitUntil: "load" });
    await receipt.waitFor();
    assert.equal((await page.locator("[data-testid=receipt-number]").innerText()).trim(), number);
    const draft = JSON.parse(await page.evaluate(() => localStorage.getItem("anyqtama.draft")));
    const id = draft.submission.id;
    assert.equal(draft.submission.receipt.registration_number, number);
    assert.equal(rows(db), 1);

    // The server has it; the bundle the browser made passes `anyqtama verify` and the
    // independent tools.
    const got = await fetch(`${server.url}api/bundles/${id}`);
    assert.equal(got.status, 200);
    const zip = Buffer.from(await (await fetch(`${server.url}api/bundles/${id}/zip`)).arrayBuffer());
    const file = join(ARTIFACTS, "bundles", "browser-issue.zip");
    writeFileSync(file, zip);
    execFileSync(BIN, ["verify", file, "--today", TODAY, "--lang", "en"], { stdio: "pipe" });
    execFileSync(PYTHON, [join(ROOT, "tests", "bundle", "validate.py"), file], { stdio: "pipe" });

    // Starting a new application archives this one with its receipt; nothing is dropped.
    await page.locator("[data-testid=start-again]").click();
    await page.locator("[data-testid=start-again-yes]").click();
    await page.locator("[data-testid=start-again]").waitFor();
    const archive = JSON.parse(await page.evaluate(() => localStorage.getItem("anyqtama.archive")));
    assert.equal(archive.length, 1);
    assert.equal(archive[0].submission.receipt.registration_number, number);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await stop(server);
  }
});

test("one bundle per kind of request through the browser path, each valid by independent tools", async () => {
  // With UPDATE_FIXTURES=1 these become tests/fixtures/bundles/browser/<kind>.zip (committed
  // examples; WebCrypto's ECDSA is randomised, so each run makes new bytes).
  const db = join(work, "kinds.sqlite");
  const server = await startServer(db, 19300 + Math.floor(Math.random() * 400));
  const fixtures = join(ROOT, "tests", "fixtures", "bundles", "browser");
  if (process.env.UPDATE_FIXTURES === "1") mkdirSync(fixtures, { recursive: true });
  try {
    const made = [];
    for (const kind of ["issue", "extend", "reissue-identity", "reissue-employer", "duplicate"]) {
      const { context, page, problems } = await openComplete(server.url, kind);
      await page.locator("[data-testid=continue]").click();
      await page.locator("[data-testid=send]").click();
      await page.locator("[data-testid=receipt]").waitFor({ timeout: 20_000 });
      const id = JSON.parse(await page.evaluate(() => localStorage.getItem("anyqtama.draft"))).submission.id;
      const zip = Buffer.from(await (await fetch(`${server.url}api/bundles/${id}/zip`)).arrayBuffer());
      const file = join(ARTIFACTS, "bundles", `browser-${kind}.zip`);
      writeFileSync(file, zip);
      if (process.env.UPDATE_FIXTURES === "1") writeFileSync(join(fixtures, `${kind}.zip`), zip);
      const verdict = JSON.parse(execFileSync(BIN, ["verify", file, "--today", TODAY, "--json", "--lang", "en"]).toString());
      assert.equal(verdict.valid, true, `${kind}: ${JSON.stringify(verdict.errors).slice(0, 300)}`);
      made.push(file);
      assert.deepEqual(problems, [], kind);
      await context.close();
    }
    execFileSync(PYTHON, [join(ROOT, "tests", "bundle", "validate.py"), ...made], { stdio: "pipe" });
    assert.equal(rows(db), 5);
  } finally {
    await stop(server);
  }
});

test("with the server down the bundle is queued, then delivered exactly once", async () => {
  const db = join(work, "b.sqlite");
  const port = 18900 + Math.floor(Math.random() * 400);
  let server = await startServer(db, port);
  const { context, page } = await openComplete(server.url, "extend");
  try {
    // The portal cannot be reached: every POST fails at the network level.
    const down = (u) => u.pathname === "/api/bundles";
    await page.route(down, (r) => r.abort("connectionrefused"));
    await page.locator("[data-testid=continue]").click();
    await page.locator("[data-testid=send]").click();
    await page.locator("[data-testid=queued]").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, "e2e", "submit-queued.png"), fullPage: true });
    // Kept in the browser across a reload.
    const draft = JSON.parse(await page.evaluate(() => localStorage.getItem("anyqtama.draft")));
    assert.equal(draft.submission.queued, true);

    // The intake server restarts on the same database; the network is back.
    await stop(server);
    server = await startServer(db, port);
    await page.unroute(down);
    assert.equal(rows(db), 0);
    await page.reload({ waitUntil: "load" }); // a queued bundle is tried again on load
    await page.locator("[data-testid=receipt]").waitFor({ timeout: 30_000 });
    // Pressing the button again, or another try, adds nothing.
    assert.equal(await page.locator("[data-testid=send]").count(), 0);
    assert.equal(rows(db), 1);
    const outbox = await page.evaluate(
      () =>
        new Promise((ok) => {
          const r = indexedDB.open("anyqtama", 1);
          r.onsuccess = () => {
            const q = r.result.transaction("files").objectStore("files").getAllKeys();
            q.onsuccess = () => ok(q.result.filter((k) => String(k).startsWith("outbox/")));
          };
        }),
    );
    assert.deepEqual(outbox, [], "the delivered bundle left the outbox");
  } finally {
    await context.close();
    await stop(server);
  }
});
