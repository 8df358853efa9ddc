// Sending the package: loaded by the snippet src/js/shell.js (called from src/submit.rs) only
// when the applicant signs or sends, or a bundle waits in the outbox — not with the first page.
// The bundle is built and signed by the submit
// worker (assets/submit-worker.js, with its own WebAssembly, started only now), kept in
// IndexedDB (`outbox/<id>`) before the first try, and POSTed with Idempotency-Key = its id:
// network errors, 5xx and 429 are tried again with back-off (1 s, 2 s, or longer when the server's
// Retry-After asks for it, up to 60 s); if the portal still cannot be reached, or asks to wait
// longer, the bundle stays in the outbox and the caller tries again later (on load, when the
// browser is back online, every 15 s). Any other 4xx is final. Nothing here decides what is valid: the
// Rust core has checked the package, and the portal checks it again.
// The outbox is kept in the widget's files database, through the same helper as the files: `run`
// of src/js/shell.js, handed in by that snippet with its address (`connect`), which the submit
// worker imports for the same helper — one copy of it (this file cannot know the snippet's path).
let run = null;
let shell = null;

/** The page's IndexedDB helper and the address of its module (src/js/shell.js). */
export function connect(pageRun, shellUrl) {
  run = pageRun;
  shell = shellUrl;
}

const ATTEMPTS = 3;
const MAX_WAIT_MS = 60_000;

/** Runs the submit worker on `message`; resolves with its last answer. */
function work(message, onProgress) {
  return new Promise((ok, fail) => {
    // Beside this file, wherever the page is (a portal page embeds the widget from elsewhere).
    const worker = new Worker(new URL("./submit-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.progress) onProgress("hashing", data.progress.done, data.progress.total);
      else if (data.signing) onProgress("signing", 0, 0);
      else if (data.ncalayer) onProgress("eds", 0, 0);
      else {
        worker.terminate();
        if (data.error) fail(new Error(data.error));
        else ok(data);
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      fail(new Error(e.message || "the submit worker could not start"));
    };
    worker.postMessage({ ...message, shell });
  });
}

async function build(order, files, db, onProgress) {
  const { zip } = await work({ order, files, db }, onProgress);
  if (!zip) throw new Error("the submit worker failed");
  return zip;
}

/**
 * Has the applicant sign bundle `id` with their EDS through NCALayer, in the submit worker
 * (`eds`: url, timestamp, locale, timeoutMs, and the application's IIN). Resolves with {signer}
 * once the signed bundle is in the outbox, or {eds: code, detail, signer} when it was not signed.
 */
export const signEds = (order, files, id, db, eds, onProgress) => work({ order, files, db, id, eds }, onProgress);

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
 * How long to wait before attempt `attempt + 1` after an answer with `status` and the header
 * `retryAfter` (seconds or an HTTP date; null when absent), at `now` (ms): the back-off, or the
 * server's Retry-After when longer; null when the answer is final (a 4xx other than 429) or the
 * server asks for more than MAX_WAIT_MS (the bundle then waits in the outbox).
 */
export function retryWait(status, retryAfter, attempt, now = Date.now()) {
  if (status < 500 && status !== 429) return null;
  const backoff = 1000 * 2 ** (attempt - 1);
  const v = (retryAfter ?? "").trim();
  const asked = /^\d+$/.test(v) ? Number(v) * 1000 : v ? Date.parse(v) - now : NaN;
  if (!Number.isFinite(asked)) return backoff;
  return asked > MAX_WAIT_MS ? null : Math.max(backoff, asked);
}

/**
 * Builds (or takes from the outbox) and sends bundle `id` (with `eds`, only one signed before:
 * see signEds). Resolves with {receipt: text},
 * {refused: status, reason} or {queued: reason}; rejects only when the bundle cannot be made.
 */
export async function submit(order, files, id, endpoint, db, onProgress, eds) {
  const key = `outbox/${id}`;
  let zip = await run(db, "readonly", (s) => s.get(key));
  if (!zip && eds) throw new Error("eds.unsigned");
  if (!zip) {
    const bytes = await build(order, files, db, onProgress);
    zip = new Blob([bytes], { type: "application/zip" });
    await run(db, "readwrite", (s) => s.put(zip, key)); // kept before the first try
  }
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    onProgress("sending", attempt, ATTEMPTS);
    let wait = 1000 * 2 ** (attempt - 1);
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/zip", "Idempotency-Key": id },
        body: zip,
      });
      const text = await res.text();
      if (res.status === 200 || res.status === 201) {
        await run(db, "readwrite", (s) => (s.delete(`built/${id}`), s.delete(key)));
        return { receipt: text };
      }
      if (res.status < 500 && res.status !== 429) return { refused: res.status, reason: refusal(text) };
      last = `HTTP ${res.status}`;
      wait = retryWait(res.status, res.headers.get("Retry-After"), attempt);
      if (wait === null) break; // asked to wait longer: the outbox tries again later
    } catch (e) {
      last = String(e?.message ?? e);
    }
    if (attempt < ATTEMPTS) await sleep(wait);
  }
  return { queued: last };
}
