// End-to-end checks of issue 12's points 3, 5, 6 and 7 in the built app (dist/): only the questions
// that apply (the progress line never changes its total), a refused file (an error at once, not
// counted, removed in one action), the words (the language menu, the browser's language, the IIN,
// the portal's name, the banner after sending) and the receipt (print, save, reached again).
// Each test starts from a draft put in the browser's storage, as a reload would find it.
//
//   node --test --test-reporter=spec tests/e2e/answers.mjs     (after `trunk build --release`)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertAccessible } from "./a11y.mjs";
// The site, texts and fixtures as the journey tests have them (fill.mjs).
import { ARTIFACTS, RULES, TEXT, clean, draftOf, fixture, format, headingOf, seedDraft, site, waitForLang } from "./fill.mjs";

const served = site();

/** A page, with `draft` in its storage (or none), in a browser whose languages are `locale`'s. */
async function open(draft, { locale, init } = {}) {
  const context = await served.browser.newContext({ viewport: { width: 1024, height: 768 }, ...(locale ? { locale } : {}) });
  if (draft) await seedDraft(context, draft);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${served.url}?today=2026-11-25`, { waitUntil: "load" });
  await page.locator("#page-heading").waitFor();
  return { context, page, errors };
}

const progress = (page) => page.locator("[data-testid=progress]").textContent().then(clean);

// ---------------------------------------------------------------------------------------------
// 3. Only the questions that apply; the step count never jumps.

test("the progress line has no total before the kind is chosen, then one that does not change", async () => {
  const { context, page, errors } = await open(null, { locale: "en-GB" });
  try {
    await waitForLang(page, "en");
    assert.equal(await progress(page), format("en", "app-progress-open", { step: 1 }), "no total yet");
    await page.locator("input[name=kind][value=issue]").check();
    // issue: request, applicant, profession, documents, check: no employer, no earlier dates.
    assert.equal(await progress(page), format("en", "app-progress", { step: 1, total: 5 }));
    await page.locator("input[name=kind][value=extend]").check();
    assert.equal(await progress(page), format("en", "app-progress", { step: 1, total: 7 }));
    await assertAccessible(page, "first page with a kind chosen");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a first issue is not asked for earlier dates; an extension is, on its sixth page of seven", async () => {
  const app = fixture("issue");
  app.documents = [];
  let { context, page, errors } = await open(draftOf(app, { page: "documents" }));
  try {
    await waitForLang(page, "en");
    // issue: request, applicant, profession, documents (4 of 5), check your answers.
    assert.equal(await progress(page), format("en", "app-progress", { step: 4, total: 5 }));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  const extend = fixture("extend");
  extend.documents = [];
  ({ context, page, errors } = await open(draftOf(extend, { page: "section", id: "events" })));
  try {
    await waitForLang(page, "en");
    assert.equal(await progress(page), format("en", "app-progress", { step: 6, total: 7 }));
    for (const id of ["contract_ends_on", "termination_on", "certificate_number"]) {
      assert.equal(await page.locator(`#field-${id}`).count(), 1, `${id} is asked for an extension`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 5. Files.

/** The first bytes of a Windows program ("MZ"), named like a scan. */
const exe = (name) => ({ name, mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\0", "latin1"), Buffer.alloc(2000)]) });

test("a refused file is an error at once, is not the document, and goes in one action", async () => {
  const app = fixture("issue");
  app.documents = [];
  const { context, page, errors } = await open(draftOf(app, { page: "documents" }));
  try {
    await waitForLang(page, "en");
    const item = page.locator("#item-identity-document");
    const label = item.locator("label.file-label");
    assert.equal(clean(await label.textContent()).split(":")[0], TEXT.en["app-file-choose"]);
    // No "No file chosen": the native input is not shown, its label is the button.
    const input = item.locator("input[type=file]");
    assert.equal(await input.evaluate((e) => getComputedStyle(e).opacity), "0");
    // …and the input still takes the keyboard: focus it and Space opens the file chooser.
    // (Long timeouts: on a loaded machine the chooser and the file's storage can take a while.
    // The page may still be re-rendering after the draft's load — files read back from
    // IndexedDB — and move the focus; so focus, check and press again, at most three times.)
    let chooser = null;
    for (let attempt = 0; !chooser && attempt < 3; attempt++) {
      await input.focus();
      assert.equal(await page.evaluate(() => document.activeElement?.type), "file");
      [chooser] = await Promise.all([
        page.waitForEvent("filechooser", { timeout: 20_000 }).catch(() => null),
        page.keyboard.press("Space"),
      ]);
    }
    assert.ok(chooser, "Space on the focused file input opens the file chooser");
    await chooser.setFiles(exe("passport-scan.pdf"));

    const refused = item.locator("[data-testid=file-refused]");
    await refused.waitFor({ timeout: 60_000 });
    assert.equal(await refused.getAttribute("role"), "alert", "announced to screen readers");
    assert.equal(clean(await refused.textContent()), TEXT.en["app-file-refused"]);
    assert.equal(clean(await label.textContent()).split(":")[0], TEXT.en["app-file-add"]);
    await page.screenshot({ path: join(ARTIFACTS, "answers-file-refused.png"), fullPage: true });
    await page.mouse.move(0, 0);
    await assertAccessible(page, "a refused file");

    // Not counted: the core says the identity document is missing as well as the file refused.
    await page.locator("[data-testid=continue]").click();
    const summary = page.locator("[data-testid=error-summary]");
    await summary.waitFor();
    const links = (await summary.locator("li").allInnerTexts()).map(clean);
    const itemLabel = RULES.items.find((i) => i.id === "identity-document").label.en;
    assert.ok(links.some((l) => l.includes("passport-scan.pdf")), "the file is refused");
    assert.ok(links.includes(`Attach “${itemLabel}”.`), `and the document is still missing: ${links.join(" | ")}`);

    // One action removes it, and the error with it.
    await item.locator("li[data-testid=attached-file] button").click();
    await item.locator("li[data-testid=attached-file]").waitFor({ state: "detached" });
    assert.equal(await refused.count(), 0);
    assert.equal(clean(await label.textContent()).split(":")[0], TEXT.en["app-file-choose"]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 6. Words.

test("the first language follows the browser's preferred languages; a saved draft's still wins", async () => {
  for (const [locale, lang] of [["ru-RU", "ru"], ["en-US", "en"], ["kk-KZ", "kk"], ["de-DE", "kk"]]) {
    const { context, page, errors } = await open(null, { locale });
    try {
      await waitForLang(page, lang);
      const nav = page.locator("nav.lang-switch");
      assert.equal(await nav.getAttribute("aria-label"), "Тіл / Язык / Language", `${locale}: named in all three`);
      assert.equal(await page.locator(`button[lang=${lang}]`).getAttribute("aria-pressed"), "true", locale);
      assert.deepEqual(errors, [], locale);
    } finally {
      await context.close();
    }
  }
  const { context, page } = await open(draftOf(fixture("issue"), { page: "section", id: "request" }, "en"), { locale: "ru-RU" });
  try {
    await waitForLang(page, "en");
  } finally {
    await context.close();
  }
});

test("a Russian or English first page is in that language from its first render, not Kazakh for a moment", async () => {
  // What the heading says the moment it is first in the document (before any later render).
  // With it, the page's own words of that render: the Continue button, the language menu's name,
  // the footer's heading (the heading itself is the rules' data).
  const first = () => {
    const seen = new MutationObserver(() => {
      const h = document.getElementById("page-heading");
      if (h && window.__firstHeading === undefined) {
        window.__firstHeading = h.textContent;
        window.__firstText = document.querySelector(".anyqtama")?.innerText;
        window.__firstTexts = document.querySelector(".anyqtama")?.dataset.texts ?? "all";
        window.__firstWords = [
          document.querySelector("[data-testid=continue]")?.textContent,
          document.querySelector("nav.lang-switch")?.getAttribute("aria-label"),
          document.getElementById("rules-heading")?.textContent,
        ];
        seen.disconnect();
      }
    });
    seen.observe(document, { childList: true, subtree: true, characterData: true });
  };
  const cases = [
    ["ru-RU", null, "ru"],
    ["en-US", null, "en"],
    ["kk-KZ", null, "kk"],
    // A saved draft's language wins over the browser's, here too.
    ["ru-RU", draftOf(fixture("issue"), { page: "section", id: "request" }, "en"), "en"],
  ];
  for (const [locale, draft, lang] of cases) {
    const { context, page, errors } = await open(draft, { locale, init: first });
    try {
      await waitForLang(page, lang);
      const heading = clean(await page.evaluate(() => window.__firstHeading));
      const what = `${locale}${draft ? ", saved in " + draft.lang : ""}`;
      assert.equal(heading, clean(headingOf("request", lang)), `${what}: the first render's heading`);
      const words = (await page.evaluate(() => window.__firstWords)).map((w) => clean(w ?? ""));
      const expected = ["app-continue", "app-lang-switch", "app-rules-heading"].map((id) => clean(TEXT[lang][id]));
      assert.deepEqual(words, expected, `${what}: the first render's own words`);
      // A first visit in ru or en renders from the first page's texts compiled in (a saved draft
      // waits for its language's file): once the rest has arrived, not a word of the page changes,
      // so none of that render was in Kazakh for want of a text (locales/first-page.txt).
      const firstTexts = await page.evaluate(() => window.__firstTexts);
      assert.equal(firstTexts, !draft && lang !== "kk" ? "first-page" : "all", `${what}: the texts of the first render`);
      if (!draft) {
        const later = await page.evaluate(() => document.querySelector(".anyqtama").innerText);
        assert.equal(clean(await page.evaluate(() => window.__firstText)), clean(later), `${what}: the first render, then with all the texts`);
      }
      assert.deepEqual(errors, [], locale);
    } finally {
      await context.close();
    }
  }
  // A first visit renders from the first page's texts compiled in; the rest of the language's
  // texts are then fetched once (by the widget: the page's script fetches them only for a saved
  // draft, tested above), and the next page is in that language.
  const { context, page } = await open(null, { locale: "en-US" });
  try {
    await waitForLang(page, "en");
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\/locales\/\w+\.ftl$/.test(e.name)).length);
    assert.equal(fetched, 1, "locales/en.ftl fetched once");
  } finally {
    await context.close();
  }
});

test("the applicant page says 'Given name', and the IIN's label and hint agree", async () => {
  const app = fixture("issue");
  for (const lang of ["en", "ru", "kk"]) {
    const { context, page } = await open(draftOf(app, { page: "section", id: "applicant" }, lang));
    try {
      await waitForLang(page, lang);
      const field = (id) => RULES.form.flatMap((s) => s.fields).find((f) => f.id === id);
      assert.match(clean(await page.locator("label[for=field-given_name]").textContent()), new RegExp(field("given_name").label[lang]));
      const iin = clean(await page.locator("label[for=field-iin]").textContent());
      assert.ok(iin.includes(TEXT[lang]["app-optional"]), `${lang}: the IIN is optional: ${iin}`);
      const hint = clean(await page.locator("#field-iin-hint").textContent());
      assert.equal(hint, field("iin").hint[lang]);
      assert.match(hint, { en: /Not required/, ru: /не обязателен/, kk: /міндетті емес/ }[lang], "the hint says optional too");
    } finally {
      await context.close();
    }
  }
  assert.equal(RULES.form.flatMap((s) => s.fields).find((f) => f.id === "given_name").label.en, "Given name");
});

test("the missing official list is said once on the profession page", async () => {
  const app = fixture("issue");
  const { context, page } = await open(draftOf(app, { page: "section", id: "profession" }));
  try {
    await waitForLang(page, "en");
    const main = await page.locator("main").innerText();
    const hint = TEXT.en["app-profession-free-hint"];
    assert.equal(main.split(hint).length - 1, 1, "the hint once");
    assert.doesNotMatch(main, /is not loaded: the profession could not be checked/, "not again as a note");
    await assertAccessible(page, "profession page without a list");
  } finally {
    await context.close();
  }
});

test("the send page names the portal, not a path", async () => {
  const app = fixture("issue");
  app.documents = [];
  const { context, page } = await open(draftOf(app, { page: "submit" }));
  try {
    await waitForLang(page, "en");
    const where = clean(await page.locator("[data-testid=submit-where]").textContent());
    assert.equal(where, format("en", "app-submit-where", { portal: TEXT.en["app-portal-default"] }));
    assert.doesNotMatch(clean(await page.locator("main").innerText()), /\/api\/bundles/);
    await assertAccessible(page, "the send page");
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 7. The receipt, and the banner after sending.

const RECEIPT = {
  id: "0b6f3c1e-6a8e-4f53-9d51-2a2f9c4b7e10",
  registration_number: "ALM-2026-000042",
  received_at: "2026-11-25T05:15:00Z",
  registered_on: "2026-11-25",
  expected_decision: "2026-12-02",
};
const sent = { id: RECEIPT.id, queued: false, receipt: RECEIPT };

test("the receipt can be printed and saved, and is reached again from the first page", async () => {
  const app = fixture("issue");
  app.documents = [];
  const init = () => {
    window.__printed = 0;
    window.print = () => (window.__printed += 1);
  };
  const { context, page, errors } = await open(draftOf(app, { page: "submit" }, "en", sent), { init });
  try {
    await waitForLang(page, "en");
    const receipt = page.locator("[data-testid=receipt]");
    await receipt.waitFor();
    const shown = clean(await receipt.innerText());
    for (const value of [RECEIPT.registration_number, RECEIPT.id, "2026-11-25 05:15 UTC", "25 Nov 2026", "2 Dec 2026", "the portal"]) {
      assert.ok(shown.includes(value), `the receipt shows ${value}: ${shown}`);
    }
    const big = await page.locator("[data-testid=receipt-number]").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(big >= 30, `the registration number is large (${big}px)`);

    // After sending, the banner says where the data went and that a copy stays here.
    const banner = clean(await page.locator("[data-testid=phase-text]").textContent());
    assert.equal(banner, format("en", "app-phase-sent", { portal: "the portal", date: "25 Nov 2026" }));
    await assertAccessible(page, "the receipt");
    await page.screenshot({ path: join(ARTIFACTS, "answers-receipt.png"), fullPage: true });

    // Print: the browser's print, and a print style sheet that leaves the receipt alone.
    await page.locator("[data-testid=receipt-print]").click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
    await page.emulateMedia({ media: "print" });
    for (const hidden of ["[data-testid=receipt-print]", "[data-testid=receipt-save]", "nav.lang-switch", "[data-testid=start-again]", "footer"]) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    assert.ok(await page.locator("[data-testid=receipt-number]").isVisible());
    // The printed page starts with the receipt's heading (not "Sign and send").
    assert.equal(clean(await page.locator("h1:visible").first().textContent()), TEXT.en["app-receipt-heading"]);
    await page.screenshot({ path: join(ARTIFACTS, "answers-receipt-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // Save: a text file named by the registration number, with every field.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=receipt-save]").click()]);
    assert.equal(download.suggestedFilename(), `receipt-${RECEIPT.registration_number}.txt`);
    const file = readFileSync(await download.path(), "utf8");
    for (const value of [RECEIPT.registration_number, RECEIPT.id, "2 Dec 2026", TEXT.en["app-receipt-heading"]]) {
      assert.ok(file.includes(value), `the saved receipt has ${value}:\n${file}`);
    }

    // Back on the first page (the draft kept), "View your receipt" leads to it again.
    await page.evaluate((draft) => localStorage.setItem("anyqtama.draft", draft), JSON.stringify(draftOf(app, { page: "section", id: "request" }, "en", sent)));
    await page.reload({ waitUntil: "load" });
    await waitForLang(page, "en");
    const view = page.locator("[data-testid=view-receipt]");
    await view.waitFor();
    assert.equal(clean(await view.textContent()), TEXT.en["app-receipt-view"]);
    await assertAccessible(page, "first page with a receipt");
    await view.click();
    await page.locator("[data-testid=receipt-number]").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
