// Shared by the end-to-end tests that run the real intake server (submit.mjs, embed.mjs):
// `anyqtama serve` on a free port with its own SQLite file, and a browser holding a complete
// draft of a fixture application with its files in IndexedDB (as the documents page leaves them).
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
export const BIN = process.env.ANYQTAMA ?? join(ROOT, "target", "release", "anyqtama");
export const PYTHON = process.env.PYTHON ?? join(ROOT, ".tools", "venv", "bin", "python");

/**
 * Starts `anyqtama serve` on `port` with `db` (and `args`, e.g. `--now`); resolves once it answers. `token` is an officer's
 * token made for it with `anyqtama token new` (reading bundles needs one; see `officerGet`).
 */
/**
 * A port that is free on 127.0.0.1 now (the system picks it), for a server the test starts and
 * may restart on the same port. Random ports from fixed ranges could clash between test files.
 */
export const freePort = () =>
  new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });

/** `anyqtama serve` on `port` (a free one when null) over the database `db`, with an officer's token. */
export async function startServer(db, port = null, args = []) {
  port ??= await freePort();
  const token = execFileSync(BIN, ["token", "new", "--name", `e2e-${port}-${Date.now()}`, "--db", db], { stdio: ["ignore", "pipe", "pipe"] })
    .toString()
    .trim();
  const child = spawn(BIN, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--dist", DIST, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { child, url, token, log: () => log };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`anyqtama serve did not start: ${log}`);
}

/** `GET <server>/<path>` as the officer of `server.token`. */
export const officerGet = (server, path) => fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });

export const stop = (server) =>
  new Promise((ok) => (server.child.exitCode !== null ? ok() : (server.child.once("exit", ok), server.child.kill("SIGTERM"))));

/** Rows in the `bundles` table of `db`. */
export const rows = (db) =>
  Number(execFileSync(PYTHON, ["-c", `import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from bundles").fetchone()[0])`, db]).toString().trim());

/** A one-page PDF. */
export function pdf(title) {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/**
 * Puts the complete `kind` fixture into the page's browser as a draft on "check your answers"
 * (in `lang`), with its files, under the storage of a widget instance: `anyqtama.draft` and
 * IndexedDB `anyqtama` for the standalone page, `anyqtama.<instance>.…` for an embedded one.
 */
export async function seedComplete(page, kind, { instance = "", lang = "en", answers = {} } = {}) {
  const app = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "applications", `${kind}.json`), "utf8"));
  Object.assign(app.answers, answers);
  const files = app.documents.flatMap((d) => d.files.map((f) => ({ key: `${d.item}/${f.name}`, bytes: [...pdf(f.name)] })));
  for (const d of app.documents) for (const f of d.files) { f.media_type = "application/pdf"; f.size = pdf(f.name).length; }
  const draft = { version: 1, lang, step: { page: "check" }, application: app, reached_check: true, validated: [] };
  const prefix = instance ? `anyqtama.${instance}` : "anyqtama";
  await page.evaluate(
    async ({ files, draft, prefix }) => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open(prefix, 1);
        r.onupgradeneeded = () => r.result.createObjectStore("files");
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction("files", "readwrite");
        for (const f of files) tx.objectStore("files").put(new Blob([new Uint8Array(f.bytes)], { type: "application/pdf" }), f.key);
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
      localStorage.setItem(`${prefix}.draft`, JSON.stringify(draft));
    },
    { files, draft, prefix },
  );
  return app;
}

/** The keys of the bundles still waiting in the outbox of a widget instance's database. */
export function outbox(page, instance = "") {
  return page.evaluate(
    (name) =>
      new Promise((ok) => {
        const r = indexedDB.open(name, 1);
        r.onsuccess = () => {
          const q = r.result.transaction("files").objectStore("files").getAllKeys();
          q.onsuccess = () => ok(q.result.filter((k) => String(k).startsWith("outbox/")));
        };
      }),
    instance ? `anyqtama.${instance}` : "anyqtama",
  );
}
