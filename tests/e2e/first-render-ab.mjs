// A/B of the first render of two builds, for changes smaller than the noise between runs of
// ../shared/peers/side-by-side.js (BENCHMARKS.md, "Against SurveyJS, side by side"). The two
// dist/ directories are served as that harness serves them (no-store, COOP/COEP), loaded in
// turn, each load in a fresh browser context, and timed the same way: navigation start to the
// five kind radios and the akimat select in the DOM, stamped in the page by a MutationObserver.
// With --portal, the example portal's (examples/portal/) `anyqtama-ready` event instead. With
// --latency MS, DevTools adds MS to every request (a widget far from its files). Not a test:
// prints the median and quartiles of each build.
//
//   node tests/e2e/first-render-ab.mjs DIST_A DIST_B [LOADS=40] [--portal] [--latency MS]
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM } from "./browser.mjs";
import { serve } from "../../scripts/serve-dist.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : 0);
const latency = option("--latency");
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--latency");
const [a, b, loads = "40"] = positional;
if (!a || !b) {
  console.error("usage: node tests/e2e/first-render-ab.mjs DIST_A DIST_B [LOADS] [--portal] [--latency MS]");
  process.exit(2);
}
const dirs = [resolve(a), resolve(b)];
const LOADS = Number(loads);
const portal = flag("--portal");

// As side-by-side.js serves them: no store, cross-origin isolated, no other policy.
const HARNESS = {
  "cache-control": "no-store",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "content-security-policy": null,
  "x-content-type-options": null,
};

const READY = portal
  ? `document.addEventListener("anyqtama-ready", () => { window.__t ??= performance.now(); });`
  : `(() => { const mo = new MutationObserver(() => {
       if (window.__t === undefined && document.querySelectorAll('input[type="radio"][name="kind"]').length === 5
           && document.querySelector("select") !== null) { window.__t = performance.now(); mo.disconnect(); } });
     mo.observe(document, { childList: true, subtree: true }); })();`;

const servers = await Promise.all(dirs.map((dir) => serve(dir, { headers: HARNESS })));
// As side-by-side.js launches it (no preferred language: the browser's own, English).
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const times = dirs.map(() => []);
try {
  for (let i = 0; i < LOADS; i++) {
    for (const j of i % 2 ? [1, 0] : [0, 1]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: "block" });
      await context.addInitScript({ content: READY });
      const page = await context.newPage();
      if (latency) {
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
      }
      const url = `${servers[j].url}${portal ? "examples/portal/" : ""}`;
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__t !== undefined, null, { timeout: 30_000 });
      times[j].push(await page.evaluate(() => window.__t));
      await context.close();
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.server.close());
}

const quantile = (xs, q) => {
  const s = [...xs].sort((x, y) => x - y);
  const k = (s.length - 1) * q;
  return s[Math.floor(k)] + (s[Math.ceil(k)] - s[Math.floor(k)]) * (k - Math.floor(k));
};
const what = portal ? "the portal's ready event" : "first render";
console.log(`${what}, ${LOADS} loads each${latency ? `, ${latency} ms latency` : ""} (median, quartiles):`);
for (const [j, dir] of dirs.entries()) {
  const t = times[j];
  console.log(`  ${dir}: ${quantile(t, 0.5).toFixed(1)} ms (${quantile(t, 0.25).toFixed(1)}–${quantile(t, 0.75).toFixed(1)})`);
}
