// Post-build step (scripts/post-build.sh): drops the JS snippets this build's glue does not import.
// wasm-bindgen never empties its output directory, so a snippet renamed or removed in the sources
// stays there, and Trunk copies it into the site and preloads it from index.html: a request and
// bytes for nothing on the first page. Removes such files and their modulepreload links.
//
//   node scripts/prune-snippets.mjs   (TRUNK_STAGING_DIR: the build's staging dir)
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const STAGE = process.env.TRUNK_STAGING_DIR;
if (!STAGE) throw new Error("prune-snippets: TRUNK_STAGING_DIR is not set (run by trunk build)");

// The glue: the top-level module that imports snippets.
const imported = new Set();
for (const name of readdirSync(STAGE).filter((n) => n.endsWith(".js"))) {
  for (const m of readFileSync(join(STAGE, name), "utf8").matchAll(/["']\.\/(snippets\/[^"']+)["']/g)) imported.add(m[1]);
}
const snippets = [];
(function walk(dir) {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no snippets at all
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else snippets.push(relative(STAGE, path).split("\\").join("/"));
  }
})(join(STAGE, "snippets"));

let html = readFileSync(join(STAGE, "index.html"), "utf8");
for (const file of snippets.filter((f) => !imported.has(f))) {
  rmSync(join(STAGE, file));
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  html = html.replace(new RegExp(`\\s*<link rel="modulepreload" href="[^"]*${escaped}"[^>]*>`, "g"), "");
  console.log(`prune-snippets: ${file} is not imported by this build: removed`);
}
writeFileSync(join(STAGE, "index.html"), html);
