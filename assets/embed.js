// anyqtama.js — the one script a portal includes to embed the widget (docs/EMBEDDING.md):
//
//   <script type="module" src="https://widget.example/anyqtama.js"></script>
//   <anyqtama-form endpoint="/api/bundles" lang="ru" prefill-iin="900101300123"></anyqtama-form>
//
// or, from the portal's own script: `const w = Anyqtama.mount(element, config); … w.unmount()`.
// Each widget renders in a shadow root of its element, with the widget's style sheet linked
// inside it: the host's CSS does not reach in, and the widget's does not leak out. No inline
// script or style is used (a theme is set through CSSOM custom properties), so the host page can
// keep a strict Content-Security-Policy with 'wasm-unsafe-eval' as its only relaxation.
//
// scripts/build-embed.sh writes dist/anyqtama.js from this file, with FILES (the hashed names
// of the app's JS glue, WebAssembly and style sheet, and the glue's snippet) on the first line.

const url = (name) => new URL(name, import.meta.url).href;
const HANDLE = Symbol("anyqtama");
let module; // the WebAssembly app, loaded once for every widget on the page
let memory;

function load() {
  module ??= (async () => {
    // The wasm's compilation and the glue's snippet start with the glue, not after it: three
    // requests at once instead of one after another (the widget's files are often far from the
    // portal's page). Without the compiled module (a failed fetch, a server that does not say
    // application/wasm), the glue fetches the wasm itself.
    const compiled = WebAssembly.compileStreaming(fetch(url(FILES.wasm))).catch(() => null);
    import(url(FILES.shell)).catch(() => {}); // (the glue's own import reports a failure)
    const m = await import(url(FILES.js));
    memory = (await m.default({ module_or_path: (await compiled) ?? url(FILES.wasm) })).memory;
    // The built-in data, read while the texts of the widget's language may still be on their way.
    m.prepare();
    return m;
  })();
  return module;
}

// Kazakh is compiled in, and for ru and en the texts of the first page (locales/first-page.txt):
// a fresh widget starts there, mounts at once in the portal's language (`lang`) and fetches the
// rest itself. A saved draft may be on any page: then that language's texts are fetched while
// the wasm loads (once a page) and given to the app before the widget mounts, so that its first
// render is in that language (src/locales.rs `provide`). A hint only: texts later than 300 ms
// after the wasm are not waited for; the widget then fetches them itself.
const early = new Map();
function textsFor(lang) {
  const tag = String(lang ?? "").slice(0, 2).toLowerCase();
  if (tag !== "ru" && tag !== "en") return Promise.resolve(null);
  if (!early.has(tag)) {
    const text = fetch(url(`locales/${tag}.ftl`)).then((r) => (r.ok ? r.text() : null)).catch(() => null);
    early.set(tag, text.then((t) => t && [tag, t]));
  }
  return early.get(tag);
}
const late = () => new Promise((ok) => setTimeout(ok, 300, null));

// Whether the instance has a saved draft (the key of src/storage.rs `Store`). Where the browser
// refuses storage, nothing was saved.
function saved(instance) {
  const key = instance === "default" ? "anyqtama.draft" : `anyqtama.${instance}.draft`;
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

// Instances: the name of each widget's storage. Two widgets never share one: a second widget
// asking for a name in use (or two without a name) gets `<name>-2`, and so on, in page order.
const live = new Set();
function claim(name) {
  const base = name || "default";
  let candidate = base;
  for (let i = 2; live.has(candidate); i++) candidate = `${base}-${i}`;
  live.add(candidate);
  return candidate;
}

function emit(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`anyqtama-${name}`, { bubbles: true, composed: true, detail }));
}

// The configuration as the WebAssembly reads it: [key, value, …], lists joined by spaces,
// `prefill: { iin }` as `prefill.iin`; the theme is applied here, not passed.
function flatten(config) {
  const flat = [];
  const add = (key, value) => {
    if (value === undefined || value === null) return;
    flat.push(key, Array.isArray(value) ? value.join(" ") : String(value));
  };
  for (const [key, value] of Object.entries(config)) {
    if (key === "theme") continue;
    if (key === "prefill" && value && typeof value === "object") {
      for (const [field, v] of Object.entries(value)) add(`prefill.${field}`, v);
    } else add(key, value);
  }
  return flat;
}

/** Mounts a widget in `el` (its shadow root); returns { instance, ready, unmount() }. */
function mount(el, config = {}) {
  if (!(el instanceof Element)) throw new TypeError("Anyqtama.mount(element, config): not an element");
  el[HANDLE]?.unmount();
  const instance = claim(config.instance ?? el.id);
  for (const [key, value] of Object.entries(config.theme ?? {})) {
    el.style.setProperty(key.startsWith("--") ? key : `--anyqtama-${key}`, String(value));
  }
  const shadow = el.shadowRoot ?? el.attachShadow({ mode: "open" });
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = url(FILES.css);
  const root = document.createElement("div");
  shadow.replaceChildren(sheet, root);
  let widget = null;
  let gone = false;
  const handle = {
    instance,
    unmount() {
      if (gone) return;
      gone = true;
      live.delete(instance);
      if (widget) {
        widget.unmount();
        widget.free();
        widget = null;
      }
      shadow.replaceChildren();
      if (el[HANDLE] === handle) delete el[HANDLE];
    },
  };
  const texts = saved(instance) ? textsFor(config.lang) : null;
  handle.ready = load().then(
    async (m) => {
      const early = texts && (await Promise.race([texts, late()]));
      if (early) m.texts(...early);
      if (!gone) widget = m.mount(root, el, flatten({ ...config, instance }));
      return handle;
    },
    (e) => {
      emit(el, "error", { instance, code: "load", message: String(e?.message ?? e) });
      throw e;
    },
  );
  el[HANDLE] = handle;
  return handle;
}

// <anyqtama-form> attributes → the configuration object (prefill-<field>="value").
const ATTRIBUTES = {
  instance: "instance",
  endpoint: "endpoint",
  "portal-name": "portalName",
  lang: "lang",
  languages: "languages",
  "rules-url": "rulesUrl",
  "calendar-url": "calendarUrl",
  "sectors-url": "sectorsUrl",
  akimat: "akimat",
  today: "today",
  now: "now",
  signature: "signature",
  "ncalayer-url": "ncalayerUrl",
  timestamp: "timestamp",
  "ncalayer-timeout": "ncalayerTimeout",
};

function fromAttributes(el) {
  const config = {};
  for (const { name, value } of el.attributes) {
    if (ATTRIBUTES[name]) config[ATTRIBUTES[name]] = value;
    else if (name.startsWith("prefill-")) (config.prefill ??= {})[name.slice(8)] = value;
  }
  return config;
}

class AnyqtamaForm extends HTMLElement {
  connectedCallback() {
    if (!this[HANDLE]) mount(this, fromAttributes(this));
  }
  disconnectedCallback() {
    this[HANDLE]?.unmount();
  }
  // A changed attribute mounts the widget again with it; the draft is kept in storage.
  attributeChangedCallback() {
    if (this[HANDLE] && this.isConnected) mount(this, fromAttributes(this));
  }
  static get observedAttributes() {
    return Object.keys(ATTRIBUTES);
  }
}

const Anyqtama = {
  mount,
  /** The widgets mounted now, and the WebAssembly memory in bytes (for leak checks). */
  stats: () => ({ widgets: live.size, memoryBytes: memory?.buffer.byteLength ?? 0 }),
};
globalThis.Anyqtama ??= Anyqtama;
if (!customElements.get("anyqtama-form")) customElements.define("anyqtama-form", AnyqtamaForm);

export { mount };
export default Anyqtama;
