// Starts the standalone page: the widget is the whole page (`mount(…, ["page", "true"])` reads
// ?rules=, ?calendar=, ?sectors=, ?submit= and ?today= from the address). A file of its own,
// not Trunk's inline loader, so that the page runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-inline'). Trunk.toml's pattern_script writes
// the tag that loads this file, with the hashed names of the JS glue and the wasm in its data
// attributes; index.html preloads both, with their integrity hashes. Host pages include the
// embedding script instead (assets/embed.js, docs/EMBEDDING.md).
const tag = document.querySelector("script[data-wasm]");
const { default: init, mount } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
mount(document.body, document.body, ["page", "true"]);
