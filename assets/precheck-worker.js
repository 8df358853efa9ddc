// The pre-check worker: checks the packages and documents chosen on the pre-check page, off the
// main thread, with the same Rust code and texts as `anyqtama check` (precheck/anyqtama_precheck.js,
// its own WebAssembly, downloaded only when the page opens). Nothing is uploaded: the files are
// read here, from the File objects the page passed. The only requests are this worker's own
// script and WebAssembly, and the rule/calendar/sector files the portal named for the page (so
// both check against the same regulation). Started by assets/precheck-page.js.
//
// Messages in: {open: {today, data: {rules: [url], calendar: [url], sectors: [url]}}}, then
// {files: [File], paths: [path]} for each choice. Out: HTML for the page's three places, each as
// {kk, ru, en} so that the page switches language at once: {form} (the inputs), {status} (the
// progress, then the summary), {report}; {units, ms} when done; {error} when it cannot run.
import init, { PreCheck } from "./precheck/anyqtama_precheck.js";

const reason = (e) => String(e?.message ?? e);
let run = null;

// `data`: the widget's data URLs as it was given them; `base`: the page's address, which
// relative ones are resolved against (not this script's).
async function open({ today, data, base }) {
  await init();
  const kinds = [], urls = [], texts = [];
  for (const [kind, list] of Object.entries(data)) {
    for (const url of list) {
      try {
        const res = await fetch(new URL(url, base));
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        texts.push(await res.text());
      } catch (e) {
        return postMessage({ report: JSON.parse(PreCheck.data_failed(url, reason(e))), status: {} });
      }
      kinds.push(kind);
      urls.push(url);
    }
  }
  try {
    run = new PreCheck(today, kinds, urls, texts);
  } catch (e) {
    if (!e?.url) throw e;
    return postMessage({ report: JSON.parse(PreCheck.data_failed(e.url, reason(e))), status: {} });
  }
  postMessage({ form: JSON.parse(run.form()), status: {} });
}

function check(files, paths) {
  const reader = new FileReaderSync();
  const bytes = (file) => new Uint8Array(reader.readAsArrayBuffer(file));
  run.clear();
  const plan = JSON.parse(run.plan(paths));
  const started = performance.now();
  for (let i = 0; i < plan.length; i++) {
    postMessage({ status: JSON.parse(run.progress(i, plan.length)), report: {} });
    const unit = plan[i];
    if (unit.unit === "zip") {
      const file = files[unit.index];
      run.zip(paths[unit.index], file.size, () => bytes(file));
    } else if (unit.unit === "bag") {
      const inBag = unit.files.map((k) => files[k]);
      run.bag(
        unit.root,
        unit.files.map((k) => paths[k].slice(unit.root.length + 1)),
        inBag.map((f) => f.size),
        (k) => bytes(inBag[k]),
      );
    } else {
      const file = files[unit.index];
      run.document(paths[unit.index], bytes(file.slice(0, 16)), file.size);
    }
  }
  const ms = performance.now() - started;
  const report = JSON.parse(run.report());
  postMessage({ report, status: JSON.parse(run.summary()), units: plan.length, ms });
}

onmessage = async ({ data }) => {
  try {
    if (data.open) await open(data.open);
    else if (run) check(data.files, data.paths);
  } catch (e) {
    postMessage({ error: reason(e) });
  }
};
