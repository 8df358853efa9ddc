// Post-build step (scripts/post-build.sh): writes the standalone page's one script, start.js, by
// bundling assets/start.js with the service worker's registration (assets/sw-register.js), the
// wasm-bindgen glue Trunk has just written (its hashed name is in index.html's start.js tag,
// `data-js`) and the glue's one snippet (src/js/shell.js). Then index.html loads one module
// instead of four (start.js, sw-register-*.js, the glue and, through the glue, its snippet): no
// import stands between start.js and the wasm, and before the first render the page makes one
// request for its script. The glue and the snippet stay in the site as files too: the embedding
// script (anyqtama.js) imports the glue, which imports the snippet, and the submit worker imports
// the snippet by its address, which the bundle knows as BUNDLED_SHELL_PATH (see shell.js).
// Measured in BENCHMARKS.md ("Against SurveyJS, side by side"; the snippet: "Sixth session").
//
// It also writes the page's two inline elements. COMPILE, below, ends <head>: it starts compiling
// the wasm while the page is parsed, before start.js has arrived (start.js then instantiates that
// module). The style sheet (minified by scripts/minify.mjs, which runs first) is inlined in place
// of Trunk's <link> (the file stays, for the embedding script), and start.js becomes
// render-blocking: the page needs no request but its script and the wasm before the first
// render, and the browser paints nothing before start.js runs (with both, the first render came
// ~6-8 ms sooner on average; either alone did nothing measurable: BENCHMARKS.md, "Seventh
// session"). The servers allow the two by their hashes, which
// they compute from the page they serve (`page_policy` in crates/anyqtama-server's
// static_files.rs, `policyFor` in scripts/serve-dist.mjs).
//
//   node scripts/bundle-start.mjs   (TRUNK_STAGING_DIR: the build's staging dir; ESBUILD)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The inline script: the wasm's compilation, from its address in `data-compile`. */
const COMPILE =
  "self.anyqtamaWasm=WebAssembly.compileStreaming(fetch(document.currentScript.dataset.compile)).catch(()=>null)";

const STAGE = process.env.TRUNK_STAGING_DIR;
if (!STAGE) throw new Error("bundle-start: TRUNK_STAGING_DIR is not set (run by trunk build)");
const ESBUILD = process.env.ESBUILD ?? "esbuild";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const htmlPath = join(STAGE, "index.html");
let html = readFileSync(htmlPath, "utf8");
const tag = html.match(/<script type="module" async src="([^"]*)start\.js" data-js="([^"]+)" data-wasm="([^"]+)"><\/script>/);
if (!tag) throw new Error("bundle-start: index.html has no start.js tag as Trunk.toml's pattern_script writes it");
const [whole, base, jsUrl, wasmUrl] = tag;
const glue = join(STAGE, jsUrl.slice(base.length));

// The glue's snippet, by its path beside start.js (the glue is beside start.js too).
const snippet = readFileSync(glue, "utf8").match(/["']\.\/(snippets\/[^"']+\/src\/js\/shell\.js)["']/)?.[1];
if (!snippet) throw new Error(`bundle-start: ${jsUrl} does not import the snippet src/js/shell.js`);

// esbuild resolves "./sw-register.js" beside assets/start.js, "@anyqtama/glue" to this build's
// glue, and the glue's import of its snippet to the snippet's file.
execFileSync(ESBUILD, [
  join(ROOT, "assets/start.js"),
  "--bundle",
  "--format=esm",
  "--target=es2022",
  "--minify",
  "--log-level=warning",
  `--alias:@anyqtama/glue=${glue}`,
  `--define:BUNDLED_SHELL_PATH=${JSON.stringify(snippet)}`,
  `--outfile=${join(STAGE, "start.js")}`,
]);
const bundle = readFileSync(join(STAGE, "start.js"));
// (esbuild writes an import as `from"./…"` or `import("./…")`; the glue's own mention of the path,
// the wasm's import module name, is a key of its imports object.)
if (/(\bfrom|\bimport\s*\()\s*["']\.\/snippets\//.test(bundle.toString()) || !bundle.toString().includes(JSON.stringify(snippet))) {
  throw new Error("bundle-start: the bundle should carry the glue's snippet (src/js/shell.js) and its address, not import it");
}

// The page's script with its integrity, render-blocking; the preloads of the glue and of its
// snippet go (both are in the bundle).
const sri = `sha384-${createHash("sha384").update(bundle).digest("base64")}`;
html = html.replace(
  whole,
  `<script type="module" async blocking="render" src="${base}start.js" data-wasm="${wasmUrl}" integrity="${sri}"></script>`,
);
/** index.html's `<link rel=…>` preloading `url` (the build fails without it). */
function preloadTag(rel, url) {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const tag = html.match(new RegExp(`<link rel="${rel}" href="${escaped}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`bundle-start: index.html does not ${rel} ${url}`);
  return tag;
}
for (const url of [jsUrl, base + snippet]) html = html.replace(preloadTag("modulepreload", url), "");

// The wasm's preload without Trunk's `integrity`: Chromium ignores it on a preload of destination
// "fetch" (with a console warning on every load), and a browser that keeps it would not give the
// preloaded body to the inline line's fetch, which has none, but download the wasm again.
const wasmPreload = preloadTag("preload", wasmUrl);
html = html.replace(wasmPreload, wasmPreload.replace(/ integrity="[^"]*"/, ""));

// The style sheet, already minified, in place of its <link> (Trunk's, with the file's integrity).
const sheetTag = html.match(/<link rel="stylesheet" href="([^"]+\.css)"[^>]*>/);
if (!sheetTag) throw new Error("bundle-start: index.html links no style sheet");
const sheet = readFileSync(join(STAGE, sheetTag[1].slice(base.length)), "utf8").trim();
if (/<\/style/i.test(sheet)) throw new Error("bundle-start: the style sheet cannot be inlined (it contains </style)");
html = html.replace(sheetTag[0], () => `<style>${sheet}</style>`);

// The compilation starts at the end of <head>, after the wasm's preload, which its fetch uses.
if (!html.includes("</head>")) throw new Error("bundle-start: index.html has no </head>");
html = html.replace("</head>", `<script data-compile="${wasmUrl}">${COMPILE}</script></head>`);
writeFileSync(htmlPath, html);
console.log(
  `bundle-start: start.js ${bundle.length} bytes (start, sw-register, ${jsUrl.slice(base.length)} and ${snippet}); ` +
    `${sheetTag[1]} inlined, ${sheet.length} bytes`,
);
