// A tiny static file server for the built web app (dist/), with Node's standard library only.
// Used by scripts/run.sh (until `anyqtama serve` exists) and by tests/e2e/smoke.mjs.
//
//   node scripts/serve-dist.mjs [--dir dist] [--host 127.0.0.1] [--port 8080]
//
// Serves files with their media type (application/wasm for streaming compilation), `/` as
// index.html, a folder's own index.html, and index.html for unknown paths without an extension
// (client-side routes).
import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".ftl": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

// The strict policy every file is served with: nothing inline, no eval (WebAssembly compilation
// only), nothing from other origins but NCALayer's WebSocket. Equal to `CSP` in
// crates/anyqtama-server's static_files.rs (a test there keeps them so).
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' wss://127.0.0.1:13579",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The policy of a page: `CSP` with the hash of each inline `<script>` (one without `src`) in
 * `script-src` and of each `<style>` in `style-src` (the standalone index.html's compile line and
 * style sheet: scripts/bundle-start.mjs), computed from the page served, as `page_policy` in
 * crates/anyqtama-server's static_files.rs does. */
export function policyFor(html) {
  const hashes = { script: "", style: "" };
  const text = html.replace(/<!--[\s\S]*?(-->|$)/g, "");
  for (const [, name, attributes, body] of text.matchAll(/<(script|style)(\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
    if (name === "script" && /\ssrc=/.test(attributes ?? "")) continue;
    hashes[name] += ` 'sha256-${createHash("sha256").update(body).digest("base64")}'`;
  }
  return CSP.replace("script-src 'self' 'wasm-unsafe-eval'", `$&${hashes.script}`).replace(
    "style-src 'self'",
    `$&${hashes.style}`,
  );
}

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** Starts serving `dir`; resolves to `{ server, url }` once listening (port 0: a free port).
 * `headers` replace the response headers of that name; a `null` one is not sent. */
export function serve(dir, { host = "127.0.0.1", port = 0, headers = {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    let path = resolve(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) return send(403, "forbidden\n");
    // A folder's own index.html (the example portal, /examples/portal/), as `anyqtama serve`.
    let info = (await file(path)) ?? (await file(join(path, "index.html")));
    if (info && !(await file(path))) path = join(path, "index.html");
    if (!info && (pathname.endsWith("/") || extname(pathname) === "")) {
      path = join(root, "index.html");
      info = await file(path);
    }
    if (!info) return send(404, "not found\n");
    // A page is read whole, for its policy and to be sent; other files are streamed.
    const page = extname(path) === ".html" ? await readFile(path) : null;
    const sent = {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "content-security-policy": page === null ? CSP : policyFor(page.toString("utf8")),
      "content-length": info.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
      ...headers,
    };
    res.writeHead(200, Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== null)));
    if (req.method === "HEAD") return res.end();
    if (page !== null) return res.end(page);
    createReadStream(path).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      ok({ server, url: `http://${host}:${bound}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const dir = arg("dir", "dist");
  if (!(await file(join(dir, "index.html")))) {
    console.error(`serve-dist: ${resolve(dir)}/index.html not found: run 'trunk build --release' first`);
    process.exit(1);
  }
  const { url } = await serve(dir, { host: arg("host", "127.0.0.1"), port: Number(arg("port", "8080")) });
  console.log(`Anyqtama is served at ${url} (from ${resolve(dir)}); stop with Ctrl+C`);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}
