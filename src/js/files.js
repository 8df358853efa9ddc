// The attached files' bytes, kept in the browser (IndexedDB) so that a reload or a crash loses
// nothing; they never leave the machine from here. Called from src/storage.rs.
const DB = "anyqtama";
const STORE = "files";

function open() {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function run(mode, op) {
  const db = await open();
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

export const putFile = (key, blob) => run("readwrite", (s) => s.put(blob, key)).then(() => undefined);
export const getFile = (key) => run("readonly", (s) => s.get(key));
export const deleteFile = (key) => run("readwrite", (s) => s.delete(key)).then(() => undefined);
export const fileKeys = () => run("readonly", (s) => s.getAllKeys());
export const clearFiles = () => run("readwrite", (s) => s.clear()).then(() => undefined);

// The first bytes of a file, to recognise what it is without reading it all.
export async function head(blob, n) {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}
