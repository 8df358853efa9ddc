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
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./browser.mjs";
import { BIN, PYTHON, ROOT, freePort, officerGet, outbox, rows, seedComplete, startServer, stop } from "./server.mjs";

const ARTIFACTS = join(ROOT, "test-artifacts");
const TODAY = "2026-11-25";

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
  await seedComplete(page, kind);
  await page.reload({ waitUntil: "load" });
  await page.locator("[data-testid=ready]").waitFor();
  return { context, page, problems };
}

test("sign, send, receipt, one row — and a second click makes no second row", async () => {
  const db = join(work, "a.sqlite");
  const server = await startServer(db);
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

    // The receipt is kept with its status token, which reads it back (and nothing else); the
    // bundle is for officers only.
    const token = draft.submission.receipt.status_token;
    assert.match(token ?? "", /^[0-9a-f]{64}$/, "the stored receipt has its status token");
    assert.notEqual(token, id);
    const mine = await fetch(`${server.url}api/receipts/${number}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(mine.status, 200);
    assert.equal((await mine.json()).id, id);
    assert.equal((await fetch(`${server.url}api/receipts/${number}`)).status, 401);
    assert.equal((await fetch(`${server.url}api/bundles/${id}/zip`)).status, 401);
    assert.equal((await fetch(`${server.url}api/bundles/${id}/zip`, { headers: { Authorization: `Bearer ${token}` } })).status, 401);

    // The server has it; the bundle the browser made passes `anyqtama verify` and the
    // independent tools.
    const got = await officerGet(server, `api/bundles/${id}`);
    assert.equal(got.status, 200);
    const zip = Buffer.from(await (await officerGet(server, `api/bundles/${id}/zip`)).arrayBuffer());
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
  const server = await startServer(db);
  const fixtures = join(ROOT, "tests", "fixtures", "bundles", "browser");
  if (process.env.UPDATE_FIXTURES === "1") mkdirSync(fixtures, { recursive: true });
  try {
    const made = [];
    const receipts = [];
    for (const kind of ["issue", "extend", "reissue-identity", "reissue-employer", "duplicate"]) {
      const { context, page, problems } = await openComplete(server.url, kind);
      await page.locator("[data-testid=continue]").click();
      await page.locator("[data-testid=send]").click();
      await page.locator("[data-testid=receipt]").waitFor({ timeout: 20_000 });
      const { submission } = JSON.parse(await page.evaluate(() => localStorage.getItem("anyqtama.draft")));
      const id = submission.id;
      receipts.push(submission.receipt);
      const zip = Buffer.from(await (await officerGet(server, `api/bundles/${id}/zip`)).arrayBuffer());
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
    // Each status token reads its own receipt, and not the next one's.
    for (const [i, r] of receipts.entries()) {
      const other = receipts[(i + 1) % receipts.length];
      const as = (token) => fetch(`${server.url}api/receipts/${r.registration_number}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await as(r.status_token)).status, 200, r.registration_number);
      assert.equal((await as(other.status_token)).status, 401, `${r.registration_number} with another receipt's token`);
    }
  } finally {
    await stop(server);
  }
});

/** The portal cannot be reached (every POST fails at the network level) when the applicant sends:
 * waits for "queued"; returns the route to lift with `page.unroute` when the network is back. */
async function sendWhileDown(page) {
  const down = (u) => u.pathname === "/api/bundles";
  await page.route(down, (r) => r.abort("connectionrefused"));
  await page.locator("[data-testid=continue]").click();
  await page.locator("[data-testid=send]").click();
  await page.locator("[data-testid=queued]").waitFor({ timeout: 30_000 });
  return down;
}

test("a queued bundle is sent again as soon as the browser is back online, without a reload", async () => {
  const db = join(work, "c.sqlite");
  const port = await freePort();
  let server = await startServer(db, port);
  const { context, page } = await openComplete(server.url, "extend");
  try {
    await page.unroute(await sendWhileDown(page));
    assert.equal(rows(db), 0);
    // The "online" listener (gloo-events) tries at once; the 15 s timer has not fired yet.
    await page.evaluate(() => dispatchEvent(new Event("online")));
    await page.locator("[data-testid=receipt]").waitFor({ timeout: 10_000 });
    assert.equal(rows(db), 1);
  } finally {
    await context.close();
    await stop(server);
  }
});

test("with the server down the bundle is queued, then delivered exactly once", async () => {
  const db = join(work, "b.sqlite");
  const port = await freePort();
  let server = await startServer(db, port);
  const { context, page } = await openComplete(server.url, "extend");
  try {
    const down = await sendWhileDown(page);
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
    assert.deepEqual(await outbox(page), [], "the delivered bundle left the outbox");
  } finally {
    await context.close();
    await stop(server);
  }
});
