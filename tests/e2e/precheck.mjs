// End-to-end test of the pre-check page in Debian's Chromium (playwright-core, axe-core), on the
// built app (dist/) served with the strict CSP: reached from its link, it checks the example
// bundle, a tampered copy, the same bundle years later, an unzipped bag, a renamed program among
// loose documents and a file that is not a ZIP — and says what `anyqtama check` says, word for
// word, in the page's language. No request leaves the page with the files: every request after
// the page has loaded is a GET of the page's own static files. Screenshots go to
// test-artifacts/e2e/precheck-*.png; the worker's speed on N copies of the example bundle to
// test-artifacts/precheck-bench.txt.
//
//   node --test tests/e2e/precheck.mjs   (after `trunk build --release` and
//                                         `cargo build --release -p anyqtama-cli`)
//
// Environment: CHROMIUM (default /usr/bin/chromium), DIST (default dist/), ANYQTAMA (the CLI,
// default target/release/anyqtama), PRECHECK_BENCH_COPIES (default 40).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assertAccessible } from "./a11y.mjs";
import { launch } from "./browser.mjs";
import { serve } from "../../scripts/serve-dist.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
const CLI = resolve(process.env.ANYQTAMA ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "release/anyqtama"));
const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const FIXTURES = join(ROOT, "tests", "fixtures", "bundles");
const ISSUE = join(FIXTURES, "issue.zip");
const TODAY = "2026-11-25";
const TIMEOUT = 60_000;

let server, url, browser, context, page, work;
const requests = [];
const problems = [];

/** `anyqtama check` on `paths`: its JSON, and its text's detail lines by path. */
function cli(paths, { today = TODAY, lang = "en" } = {}) {
  const run = (json) => {
    const r = spawnSync(CLI, ["check", ...paths, "--today", today, "--lang", lang, ...(json ? ["--json"] : [])], {
      encoding: "utf8",
    });
    assert.ok(r.status !== null && r.status <= 2, `anyqtama check failed: ${r.stderr}`);
    return r.stdout;
  };
  const lines = {};
  let at = null;
  for (const l of run(false).split("\n")) {
    if (l.startsWith("  - ")) lines[at].push(l.slice(4));
    else if (paths.some((p) => l === p || l.startsWith(`${p}/`))) lines[(at = l)] = [];
  }
  return { json: JSON.parse(run(true)), lines };
}

/** The report on the page: its table's rows and each unit's detail lines, by name. */
async function report() {
  await page.locator("[data-testid=precheck-table]").waitFor();
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll("[data-testid=precheck-table] tbody tr")].map((tr) => ({
      name: tr.querySelector("th").textContent,
      key: tr.dataset.status,
      cells: [...tr.querySelectorAll("td")].map((td) => td.textContent),
    }));
    const list = (selector) =>
      Object.fromEntries(
        [...document.querySelectorAll(".precheck-entry")].map((s) => [
          s.querySelector("h3").textContent,
          [...s.querySelectorAll(`${selector} li`)].map((li) => li.textContent),
        ]),
      );
    const [lines, notes] = [list(".precheck-lines"), list(".precheck-notes")];
    const summary = document.querySelector("[data-testid=precheck-summary]")?.textContent ?? null;
    return { rows, lines, notes, summary };
  });
}

/** Opens the app (as of `today`), goes to the pre-check page by its link, in `lang`. */
async function openPrecheck({ today = TODAY, lang = "en", query = "", form = true } = {}) {
  await page.goto(`${url}?today=${today}${query}`);
  await page.locator("main h1").waitFor();
  await page.locator(`button[lang=${lang}]`).click();
  requests.length = 0; // from here on: what the pre-check page asks for
  await page.locator("main [data-testid=precheck-link]").click();
  if (form) await page.locator("#precheck-zip").waitFor({ timeout: TIMEOUT });
}

/** Waits until the worker has answered for `n` units (the status line has its summary). */
async function checked(input, files) {
  await page.evaluate(() => document.querySelector("[data-testid=precheck-report]")?.removeAttribute("data-ms"));
  await page.locator(input).setInputFiles(files);
  await page.locator("[data-testid=precheck-report][data-ms]").waitFor({ timeout: TIMEOUT });
  return report();
}

const axe = (name) => assertAccessible(page, name, (b) => b.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]));

const shot = (name) => page.screenshot({ path: join(ARTIFACTS, `precheck-${name}.png`), fullPage: true });

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'trunk build --release' first`);
  assert.ok(existsSync(CLI), `${CLI} is missing: run 'cargo build --release -p anyqtama-cli' first`);
  ({ server, url } = await serve(DIST));
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  // Every request of the page and of its workers.
  context.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "anyqtama-precheck-"));
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Nothing but GETs of the page's own static files (no body, no other origin, no API), and of
 * the data files named in `data`. */
function assertNothingUploaded(what, data = []) {
  assert.ok(requests.length > 0, `${what}: no request seen at all (is the recorder working?)`);
  for (const r of requests) {
    assert.equal(r.method, "GET", `${what}: ${r.method} ${r.url}`);
    assert.equal(r.body, null, `${what}: a request with a body: ${r.url}`);
    const u = new URL(r.url);
    assert.equal(u.origin, new URL(url).origin, `${what}: a request to another origin: ${r.url}`);
    const file = join(DIST, decodeURIComponent(u.pathname));
    const own = (u.pathname !== "/" && existsSync(file)) || data.includes(u.pathname);
    assert.ok(own, `${what}: not one of the page's static files: ${r.url}`);
  }
}

test("the page is reached by its link, says nothing is uploaded, and is accessible empty", async () => {
  await openPrecheck({ lang: "en" });
  assert.equal(await page.locator("main h1").textContent(), "Pre-check a document package");
  assert.match(await page.locator("[data-testid=precheck-private]").textContent(), /Nothing is uploaded/);
  // The footer has the link too.
  assert.equal(await page.locator("footer [data-testid=precheck-link]").count(), 1);
  // Both inputs have their label; the keyboard reaches the first one.
  assert.equal(await page.getByLabel("Packages (.zip)").getAttribute("id"), "precheck-zip");
  assert.equal(await page.getByLabel("A folder").getAttribute("id"), "precheck-folder");
  await page.locator("[data-testid=precheck-back]").focus();
  let reached = false;
  for (let i = 0; i < 5 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "precheck-zip");
  }
  assert.ok(reached, "Tab from the back link reaches the packages input");
  await axe("empty pre-check page");
  await shot("empty");
  assertNothingUploaded("opening the page");
});

test("the example bundle is valid, with the id and findings the command line gives, in en and ru", async () => {
  await openPrecheck({ lang: "en" });
  const page_ = await checked("#precheck-zip", ISSUE);
  const { json, lines } = cli([ISSUE]);
  assert.equal(page_.rows.length, 1);
  const [row] = page_.rows;
  assert.equal(row.name, "issue.zip");
  assert.equal(row.key, json[0].status);
  assert.equal(row.key, "valid");
  assert.deepEqual(row.cells, [
    "valid",
    json[0].id,
    String(json[0].report.blockers),
    String(json[0].report.warnings),
    String(json[0].report.notes),
  ]);
  assert.deepEqual(page_.lines["issue.zip"] ?? [], lines[ISSUE] ?? []);
  // The notes the command line gives in its JSON, in the same words.
  const notes = json[0].report.findings.filter((f) => f.severity === "note").map((f) => `Note: ${f.message}`);
  assert.ok(notes.length > 0);
  assert.deepEqual(page_.notes["issue.zip"], notes);
  assert.equal(page_.summary, "One bundle: 1 valid, 0 refused, 0 unreadable.");
  await axe("pre-check page with a report");
  await shot("valid-en");

  // The same report in Russian, without checking again: the words of `anyqtama check --lang ru`.
  await page.locator("button[lang=ru]").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=precheck-table] th")?.textContent === "Файл");
  const ru = await report();
  const cliRu = cli([ISSUE], { lang: "ru" });
  assert.equal(ru.rows[0].cells[0], "в порядке");
  assert.deepEqual(ru.lines["issue.zip"] ?? [], cliRu.lines[ISSUE] ?? []);
  assert.match(ru.summary, /Пакетов: 1; в порядке: 1/);
  await shot("valid-ru");

  // Print-friendly: the report without the inputs, the header or the footer.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("#precheck-zip").isVisible(), false);
  assert.equal(await page.locator("footer").isVisible(), false);
  assert.equal(await page.locator("[data-testid=precheck-table]").isVisible(), true);
  await shot("print");
  await page.emulateMedia({ media: "screen" });
  assertNothingUploaded("checking a bundle");
});

test("the worker checks with the portal's data: a rule file that does not load is said, nothing checked", async () => {
  await openPrecheck({ lang: "en", query: "&rules=/portal/rules.json", form: false });
  const alert = page.locator("[data-testid=precheck-report] [role=alert]");
  await alert.waitFor({ timeout: TIMEOUT });
  assert.match(await alert.textContent(), /^Could not load \/portal\/rules\.json: HTTP 404\. The pre-check needs the same rules/);
  assert.equal(await page.locator("#precheck-zip").count(), 0, "no form to check with other rules than the page's");
  assert.ok(requests.some((r) => r.url.endsWith("/portal/rules.json")), "the worker asked for the portal's rule file");
  assertNothingUploaded("loading the portal's data", ["/portal/rules.json"]);
  // The 404s of that file (the page's and the worker's) are what this test is about.
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("404")));
});

test("a bundle dropped on the page is checked too", async () => {
  await openPrecheck({ lang: "en" });
  const bytes = readFileSync(ISSUE).toString("base64");
  await page.evaluate(() => document.querySelector("[data-testid=precheck-report]")?.removeAttribute("data-ms"));
  await page.evaluate((b64) => {
    const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "dropped.zip", { type: "application/zip" });
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(file);
    const zone = document.querySelector("[data-testid=precheck-drop]");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer, bubbles: true, cancelable: true }));
  }, bytes);
  await page.locator("[data-testid=precheck-report][data-ms]").waitFor({ timeout: TIMEOUT });
  const got = await report();
  assert.deepEqual(got.rows.map((r) => [r.name, r.key]), [["dropped.zip", "valid"]]);
  assertNothingUploaded("checking a dropped bundle");
});

test("a tampered copy is refused with the integrity message", async () => {
  const tampered = join(work, "tampered.zip");
  // One byte of the first document flipped, the ZIP rewritten (so only the bag is wrong).
  execFileSync("python3", [
    "-c",
    `import zipfile,sys
src=zipfile.ZipFile(sys.argv[1]); out=zipfile.ZipFile(sys.argv[2],"w",zipfile.ZIP_STORED); done=False
for i in src.infolist():
    d=src.read(i.filename)
    if not done and i.filename.startswith("data/documents/"):
        d=d[:-1]+bytes([d[-1]^1]); done=True
    out.writestr(i,d)
out.close()`,
    ISSUE,
    tampered,
  ]);
  await openPrecheck({ lang: "en" });
  const got = await checked("#precheck-zip", tampered);
  const { json, lines } = cli([tampered]);
  assert.equal(got.rows[0].key, "refused");
  assert.equal(json[0].status, "refused");
  assert.deepEqual(got.lines["tampered.zip"], lines[tampered]);
  assert.ok(
    got.lines["tampered.zip"].some((l) => l.endsWith("The file was changed: its SHA-256 differs from manifest-sha256.txt.")),
    got.lines["tampered.zip"].join("\n"),
  );
  await shot("tampered");
  assertNothingUploaded("checking a tampered bundle");
});

test("years later the same bundle is refused: the identity document has expired", async () => {
  const later = "2031-06-01";
  await openPrecheck({ today: later, lang: "en" });
  const got = await checked("#precheck-zip", ISSUE);
  const { json, lines } = cli([ISSUE], { today: later });
  assert.equal(got.rows[0].key, "refused");
  assert.equal(json[0].status, "refused");
  assert.ok(json[0].report.findings.some((f) => f.code === "identity_document.expired"));
  assert.deepEqual(got.lines["issue.zip"], lines[ISSUE]);
  const expired = json[0].report.findings.find((f) => f.code === "identity_document.expired");
  assert.ok(got.lines["issue.zip"].includes(`Must be fixed: ${expired.message}`), got.lines["issue.zip"].join("\n"));
  await shot("expired");
});

test("an unzipped bag chosen as a folder is zipped and checked like its ZIP", async () => {
  const bag = join(work, "duplicate-bag");
  mkdirSync(bag);
  execFileSync("python3", ["-c", "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", join(FIXTURES, "duplicate.zip"), bag]);
  await openPrecheck({ lang: "en" });
  const got = await checked("#precheck-folder", bag);
  const { json } = cli([bag]);
  assert.equal(got.rows.length, 1, JSON.stringify(got.rows));
  assert.equal(got.rows[0].name, "duplicate-bag");
  assert.equal(got.rows[0].key, "valid");
  assert.equal(got.rows[0].cells[1], json[0].id);
  assertNothingUploaded("checking a bag");
});

test("loose documents: a renamed program is refused by its bytes; a package's checks need a package", async () => {
  const set = join(work, "documents");
  mkdirSync(set);
  writeFileSync(join(set, "diploma.pdf"), Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(4000)]));
  writeFileSync(join(set, "passport.pdf"), Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200_000, 32)]));
  await openPrecheck({ lang: "en" });
  const got = await checked("#precheck-folder", set);
  const byName = Object.fromEntries(got.rows.map((r) => [r.name, r]));
  assert.equal(byName["documents/diploma.pdf"].key, "refused");
  assert.equal(byName["documents/passport.pdf"].key, "accepted");
  assert.deepEqual(got.lines["documents/diploma.pdf"], [
    "A Windows program, whatever its name says.",
    "Refused: only PDF, JPEG and PNG files are accepted.",
  ]);
  assert.match(await page.locator("[data-testid=precheck-note]").textContent(), /need the whole package/);
  await axe("pre-check page with loose documents");
  await shot("documents");
  assertNothingUploaded("checking loose documents");
});

test("a file that is not a ZIP is unreadable, as the command line says", async () => {
  const notZip = join(work, "notes.zip");
  writeFileSync(notZip, "not a zip at all");
  await openPrecheck({ lang: "kk" });
  const got = await checked("#precheck-zip", notZip);
  const { json, lines } = cli([notZip], { lang: "kk" });
  assert.equal(got.rows[0].key, "unreadable");
  assert.equal(json[0].status, "unreadable");
  assert.deepEqual(got.lines["notes.zip"], lines[notZip]);
  await shot("unreadable-kk");
});

test("benchmark: bundles a second in the worker (figures, not pass/fail)", async () => {
  const copies = Number(process.env.PRECHECK_BENCH_COPIES ?? 40);
  const dir = join(work, "many");
  mkdirSync(dir);
  for (let i = 0; i < copies; i++) copyFileSync(ISSUE, join(dir, `issue-${String(i).padStart(3, "0")}.zip`));
  await openPrecheck({ lang: "en" });
  // The status line (role=status) says how far it has come while the worker checks.
  await page.evaluate(() => {
    const status = document.querySelector("[data-testid=precheck-status]");
    window.precheckSaid = [];
    new MutationObserver(() => window.precheckSaid.push(status.textContent)).observe(status, { childList: true, subtree: true });
  });
  const got = await checked("#precheck-folder", dir);
  const said = await page.evaluate(() => window.precheckSaid);
  assert.ok(said.some((t) => new RegExp(`^Checking \\d+ of ${copies}…$`).test(t)), said.join(" | "));
  assert.equal(await page.locator("[data-testid=precheck-status]").getAttribute("role"), "status");
  assert.equal(got.rows.length, copies);
  assert.ok(got.rows.every((r) => r.key === "valid"));
  assert.equal(got.summary, `${copies} bundles: ${copies} valid, 0 refused, 0 unreadable.`);
  const ms = Number(await page.locator("[data-testid=precheck-report]").getAttribute("data-ms"));
  const line = `precheck-bench: ${copies} x ${relative(ROOT, ISSUE)} checked in the worker in ${ms.toFixed(0)} ms: ${(copies / (ms / 1000)).toFixed(1)} bundles/s`;
  console.log(line);
  writeFileSync(join(ROOT, "test-artifacts", "precheck-bench.txt"), `${line}\n`);
  assertNothingUploaded("checking many bundles");
  assert.deepEqual(problems, []);
});
