// End-to-end smoke test of the built app (dist/) in Debian's Chromium, driven by playwright-core:
// the first page of the form renders in Kazakh under the strict Content-Security-Policy, the
// language switch works, axe-core finds no violations, nothing is logged as an error (a CSP
// violation would be). The whole journey is in journey.mjs. Screenshots go to test-artifacts/e2e/.
//
//   node --test --test-reporter=spec tests/e2e/smoke.mjs     (after `trunk build --release`)
//
// Environment: CHROMIUM (default /usr/bin/chromium), DIST (default dist/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { assertAccessible as axe } from "./a11y.mjs";
import { serve } from "../../scripts/serve-dist.mjs";
import { TEXT } from "./texts.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const TIMEOUT = 30_000;


/** The rule sets under data/rules/ (the page shows the newest one). */
const RULE_SETS = readdirSync(join(ROOT, "data", "rules"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(join(ROOT, "data", "rules", f), "utf8")));
const RULE_VERSIONS = RULE_SETS.map((r) => r.version);
const NEWEST = RULE_SETS.reduce((a, b) => (b.effective_from > a.effective_from ? b : a));

/** The first page's heading: the label of the first section of the A1 form, in `lang`. */
const FIRST_HEADING = Object.fromEntries(["kk", "ru", "en"].map((l) => [l, NEWEST.form[0].label[l]]));

let server, url, browser, page;
const problems = [];
/** Console warnings (the first load must give none). */
const warnings = [];

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run 'trunk build --release' first`);
  ({ server, url } = await serve(DIST));
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  // A request the browser itself cancels because the test navigates on (typically the favicon
  // of the page being left) is ERR_ABORTED: not a failure of the app or the server.
  page.on("requestfailed", (r) => {
    const error = r.failure()?.errorText;
    if (error !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

const pressed = (lang) => page.locator(`button[lang=${lang}]`).getAttribute("aria-pressed");
const htmlLang = () => page.evaluate(() => document.documentElement.lang);
// The title follows the render by a task (src/later.rs).
const waitForTitle = (title) => page.waitForFunction((t) => document.title === t, title, { timeout: TIMEOUT });

async function waitForHeading(text) {
  await page.waitForFunction((t) => document.querySelector("h1")?.textContent === t, text, { timeout: TIMEOUT });
}

/** Every message id of the Fluent files (a missing message is shown as its id). */
const IDS = readdirSync(join(ROOT, "locales", "en"))
  .filter((f) => f.endsWith(".ftl"))
  .flatMap((f) => [...readFileSync(join(ROOT, "locales", "en", f), "utf8").matchAll(/^([a-z][a-z0-9]*(?:-[a-z0-9]+)+) =/gm)])
  .map((m) => m[1]);

async function assertNoMessageIds(lang) {
  const text = await page.locator("body").innerText();
  const shown = IDS.filter((id) => new RegExp(`(^|[\\s(])${id}($|[\\s.,:;)])`).test(text));
  assert.deepEqual(shown, [], `${lang}: message ids shown instead of texts (missing in locales/${lang}/*.ftl?)`);
}

/** The placeholder home page's texts are gone (the first page is the form). */
async function assertNoPlaceholder(lang) {
  const text = await page.locator("body").innerText();
  for (const id of ["app-heading", "app-intro"]) {
    const placeholder = TEXT[lang][id];
    if (placeholder) assert.ok(!text.includes(placeholder), `${lang}: the placeholder's ${id} is still shown`);
  }
}

async function switchTo(lang) {
  await page.locator(`button[lang=${lang}]`).click();
  await waitForHeading(FIRST_HEADING[lang]);
  assert.equal(await pressed(lang), "true", `${lang} button is not pressed`);
  assert.equal(await htmlLang(), lang);
  await waitForTitle(TEXT[lang]["app-title"]);
  await assertNoMessageIds(lang);
  await assertNoPlaceholder(lang);
}

const assertAccessible = (label) => axe(page, label);

test("the form's first page renders in Kazakh under a strict CSP, with the rules fact in the footer", async () => {
  for (const lang of ["kk", "ru", "en"]) assert.ok(FIRST_HEADING[lang], `no label of form[0] in ${lang} in the rules`);
  // The page's scripts and style sheets, fetched before the first page is shown.
  const scripts = [];
  const sheets = [];
  const onRequest = (r) => {
    const list = { script: scripts, stylesheet: sheets }[r.resourceType()];
    list?.push(new URL(r.url()).pathname);
  };
  page.on("request", onRequest);
  const response = await page.goto(url, { waitUntil: "load" });
  const csp = response.headers()["content-security-policy"] ?? "";
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  // One inline script (it starts compiling the wasm) and one inline style sheet, each allowed by
  // its hash, the one in script-src, the other in style-src (scripts/bundle-start.mjs).
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const hash = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1, "one inline script");
  assert.equal(styles.length, 1, "one inline style sheet");
  assert.ok(styles[0].includes(".anyqtama") && styles[0].length > 4000, "the inline style sheet is the widget's");
  assert.match(csp, new RegExp(`script-src 'self' 'wasm-unsafe-eval' ${hash(inline[0]).replace(/[+/]/g, "\\$&")}(;|$)`));
  assert.match(csp, new RegExp(`style-src 'self' ${hash(styles[0]).replace(/[+/]/g, "\\$&")}(;|$)`));
  await waitForHeading(FIRST_HEADING.kk);
  page.off("request", onRequest);
  // One script and no style sheet before the first render: start.js carries the glue and its
  // snippet, index.html the styles (scripts/bundle-start.mjs), so nothing else stands in the way.
  assert.deepEqual(scripts, ["/start.js"], "the first page fetches one script");
  assert.deepEqual(sheets, [], "the first page fetches no style sheet");
  // The styles apply (a stylesheet blocked by the policy would leave the header unstyled).
  assert.notEqual(
    await page.evaluate(() => getComputedStyle(document.querySelector(".header__bar")).backgroundColor),
    "rgba(0, 0, 0, 0)",
    "the header's bar has the style sheet's background",
  );
  // (e.g. no "integrity attribute ignored" for the wasm's preload: scripts/bundle-start.mjs)
  assert.deepEqual(warnings, [], "no console warning while the first page loads");
  assert.equal(await page.locator("h1").count(), 1, "one h1");
  assert.equal(await page.locator("h1").getAttribute("id"), "page-heading");
  assert.equal(await htmlLang(), "kk");
  await waitForTitle(TEXT.kk["app-title"]);
  assert.equal(await pressed("kk"), "true");
  assert.equal(await pressed("en"), "false");
  const fact = await page.locator("[data-testid=rules-fact]").textContent();
  assert.ok(
    RULE_VERSIONS.some((v) => fact.includes(v)),
    `the rules fact ${JSON.stringify(fact)} names none of the versions ${RULE_VERSIONS}`,
  );
  // The facts about the data are in the footer, not on the form's page.
  for (const testid of ["rules-fact", "calendar-fact", "data-status"]) {
    assert.equal(await page.locator(`footer [data-testid=${testid}]`).count(), 1, `${testid} is not in the footer`);
    assert.equal(await page.locator(`main [data-testid=${testid}]`).count(), 0, `${testid} is in main`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "home.png"), fullPage: true });
  await assertNoMessageIds("kk");
  await assertNoPlaceholder("kk");
});

test("the language switch re-renders the page in Russian and English", async () => {
  await switchTo("ru");
  await page.locator("button[lang=en]").click();
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.screenshot({ path: join(ARTIFACTS, "home-en.png"), fullPage: true });
  await switchTo("en");
  assert.equal(await pressed("kk"), "false");
});

test("axe-core finds no accessibility violations, in English and in Kazakh", async () => {
  await assertAccessible("en");
  await switchTo("kk");
  await assertAccessible("kk");
});

// The page focuses its heading (#page-heading) when the page changes, but not on the first load,
// so the first Tab reaches the skip link (and then the language switch).
test(
  "the keyboard reaches the skip link first",
  async () => {
    await page.reload({ waitUntil: "load" });
    await waitForHeading(FIRST_HEADING.kk);
    await page.waitForTimeout(200); // let the page's effects run (the one that moves focus, too)
    const before = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.className);
    assert.ok(
      focused?.split(" ").includes("skip-link"),
      `the first Tab went to .${focused} (focus was on ${before} after loading)`,
    );
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main", "the skip link moves focus to main");
  },
);

test("a portal's newer rule set and calendar year load from URLs, without a rebuild", async () => {
  // The portal serves a rule set 2027.1 and a settled 2026 calendar year; the page is told
  // their URLs in its address. Served here through request interception, on the same origin.
  const rules = JSON.parse(readFileSync(join(ROOT, "data", "rules", "2026-01.json"), "utf8"));
  rules.version = "2027.1";
  rules.effective_from = "2027-01-01";
  const year = JSON.parse(readFileSync(join(ROOT, "data", "calendar", "2026.json"), "utf8"));
  year.provisional = false;
  delete year.provisional_reason;
  const json = (body) => ({ status: 200, contentType: "application/json", body: JSON.stringify(body) });
  // Match on the path only: the page's own address carries these paths in its query string.
  // Routed on the context: the service worker fetches them for the page (and keeps them).
  const at = (path) => (u) => u.pathname === path;
  const context = page.context();
  await context.route(at("/portal/rules.json"), (r) => r.fulfill(json(rules)));
  await context.route(at("/portal/2026.json"), (r) => r.fulfill(json(year)));
  await page.goto(`${url}?rules=/portal/rules.json&calendar=/portal/2026.json`, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("[data-testid=rules-fact]")?.textContent.includes("2027.1"));
  const status = await page.locator("[data-testid=data-status]").textContent();
  assert.match(status, /2/, `the status names the two files loaded: ${status}`);
  await page.screenshot({ path: join(ARTIFACTS, "data-from-urls.png"), fullPage: true });

  // A broken file is reported by URL, in the page's language, and the built-in data stays.
  await context.route(at("/portal/broken.json"), (r) => r.fulfill({ status: 200, contentType: "application/json", body: "{ not json" }));
  await page.goto(`${url}?rules=/portal/broken.json`, { waitUntil: "load" });
  const alert = page.locator("[data-testid=data-status][role=alert]");
  await alert.waitFor();
  assert.match(await alert.textContent(), /\/portal\/broken\.json/);
  const fact = await page.locator("[data-testid=rules-fact]").textContent();
  assert.ok(RULE_VERSIONS.some((v) => fact.includes(v)), fact);
  await context.unrouteAll();
});

test("no errors in the console, no failed requests", () => {
  assert.deepEqual(problems, []);
});
