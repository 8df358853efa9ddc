// The widget embedded in a portal page (issue 5): the example portal (examples/portal/), served
// by the real `anyqtama serve` with its strict Content-Security-Policy, includes one script and
// an <anyqtama-form>. Checked here: it mounts with no CSP violation; the host hears ready,
// draft-saved, validity-changed, submitted (with the receipt) and error; the portal's preset
// akimat and the IIN from its session are filled in; a hostile host style sheet changes nothing
// in the widget and the widget's style sheet changes nothing in the portal; two widgets keep
// separate drafts; unmounting empties the shadow root and frees the memory.
//
//   node --test --test-reporter=spec tests/e2e/embed.mjs
//     (after `trunk build --release` and `cargo build --release -p anyqtama-cli`)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./browser.mjs";
import { assertAccessible } from "./a11y.mjs";
import { ROOT, outbox, rows, seedComplete, startServer, stop } from "./server.mjs";
import { CSP } from "../../scripts/serve-dist.mjs";

const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
const PORTAL = "examples/portal/";
const TIMEOUT = 20_000;
let browser, work, server, db;

before(async () => {
  browser = await launch();
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "anyqtama-embed-"));
  db = join(work, "embed.sqlite");
  server = await startServer(db);
});

after(async () => {
  if (server) await stop(server);
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Records the widget's events and any CSP violation from the first script on. */
function record() {
  window.__events = [];
  window.__csp = [];
  for (const name of ["ready", "draft-saved", "validity-changed", "submitted", "error"]) {
    document.addEventListener(`anyqtama-${name}`, (e) =>
      // With the heading the widget shows at that moment (for "ready": its first render's).
      // (texts: "first-page" while the widget has only its first page's texts: src/locales.rs.)
      window.__events.push({
        name,
        detail: e.detail,
        heading: e.target.shadowRoot?.querySelector("h1")?.textContent,
        texts: e.target.shadowRoot?.querySelector(".anyqtama")?.dataset.texts,
      }),
    );
  }
  document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** A fresh browser context on the portal page, with the widget rendered. */
async function openPortal({ viewport = { width: 1280, height: 900 }, blockWidget = false } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.addInitScript(record);
  if (blockWidget) await page.route("**/anyqtama.js", (r) => r.abort());
  const response = await page.goto(server.url + PORTAL, { waitUntil: "load" });
  if (!blockWidget) await page.locator("anyqtama-form#application h1").waitFor({ timeout: TIMEOUT });
  return { context, page, problems, response };
}

/** Mounts another widget with `Anyqtama.mount` in a new <section id> of the portal's main
 * column, its handle kept as `window[id]`; resolves once it is ready. */
const mountSection = (page, id, config) =>
  page.evaluate(
    async ({ id, config }) => {
      const el = document.createElement("section");
      el.id = id;
      document.querySelector("main").append(el);
      window[id] = Anyqtama.mount(el, config);
      await window[id].ready;
    },
    { id, config },
  );

const events = (page, name) => page.evaluate((n) => window.__events.filter((e) => e.name === n).map((e) => e.detail), name);

test("the widget's glue, its snippet and its wasm are requested at once, not one after another", async () => {
  // Far from the widget's files (100 ms each way), a chain glue → snippet → wasm costs three
  // round trips before the widget can start; anyqtama.js asks for all three together.
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 100, downloadThroughput: -1, uploadThroughput: -1 });
    const seen = [];
    const file = (url) => {
      const path = new URL(url).pathname;
      if (path.endsWith("_bg.wasm")) return "wasm";
      if (path.endsWith("/src/js/shell.js")) return "snippet";
      if (/\/anyqtama-web-[0-9a-f]+\.js$/.test(path)) return "glue";
    };
    page.on("request", (r) => file(r.url()) && seen.push(`request ${file(r.url())}`));
    page.on("response", (r) => file(r.url()) && seen.push(`response ${file(r.url())}`));
    await page.goto(server.url + PORTAL, { waitUntil: "load" });
    await page.locator("anyqtama-form#application h1").waitFor({ timeout: TIMEOUT });
    const glueArrived = seen.indexOf("response glue");
    assert.ok(glueArrived >= 0, seen.join(", "));
    for (const f of ["wasm", "snippet"]) {
      const asked = seen.indexOf(`request ${f}`);
      assert.ok(asked >= 0 && asked < glueArrived, `the ${f} is requested before the glue has arrived: ${seen.join(", ")}`);
    }
    assert.equal(seen.filter((e) => e === "request wasm").length, 1, "the wasm is fetched once");
  } finally {
    await context.close();
  }
});

test("the portal page mounts the widget under its strict CSP and hears its events", async () => {
  const { context, page, problems, response } = await openPortal();
  try {
    // The portal page carries nothing inline, so its policy allows nothing inline.
    assert.equal(response.headers()["content-security-policy"], CSP, "served with the strict policy");
    assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'; style-src 'self';/);
    assert.doesNotMatch(CSP, /'unsafe-inline'|'unsafe-eval'|'sha256-/);

    // The widget lives in a shadow root: the portal's document has only its own heading.
    assert.equal(await page.evaluate(() => document.querySelectorAll("h1").length), 1);
    assert.ok(await page.evaluate(() => document.querySelector("anyqtama-form").shadowRoot.querySelector(".anyqtama")));

    const [ready] = await events(page, "ready");
    assert.equal(ready.instance, "application");
    assert.equal(ready.lang, "ru", "the portal's lang attribute");
    const validity = await events(page, "validity-changed");
    assert.ok(validity.length >= 1 && validity[0].blockers > 0 && validity[0].maySubmit === false, JSON.stringify(validity));

    const widget = page.locator("anyqtama-form#application");
    assert.equal(await widget.locator("select").inputValue(), "almaty", "the preset akimat");
    // A fresh widget starts on the first page, whose Russian texts are compiled in: it mounts
    // without waiting for the rest of Russian (fetched afterwards), and its first render is in
    // Russian, not Kazakh for a moment.
    const first = await page.evaluate(() => window.__events.find((e) => e.name === "ready"));
    assert.equal(first.heading, "Что нужно", "the heading of the first render");
    assert.equal(first.texts, "first-page", "the first render did not wait for locales/ru.ftl");
    assert.equal(await widget.locator("h1").innerText(), "Что нужно");

    await widget.locator("input[name=kind][value=issue]").check();
    await page.waitForFunction(() => window.__events.some((e) => e.name === "draft-saved"));
    await widget.locator("[data-testid=continue]").click();
    await widget.locator("#field-iin").waitFor();
    assert.equal(await widget.locator("#field-iin").inputValue(), "791028302728", "the IIN from the portal's session");
    // Focus moved to the new page's heading inside the widget (not to the portal's).
    assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), "page-heading");
    // The error summary's links move focus inside the shadow root, and leave the portal's
    // address alone.
    await widget.locator("[data-testid=continue]").click();
    const link = widget.locator("[data-testid=error-summary] a").first();
    await link.waitFor();
    const target = (await link.getAttribute("href")).slice(1);
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id), target);
    assert.equal(new URL(page.url()).hash, "", "the portal's address keeps no #fragment");
    const after = await events(page, "validity-changed");
    // Choosing a kind changes the count (its checklist's documents are now due): told again.
    assert.ok(after.length > validity.length && after.at(-1).blockers !== validity[0].blockers, JSON.stringify(after));

    const stored = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.deepEqual(stored, ["anyqtama.application.draft"], "the instance's own storage only");
    // A saved draft resumes on its page, which the first page's texts do not cover: the
    // Russian texts are fetched while the wasm loads and the first render waits for them.
    const heading = await widget.locator("h1").innerText();
    await page.reload({ waitUntil: "load" });
    await widget.locator("h1").waitFor({ timeout: TIMEOUT });
    const resumed = await page.evaluate(() => window.__events.find((e) => e.name === "ready"));
    assert.equal(resumed.heading, heading, "the first render after a reload is the saved page, in Russian");
    assert.equal(resumed.texts, undefined, "with all of Russian's texts");
    assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation");
    assert.deepEqual(problems, []);
    await assertAccessible(page, "portal with the widget");
    await page.screenshot({ path: join(ARTIFACTS, "embed-portal.png"), fullPage: true });
  } finally {
    await context.close();
  }
});

test("the keyboard moves from the portal into the widget and works there", async () => {
  const { context, page, problems } = await openPortal();
  try {
    const inWidget = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        return a?.tagName === "ANYQTAMA-FORM" ? a.shadowRoot.activeElement?.textContent.trim() : null;
      });
    let reached = null;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await inWidget();
    }
    assert.equal(reached, "Қазақша", "Tab from the portal reaches the widget's first control");
    await page.keyboard.press("Enter");
    const widget = page.locator("anyqtama-form#application");
    await page.waitForFunction(() => document.querySelector("anyqtama-form").shadowRoot.querySelector(".anyqtama").lang === "kk");
    // On to the kinds of request, choose one with the arrow keys and the space bar.
    for (let i = 0; i < 10 && (await page.evaluate(() => document.querySelector("anyqtama-form").shadowRoot.activeElement?.name)) !== "kind"; i++) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Space");
    assert.equal(await widget.locator("input[name=kind]:checked").count(), 1, "a kind chosen from the keyboard");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("the pre-check page works inside the portal's widget, and posts nothing", async () => {
  const { context, page, problems } = await openPortal();
  try {
    const posts = [];
    page.on("request", (r) => r.method() !== "GET" && posts.push(`${r.method()} ${r.url()}`));
    const widget = page.locator("anyqtama-form#application");
    await widget.locator("[data-testid=precheck-link]").first().click();
    await widget.locator("#precheck-zip").setInputFiles(join(ROOT, "tests", "fixtures", "bundles", "issue.zip"));
    const report = widget.locator("[data-testid=precheck-report][data-ms]");
    await report.waitFor({ timeout: TIMEOUT });
    assert.match(await report.innerText(), /issue\.zip/);
    assert.equal(await widget.locator("[data-testid=precheck-report] tr[data-status=valid]").count(), 1, await report.innerText());
    assert.deepEqual(posts, [], "nothing sent");
    assert.equal(new URL(page.url()).hash, "", "the portal's address keeps no #fragment");
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, "embed-precheck.png"), fullPage: true });
  } finally {
    await context.close();
  }
});

test("bad configuration and unreachable data are reported as error events, and the widget still works", async () => {
  const { context, page, problems } = await openPortal();
  try {
    await mountSection(page, "third", { lang: "fr", prefill: { nosuch: "x" }, rulesUrl: "/missing-rules.json" });
    await page.waitForFunction(() => window.__events.some((e) => e.name === "error" && e.detail.code === "data.load"), null, { timeout: TIMEOUT });
    const errors = (await events(page, "error")).filter((e) => e.instance === "third");
    const codes = errors.map((e) => `${e.code} ${e.message.split(":")[0]}`).sort();
    assert.deepEqual(codes, ["config.prefill prefill.nosuch", "config.value lang=fr", "data.load /missing-rules.json"]);
    // Still usable, in the default language, with the built-in rules.
    await page.locator("#third [data-testid=data-status]").waitFor();
    await page.locator("#third h1").waitFor();
    assert.equal(await page.evaluate(() => document.querySelector("#third").shadowRoot.querySelector(".anyqtama").lang), "kk");
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("two widgets keep separate drafts; unmounting empties the shadow root and frees the memory", async () => {
  const { context, page, problems } = await openPortal();
  try {
    const mountSecond = () => mountSection(page, "second", { instance: "second", lang: "en" });
    await mountSecond();
    const first = page.locator("anyqtama-form#application");
    const second = page.locator("#second");
    await second.locator("h1").waitFor();
    await first.locator("input[name=kind][value=extend]").check();
    await second.locator("input[name=kind][value=duplicate]").check();
    const kinds = () =>
      page.evaluate(() => ["application", "second"].map((i) => JSON.parse(localStorage.getItem(`anyqtama.${i}.draft`)).application.answers.kind));
    await page.waitForFunction(() => JSON.parse(localStorage.getItem("anyqtama.second.draft") ?? "{}").application?.answers?.kind === "duplicate");
    assert.deepEqual(await kinds(), ["extend", "duplicate"]);

    // After a reload each widget restores its own draft.
    await page.reload({ waitUntil: "load" });
    await first.locator("h1").waitFor({ timeout: TIMEOUT });
    await mountSecond();
    await second.locator("h1").waitFor();
    assert.equal(await first.locator("input[name=kind][value=extend]").isChecked(), true);
    assert.equal(await second.locator("input[name=kind][value=duplicate]").isChecked(), true);
    assert.equal(await second.locator("input[name=kind][value=extend]").isChecked(), false);
    // Two widgets asking for the same instance do not share it.
    const names = await page.evaluate(async () => {
      const a = document.createElement("div");
      const b = document.createElement("div");
      document.body.append(a, b);
      const ha = Anyqtama.mount(a, { instance: "same" });
      const hb = Anyqtama.mount(b, { instance: "same" });
      await Promise.all([ha.ready, hb.ready]);
      const out = [ha.instance, hb.instance];
      ha.unmount();
      hb.unmount();
      a.remove();
      b.remove();
      return out;
    });
    assert.deepEqual(names, ["same", "same-2"]);

    // Unmount: the shadow root is emptied, the widget is gone from the count, no more events.
    assert.equal((await page.evaluate(() => Anyqtama.stats())).widgets, 2);
    await page.evaluate(() => window.second.unmount());
    assert.equal(await page.evaluate(() => document.querySelector("#second").shadowRoot.childNodes.length), 0);
    await page.evaluate(() => document.querySelector("anyqtama-form").remove());
    assert.equal((await page.evaluate(() => Anyqtama.stats())).widgets, 0);

    // Mounting and unmounting again and again does not keep a widget's memory. It does keep
    // about 1 KB a mount: Yew never releases the event listeners of an app's root, nor the
    // root's data they hold (yew 0.23, dom_bundle/subtree_root.rs: "this event handler is
    // static", `forget`), 2 to 3 pages of 64 KB over these 150 mounts. A widget's own state (its
    // draft, report, texts, the built-in data) would be tens of KB a mount.
    const memory = await page.evaluate(async () => {
      const el = document.createElement("div");
      document.body.append(el);
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const cycle = async (n) => {
        for (let i = 0; i < n; i++) {
          const h = Anyqtama.mount(el, { instance: "cycle" });
          await h.ready;
          await frame();
          if (!el.shadowRoot.querySelector("h1")) throw new Error("not rendered");
          h.unmount();
        }
      };
      await cycle(30);
      const warm = Anyqtama.stats().memoryBytes;
      await cycle(150);
      return { warm, after: Anyqtama.stats().memoryBytes };
    });
    const perMount = (memory.after - memory.warm) / 150;
    assert.ok(perMount <= 1800, `WebAssembly memory grew from ${memory.warm} to ${memory.after} bytes: ${Math.round(perMount)} bytes a mount`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

// Rules that would change the widget if anything of the host reached into it: element and class
// selectors the widget uses, and inherited text properties on the host's body and on every element.
// (Nothing that resizes the portal's own layout boxes: the box the portal gives the widget is the
// portal's to choose.)
const HOSTILE = `
body, anyqtama-form { color: #f0f !important; font: italic 31px/3 "Comic Sans MS", cursive !important;
  letter-spacing: 4px !important; word-spacing: 9px !important; text-transform: uppercase !important;
  text-align: right !important; text-indent: 40px !important; font-weight: 900 !important; }
* { color: #f0f !important; letter-spacing: 4px !important; text-shadow: 2px 2px red !important; }
h1, h2, p, label, a, ul, li, fieldset, legend, button, input, select {
  color: #0f0 !important; background: #ff0 !important; padding: 17px !important; margin: 23px !important;
  border: 5px dotted red !important; font-size: 41px !important; }
.anyqtama, .button, .panel, .header, .heading-l, .heading-m, .hint, .form-group, .width-container,
.error-summary, .lang-switch__button, .skip-link, .radio, .radio__input, .footer, .tag {
  display: inline !important; visibility: hidden !important; float: right !important; }
#page-heading, #main { display: none !important; }
`;

/** Computed styles of the widget's parts that a host could break. */
const widgetStyles = (root) =>
  root.evaluate((host) => {
    const r = host.shadowRoot ?? host;
    const pick = (sel) => {
      const el = r.querySelector(sel);
      const s = getComputedStyle(el);
      return [sel, s.fontFamily, s.fontSize, s.fontWeight, s.fontStyle, s.lineHeight, s.letterSpacing, s.textTransform, s.color, s.paddingTop, s.marginTop, s.borderTopWidth, s.display, s.visibility];
    };
    return ["h1", ".anyqtama", "[data-testid=continue]", ".radio label", "select", ".footer p", ".header__service"].map(pick);
  });

test("a hostile host style sheet changes nothing in the widget, and the widget's changes nothing in the portal", async () => {
  const { context, page, problems } = await openPortal();
  try {
    const widget = page.locator("anyqtama-form#application");
    const inner = widget.locator(".anyqtama");
    // Out of the portal's flow, at a whole-pixel place: the hostile rules move the portal's own
    // text above it, and a sub-pixel shift alone would change the anti-aliasing.
    await widget.evaluate((el) => {
      el.style.setProperty("position", "absolute");
      el.style.setProperty("top", "0px");
      el.style.setProperty("left", "0px");
      el.style.setProperty("width", "900px");
    });
    // A settled picture: the same twice in a row (a late layout change — texts arriving, the
    // absolute placing above — must not pass for the hostile style sheet's doing, or hide it).
    const settled = async () => {
      let last = await inner.screenshot();
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(100);
        const next = await inner.screenshot();
        if (next.equals(last)) return next;
        last = next;
      }
      return last;
    };
    const before = await settled();
    const stylesBefore = await widgetStyles(widget);
    await page.route("**/hostile.css", (r) => r.fulfill({ contentType: "text/css", body: HOSTILE }));
    await page.addStyleTag({ url: "/examples/portal/hostile.css" });
    await page.waitForFunction(() => getComputedStyle(document.body).textTransform === "uppercase");
    assert.deepEqual(await widgetStyles(widget), stylesBefore, "computed styles in the widget");
    const shot = await settled();
    if (!shot.equals(before)) {
      writeFileSync(join(ARTIFACTS, "embed-widget-before.png"), before);
      writeFileSync(join(ARTIFACTS, "embed-widget-after.png"), shot);
    }
    assert.ok(shot.equals(before), "the widget looks the same, pixel for pixel (see embed-widget-*.png)");
    await page.screenshot({ path: join(ARTIFACTS, "embed-hostile.png"), fullPage: true });

    // The portal's own 62.5 % root font size and element rules did not reach the widget either:
    // its text is as large as on the standalone page.
    const standalone = await context.newPage();
    await standalone.goto(server.url, { waitUntil: "load" });
    await standalone.locator("h1").waitFor({ timeout: TIMEOUT });
    const alone = await widgetStyles(standalone.locator("body"));
    const themed = (rows) => rows.map((r) => r.filter((_, i) => i !== 8)); // colour: the portal's theme
    assert.deepEqual(themed(stylesBefore), themed(alone));
    // …and the theme it set through custom properties did.
    const button = await widget.locator("[data-testid=continue]").evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(button, "rgb(11, 107, 58)", "--anyqtama-button from portal.css");
  } finally {
    await context.close();
  }

  // The portal looks the same with and without the widget's style sheet in the page.
  const portalStyles = (page) =>
    page.evaluate(() =>
      ["body", "main > h1", ".portal-lead", ".portal-side .button", ".portal-side .panel", ".portal-top"].map((sel) => {
        const s = getComputedStyle(document.querySelector(sel));
        return [sel, s.fontFamily, s.fontSize, s.lineHeight, s.color, s.backgroundColor, s.padding, s.margin, s.borderTopWidth, s.borderRadius];
      }),
    );
  const without = await openPortal({ blockWidget: true });
  const withWidget = await openPortal();
  try {
    assert.deepEqual(await portalStyles(withWidget.page), await portalStyles(without.page));
    assert.deepEqual(problems, []);
  } finally {
    await without.context.close();
    await withWidget.context.close();
  }
});

test("a submission from the embedded widget reaches the server and the host gets the receipt", async () => {
  const { context, page, problems } = await openPortal();
  try {
    await seedComplete(page, "issue", { instance: "application", lang: "en" });
    await page.reload({ waitUntil: "load" });
    const widget = page.locator("anyqtama-form#application");
    await widget.locator("h1").waitFor({ timeout: TIMEOUT });
    // The fixtures are valid on 2026-11-25: the portal's element is told that date.
    await page.evaluate(() => document.querySelector("anyqtama-form").setAttribute("today", "2026-11-25"));
    await widget.locator("[data-testid=ready]").waitFor({ timeout: TIMEOUT });
    await page.waitForFunction(() => document.querySelector("anyqtama-form").shadowRoot.querySelector(".anyqtama").lang === "ru");
    await widget.locator("[data-testid=continue]").click();
    // The send page names the portal by its portal-name, not by the endpoint's path.
    await widget.locator("[data-testid=send]").waitFor({ timeout: TIMEOUT });
    assert.match(await widget.locator("[data-testid=submit-where]").innerText(), /Пример портала/);
    await widget.locator("[data-testid=send]").click();
    await widget.locator("[data-testid=receipt]").waitFor({ timeout: TIMEOUT });
    assert.match(await widget.locator("[data-testid=receipt]").innerText(), /Пример портала/);
    assert.match(await widget.locator("[data-testid=phase-text]").innerText(), /Пример портала/);
    const number = (await widget.locator("[data-testid=receipt-number]").innerText()).trim();
    await page.waitForFunction(() => window.__events.some((e) => e.name === "submitted"));
    const submitted = await events(page, "submitted");
    assert.equal(submitted.length, 1);
    assert.equal(submitted[0].receipt.registration_number, number);
    assert.equal(submitted[0].instance, "application");
    assert.equal(rows(db), 1, "one bundle stored");
    // The outbox entry is gone from the instance's own database.
    assert.deepEqual(await outbox(page, "application"), []);
    // A reload does not announce the same receipt again.
    await page.reload({ waitUntil: "load" });
    await widget.locator("h1").waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(300);
    assert.deepEqual(await events(page, "submitted"), []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, "embed-receipt.png"), fullPage: true });
  } finally {
    await context.close();
  }
});
