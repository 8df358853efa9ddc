// Sending the package (called from src/submit.rs). The bundle is built and signed by the submit
// worker (assets/submit-worker.js, with its own WebAssembly, started only now), kept in
// IndexedDB (`outbox/<id>`) before the first try, and POSTed with Idempotency-Key = its id:
// network errors and 5xx are tried again with back-off (1 s, 2 s); if the portal still cannot be
// reached the bundle stays in the outbox and the caller tries again later (on load, when the
// browser is back online, every 15 s). A 4xx is final. Nothing here decides what is valid: the
// Rust core has checked the package, and the portal checks it again.
// The outbox is kept in the widget's files database, through the same helper as the files.
import { run } from "./files.js";
const ATTEMPTS = 3;

function build(order, files, db, onProgress) {
  return new Promise((ok, fail) => {
    // Beside the app's files, wherever the page is (a portal page embeds the widget from
    // elsewhere): this file is dist/snippets/<crate>-<hash>/src/js/submit.js.
    const worker = new Worker(new URL("../../../../submit-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.progress) onProgress("hashing", data.progress.done, data.progress.total);
      else if (data.signing) onProgress("signing", 0, 0);
      else {
        worker.terminate();
        if (data.zip) ok(data.zip);
        else fail(new Error(data.error ?? "the submit worker failed"));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      fail(new Error(e.message || "the submit worker could not start"));
    };
    worker.postMessage({ order, files, db });
  });
}

/** What a refusal's body says: its problems' or findings' messages, else its text. */
function refusal(text) {
  try {
    const v = JSON.parse(text);
    const said = [...(v.problems ?? []), ...(v.errors ?? []), ...(v.findings ?? [])]
      .map((p) => p.message ?? p.code)
      .filter(Boolean);
    return said.length ? said.join(" ") : (v.message ?? text.slice(0, 500));
  } catch {
    return text.slice(0, 500);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds (or takes from the outbox) and sends bundle `id`. Resolves with {receipt: text},
 * {refused: status, reason} or {queued: reason}; rejects only when the bundle cannot be made.
 */
export async function submit(order, files, id, endpoint, db, onProgress) {
  const key = `outbox/${id}`;
  let zip = await run(db, "readonly", (s) => s.get(key));
  if (!zip) {
    const bytes = await build(order, files, db, onProgress);
    zip = new Blob([bytes], { type: "application/zip" });
    await run(db, "readwrite", (s) => s.put(zip, key)); // kept before the first try
  }
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    onProgress("sending", attempt, ATTEMPTS);
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/zip", "Idempotency-Key": id },
        body: zip,
      });
      const text = await res.text();
      if (res.status === 200 || res.status === 201) {
        await run(db, "readwrite", (s) => s.delete(key));
        return { receipt: text };
      }
      if (res.status < 500) return { refused: res.status, reason: refusal(text) };
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e?.message ?? e);
    }
    if (attempt < ATTEMPTS) await sleep(1000 * 2 ** (attempt - 1));
  }
  return { queued: last };
}
