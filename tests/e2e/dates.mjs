// One truth for dates, and phones in one form, through the built app and the real intake server.
// For each moment — Friday 20:50, Saturday, the eve of a holiday, 18:29 and 18:30 (Astana time) —
// the browser's clock is fixed at it and `anyqtama serve --now` is given the same one: the
// forecast on "check your answers" says when the application would be registered, and why it
// moved, and the receipt the server gives is that date and that decision date. The phone typed
// "8 (777) 123-45-67" is shown as +77771234567 when the field is left, goes into the bundle so,
// and `anyqtama check` passes the bundle the server stored.
//
//   node --test --test-reporter=spec tests/e2e/dates.mjs
//     (after `trunk build --release` and `cargo build --release -p anyqtama-cli`)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./browser.mjs";
import { assertAccessible } from "./a11y.mjs";
import { fillDate } from "./forms.mjs";
import { BIN, officerGet, seedComplete, startServer, stop } from "./server.mjs";
import { ARTIFACTS, clean, waitForLang } from "./fill.mjs";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-12-07" as the English page writes it ("7 Dec 2026", locales/en/core.ftl date-long). */
const en = (iso) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

// (moment, registered on, decision due for a first issue, what the forecast says about why)
const MOMENTS = [
  ["2026-12-04T20:50:00+05:00", "2026-12-07", "2026-12-14", "after 18:30 on Fri 4 Dec 2026"],
  ["2026-12-05T10:00:00+05:00", "2026-12-07", "2026-12-14", "on Sat 5 Dec 2026, a day off"],
  ["2026-12-15T20:50:00+05:00", "2026-12-17", "2026-12-24", "after 18:30 on Tue 15 Dec 2026"],
  ["2026-12-03T18:29:00+05:00", "2026-12-03", "2026-12-10", "If sent today"],
  ["2026-12-03T18:30:00+05:00", "2026-12-04", "2026-12-11", "after 18:30 on Thu 3 Dec 2026"],
];

let browser, work;

before(async () => {
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), "anyqtama-dates-"));
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

for (const [moment, registered, due, why] of MOMENTS) {
  test(`sent at ${moment}: the forecast is the receipt`, async () => {
    const db = join(work, `${moment.replace(/\W/g, "")}.sqlite`);
    const server = await startServer(db, null, ["--now", moment]);
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    try {
      await page.clock.setFixedTime(new Date(moment));
      await page.goto(server.url, { waitUntil: "load" });
      await page.locator("#page-heading").waitFor();
      await seedComplete(page, "issue", { answers: { kz_phone: "8 (777) 123-45-67" } });
      await page.reload({ waitUntil: "load" });
      await page.locator("[data-testid=ready]").waitFor();
      await waitForLang(page, "en");

      const phoneRow = clean(await page.locator('.summary__row[data-field="kz_phone"]').innerText());
      assert.ok(phoneRow.includes("+77771234567"), `check your answers shows the phone's one form: ${phoneRow}`);
      const forecast = clean(await page.locator('[data-code="decision.expected"]').innerText());
      assert.ok(forecast.includes(why), `the forecast says why: ${forecast}`);
      assert.ok(forecast.includes(`, ${en(registered)}`) || forecast.includes(`on ${en(registered)}`), `registered on ${registered}: ${forecast}`);
      assert.ok(forecast.includes(`due by ${en(due)}`), `decision by ${due}: ${forecast}`);
      if (moment.startsWith("2026-12-04")) {
        await page.screenshot({ path: join(ARTIFACTS, "dates-forecast-friday-evening.png"), fullPage: true });
        await page.mouse.move(0, 0);
        await assertAccessible(page, "check your answers, forecast after hours");
      }

      await page.locator("[data-testid=continue]").click();
      await page.locator("[data-testid=send]").click();
      await page.locator("[data-testid=receipt]").waitFor({ timeout: 30_000 });
      const { receipt, id } = await page.evaluate(() => {
        const s = JSON.parse(localStorage.getItem("anyqtama.draft")).submission;
        return { receipt: s.receipt, id: s.id };
      });
      assert.equal(receipt.registered_on, registered, "the receipt's registration date is the forecast's");
      assert.equal(receipt.expected_decision, due, "the receipt's decision date is the forecast's");
      const shown = clean(await page.locator("[data-testid=receipt]").innerText());
      assert.ok(shown.includes(en(registered)), shown);

      // The bundle the server stored carries the phone in its one form, and passes `anyqtama check`.
      const zip = Buffer.from(await (await officerGet(server, `api/bundles/${id}/zip`)).arrayBuffer());
      assert.ok(zip.includes(Buffer.from('"+77771234567"')), "the phone's one form is in the bundle");
      assert.ok(!zip.includes(Buffer.from("8 (777) 123-45-67")), "not the typed form");
      const file = join(work, `${id}.zip`);
      writeFileSync(file, zip);
      execFileSync(BIN, ["check", file, "--today", registered, "--lang", "en"], { stdio: "pipe" });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await stop(server);
    }
  });
}

test("a phone is shown in its one form when its field is left; a wrong one is refused with why", async () => {
  const server = await startServer(join(work, "phone.sqlite"));
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}?today=2026-11-25`, { waitUntil: "load" });
    await page.locator("#page-heading").waitFor();
    const draft = {
      version: 1,
      lang: "en",
      step: { page: "section", id: "applicant" },
      application: { schema: 1, answers: { kind: "issue" }, documents: [] },
      validated: [],
    };
    await page.evaluate((d) => localStorage.setItem("anyqtama.draft", JSON.stringify(d)), draft);
    await page.reload({ waitUntil: "load" });
    await waitForLang(page, "en");
    const phone = page.locator("#field-kz_phone");
    for (const typed of ["8 777 123 45 67", "777 123 45 67", "+7 (777) 123-45-67"]) {
      await phone.fill(typed);
      await phone.press("Tab");
      assert.equal(await phone.inputValue(), "+77771234567", typed);
    }
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")).application.answers.kz_phone);
    assert.equal(stored, "+77771234567", "the draft keeps the one form");

    // Abroad: + and the country code; a Russian number is not a Kazakhstan one.
    const home = page.locator("#field-home_phone");
    await home.fill("00998 (90) 123-45-67");
    await home.press("Tab");
    assert.equal(await home.inputValue(), "+998901234567");
    await phone.fill("+7 912 123 45 67");
    await phone.press("Tab");
    assert.equal(await phone.inputValue(), "+7 912 123 45 67", "a refused number stays as typed");
    await page.locator("[data-testid=continue]").click();
    const error = page.locator("#field-kz_phone-error");
    await error.waitFor();
    assert.match(clean(await error.innerText()), /must be a Kazakhstan number/);
    await page.screenshot({ path: join(ARTIFACTS, "dates-phone-refused.png"), fullPage: true });
    await page.mouse.move(0, 0);
    await assertAccessible(page, "applicant page, phone refused");
  } finally {
    await context.close();
    await stop(server);
  }
});

test("dates as people write them: day, month, year; the error names the wrong part and links to it", async () => {
  const server = await startServer(join(work, "date-input.sqlite"));
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  try {
    // A new application is dated today, and the date can be changed.
    await page.goto(`${server.url}?today=2026-11-25`, { waitUntil: "load" });
    await page.locator("#page-heading").waitFor();
    const fresh = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")));
    assert.equal(fresh.application.answers.application_date, "2026-11-25", "a new application is dated today");

    const draft = { ...fresh, lang: "en", step: { page: "section", id: "applicant" } };
    draft.application.answers.kind = "issue";
    await page.evaluate((d) => localStorage.setItem("anyqtama.draft", JSON.stringify(d)), draft);
    await page.reload({ waitUntil: "load" });
    // The page shows Kazakh (compiled in) until the English texts, fetched on demand, arrive.
    await page.locator("fieldset:has(#field-id_doc_issued_on) legend", { hasText: "Date of issue" }).waitFor();
    const group = page.locator("fieldset:has(#field-id_doc_issued_on)");
    assert.equal(clean(await group.locator("legend").innerText()), "Date of issue");
    for (const [id, label] of [["field-id_doc_issued_on", "Day"], ["field-id_doc_issued_on-month", "Month"], ["field-id_doc_issued_on-year", "Year"]]) {
      assert.equal(await page.locator(`#${id}`).getAttribute("inputmode"), "numeric");
      assert.equal(clean(await page.locator(`label[for="${id}"]`).innerText()), label);
    }

    // 31 April: no such day; the link goes to the day.
    await fillDate(page, "id_doc_issued_on", "2021-04-31");
    await page.locator("[data-testid=continue]").click();
    const summary = page.locator("[data-testid=error-summary]");
    let link = summary.locator('a[href="#field-id_doc_issued_on"]');
    await link.waitFor();
    assert.match(clean(await link.innerText()), /that month has 30 days, not 31/);
    assert.equal(await page.locator("#field-id_doc_issued_on").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#field-id_doc_issued_on-month").getAttribute("aria-invalid"), null, "only the wrong part is marked");
    await page.screenshot({ path: join(ARTIFACTS, "dates-no-such-day.png"), fullPage: true });
    await page.mouse.move(0, 0);
    await assertAccessible(page, "applicant page, 31 April");

    // The month left out: the message says so and the link goes to the month box.
    await page.locator("#field-id_doc_issued_on-month").fill("");
    await page.locator("#field-id_doc_issued_on").fill("14");
    link = summary.locator('a[href="#field-id_doc_issued_on-month"]');
    await link.waitFor();
    assert.match(clean(await link.innerText()), /must include a month/);
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), "field-id_doc_issued_on-month");
    await page.mouse.move(0, 0);
    await assertAccessible(page, "applicant page, month missing");

    // Complete: kept as YYYY-MM-DD, as before.
    await page.locator("#field-id_doc_issued_on-month").fill("5");
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("anyqtama.draft")).application.answers.id_doc_issued_on);
    assert.equal(kept, "2021-05-14");
    assert.equal(await summary.locator('a[href^="#field-id_doc_issued_on"]').count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await stop(server);
  }
});
