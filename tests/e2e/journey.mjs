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
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { assertAccessible as axe } from "./a11y.mjs";
import { fillDate, readDate } from "./forms.mjs";
import {
  DIST,
  ARTIFACTS,
  TIMEOUT,
  TODAY,
  RULES,
  AKIMATS,
  fixture,
  IDS,
  text,
  clean,
  escape,
  messagePattern,
  format,
  itemOf,
  section,
  askedFields,
  journeyOf,
  headingOf,
  exeBytes,
  headingText,
  waitForHeading,
  continueTo,
  assertProgress,
  fillSection,
  assertSection,
  attach,
  fillDocuments,
  walk,
  assertReady,
  drawImages,
  site,
} from "./fill.mjs";

// ---------------------------------------------------------------------------------------------
// The browser.

const served = site(async ({ browser }) => {
  assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'trunk build --release' first`);
  await drawImages(browser); // a real PNG and a real JPEG
});

/**
 * A fresh browser context on the app, as of TODAY, in `lang` (switched with the header's buttons).
 * `problems` collects console errors, page errors, failed requests and HTTP errors.
 */
async function openApp(lang = "kk") {
  const context = await served.browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`${served.url}?today=${TODAY}`, { waitUntil: "load" });
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
        // A first issue has nothing earlier to date (no certificate, no contract behind one).
        const tail = kind === "issue" ? ["documents", "check"] : ["documents", "events", "check"];
        assert.deepEqual(steps.slice(-tail.length), tail);
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
        // The answers typed are on check your answers as typed (a phone in its one form).
        for (const s of journeyOf(kind).filter((s) => section(s))) {
          for (const f of askedFields(s, kind).filter((f) => ["text", "tel"].includes(f.type))) {
            const value = f.type === "tel" ? fx.answers[f.id]?.replace(/[^+\d]/g, "") : fx.answers[f.id];
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
      await continueTo(page, steps[steps.indexOf("documents") + 1], lang);
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
        // (The title follows the render by a task: src/later.rs.)
        await page.waitForFunction((t) => document.title === t, text(lang, "app-title"));
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
      // No kind chosen: no total yet (it would change with the kind).
      assert.equal(clean(await page.locator("[data-testid=progress]").textContent()), format(lang, "app-progress-open", { step: 1 }));
      assert.equal(await page.locator("input[name=kind]:checked").count(), 0, "no kind chosen");
      assert.equal(await page.locator("#field-akimat").inputValue(), "");
      await waitForStoredKeys(page, []);
      const cleared = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft") ?? "null"));
      // Nothing typed is kept; the new application is dated today, as a fresh one is.
      assert.deepEqual(cleared?.application?.answers ?? {}, { application_date: TODAY }, "no answer is kept");
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
