// The submit worker: turns the applicant's package into one signed bundle, off the main thread.
// It reads the attached files from IndexedDB, hashes them with WebCrypto (reporting progress),
// lays out the bag with the Rust bundle code (submit/anyqtama_submit.js, its own WebAssembly,
// downloaded only now), and signs it with the applicant's key: an ECDSA P-256 key pair made on
// first use, its private key NOT extractable, kept in IndexedDB. Started by assets/submit-outbox.js.
//
// When the portal asks for the applicant's electronic signature, a second run ({eds}) takes the
// bundle built before, has NCALayer sign its tag manifest (submit-ncalayer.js, imported only
// then), reads the signer from the CMS with the Rust EDS code (anyqtama-eds, in this worker's
// WebAssembly — never the page's), checks that it is a signing certificate of the applicant,
// and puts the ZIP with the CMS as signature.p7s in the outbox. It answers {signer} or
// {eds: code, detail, signer}.
import init, { prepare, tagmanifest_of, eds_signer, eds_verify, with_eds } from "./submit/anyqtama_submit.js";

// IndexedDB through the page's one helper (`run` of src/js/shell.js, whose address comes with
// each message that needs it): `run(database, store, mode, op)`.
let run = () => Promise.reject(new Error("the submit worker was given no IndexedDB helper (message.shell)"));
let connected = false;
async function connect(shell) {
  if (connected || !shell) return;
  const page = await import(shell);
  run = (name, store, mode, op) => page.run(name, mode, op, store);
  connected = true;
}

/** The signing key pair, made and stored on first use. */
async function keyPair() {
  const stored = await run("anyqtama-keys", "keys", "readonly", (s) => s.get("signing"));
  if (stored) return stored;
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  await run("anyqtama-keys", "keys", "readwrite", (s) => s.put(pair, "signing"));
  return pair;
}

/** The bundle: hashed, laid out, signed with the device key; the ZIP's bytes. */
async function build({ order, files, db }) {
  const items = [], names = [], bytes = [], hashes = [];
  for (let i = 0; i < files.length; i++) {
    postMessage({ progress: { done: i, total: files.length } });
    const blob = await run(db ?? "anyqtama", "files", "readonly", (s) => s.get(files[i].key));
    if (!blob) throw new Error(`“${files[i].name}” is no longer in this browser: attach it again`);
    const data = new Uint8Array(await blob.arrayBuffer());
    hashes.push(new Uint8Array(await crypto.subtle.digest("SHA-256", data)));
    items.push(files[i].item);
    names.push(files[i].name);
    bytes.push(data);
  }
  postMessage({ signing: true });
  const prepared = prepare(order, items, names, bytes, hashes);
  const { privateKey, publicKey } = await keyPair();
  const { x, y } = await crypto.subtle.exportKey("jwk", publicKey);
  const input = prepared.signing_input(x, y);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, privateKey, input));
  return prepared.finish(x, y, signature);
}

/**
 * The EDS run: the bundle built before for the same order (`built/<id>`, else built and kept
 * now, so that a failed or cancelled signature is tried again without rebuilding), signed in NCALayer, checked, and put
 * in the outbox (`outbox/<id>`) with signature.p7s. {signer} or {eds: code, detail, signer}.
 */
async function signEds(message) {
  const { id, eds } = message;
  const db = message.db ?? "anyqtama";
  const built = await run(db, "files", "readonly", (s) => s.get(`built/${id}`));
  let zip;
  if (built?.order === message.order) zip = new Uint8Array(await built.zip.arrayBuffer());
  else {
    // First time, or the application changed since: (re)build, and keep it with its order.
    zip = await build(message);
    const kept = { order: message.order, zip: new Blob([zip], { type: "application/zip" }) };
    await run(db, "files", "readwrite", (s) => s.put(kept, `built/${id}`));
  }
  postMessage({ ncalayer: true });
  const { sign } = await import("./submit-ncalayer.js");
  const tagmanifest = tagmanifest_of(zip);
  let cms;
  try {
    ({ cms } = await sign(eds.url, tagmanifest, eds));
  } catch (e) {
    if (!e?.code) throw e;
    return { eds: e.code, detail: e.detail ?? "" };
  }
  const started = performance.now();
  const checked = JSON.parse(eds_signer(cms, tagmanifest, eds.iin ?? ""));
  const parseMs = performance.now() - started;
  if (checked.error) return { eds: checked.error, detail: checked.detail ?? "", signer: checked.signer };
  const signed = with_eds(zip, cms);
  await run(db, "files", "readwrite", (s) => s.put(new Blob([signed], { type: "application/zip" }), `outbox/${id}`));
  return { signer: checked.signer, parseMs };
}

/**
 * Benchmark (tests/e2e/eds.mjs), `n` times each: the widget's read-and-check of one CMS, and the
 * full verification with the chain to `anchors` and `crls` as the portal does it; ms, fastest
 * and median.
 */
function bench({ cms, content, n, anchors, crls, now }) {
  const time = (f) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      f();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { min: times[0], median: times[Math.floor(n / 2)] };
  };
  const verdict = JSON.parse(eds_signer(cms, content, ""));
  const valid = eds_verify(cms, content, anchors, crls, now);
  return { verdict, valid, signer: time(() => eds_signer(cms, content, "")), full: time(() => eds_verify(cms, content, anchors, crls, now)) };
}

onmessage = async ({ data }) => {
  try {
    await Promise.all([init(), connect(data.shell)]);
    if (data.bench) postMessage({ done: true, ...bench(data.bench) });
    else if (data.eds) postMessage({ done: true, ...(await signEds(data)) });
    else {
      const zip = await build(data);
      postMessage({ zip }, [zip.buffer]);
    }
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
