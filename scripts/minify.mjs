// Post-build step (scripts/post-build.sh): minifies the JavaScript and CSS Trunk copies as they
// are — the wasm-bindgen glue, its snippets, start.js, the service worker's registration, the
// workers, the embedding script, the style sheets — with esbuild (Trunk's own minifier cannot
// parse the glue), and rewrites
// the Subresource Integrity hashes index.html gives for the files it changed, so the browser
// still accepts them. Names stay as they are (they are Trunk's, hashed from the sources).
//
//   node scripts/minify.mjs   (TRUNK_STAGING_DIR: the build's staging dir)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const STAGE = process.env.TRUNK_STAGING_DIR;
if (!STAGE) throw new Error("minify: TRUNK_STAGING_DIR is not set (run by trunk build)");
const ESBUILD = process.env.ESBUILD ?? "esbuild";

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".js") || name.endsWith(".css")) files.push(path);
  }
})(STAGE);

const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
let html = readFileSync(join(STAGE, "index.html"), "utf8");
let before = 0;
let after = 0;
for (const path of files) {
  const source = readFileSync(path);
  // ES modules, as they are loaded; nothing renamed at the top level (exports and imports keep
  // their names: the glue's are called by name from the wasm).
  const css = path.endsWith(".css");
  const args = css ? ["--minify", "--loader=css"] : ["--minify", "--format=esm", "--target=es2022"];
  const out = execFileSync(ESBUILD, [...args, "--log-level=warning", `--sourcefile=${relative(STAGE, path)}`], { input: source });
  if (out.length >= source.length) continue;
  writeFileSync(path, out);
  before += source.length;
  after += out.length;
  // The integrity index.html gives this file (modulepreload, script), rewritten.
  const url = `/${relative(STAGE, path).split("\\").join("/")}`;
  const old = sri(source);
  if (html.includes(old)) html = html.split(old).join(sri(out));
  else if (html.includes(`"${url}"`) && html.includes(`integrity`)) {
    const tag = html.split("<").find((t) => t.includes(`"${url}"`) && t.includes("integrity="));
    if (tag) throw new Error(`minify: ${url} has an integrity hash this script did not expect`);
  }
}
writeFileSync(join(STAGE, "index.html"), html);
console.log(`minify: ${files.length} files, ${before} → ${after} bytes`);
