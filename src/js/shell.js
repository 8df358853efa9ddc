// The widget's one JS snippet (one module for the first page to fetch, not three): the attached
// files kept in IndexedDB, and the loaders of what comes only on use — the outbox
// (assets/submit-outbox.js) and the pre-check page (assets/precheck-page.js).
//
// The attached files' bytes, kept in the browser (IndexedDB) so that a reload or a crash loses
// nothing; they never leave the machine from here. Called from src/storage.rs, with the
// database of the widget's instance (`anyqtama`, or `anyqtama.<instance>` when a page has
// several widgets).
const STORE = "files";

// This file's address in the site: dist/snippets/<crate>-<hash>/src/js/shell.js, where the
// embedding script's glue imports it and the submit worker imports it for `run`. On the
// standalone page it is not fetched: scripts/bundle-start.mjs bundles it into start.js (one
// request fewer before the first render) and defines BUNDLED_SHELL_PATH there, its path beside
// start.js. (Unbundled, that name is not declared, and `typeof` says so.)
const SELF = typeof BUNDLED_SHELL_PATH === "string" ? new URL(BUNDLED_SHELL_PATH, import.meta.url).href : import.meta.url;

function open(db, store) {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(db, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(store);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

// Opens database `name`, runs `op` on its `store` in one transaction, and resolves with the
// request's result once the transaction has completed. The page's one IndexedDB helper: the
// outbox (below) is handed it, and the submit worker imports this module for it.
export async function run(name, mode, op, store = STORE) {
  const db = await open(name, store);
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

export const putFile = (db, key, blob) => run(db, "readwrite", (s) => s.put(blob, key)).then(() => undefined);
export const getFile = (db, key) => run(db, "readonly", (s) => s.get(key));
export const deleteFile = (db, key) => run(db, "readwrite", (s) => s.delete(key)).then(() => undefined);
export const fileKeys = (db) => run(db, "readonly", (s) => s.getAllKeys());
export const clearFiles = (db) => run(db, "readwrite", (s) => s.clear()).then(() => undefined);

// The first bytes of a file, to recognise what it is without reading it all.
export async function head(blob, n) {
  return new Uint8Array(await blob.slice(0, n).arrayBuffer());
}

// The widget's way to the outbox (called from src/submit.rs): the code that builds, signs and
// sends (assets/submit-outbox.js) is loaded only when it is first needed, not with the first page.
// Beside the app's files, wherever the page is (a portal page embeds the widget from
// elsewhere): four levels above this file's address (SELF).
// It is given `run` and that address (for its worker): it cannot know the snippet's path.
const outbox = () =>
  import(new URL("../../../../submit-outbox.js", SELF).href).then((m) => (m.connect(run, SELF), m));

export const signEds = async (...args) => (await outbox()).signEds(...args);
export const submit = async (...args) => (await outbox()).submit(...args);

// The pre-check page's body (assets/precheck-page.js) is loaded only when the page opens.
// `rules`, `calendar`, `sectors`: the widget's data URLs (src/data.rs DataUrls), as lists.
export function show(state, host, today, rules, calendar, sectors, lang, loading, failed) {
  state.texts = [lang, loading, failed];
  // Beside the app's files, wherever the page is: four levels above SELF.
  state.page ??= import(new URL("../../../../precheck-page.js", SELF).href).then(
    (m) => m.mount(host, { today, data: { rules, calendar, sectors } }),
    (e) => {
      host.className = "error-summary";
      host.setAttribute("role", "alert");
      host.textContent = `${state.texts[2]} ${e?.message ?? e}`;
    },
  );
  state.page.then((p) => p?.setLang(...state.texts));
}

export const unmount = (state) => state.page?.then((p) => p?.stop());
