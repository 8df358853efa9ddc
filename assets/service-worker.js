// The widget's service worker: after one visit the widget works with no network (docs/OFFLINE.md).
// Not served as it is: scripts/build-offline.mjs writes dist/sw.js, this file preceded by
// VERSION (a hash of every file of the build) and FILES (their paths), so that any change to the
// site changes sw.js and the browser installs the new version beside the old one.
//
// - Install: every file of this version (app shell, wasm, JS, CSS, the ru/en texts, the submit
//   worker and its wasm; the rules are inside the wasm) into the cache `anyqtama-shell-VERSION`,
//   all or nothing.
// - The page's files come from that cache (the page and its files are always of one version);
//   opening the page at any address without a file extension gets the cached index.html (or
//   that folder's own, like the example portal's).
// - The data files a portal names in the address (?rules= ?calendar= ?sectors=, src/data.rs):
//   from the network when it answers, kept in `anyqtama-data`, from there when it does not.
// - Anything else, and every request that is not a GET (a submission is a POST): not touched.
// - A new version waits until the applicant presses "Reload to update" (assets/sw-register.js
//   posts "skip-waiting"); then the old versions' caches are deleted.
const SHELL = `anyqtama-shell-${VERSION}`;
const DATA = "anyqtama-data";
const SCOPE = self.registration.scope;
const URLS = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const INDEX = new URL("index.html", SCOPE).href;
const DATA_PARAMS = ["rules", "calendar", "sectors"];

self.addEventListener("install", (event) => {
  // Fresh from the server, not from the HTTP cache: the files must be the ones hashed in VERSION.
  const requests = [...URLS].map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("anyqtama-shell-") && key !== SHELL) await caches.delete(key);
      }
      await self.clients.claim();
      // The data files of pages opened before this worker was there: kept now, for next time.
      for (const client of await self.clients.matchAll({ type: "window" })) {
        for (const url of dataUrls(client.url)) await networkFirst(url).catch(() => {});
      }
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  if (URLS.has(url.href)) {
    event.respondWith(fromShell(url.href, request));
  } else if (request.mode === "navigate" && isPage(url)) {
    // A folder's own index.html (the example portal), as the servers do; else the widget's.
    const own = new URL(url.pathname.replace(/\/?$/, "/index.html"), url).href;
    event.respondWith(fromShell(URLS.has(own) ? own : INDEX, request));
  } else if (event.clientId && !isApi(url)) {
    event.respondWith(dataOrNetwork(event.clientId, request));
  }
});

/** The path under the worker's scope, or null for another origin or path. */
function inScope(url) {
  return url.href.startsWith(SCOPE) ? url.pathname.slice(new URL(SCOPE).pathname.length) : null;
}

/** The intake server's API: never from a cache. */
function isApi(url) {
  return inScope(url)?.startsWith("api/") ?? false;
}

/** A page of the widget: its root, index.html, or a path without a file extension. */
function isPage(url) {
  const path = inScope(url);
  return path !== null && !isApi(url) && (path === "index.html" || !/\.[^/]*$/.test(path));
}

async function fromShell(key, request) {
  const cache = await caches.open(SHELL);
  return (await cache.match(key)) ?? fetch(request);
}

/** The ?rules=, ?calendar= and ?sectors= URLs of a page's address, absolute. */
function dataUrls(pageUrl) {
  const page = new URL(pageUrl);
  return DATA_PARAMS.flatMap((p) => page.searchParams.getAll(p))
    .filter((v) => v.trim() !== "")
    .map((v) => new URL(v, page).href);
}

async function dataOrNetwork(clientId, request) {
  const client = await self.clients.get(clientId);
  return client && dataUrls(client.url).includes(request.url) ? networkFirst(request) : fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
}
