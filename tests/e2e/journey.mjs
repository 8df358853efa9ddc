// End-to-end journeys through the built app (dist/) in Debian's Chromium, driven by playwright-core:
// one complete application per kind of request (answers from tests/fixtures/applications/, real
// small files through the file inputs, every confirmation ticked) up to "check your answers" with
// nothing blocking, with a screenshot and an axe-core run on every page; then what must survive
// or be refused on the way: a reload, a language switch, an .exe renamed .pdf, an empty page,
// keyboard-only use, "start again", and the print view of annex 1.
//
//   node --test --test-reporter=spec tests/e2e/journey.mjs     (after `trunk build --release`)
//
// Environment: CHROMIUM (default /usr/bin/chromium), DIST (default dist/). Every run is in a fresh
// browser context; the address carries ?today=2026-11-25 so that the dates are deterministic.
// Screenshots go to test-artifacts/e2e/<kind>-<n>-<step>.png and friends.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { assertAccessible as axe } from "./a11y.mjs";
import { serve } from "../../scripts/serve-dist.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const TIMEOUT = 15_000;
const TODAY = "2026-11-25";
const LANGS = ["kk", "ru", "en"];

const json = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), "utf8"));
const RULES = json("data", "rules", "2026-01.json");
const AKIMATS = json("data", "lists", "akimats.json").akimats;
const fixture = (kind) => json("tests", "fixtures", "applications", `${kind}.json`);

// ---------------------------------------------------------------------------------------------
// Texts: the app's and the core's messages, read from the Fluent files (single-line messages).

function messages(lang, file) {
  const out = {};
  for (const line of readFileSync(join(ROOT, "locales", lang, file), "utf8").split("\n")) {
    const m = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)+) = (.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}
const TEXT = Object.fromEntries(LANGS.map((l) => [l, { ...messages(l, "core.ftl"), ...messages(l, "app.ftl") }]));

/** Every message id of the Fluent files (a missing message is shown as its id). */
const IDS = [...new Set(LANGS.flatMap((l) => Object.keys(TEXT[l])))].filter((id) => /^(app|a1|finding)-/.test(id));

/** The text of a single-line message, or its id (which is what the app shows when it is missing). */
const text = (lang, id) => TEXT[lang][id] ?? id;

/** Fluent wraps placeables in Unicode isolation marks; compare without them. */
const clean = (s) => (s ?? "").replace(/[\u2068\u2069]/g, "").replace(/\s+/g, " ").trim();

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regular expression for a message: the given arguments literally, the others as anything. */
function messagePattern(lang, id, args = {}) {
  // A message ending in a select expression is matched up to it (its variants are on later lines).
  const template = TEXT[lang][id]?.replace(/\{ *\$[a-z_]+ *->\s*$/, "");
  assert.ok(template, `no single-line message ${id} in locales/${lang}`);
  const parts = template.split(/(\{ *\$[a-z_]+ *\})/);
  return new RegExp(
    parts
      .map((p) => {
        const m = /^\{ *\$([a-z_]+) *\}$/.exec(p);
        if (!m) return escape(p);
        return m[1] in args ? escape(String(args[m[1]])) : ".+?";
      })
      .join(""),
  );
}

/** A simple message with its arguments filled in (no selectors). */
const format = (lang, id, args) => text(lang, id).replace(/\{ *\$([a-z_]+) *\}/g, (_, k) => String(args[k]));

// ---------------------------------------------------------------------------------------------
// The journey, from the rule data, as the issue describes it: request → applicant → profession
// → (employer, for the kinds that need one) → documents → events → check your answers.

const kindOf = (id) => RULES.kinds.find((k) => k.id === id);
const itemOf = (id) => RULES.items.find((i) => i.id === id);
const section = (id) => RULES.form.find((s) => s.id === id);

/** Whether a field is asked for a kind: fields required only for other kinds are not. */
function isAsked(field, kind) {
  const r = field.required;
  return typeof r === "object" && r !== null && Array.isArray(r.if_kind) ? r.if_kind.includes(kind) : true;
}
const askedFields = (sectionId, kind) => section(sectionId).fields.filter((f) => isAsked(f, kind));

function journeyOf(kind) {
  const steps = [];
  for (const s of RULES.form) {
    if (s.id === "declaration") continue; // asked on "check your answers"
    if (s.id === "events" && kind) steps.push("documents");
    if (s.fields.some((f) => isAsked(f, kind))) steps.push(s.id);
  }
  steps.push("check");
  return steps;
}

function headingOf(step, lang) {
  if (step === "documents") return text(lang, "app-documents-heading");
  if (step === "check") return text(lang, "app-check-heading");
  return section(step).label[lang];
}

// ---------------------------------------------------------------------------------------------
// Files: small but real.

/** A one-page PDF 1.4 with a correct cross-reference table. */
function pdfBytes(title = "Anyqtama test") {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null, // the content stream
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${title}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** PNG and JPEG bytes, drawn by the browser itself (set in before()). */
const IMAGES = {};

/** What a Windows executable starts with: "MZ", then the DOS stub. */
function exeBytes() {
  const b = Buffer.alloc(256);
  b.write("MZ", 0, "latin1");
  b.writeUInt16LE(0x90, 2);
  b.write("This program cannot be run in DOS mode.", 78, "latin1");
  return b;
}

function bytesOf(mediaType) {
  if (mediaType === "application/pdf") return pdfBytes();
  if (mediaType === "image/png") return IMAGES.png;
  if (mediaType === "image/jpeg") return IMAGES.jpeg;
  throw new Error(`no test bytes for ${mediaType}`);
}

const fileFor = ({ name, media_type }) => ({ name, mimeType: media_type, buffer: bytesOf(media_type) });

// ---------------------------------------------------------------------------------------------
// The browser.

let server, url, browser;

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'trunk build --release' first`);
  ({ server, url } = await serve(DIST));
  browser = await launch();
  // A real PNG and a real JPEG (a 4×4 canvas), encoded by Chromium.
  const context = await browser.newContext();
  const page = await context.newPage();
  const data = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = c.height = 4;
    const g = c.getContext("2d");
    g.fillStyle = "#2a6";
    g.fillRect(0, 0, 4, 4);
    return { png: c.toDataURL("image/png"), jpeg: c.toDataURL("image/jpeg", 0.8) };
  });
  await context.close();
  IMAGES.png = Buffer.from(data.png.split(",")[1], "base64");
  IMAGES.jpeg = Buffer.from(data.jpeg.split(",")[1], "base64");
  assert.deepEqual([...IMAGES.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual([...IMAGES.jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

/**
 * A fresh browser context on the app, as of TODAY, in `lang` (switched with the header's buttons).
 * `problems` collects console errors, page errors, failed requests and HTTP errors.
 */
async function openApp(lang = "kk") {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`${url}?today=${TODAY}`, { waitUntil: "load" });
  await waitForHeading(page, headingOf("request", "kk"));
  if (lang !== "kk") await switchLang(page, lang, headingOf("request", lang));
  return { context, page, problems };
}

async function switchLang(page, lang, heading) {
  await page.locator(`button[lang=${lang}]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  if (heading) await waitForHeading(page, heading);
  assert.equal(await page.locator(`button[lang=${lang}]`).getAttribute("aria-pressed"), "true");
}

const headingText = (page) => page.locator("#page-heading").textContent().then(clean);

async function waitForHeading(page, heading) {
  try {
    await page.waitForFunction(
      (t) => document.getElementById("page-heading")?.textContent.replace(/[\u2068\u2069]/g, "").trim() === t,
      heading,
      { timeout: TIMEOUT },
    );
  } catch {
    assert.fail(`expected the page "${heading}", but it is "${await headingText(page)}"`);
  }
}

/** Presses Continue and waits for the page `step`; fails with the error summary's text if one shows. */
async function continueTo(page, step, lang) {
  const heading = headingOf(step, lang);
  await page.locator("[data-testid=continue]").click();
  const outcome = await page.waitForFunction(
    (t) => {
      const h = document.getElementById("page-heading")?.textContent.replace(/[\u2068\u2069]/g, "").trim();
      if (h === t) return "moved";
      return document.querySelector("[data-testid=error-summary]") ? "errors" : false;
    },
    heading,
    { timeout: TIMEOUT },
  );
  if ((await outcome.jsonValue()) === "errors") {
    const summary = await page.locator("[data-testid=error-summary]").innerText();
    assert.fail(`Continue did not reach "${heading}"; the page says:\n${summary}`);
  }
}

async function assertProgress(page, lang, n, total) {
  const shown = clean(await page.locator("[data-testid=progress]").textContent());
  assert.equal(shown, format(lang, "app-progress", { step: n, total }), "the progress line");
}

async function assertAccessible(page, label) {
  // The mouse stays where the last click was, and may hover whatever the new page put there: move
  // it out of the way so that every run checks the same state (hover has its own test below).
  await page.mouse.move(0, 0);
  await axe(page, label);
}

/** The message ids shown instead of texts (a message missing in the page's language). */
async function shownMessageIds(page) {
  const body = await page.locator("body").innerText();
  return IDS.filter((id) => new RegExp(`(^|[\\s(])${id}($|[\\s.,:;)…])`, "m").test(body));
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fills one field of the A1 form with `value`, by its type in the rule data. */
async function fillField(page, field, value) {
  const input = page.locator(`#field-${field.id}`);
  if (field.choices === "kinds") {
    await page.locator(`input[name=kind][value="${value}"]`).check();
  } else if (field.choices === "akimats") {
    await input.selectOption(value);
  } else if (field.type === "boolean") {
    await input.setChecked(value === "true");
  } else {
    await input.fill(value);
  }
}

/** Checks that a field shows `value`. */
async function assertField(page, field, value, where = "") {
  if (field.choices === "kinds") {
    assert.ok(await page.locator(`input[name=kind][value="${value}"]`).isChecked(), `${where}kind ${value} is not checked`);
  } else if (field.type === "boolean") {
    assert.equal(await page.locator(`#field-${field.id}`).isChecked(), value === "true", `${where}${field.id}`);
  } else {
    assert.equal(await page.locator(`#field-${field.id}`).inputValue(), value, `${where}${field.id}`);
  }
}

/** Fills the fields of a section page that are asked for the kind and that the answers give. */
async function fillSection(page, sectionId, answers) {
  for (const field of askedFields(sectionId, answers.kind)) {
    if (answers[field.id] !== undefined) await fillField(page, field, answers[field.id]);
  }
}

async function assertSection(page, sectionId, answers, where) {
  for (const field of askedFields(sectionId, answers.kind)) {
    if (answers[field.id] !== undefined) await assertField(page, field, answers[field.id], where);
  }
}

/** Attaches files to a checklist item and waits until each is listed. */
async function attach(page, item, files) {
  await page.locator(`#item-${item}-files`).setInputFiles(files);
  for (const f of files) {
    await page.locator(`#item-${item} li[data-testid=attached-file]`, { hasText: f.name }).waitFor();
  }
}

/** Fills the documents page from a fixture: files, every confirmation the item asks, expiry dates. */
async function fillDocuments(page, fx) {
  const kind = kindOf(fx.answers.kind);
  const attached = [];
  for (const entry of kind.checklist) {
    const type = entry.requirement.type;
    if (type === "from_form") continue;
    const doc = fx.documents.find((d) => d.item === entry.item);
    if (!doc) {
      assert.equal(type, "one_of", `the fixture of ${kind.id} has no ${entry.item}`);
      continue;
    }
    const item = itemOf(entry.item);
    for (const c of item.confirm ?? []) await page.locator(`#item-${item.id}-${c}`).check();
    if (item.expiry) await page.locator(`#field-${item.id}-expires`).fill(doc.expires_on);
    const files = doc.files.map(fileFor);
    await attach(page, item.id, files);
    attached.push(...files.map((f) => ({ item: item.id, ...f })));
  }
  return attached;
}

/** What IndexedDB ("anyqtama", store "files") holds: key → { size, head } (first 8 bytes). */
async function storedFiles(page) {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it without its store: look first.
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === "anyqtama")) return {};
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open("anyqtama");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    try {
      if (!db.objectStoreNames.contains("files")) return {};
      const [keys, values] = await new Promise((ok, fail) => {
        const tx = db.transaction("files", "readonly");
        const store = tx.objectStore("files");
        const k = store.getAllKeys();
        const v = store.getAll();
        tx.oncomplete = () => ok([k.result, v.result]);
        tx.onerror = () => fail(tx.error);
      });
      const out = {};
      for (let i = 0; i < keys.length; i++) {
        const blob = values[i];
        out[keys[i]] = { size: blob.size, head: [...new Uint8Array(await blob.slice(0, 8).arrayBuffer())] };
      }
      return out;
    } finally {
      db.close();
    }
  });
}

/** Waits until IndexedDB holds exactly `keys`. */
async function waitForStoredKeys(page, keys) {
  const want = [...keys].sort();
  let got;
  for (let i = 0; i < 50; i++) {
    got = Object.keys(await storedFiles(page)).sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return;
    await page.waitForTimeout(100);
  }
  assert.deepEqual(got, want, "the files in IndexedDB");
}

/** The list of attached files on the documents page: "<item>/<name>". */
async function listedFiles(page) {
  return page.$$eval("li[data-testid=attached-file]", (lis) =>
    lis.map((li) => `${li.closest("[data-item]").dataset.item}/${li.querySelector(".file__name").textContent}`),
  );
}

/**
 * Walks a whole application of `kind` in `lang` from the first page to "check your answers".
 * `beforeFill(step, n)` runs on every page as it arrives; `onPage(step, n)` once it is filled,
 * before Continue.
 */
async function walk(page, kind, lang, onPage = async () => {}, beforeFill = async () => {}) {
  const fx = fixture(kind);
  const steps = journeyOf(kind);
  for (const [i, step] of steps.entries()) {
    const n = i + 1;
    await waitForHeading(page, headingOf(step, lang));
    await beforeFill(step, n);
    if (step === "documents") await fillDocuments(page, fx);
    else if (step === "check") await fillSection(page, "declaration", fx.answers);
    else await fillSection(page, step, fx.answers);
    // "Step 1 of N" counts the pages of the kind chosen on the first page.
    if (step !== "check") await assertProgress(page, lang, n, steps.length);
    await onPage(step, n);
    if (step !== "check") await continueTo(page, steps[i + 1], lang);
  }
  return { fx, steps };
}

async function assertReady(page) {
  await page.locator("[data-testid=ready]").waitFor({ state: "visible" });
  const blockers = page.locator("[data-testid=blockers]");
  if ((await blockers.count()) > 0) assert.fail(`blockers on check your answers:\n${await blockers.innerText()}`);
}

// ---------------------------------------------------------------------------------------------
// 1. One complete application per kind of request.

// Each kind in another language, so that every language is walked through.
const LANG_OF = { issue: "kk", extend: "ru", "reissue-identity": "en", "reissue-employer": "kk", duplicate: "ru" };

const COMPLETE = "a complete application of every kind reaches check your answers with nothing blocking";
describe(COMPLETE, { concurrency: 3 }, () => {
  for (const kind of RULES.kinds.map((k) => k.id)) {
    const lang = LANG_OF[kind] ?? "en";
    test(`${kind} (${lang})`, async () => {
      const { context, page, problems } = await openApp(lang);
      const untranslated = new Set();
      try {
        const steps = journeyOf(kind);
        const needsEmployer = ["extend", "reissue-employer"].includes(kind);
        assert.equal(steps.includes("employer"), needsEmployer, `the employer page for ${kind}`);
        assert.deepEqual(steps.slice(-3), ["documents", "events", "check"]);
        const onPage = async (step, n) => {
          await shot(page, `${kind}-${n}-${step}`);
          await assertAccessible(page, `${kind}, page ${n}: ${step}, ${lang}`);
          for (const id of await shownMessageIds(page)) untranslated.add(id);
        };
        // Before the consent is given, check your answers lists what blocks the application.
        const beforeFill = async (step) => {
          if (step !== "check") return;
          await page.locator("[data-testid=blockers]").waitFor();
          assert.equal(await page.locator("[data-testid=ready]").count(), 0, "ready without the consent");
          assert.match(await page.locator("[data-testid=blockers]").innerText(), /\S/);
        };
        const { fx } = await walk(page, kind, lang, onPage, beforeFill);
        await assertReady(page);
        // The answers typed are on check your answers as typed.
        for (const s of journeyOf(kind).filter((s) => section(s))) {
          for (const f of askedFields(s, kind).filter((f) => ["text", "tel"].includes(f.type))) {
            const value = fx.answers[f.id];
            if (value === undefined) continue;
            const row = clean(await page.locator(`.summary__row[data-field="${f.id}"]`).innerText());
            assert.ok(row.includes(value), `check your answers shows ${f.id} = ${value}: ${row}`);
          }
        }
        // Every document of the fixture is listed on check your answers.
        for (const doc of fixture(kind).documents) {
          const row = page.locator(`.summary__row[data-item="${doc.item}"]`);
          for (const f of doc.files) assert.match(await row.innerText(), new RegExp(escape(f.name)));
        }
        // With nothing blocking, Continue goes on to the page that signs and sends the package.
        await page.locator("[data-testid=continue]").click();
        await page.locator("[data-testid=send]").waitFor();
        assert.equal(await headingText(page), text(lang, "app-submit-heading"));
        assert.deepEqual([...untranslated], [], `${lang}: message ids shown instead of texts`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2–8. What must survive, and what must be refused.

describe("on the way", { concurrency: 3 }, () => {
  test("a reload on the documents page keeps the page, the answers and the files (in IndexedDB too)", async () => {
    const lang = "en";
    const { context, page, problems } = await openApp(lang);
    try {
      const fx = fixture("issue");
      const steps = journeyOf("issue");
      for (const step of steps.slice(0, steps.indexOf("documents"))) {
        await fillSection(page, step, fx.answers);
        await continueTo(page, steps[steps.indexOf(step) + 1], lang);
      }
      const attached = await fillDocuments(page, fx);
      const keys = attached.map((f) => `${f.item}/${f.name}`);
      await waitForStoredKeys(page, keys);
      const before = { listed: await listedFiles(page), progress: await page.locator("[data-testid=progress]").textContent() };

      await page.reload({ waitUntil: "load" });
      await waitForHeading(page, headingOf("documents", lang));
      assert.equal(await page.locator("[data-testid=progress]").textContent(), before.progress);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, "the language is kept");
      // The files: listed, and really in the browser, byte for byte where it matters.
      await page.locator("li[data-testid=attached-file]").first().waitFor();
      assert.deepEqual((await listedFiles(page)).sort(), before.listed.sort());
      assert.deepEqual([...before.listed].sort(), [...keys].sort());
      assert.equal(await page.locator("[data-testid=lost-files]").count(), 0, "no file reported lost");
      const stored = await storedFiles(page);
      assert.deepEqual(Object.keys(stored).sort(), [...keys].sort());
      for (const f of attached) {
        const s = stored[`${f.item}/${f.name}`];
        assert.equal(s.size, f.buffer.length, `${f.name}: size in IndexedDB`);
        assert.deepEqual(s.head, [...f.buffer.subarray(0, 8)], `${f.name}: first bytes in IndexedDB`);
      }
      // The confirmations.
      for (const doc of fx.documents) {
        for (const c of itemOf(doc.item).confirm ?? []) {
          assert.ok(await page.locator(`#item-${doc.item}-${c}`).isChecked(), `${doc.item}: ${c} is still ticked`);
        }
      }
      await shot(page, "reload-documents");
      // The answers, page by page, going back.
      for (const step of steps.slice(0, steps.indexOf("documents")).reverse()) {
        await page.getByRole("button", { name: text(lang, "app-back"), exact: true }).click();
        await waitForHeading(page, headingOf(step, lang));
        await assertSection(page, step, fx.answers, `after the reload, ${step}: `);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("an .exe renamed .pdf is refused by its content, and removing it clears the error", async () => {
    const lang = "kk";
    const { context, page, problems } = await openApp(lang);
    try {
      const fx = fixture("issue");
      const steps = journeyOf("issue");
      for (const step of steps.slice(0, steps.indexOf("documents"))) {
        await fillSection(page, step, fx.answers);
        await continueTo(page, steps[steps.indexOf(step) + 1], lang);
      }
      await fillDocuments(page, fx);
      const exe = { name: "scan-of-passport.pdf", mimeType: "application/pdf", buffer: exeBytes() };
      await attach(page, "identity-document", [exe]);
      const listed = page.locator("#item-identity-document li[data-testid=attached-file]", { hasText: exe.name });
      assert.doesNotMatch(await listed.innerText(), /application\/pdf/, "the list shows what the file really is");

      await page.locator("[data-testid=continue]").click();
      const summary = page.locator("[data-testid=error-summary]");
      await summary.waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "error-summary");
      const expected = messagePattern(lang, "finding-file-type-refused", {
        file: exe.name,
        item: itemOf("identity-document").label[lang],
      });
      const links = (await summary.locator("li").allInnerTexts()).map(clean);
      assert.equal(links.length, 1, `one problem on the page: ${links.join(" | ")}`);
      assert.match(links[0], expected);
      assert.match(links[0], /PDF, JPEG/);
      // It says what the file really is in words, not as a media type.
      assert.doesNotMatch(links[0], /application\/vnd/);
      // Also beside the document, and the page stays.
      assert.match(clean(await page.locator("#item-identity-document .error-message").innerText()), expected);
      assert.equal(await headingText(page), headingOf("documents", lang));
      await shot(page, "exe-refused");
      await assertAccessible(page, "documents with an error");

      await listed.getByRole("button").click();
      await summary.waitFor({ state: "detached" });
      assert.equal(await page.locator("#item-identity-document .error-message").count(), 0);
      assert.doesNotMatch(await page.locator("main").innerText(), new RegExp(escape(exe.name)));
      await waitForStoredKeys(
        page,
        fx.documents.flatMap((d) => d.files.map((f) => `${d.item}/${f.name}`)),
      );
      await continueTo(page, "events", lang);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("switching language mid-way (kk → ru → en) keeps every answer", async () => {
    const { context, page, problems } = await openApp("kk");
    try {
      const fx = fixture("reissue-employer");
      await fillSection(page, "request", fx.answers);
      await continueTo(page, "applicant", "kk");
      await fillSection(page, "applicant", fx.answers);
      for (const lang of ["ru", "en"]) {
        await switchLang(page, lang, headingOf("applicant", lang));
        assert.equal(await page.title(), text(lang, "app-title"));
        await assertProgress(page, lang, 2, journeyOf("reissue-employer").length);
        await assertSection(page, "applicant", fx.answers, `${lang}, applicant: `);
      }
      await shot(page, "language-switch-en");
      await continueTo(page, "profession", "en");
      await fillSection(page, "profession", fx.answers);
      await switchLang(page, "kk", headingOf("profession", "kk"));
      await assertSection(page, "profession", fx.answers, "kk, profession: ");
      await page.getByRole("button", { name: text("kk", "app-back"), exact: true }).click();
      await waitForHeading(page, headingOf("applicant", "kk"));
      await assertSection(page, "applicant", fx.answers, "kk, applicant: ");
      await page.getByRole("button", { name: text("kk", "app-back"), exact: true }).click();
      await waitForHeading(page, headingOf("request", "kk"));
      await assertSection(page, "request", fx.answers, "kk, request: ");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("Continue on an empty first page shows the error summary, which takes focus and links to the fields", async () => {
    const lang = "en";
    const { context, page, problems } = await openApp(lang);
    try {
      await page.locator("[data-testid=continue]").click();
      const summary = page.locator("[data-testid=error-summary]");
      await summary.waitFor();
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "error-summary");
      assert.equal(clean(await summary.locator("h2").textContent()), text(lang, "app-error-summary-title"));
      assert.equal(await headingText(page), headingOf("request", lang), "the page stays");
      const links = summary.locator("a");
      assert.equal(await links.count(), 2, "one message for the kind, one for the akimat");
      const targets = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual([...targets].sort(), ["#field-akimat", "#field-kind"]);
      assert.equal(await page.locator("#field-akimat").getAttribute("aria-invalid"), "true");
      await shot(page, "validation-empty");
      await assertAccessible(page, "empty first page with errors");

      await links.first().click();
      const focused = await page.evaluate(() => document.activeElement?.id);
      assert.ok(["field-kind", "field-akimat"].includes(focused), `focus is on ${focused}`);
      assert.equal(`#${focused}`, targets[0], "focus is on the field of the first message");
      await links.nth(1).click();
      assert.equal(`#${await page.evaluate(() => document.activeElement?.id)}`, targets[1]);

      // The errors then follow the answers.
      await page.locator("input[name=kind][value=issue]").check();
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=error-summary] a").length === 1);
      await page.locator("#field-akimat").selectOption("astana");
      await summary.waitFor({ state: "detached" });
      await continueTo(page, "applicant", lang);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the first page can be filled with the keyboard alone", async () => {
    const lang = "kk";
    const { context, page, problems } = await openApp(lang);
    try {
      const active = () =>
        page.evaluate(() => {
          const e = document.activeElement;
          return { id: e?.id, name: e?.getAttribute("name"), testid: e?.dataset?.testid, tag: e?.tagName };
        });
      const tabUntil = async (ok, what) => {
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press("Tab");
          if (ok(await active())) return;
        }
        assert.fail(`Tab never reached ${what}`);
      };
      await tabUntil((a) => a.name === "kind", "the kinds of request");
      await page.keyboard.press("Space");
      await page.waitForFunction(() => document.querySelector("input[name=kind]:checked")?.value === "issue");
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(() => document.querySelector("input[name=kind]:checked")?.value === "extend");

      await tabUntil((a) => a.id === "field-akimat", "the akimat");
      const target = "astana";
      for (let i = 0; i < AKIMATS.length + 1; i++) {
        if ((await page.locator("#field-akimat").inputValue()) === target) break;
        await page.keyboard.press("ArrowDown");
      }
      assert.equal(await page.locator("#field-akimat").inputValue(), target);
      await shot(page, "keyboard-request");

      await tabUntil((a) => a.testid === "continue", "Continue");
      await page.keyboard.press("Enter");
      await waitForHeading(page, headingOf("applicant", lang));
      await assertProgress(page, lang, 2, journeyOf("extend").length);
      // The new page's heading has focus, so that a screen reader says where the user is.
      await page.waitForFunction(() => document.activeElement?.id === "page-heading");
      await tabUntil((a) => a.id === "field-surname", "the first field of the new page");
      // And the answers were kept (the draft in localStorage says so too).
      const draft = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")));
      assert.equal(draft.application.answers.kind, "extend");
      assert.equal(draft.application.answers.akimat, target);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("Start again asks first: Cancel keeps the draft, Yes clears the answers and the files", async () => {
    const lang = "en";
    const { context, page, problems } = await openApp(lang);
    try {
      const fx = fixture("issue");
      const steps = journeyOf("issue");
      for (const step of steps.slice(0, steps.indexOf("documents"))) {
        await fillSection(page, step, fx.answers);
        await continueTo(page, steps[steps.indexOf(step) + 1], lang);
      }
      const attached = await fillDocuments(page, fx);
      const keys = attached.map((f) => `${f.item}/${f.name}`);
      await waitForStoredKeys(page, keys);

      await page.locator("[data-testid=start-again]").click();
      const confirm = page.locator("[data-testid=start-again-confirm]");
      await confirm.waitFor();
      assert.equal(await page.locator("li[data-testid=attached-file]").count(), keys.length, "nothing deleted yet");
      // The question takes focus on its harmless answer, not on the one that deletes.
      await page.waitForFunction(
        (cancel) => document.activeElement?.closest("[data-testid=start-again-confirm]") &&
          document.activeElement.textContent.trim() === cancel,
        text(lang, "app-cancel"),
      );
      await shot(page, "start-again-confirm");
      await assertAccessible(page, "start again, asking");
      await confirm.getByRole("button", { name: text(lang, "app-cancel"), exact: true }).click();
      await confirm.waitFor({ state: "detached" });
      assert.equal(await headingText(page), headingOf("documents", lang));
      assert.equal(await page.locator("li[data-testid=attached-file]").count(), keys.length);
      await waitForStoredKeys(page, keys);
      const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")));
      assert.equal(kept.application.answers.surname, fx.answers.surname);

      await page.locator("[data-testid=start-again]").click();
      await confirm.waitFor();
      await page.locator("[data-testid=start-again-yes]").click();
      await waitForHeading(page, headingOf("request", lang));
      await assertProgress(page, lang, 1, journeyOf(null).length);
      assert.equal(await page.locator("input[name=kind]:checked").count(), 0, "no kind chosen");
      assert.equal(await page.locator("#field-akimat").inputValue(), "");
      await waitForStoredKeys(page, []);
      const cleared = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft") ?? "null"));
      assert.deepEqual(cleared?.application?.answers ?? {}, {}, "no answer is kept");
      assert.equal(cleared?.lang ?? lang, lang, "the language stays");

      // Still empty after a reload.
      await page.reload({ waitUntil: "load" });
      await waitForHeading(page, headingOf("request", lang));
      assert.equal(await page.locator("input[name=kind]:checked").count(), 0);
      assert.deepEqual(Object.keys(await storedFiles(page)), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the print view lays out annex 1 with the applicant's surname and the akimat", async () => {
    const lang = "en";
    const { context, page, problems } = await openApp(lang);
    try {
      const { fx } = await walk(page, "extend", lang);
      await assertReady(page);
      await page.getByRole("button", { name: text(lang, "app-print-view"), exact: true }).click();
      const form = page.locator("[data-testid=a1-form]");
      await form.waitFor();
      await waitForHeading(page, text(lang, "app-print-heading"));
      const akimat = AKIMATS.find((a) => a.id === fx.answers.akimat);
      // The form exists in Kazakh and Russian: an English reader gets the Russian one first.
      for (const formLang of ["ru", "kk"]) {
        if (formLang !== "ru") {
          await page.locator(`.button-group button[lang=${formLang}]`).click();
          await page.waitForFunction((l) => document.querySelector("[data-testid=a1-form]")?.lang === l, formLang);
        }
        assert.equal(await form.getAttribute("lang"), formLang);
        const shown = clean(await form.innerText());
        assert.ok(shown.includes(fx.answers.surname), `${formLang}: the surname is on the form`);
        assert.ok(shown.includes(akimat.name[formLang]), `${formLang}: "${akimat.name[formLang]}" is on the form`);
        assert.ok(shown.includes(fx.answers.employer_name), `${formLang}: the employer is on the form`);
        await shot(page, formLang === "ru" ? "print-view" : `print-view-${formLang}`);
      }
      await assertAccessible(page, "print view");
      await page.getByRole("button", { name: text(lang, "app-back"), exact: true }).click();
      await waitForHeading(page, headingOf("check", lang));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// A regression found while writing the journeys: `.button:hover` (dark green) once applied to the
// link-styled buttons ("Start again", "Remove") too, leaving blue text on dark green.

test(
  "a link-styled button keeps its contrast under the mouse",
  async () => {
    const { context, page } = await openApp("en");
    try {
      const link = page.locator("[data-testid=start-again]");
      await link.hover();
      await shot(page, "hover-start-again");
      const background = await link.evaluate((e) => getComputedStyle(e).backgroundColor);
      await axe(page, "the hovered link-styled button", (b) => b.include("[data-testid=start-again]").withRules(["color-contrast"]));
      assert.equal(background, "rgba(0, 0, 0, 0)", "a link-styled button has no background");
    } finally {
      await context.close();
    }
  },
);
