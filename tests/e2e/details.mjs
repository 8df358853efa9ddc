// End-to-end checks of the pages' details in the built app (dist/), each starting from a draft put
// in the browser's storage (as a reload would find it): the deadlines on the dates page with how
// they were counted, the profession search over a portal's sector list, and a phone-sized screen.
//
//   node --test --test-reporter=spec tests/e2e/details.mjs     (after `trunk build --release`)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertAccessible } from "./a11y.mjs";
import { fillDate } from "./forms.mjs";
// The site, paths and fixtures as the journey tests have them (fill.mjs).
import { ARTIFACTS, ROOT, draftOf, fixture, json, seedDraft, site, waitForLang } from "./fill.mjs";

const served = site();

/** A page whose browser already holds `draft` (localStorage "anyqtama.draft"), at `query`. */
async function openWithDraft(draft, { query = "", viewport = { width: 1024, height: 768 }, routes = {} } = {}) {
  const context = await served.browser.newContext({ viewport });
  for (const [path, body] of Object.entries(routes)) {
    await context.route(
      (u) => u.pathname === path,
      (r) => r.fulfill({ status: 200, contentType: "application/json", body }),
    );
  }
  await seedDraft(context, draft);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${served.url}?today=2026-11-25${query}`, { waitUntil: "load" });
  await page.locator("#page-heading").waitFor();
  await waitForLang(page, draft.lang);
  return { context, page, errors };
}


test("the dates page shows each deadline, overdue or due soon, and how it was counted", async () => {
  const app = fixture("reissue-identity");
  app.answers.change_on = "2026-11-10"; // 5 working days → Tue 17 Nov: overdue on 25 Nov
  const { context, page, errors } = await openWithDraft(draftOf(app, { page: "section", id: "events" }));
  try {
    const overdue = page.locator("[data-code='deadline.overdue']");
    await overdue.waitFor();
    const said = await overdue.innerText();
    assert.match(said, /17 Nov 2026/, said);
    assert.match(said, /\(P22\)/, "the paragraph is cited");
    // How it was counted: the weekend of 14–15 Nov is skipped, and the basis is stated.
    await overdue.locator("summary").click();
    const counted = await overdue.locator(".details__text").innerText();
    assert.match(counted, /Sat 14 Nov 2026 — Saturday/);
    assert.match(counted, /Sun 15 Nov 2026 — Sunday/);
    assert.match(counted, /our reading/);
    await page.screenshot({ path: join(ARTIFACTS, "details-deadline-overdue.png"), fullPage: true });

    // A change on Fri 20 Nov is due on Fri 27 Nov: two working days left, a warning.
    await fillDate(page, "change_on", "2026-11-20");
    const soon = page.locator("[data-code='deadline.due_soon']");
    await soon.waitFor();
    assert.match(await soon.innerText(), /27 Nov 2026/);
    assert.equal(await overdue.count(), 0);
    await assertAccessible(page, "dates page");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("with a portal's sector list the profession is searched and chosen, and the sample is flagged", async () => {
  const app = fixture("issue");
  delete app.answers.sector;
  delete app.answers.profession;
  const { context, page, errors } = await openWithDraft(draftOf(app, { page: "section", id: "profession" }), {
    query: "&sectors=/portal/sectors.json",
    routes: { "/portal/sectors.json": readFileSync(join(ROOT, "data/lists/sectors.sample.json")) },
  });
  try {
    // The page starts with the built-in data, then the portal's list arrives and the field
    // becomes a search over it.
    const search = page.locator("#field-profession[type=search]");
    await search.waitFor();
    const sample = json("data", "lists", "sectors.sample.json");
    const all = sample.sectors.flatMap((s) => s.professions);
    assert.equal(await page.locator("input[name=profession]").count(), Math.min(all.length, 12));
    // Typing filters the professions (by any language's name or by code).
    await search.fill("developer");
    await page.waitForFunction(() => document.querySelectorAll("input[name=profession]").length === 1);
    await page.locator("input[name=profession]").check();
    await page.locator("[data-testid=profession-chosen]").waitFor();
    // Choosing a profession also sets its sector.
    assert.equal(await page.locator("#field-sector").inputValue(), "S-IT");
    // The list is a sample: the report says the check could not be made against the official one.
    assert.ok(await page.locator("[data-code='profession.list_is_sample']").count() > 0);
    await page.screenshot({ path: join(ARTIFACTS, "details-profession-search.png"), fullPage: true });
    await assertAccessible(page, "profession search");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("without a list, profession is free text and the page says once that the official list is not loaded", async () => {
  const { context, page } = await openWithDraft(draftOf(fixture("issue"), { page: "section", id: "profession" }));
  try {
    assert.equal(await page.locator("#field-profession").getAttribute("type"), "text");
    // The page says it once (the sector's hint), not again as the report's note under the
    // profession (the note stays in the report: the bundle and the pre-check carry it).
    assert.equal(await page.locator(".hint", { hasText: "official list" }).count(), 1);
    assert.equal(await page.locator("[data-code='profession.list_not_loaded']").count(), 0);
  } finally {
    await context.close();
  }
});

test("on a phone-sized screen nothing overflows sideways, and the pages stay accessible", async () => {
  for (const [name, step] of [
    ["request", { page: "section", id: "request" }],
    ["documents", { page: "documents" }],
    ["check", { page: "check" }],
  ]) {
    const { context, page } = await openWithDraft(draftOf(fixture("extend"), step, "kk"), {
      viewport: { width: 360, height: 740 },
    });
    try {
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${name}: the page is ${scroll}px wide on a ${client}px screen`);
      await page.screenshot({ path: join(ARTIFACTS, `phone-${name}.png`), fullPage: true });
      await assertAccessible(page, `phone ${name}`);
    } finally {
      await context.close();
    }
  }
});
