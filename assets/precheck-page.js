// The pre-check page's body (src/components/precheck_page.rs holds its heading and back link):
// loaded only when the page opens, so that the first page stays small. It starts the pre-check
// worker (precheck-worker.js, with its own WebAssembly), shows the HTML the worker makes from our
// texts — the form, the status line, the report, each in kk, ru and en — in the page's language,
// and hands it the chosen or dropped files as File objects. Nothing is uploaded.

// Beside this file (the app's files), wherever the page is: a portal page embeds the widget.
const baseUrl = (name) => new URL(name, import.meta.url);

/** The widget's data URLs (its configuration, or the standalone page's ?rules=…). */
function dataUrls({ rules = [], calendar = [], sectors = [] }) {
  const given = (list) => list.filter((s) => s.trim());
  return { rules: given(rules), calendar: given(calendar), sectors: given(sectors).slice(-1) };
}

/** Every file of what was dropped, with its path below it (folders are walked). */
async function dropped(event) {
  // The entries must be taken while the event is being handled.
  const entries = [...(event.dataTransfer?.items ?? [])].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  const files = [], paths = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      files.push(await new Promise((ok, fail) => entry.file(ok, fail)));
      paths.push(entry.fullPath.replace(/^\//, ""));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (let batch; (batch = await new Promise((ok, fail) => reader.readEntries(ok, fail))).length; ) {
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const e of entries) await walk(e);
  // No entries (a drop some browsers or tools make without them): the plain files.
  if (!entries.length) {
    for (const f of event.dataTransfer?.files ?? []) {
      files.push(f);
      paths.push(f.name);
    }
  }
  return { files, paths };
}

/**
 * Fills `host` with the page's body, checking as of `today` against the built-in data and the
 * portal's data URLs. Returns {setLang, stop}.
 */
export function mount(host, { today, data }) {
  const element = (tag, attrs) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  const css = element("link", { rel: "stylesheet", href: baseUrl("precheck.css") });
  const form = element("div", {});
  const status = element("div", { role: "status", class: "precheck-status", "data-testid": "precheck-status" });
  const alert = element("div", { role: "alert", class: "error-summary", hidden: "" });
  const report = element("section", { "aria-labelledby": "precheck-report-heading", "data-testid": "precheck-report" });
  host.replaceChildren(css, form, status, alert, report);

  let lang = "kk", loading = "", failed = "", reason = "";
  const said = {}, shown = new Map();
  // Each place shows the worker's HTML in the page's language (the status, until the worker
  // answers, says it is loading); redrawn only when that changes, so a chosen file stays chosen.
  const show = (el, key) => {
    const html = key === "status" && !said.status ? null : (said[key]?.[lang] ?? "");
    if (shown.get(el) === `${lang}\n${html ?? loading}`) return;
    shown.set(el, `${lang}\n${html ?? loading}`);
    if (html === null) el.replaceChildren(Object.assign(document.createElement("p"), { textContent: loading }));
    else el.innerHTML = html;
  };
  const draw = () => {
    [[form, "form"], [status, "status"], [report, "report"]].forEach(([el, key]) => show(el, key));
    // The worker cannot run: the page's text and the browser's reason.
    alert.hidden = !reason;
    alert.textContent = reason && `${failed} ${reason}`;
  };
  const fail = (why) => {
    reason = String(why?.message ?? why);
    draw();
  };

  const worker = new Worker(baseUrl("precheck-worker.js"), { type: "module" });
  worker.onmessage = ({ data }) => {
    if (data.error) return fail(data.error);
    Object.assign(said, data);
    // How long the worker took (for the benchmark, tests/e2e/precheck.mjs).
    if (data.ms !== undefined) Object.assign(report.dataset, { units: data.units, ms: data.ms.toFixed(1) });
    draw();
  };
  worker.onerror = (e) => fail(e.message || "the pre-check worker could not start");
  // The page's address: relative data URLs are the page's, not the worker script's.
  worker.postMessage({ open: { today, data: dataUrls(data), base: document.baseURI } });

  const check = ({ files, paths }) => files.length && worker.postMessage({ files, paths });
  form.addEventListener("change", ({ target }) => {
    const files = [...(target.files ?? [])];
    check({ files, paths: files.map((f) => f.webkitRelativePath || f.name) });
  });
  form.addEventListener("dragover", (e) => e.preventDefault());
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    dropped(e).then(check, fail);
  });

  return {
    /** Shows everything in `lang`, with the page's texts `loading` and `failed`. */
    setLang(...texts) {
      [lang, loading, failed] = texts;
      draw();
    },
    stop() {
      worker.terminate();
    },
  };
}
