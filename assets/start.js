// Starts the standalone page: the widget is the whole page (`mount(…, ["page", "true"])` reads
// ?rules=, ?calendar=, ?sectors=, ?submit= and ?today= from the address). Not a page of its own
// as written here: scripts/bundle-start.mjs bundles it after Trunk's build, with the service
// worker's registration, the wasm-bindgen glue (`@anyqtama/glue`, the glue's hashed file) and
// the glue's one snippet (src/js/shell.js), into dist/start.js — one request for the page's
// script instead of four, and nothing to import before the wasm starts. An external file, not an
// inline loader, so that the page runs under a strict Content-Security-Policy (script-src 'self'
// 'wasm-unsafe-eval' and the one inline line's hash, no 'unsafe-inline'). Host pages include the
// embedding script instead (assets/embed.js, docs/EMBEDDING.md).
import "./sw-register.js";
import init, { mount, prepare, texts as provide } from "@anyqtama/glue";

// Trunk.toml's pattern_script writes the tag that loads this file, with the wasm's hashed name;
// index.html preloads the wasm, and its one inline line (COMPILE in scripts/bundle-start.mjs) has
// started compiling it while the page was parsed: this file often arrives after the wasm. Here
// the module is instantiated; without that line's module (blocked, failed), the wasm is
// fetched and compiled here, first: it needs nothing else.
const tag = document.querySelector("script[data-wasm]");
const loaded = (async () => init({ module_or_path: (await self.anyqtamaWasm) ?? tag.dataset.wasm }))();

// Kazakh is compiled in, and for Russian and English the texts of the first page
// (locales/first-page.txt). A fresh draft starts on that page: the widget renders at once, in
// the browser's first of kk/ru/en (its own order, src/app.rs start_draft), and fetches the rest
// of that language's texts itself. A saved draft may be on any page: when it is in Russian or
// English, its texts are fetched now, while the wasm loads, and given to the widget before it
// mounts, so that its first render is in that language. This is a hint: if the texts are late,
// the widget shows Kazakh and fetches what it needs.
let lang = null;
try {
  lang = JSON.parse(localStorage.getItem("anyqtama.draft"))?.lang;
} catch {}
const texts =
  lang === "ru" || lang === "en"
    ? fetch(new URL(`locales/${lang}.ftl`, import.meta.url))
        .then((r) => (r.ok ? r.text() : null))
        .catch(() => null)
    : null;

await loaded;
// What the first render needs whatever the language (the built-in data), while the texts may
// still be on their way.
prepare();
if (texts) {
  // The wasm usually arrives last; do not hold the page for long if the texts are slower.
  const text = await Promise.race([texts, new Promise((ok) => setTimeout(ok, 300, null))]);
  if (text) provide(lang, text);
}
// (An async script: it may run before the parser has reached <body>.)
if (!document.body) await new Promise((ok) => addEventListener("DOMContentLoaded", ok, { once: true }));
mount(document.body, document.body, ["page", "true"]);
