// Starts the standalone page: the widget is the whole page (`mount(…, ["page", "true"])` reads
// ?rules=, ?calendar=, ?sectors=, ?submit= and ?today= from the address). A file of its own,
// not Trunk's inline loader, so that the page runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline'). Trunk.toml's pattern_script writes
// the tag that loads this file, with the hashed names of the JS glue and the wasm in its data
// attributes; index.html preloads both, with their integrity hashes. Host pages include the
// embedding script instead (assets/embed.js, docs/EMBEDDING.md).
const tag = document.querySelector("script[data-wasm]");
const glue = new URL(tag.dataset.js, location.href);

// Only Kazakh is compiled in. When the page will start in Russian or English (the saved draft's
// language, else the browser's first of kk/ru/en: the widget's own order, src/app.rs
// start_draft), their texts are fetched now, while the wasm loads, and given to the
// widget before it mounts, so that its first render is in that language. This is a hint: if
// the guess is wrong or the texts are late, the widget shows Kazakh and fetches what it needs.
const expected = () => {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem("anyqtama.draft"))?.lang;
  } catch {}
  const browser = (navigator.languages?.length ? navigator.languages : [navigator.language ?? ""])
    .map((l) => /^([a-z]{2})(?:$|[-_])/i.exec(l)?.[1].toLowerCase())
    .find((l) => l === "kk" || l === "ru" || l === "en");
  return saved ?? browser;
};
const lang = expected();
const texts =
  lang === "ru" || lang === "en"
    ? fetch(new URL(`locales/${lang}.ftl`, glue))
        .then((r) => (r.ok ? r.text() : null))
        .catch(() => null)
    : Promise.resolve(null);

const { default: init, mount, texts: provide } = await import(glue);
await init({ module_or_path: tag.dataset.wasm });
// The wasm usually arrives last; do not hold the page for long if the texts are slower.
const text = await Promise.race([texts, new Promise((ok) => setTimeout(ok, 300, null))]);
if (text) provide(lang, text);
mount(document.body, document.body, ["page", "true"]);
