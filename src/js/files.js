// The attached files' bytes, kept in the browser (IndexedDB) so that a reload or a crash loses
// nothing; they never leave the machine from here. Called from src/storage.rs, with the
// database of the widget's instance (`anyqtama`, or `anyqtama.<instance>` when a page has
// several widgets).
const STORE = "files";

function open(db) {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

// Opens database `name`, runs `op` on its store in one transaction, and resolves with the
// request's result once the transaction has completed (also used by submit.js for the outbox).
export async function run(name, mode, op) {
  const db = await open(name);
  return new Promise((ok, fail) => {
    const tx = db.transaction(STORE, mode);
    const req = op(tx.objectStore(STORE));
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

export const putFile = (db, key, blob) => run(db, "readwrite", (s) => s.put(blob, key)).then(() => undefined);
export const getFile = (db, key) => run(db, "readonly", (s) => s.get(key));
export const deleteFile = (db, key) => run(db, "readwrite", (s) => s.delete(key)).then(() => undefined);
export const fileKeys = (db) => run(db, "readonly", (s) => s.getAllKeys());
export const clearFiles = (db) => run(db, "readwrite", (s) => s.clear()).then(() => undefined);

// The first bytes of a file, to recognise what it is without reading it all.
export async function head(blob, n) {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}
