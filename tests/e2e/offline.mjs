// Offline use of the built app (dist/) in Debian's Chromium, driven by playwright-core: after one
// visit the service worker (dist/sw.js, scripts/build-offline.mjs) has kept every file, so with
// the network cut and the server stopped a reload still shows the widget, with the draft typed
// before, and the applicant can go on (and switch to Russian or English, whose texts are fetched
// files). A new version of the site is installed beside the old one and announced, accessibly;
// only the applicant's button switches to it. A language whose texts cannot be fetched is said,
// and the page goes on in the language it shows. Screenshots: test-artifacts/e2e/offline-*.png.
//
//   node --test --test-reporter=spec tests/e2e/offline.mjs     (after `trunk build --release`)
//
// Environment: CHROMIUM (default /usr/bin/chromium), DIST (default dist/).
import { fillDate } from "./forms.mjs";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assertAccessible } from "./a11y.mjs";
import { launch } from "./browser.mjs";
import { serve } from "../../scripts/serve-dist.mjs";
import { writeServiceWorker } from "../../scripts/build-offline.mjs";
import { TEXT } from "./texts.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const TIMEOUT = 20_000;
const RULES = JSON.parse(readFileSync(join(ROOT, "data", "rules", "2026-01.json"), "utf8"));
const ANSWERS = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "applications", "issue.json"), "utf8")).answers;
const section = (id) => RULES.form.find((s) => s.id === id);

let browser;
const work = mkdtempSync(join(tmpdir(), "anyqtama-offline-"));

before(async () => {
  assert.ok(existsSync(join(DIST, "sw.js")), `${DIST}/sw.js is missing: run 'trunk build --release' first`);
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Stops a server at once, open keep-alive connections too (the browser holds some). */
function stop(server) {
  const closed = new Promise((ok) => server.close(ok));
  server.closeAllConnections();
  return closed;
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message} ${e.stack}`));
  return { context, page, errors };
}

/** Polls `check` (async) until it is true, for up to TIMEOUT. */
async function until(check, what = check.toString()) {
  const end = Date.now() + TIMEOUT;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const heading = (page) => page.locator("#page-heading").textContent();

async function waitForHeading(page, text) {
  await page.waitForFunction((t) => document.getElementById("page-heading")?.textContent === t, text);
}

/** Waits until the service worker controls the page, and gives its cache: name and file count. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith("anyqtama-shell-"));
    const counts = await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).length));
    return names.map((name, i) => ({ name, files: counts[i] }));
  });
}

/** The version and file list the build wrote into a service worker. */
function workerOf(dir) {
  const sw = readFileSync(join(dir, "sw.js"), "utf8");
  const version = /const VERSION = "([0-9a-f]+)";/.exec(sw)[1];
  const files = JSON.parse(/const FILES = (\[[^\]]*\]);/.exec(sw)[1]);
  return { version, files };
}

async function switchTo(page, lang) {
  await page.locator(`button[lang=${lang}]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  assert.equal(await page.locator(`button[lang=${lang}]`).getAttribute("aria-pressed"), "true");
}

test("after one visit, with the network cut, a reload shows the widget and the draft goes on", async () => {
  let { server, url } = await serve(DIST);
  const { context, page, errors } = await newPage();
  try {
    await page.goto(`${url}?today=2026-11-25`, { waitUntil: "load" });
    await waitForHeading(page, section("request").label.kk);
    await page.locator("input[name=kind][value=issue]").check();
    await page.locator("#field-akimat").selectOption("almaty");
    await page.locator("[data-testid=continue]").click();
    await waitForHeading(page, section("applicant").label.kk);
    await page.locator("#field-surname").fill("Ivanov");

    // Every file of the build is in the worker's cache, under this build's version.
    const { version, files } = workerOf(DIST);
    assert.ok(files.includes("submit/anyqtama_submit_bg.wasm") && files.includes("locales/ru.ftl"), files.join());
    assert.deepEqual(await controlled(page), [{ name: `anyqtama-shell-${version}`, files: files.length }]);

    // The network is cut and the server is gone.
    await context.setOffline(true);
    await stop(server);
    server = null;
    await page.reload({ waitUntil: "load" });
    await waitForHeading(page, section("applicant").label.kk);
    assert.equal(await page.locator("#field-surname").inputValue(), "Ivanov", "the draft typed before is there");
    await page.screenshot({ path: join(ARTIFACTS, "offline-reload.png"), fullPage: true });

    // The applicant goes on: the rest of the page, then the next one.
    for (const field of section("applicant").fields) {
      if (field.id !== "surname" && ANSWERS[field.id] !== undefined) {
        if (field.type === "date") await fillDate(page, field.id, ANSWERS[field.id]);
        else await page.locator(`#field-${field.id}`).fill(ANSWERS[field.id]);
      }
    }
    await page.locator("[data-testid=continue]").click();
    await waitForHeading(page, section("profession").label.kk);

    // Russian and English texts are files the worker kept: the switch works offline too.
    await switchTo(page, "ru");
    assert.equal(await heading(page), section("profession").label.ru);
    await switchTo(page, "en");
    assert.equal(await heading(page), section("profession").label.en);
    await page.screenshot({ path: join(ARTIFACTS, "offline-en.png"), fullPage: true });

    // A draft saved in English opens in English, offline (Kazakh first, then the fetched texts).
    await page.reload({ waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await heading(page), section("profession").label.en);
    assert.equal(await page.locator("[data-testid=lang-failed]").count(), 0);

    // What submitting needs is there too: the submit worker starts, loads its own WebAssembly and
    // signs a bundle of the draft (without files; the page's own flow is in submit.mjs), offline.
    // (The page's IndexedDB helper, which the worker imports: bundled into start.js, and a file of
    // its own for the worker, cached for offline use too.)
    const [crate] = readdirSync(join(DIST, "snippets"));
    const shellPath = `snippets/${crate}/src/js/shell.js`;
    const made = await page.evaluate(
      (shellPath) =>
        new Promise((ok) => {
          const { application } = JSON.parse(localStorage.getItem("anyqtama.draft"));
          const order = { application, id: crypto.randomUUID(), date: "2026-11-25", lang: "en", rules_version: "2026.1" };
          const shell = new URL(shellPath, location.href).href;
          const worker = new Worker("submit-worker.js", { type: "module" });
          worker.onmessage = ({ data }) => {
            if (data.signing || data.progress) return;
            worker.terminate();
            ok(data.zip ? { zip: String.fromCharCode(...data.zip.slice(0, 2)) } : data);
          };
          worker.onerror = (e) => ok({ error: `the worker did not start: ${e.message}` });
          worker.postMessage({ order: JSON.stringify(order), files: [], shell });
        }),
      shellPath,
    );
    assert.deepEqual(made, { zip: "PK" }, "a signed ZIP made offline");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    if (server) await stop(server);
  }
});

test("the data files a portal names in the address are kept for an offline reload", async () => {
  let { server, url } = await serve(DIST);
  const { context, page, errors } = await newPage();
  try {
    // The portal's newer rule set (2027.1), on the same origin; routed on the context, so that the
    // service worker's own requests are answered too.
    const rules = JSON.parse(readFileSync(join(ROOT, "data", "rules", "2026-01.json"), "utf8"));
    rules.version = "2027.1";
    rules.effective_from = "2027-01-01";
    const portal = (u) => u.pathname === "/portal/rules.json";
    await context.route(portal, (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(rules) }));
    const fact = () => page.locator("[data-testid=rules-fact]").textContent();
    await page.goto(`${url}?today=2026-11-25&rules=/portal/rules.json`, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector("[data-testid=rules-fact]")?.textContent.includes("2027.1"));
    await controlled(page);
    // Fetched before the worker was there: the worker fetches it again once it is, and keeps it.
    await until(() => page.evaluate(async () => (await caches.match("/portal/rules.json", { cacheName: "anyqtama-data" })) !== undefined));

    await context.unroute(portal);
    await context.setOffline(true);
    await stop(server);
    server = null;
    await page.reload({ waitUntil: "load" });
    // Loaded from the cache, or failed (an alert): either way the page says so.
    await page.waitForFunction(
      () =>
        document.querySelector("[data-testid=rules-fact]")?.textContent.includes("2027.1") ||
        document.querySelector("[data-testid=data-status][role=alert]"),
    );
    assert.match(await fact(), /2027\.1/, "the portal's rules, from the cache");
    assert.equal(await page.locator("[data-testid=data-status][role=alert]").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    if (server) await stop(server);
  }
});

// The update test and the accessibility test share one page: version A, then B served.
let update = null;

test("a new version is announced and only the applicant's button switches to it", async () => {
  // Version B: the same build with one file changed, and its own service worker.
  const distB = join(work, "b");
  cpSync(DIST, distB, { recursive: true });
  const index = readFileSync(join(distB, "index.html"), "utf8");
  writeFileSync(join(distB, "index.html"), index.replace('<html lang="kk">', '<html lang="kk" data-build="B">'));
  const versionB = writeServiceWorker(distB);
  const versionA = workerOf(DIST).version;
  assert.notEqual(versionB, versionA, "a changed file changes the version");

  const a = await serve(DIST);
  const port = new URL(a.url).port;
  const { context, page, errors } = await newPage();
  update = { context, page };
  await page.goto(`${a.url}?today=2026-11-25`, { waitUntil: "load" });
  await page.locator("input[name=kind][value=extend]").check();
  await controlled(page);
  await stop(a.server);

  // The site now serves B. The page (still A, from the cache) finds it on the next load.
  const b = await serve(distB, { port: Number(port) });
  update.server = b.server;
  await page.reload({ waitUntil: "load" });
  const notice = page.locator("[data-testid=update-notice]");
  const button = notice.getByRole("button", { name: TEXT.kk["app-update-reload"] });
  await button.waitFor();
  assert.equal(await notice.getAttribute("role"), "status");
  assert.equal((await notice.locator("p").textContent()).trim(), TEXT.kk["app-update-ready"]);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), undefined, "still version A");

  // Nothing reloads by itself: the applicant may be typing.
  await page.evaluate(() => (window.stillHere = true));
  await page.locator("#field-akimat").selectOption("astana");
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.stillHere), true, "the page was not reloaded");

  // The notice speaks the page's language.
  await switchTo(page, "ru");
  await notice.getByRole("button", { name: TEXT.ru["app-update-reload"] }).waitFor();
  await switchTo(page, "kk");
  await page.screenshot({ path: join(ARTIFACTS, "offline-update-ready.png"), fullPage: true });
  update.switch = async () => {
    await Promise.all([page.waitForEvent("load"), button.click()]);
    await page.waitForFunction(() => document.documentElement.dataset.build === "B");
    await waitForHeading(page, section("request").label.kk);
    // The draft lived through the switch; only B's files are kept now.
    assert.ok(await page.locator("input[name=kind][value=extend]").isChecked());
    assert.equal(await page.locator("#field-akimat").inputValue(), "astana");
    assert.deepEqual(await controlled(page), [{ name: `anyqtama-shell-${versionB}`, files: workerOf(distB).files.length }]);
    assert.equal(await notice.locator("button").count(), 0, "no notice once up to date");
    assert.deepEqual(errors, []);
  };
});

test("axe-core finds no violations on the page with the notice; its button switches to B", async () => {
  assert.ok(update, "the previous test set up the page");
  const { context, page } = update;
  try {
    await page.mouse.move(0, 0);
    await assertAccessible(page, "the update notice");
    // The button is reached with the keyboard like any other.
    const button = page.locator("[data-testid=update-notice] button");
    await button.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), TEXT.kk["app-update-reload"]);
    await update.switch();
    await page.screenshot({ path: join(ARTIFACTS, "offline-updated.png"), fullPage: true });
  } finally {
    await context.close();
    if (update.server) await stop(update.server);
  }
});

test("a language whose texts cannot be fetched is said, and the page goes on in the one it shows", async () => {
  const { server, url } = await serve(DIST);
  // No service worker here: the fetch of the texts itself fails.
  const { context, page, errors } = await newPage({ serviceWorkers: "block" });
  try {
    const ru = (u) => u.pathname === "/locales/ru.ftl";
    await context.route(ru, (r) => r.abort("internetdisconnected"));
    await page.goto(`${url}?today=2026-11-25`, { waitUntil: "load" });
    await waitForHeading(page, section("request").label.kk);
    await page.locator("button[lang=ru]").click();
    const alert = page.locator("[data-testid=lang-failed]");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("role"), "alert");
    assert.equal(
      (await alert.textContent()).trim(),
      TEXT.kk["app-lang-failed"].replace("{ $lang }", TEXT.kk["app-lang-ru"]),
      "said in Kazakh, the language shown",
    );
    assert.equal(await page.locator("button[lang=kk]").getAttribute("aria-pressed"), "true");
    assert.equal(await heading(page), section("request").label.kk);
    await page.screenshot({ path: join(ARTIFACTS, "offline-lang-failed.png"), fullPage: true });
    // Still usable: an answer is taken; and once the texts can be fetched, choosing again works.
    await page.locator("input[name=kind][value=issue]").check();
    await context.unroute(ru);
    await switchTo(page, "ru");
    assert.equal(await heading(page), section("request").label.ru);
    assert.equal(await alert.count(), 0, "the alert goes once the switch worked");
    assert.ok(await page.locator("input[name=kind][value=issue]").isChecked());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await stop(server);
  }
});
