// Registers the service worker (sw.js) after load, and tells the widget when a new version waits:
// window events anyqtama-update-query (widget asks), -ready (one waits), -apply (the button).
// Comments are short: this file is part of the first page. See docs/OFFLINE.md.
const READY = "anyqtama-update-ready";
const QUERY = "anyqtama-update-query";
const APPLY = "anyqtama-update-apply";

const sw = navigator.serviceWorker; // undefined where not allowed (not a secure context)
if (sw) {
  let registration = null;
  // Waiting only when an older version controls the page (not on a first visit).
  const waiting = () => (sw.controller ? registration?.waiting : null);
  const announce = () => waiting() && dispatchEvent(new Event(READY));

  addEventListener(QUERY, announce);
  addEventListener(APPLY, () => {
    const worker = waiting();
    // (Another tab may have switched already: then a reload is enough.)
    if (!worker) return location.reload();
    sw.addEventListener("controllerchange", () => location.reload(), { once: true });
    worker.postMessage("skip-waiting");
  });

  const register = async () => {
    try {
      registration = await sw.register(new URL("sw.js", import.meta.url), { updateViaCache: "none" });
    } catch (e) {
      console.warn(`anyqtama: no offline use (${e.message})`);
    }
    if (!registration) return; // (a browser that blocks service workers)
    announce();
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => worker.state === "installed" && announce());
    });
    // A tab left open looks for a new version whenever it is shown again.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  };
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
}
