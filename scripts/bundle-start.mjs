// Post-build step (scripts/post-build.sh): writes the standalone page's one script, start.js, by
// bundling assets/start.js with the service worker's registration (assets/sw-register.js) and
// the wasm-bindgen glue Trunk has just written (its hashed name is in index.html's start.js tag,
// `data-js`). Then index.html loads one module instead of four (start.js, sw-register-*.js, the
// glue and, through the glue, its snippet) and no import stands between start.js and the wasm.
// The snippet (src/js/shell.js) stays a file of its own, imported by the bundle and preloaded
// by index.html as before: the submit worker imports it by its address. The glue stays in the
// site too: the embedding script (anyqtama.js) imports it. Measured in BENCHMARKS.md
// ("Against SurveyJS, side by side").
//
// It also ends index.html's <head> with the page's one inline script, COMPILE below: it starts
// compiling the wasm while the page is parsed, before start.js has arrived (start.js then
// instantiates that module). Its text never changes (the wasm's address is an attribute), so
// its hash is a constant of the Content-Security-Policy (`CSP` in crates/anyqtama-server's
// static_files.rs and in scripts/serve-dist.mjs): this step fails if either lacks it.
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
const COMPILE_HASH = `'sha256-${createHash("sha256").update(COMPILE).digest("base64")}'`;

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

// esbuild resolves "./sw-register.js" beside assets/start.js, and "@anyqtama/glue" to this
// build's glue; the glue's snippet import stays an import (of the file beside start.js).
execFileSync(ESBUILD, [
  join(ROOT, "assets/start.js"),
  "--bundle",
  "--format=esm",
  "--target=es2022",
  "--minify",
  "--log-level=warning",
  `--alias:@anyqtama/glue=${glue}`,
  "--external:./snippets/*",
  `--outfile=${join(STAGE, "start.js")}`,
]);
const bundle = readFileSync(join(STAGE, "start.js"));
if (!/from"\.\/snippets\/[^"]+\/src\/js\/shell\.js"/.test(bundle.toString())) {
  throw new Error("bundle-start: the bundle does not import the glue's snippet (src/js/shell.js)");
}

// The page's script with its integrity; the glue's preload goes (it is in the bundle), the
// snippet's stays (the bundle imports it).
const sri = `sha384-${createHash("sha384").update(bundle).digest("base64")}`;
html = html.replace(whole, `<script type="module" async src="${base}start.js" data-wasm="${wasmUrl}" integrity="${sri}"></script>`);
const escaped = jsUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const preload = new RegExp(`<link rel="modulepreload" href="${escaped}"[^>]*>`);
if (!preload.test(html)) throw new Error(`bundle-start: index.html does not preload ${jsUrl}`);
html = html.replace(preload, "");

// The compilation starts at the end of <head>, after the wasm's preload, which its fetch uses.
for (const file of ["crates/anyqtama-server/src/static_files.rs", "scripts/serve-dist.mjs"]) {
  if (!readFileSync(join(ROOT, file), "utf8").includes(COMPILE_HASH)) {
    throw new Error(`bundle-start: ${file}'s Content-Security-Policy lacks the inline script's hash ${COMPILE_HASH}`);
  }
}
if (!html.includes("</head>")) throw new Error("bundle-start: index.html has no </head>");
html = html.replace("</head>", `<script data-compile="${wasmUrl}">${COMPILE}</script></head>`);
writeFileSync(htmlPath, html);
console.log(`bundle-start: start.js ${bundle.length} bytes (start, sw-register and ${jsUrl.slice(base.length)})`);
