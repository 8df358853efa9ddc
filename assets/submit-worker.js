// The submit worker: turns the applicant's package into one signed bundle, off the main thread.
// It reads the attached files from IndexedDB, hashes them with WebCrypto (reporting progress),
// lays out the bag with the Rust bundle code (submit/anyqtama_submit.js, its own WebAssembly,
// downloaded only now), and signs it with the applicant's key: an ECDSA P-256 key pair made on
// first use, its private key NOT extractable, kept in IndexedDB. Started by src/js/submit.js.
import init, { prepare } from "./submit/anyqtama_submit.js";

function openDb(name, store) {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function run(name, store, mode, op) {
  const db = await openDb(name, store);
  return new Promise((ok, fail) => {
    const tx = db.transaction(store, mode);
    const req = op(tx.objectStore(store));
    tx.oncomplete = () => {
      db.close();
      ok(req.result);
    };
    tx.onerror = tx.onabort = () => {
      db.close();
      fail(tx.error);
    };
  });
}

/** The signing key pair, made and stored on first use. */
async function keyPair() {
  const stored = await run("anyqtama-keys", "keys", "readonly", (s) => s.get("signing"));
  if (stored) return stored;
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  await run("anyqtama-keys", "keys", "readwrite", (s) => s.put(pair, "signing"));
  return pair;
}

onmessage = async ({ data: { order, files, db } }) => {
  try {
    await init();
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
    const zip = prepared.finish(x, y, signature);
    postMessage({ zip }, [zip.buffer]);
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
