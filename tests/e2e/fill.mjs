// Filling the application through the UI, from the rule data and the fixtures, as an applicant
// does: the pages of a kind of request, each field by its type, the documents page (real small
// files through the file inputs, every confirmation ticked), Continue. Shared by journey.mjs and
// eds.mjs.
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fillDate, readDate } from "./forms.mjs";
import { launch } from "./browser.mjs";
import { serve } from "../../scripts/serve-dist.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = resolve(process.env.DIST ?? join(ROOT, "dist"));
export const ARTIFACTS = join(ROOT, "test-artifacts", "e2e");
export const TIMEOUT = 15_000;
export const TODAY = "2026-11-25";
export const LANGS = ["kk", "ru", "en"];

export const json = (...path) => JSON.parse(readFileSync(join(ROOT, ...path), "utf8"));
export const RULES = json("data", "rules", "2026-01.json");
export const AKIMATS = json("data", "lists", "akimats.json").akimats;
export const fixture = (kind) => json("tests", "fixtures", "applications", `${kind}.json`);

/**
 * The built site (dist/) served on a free port and a headless Chromium, for the tests of the file
 * that calls it (started before them, then `prepare(it)` if given; stopped after): `it.url`,
 * `it.browser`.
 */
export function site(prepare = async () => {}) {
  const it = {};
  before(async () => {
    ({ server: it.server, url: it.url } = await serve(DIST));
    it.browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
    await prepare(it);
  });
  after(async () => {
    await it.browser?.close();
    await new Promise((ok) => (it.server ? it.server.close(ok) : ok()));
  });
  return it;
}

// ---------------------------------------------------------------------------------------------
// Texts: the app's and the core's messages, read from the Fluent files (single-line messages).

export function messages(lang, file) {
  const out = {};
  for (const line of readFileSync(join(ROOT, "locales", lang, file), "utf8").split("\n")) {
    const m = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)+) = (.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}
export const TEXT = Object.fromEntries(LANGS.map((l) => [l, { ...messages(l, "core.ftl"), ...messages(l, "app.ftl") }]));

/** Every message id of the Fluent files (a missing message is shown as its id). */
export const IDS = [...new Set(LANGS.flatMap((l) => Object.keys(TEXT[l])))].filter((id) => /^(app|a1|finding)-/.test(id));

/** The text of a single-line message, or its id (which is what the app shows when it is missing). */
export const text = (lang, id) => TEXT[lang][id] ?? id;

/** A saved draft as the widget writes it (localStorage `anyqtama.draft`): `application` on `step`. */
export const draftOf = (application, step, lang = "en", submission = undefined) => ({
  version: 1,
  lang,
  step,
  application,
  reached_check: false,
  validated: [],
  ...(submission ? { submission } : {}),
});

/** Puts `draft` in the storage of `context`'s first page load (as a reload would find it); later
 * loads of the same tab keep what the widget saved. */
export const seedDraft = (context, draft) =>
  context.addInitScript((text) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("anyqtama.draft", text);
      sessionStorage.setItem("seeded", "1");
    }
  }, JSON.stringify(draft));

/**
 * Waits until the standalone page is in `lang` (its `<html lang>`) with all of that language's
 * texts: a page that starts in ru or en has only its first page's texts (src/locales.rs
 * first_page), or Kazakh, until that language's file has arrived.
 */
export const waitForLang = (page, lang) =>
  page.waitForFunction((l) => document.documentElement.lang === l && !document.querySelector("[data-texts=first-page]"), lang);

/** Fluent wraps placeables in Unicode isolation marks; compare without them. */
export const clean = (s) => (s ?? "").replace(/[\u2068\u2069]/g, "").replace(/\s+/g, " ").trim();

export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regular expression for a message: the given arguments literally, the others as anything. */
export function messagePattern(lang, id, args = {}) {
  // A message ending in a select expression is matched up to it (its variants are on later lines).
  const template = TEXT[lang][id]?.replace(/\{ *\$[a-z_]+ *->\s*$/, "");
  assert.ok(template, `no single-line message ${id} in locales/${lang}`);
  const parts = template.split(/(\{ *\$[a-z_]+ *\})/);
  return new RegExp(
    parts
      .map((p) => {
        const m = /^\{ *\$([a-z_]+) *\}$/.exec(p);
        if (!m) return escape(p);
        return m[1] in args ? escape(String(args[m[1]])) : ".+?";
      })
      .join(""),
  );
}

/** A simple message with its arguments filled in (no selectors). */
export const format = (lang, id, args) => text(lang, id).replace(/\{ *\$([a-z_]+) *\}/g, (_, k) => String(args[k]));

// ---------------------------------------------------------------------------------------------
// The journey, from the rule data, as the issue describes it: request → applicant → profession
// → (employer, for the kinds that need one) → documents → events → check your answers.

export const kindOf = (id) => RULES.kinds.find((k) => k.id === id);
export const itemOf = (id) => RULES.items.find((i) => i.id === id);
export const section = (id) => RULES.form.find((s) => s.id === id);

/** Whether a field is asked for a kind: fields required only for other kinds are not. */
export function isAsked(field, kind) {
  const r = field.required;
  if (typeof r === "object" && r !== null && Array.isArray(r.if_kind)) return r.if_kind.includes(kind);
  return !kind || !field.asked_for || field.asked_for.includes(kind); // optional: for the kinds named
}
export const askedFields = (sectionId, kind) => section(sectionId).fields.filter((f) => isAsked(f, kind));

export function journeyOf(kind) {
  const steps = [];
  for (const s of RULES.form) {
    if (s.id === "declaration") continue; // asked on "check your answers"
    if (s.id === "events" && kind) steps.push("documents");
    if (s.fields.some((f) => isAsked(f, kind))) steps.push(s.id);
  }
  steps.push("check");
  return steps;
}

export function headingOf(step, lang) {
  if (step === "documents") return text(lang, "app-documents-heading");
  if (step === "check") return text(lang, "app-check-heading");
  return section(step).label[lang];
}

// ---------------------------------------------------------------------------------------------
// Files: small but real.

/** A one-page PDF 1.4 with a correct cross-reference table. */
export function pdfBytes(title = "Anyqtama test") {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null, // the content stream
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 12 Tf 20 50 Td (${title}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** PNG and JPEG bytes, drawn by the browser itself (set in before()). */
export const IMAGES = {};

/** What a Windows executable starts with: "MZ", then the DOS stub. */
export function exeBytes() {
  const b = Buffer.alloc(256);
  b.write("MZ", 0, "latin1");
  b.writeUInt16LE(0x90, 2);
  b.write("This program cannot be run in DOS mode.", 78, "latin1");
  return b;
}

export function bytesOf(mediaType) {
  if (mediaType === "application/pdf") return pdfBytes();
  if (mediaType === "image/png") return IMAGES.png;
  if (mediaType === "image/jpeg") return IMAGES.jpeg;
  throw new Error(`no test bytes for ${mediaType}`);
}

export const fileFor = ({ name, media_type }) => ({ name, mimeType: media_type, buffer: bytesOf(media_type) });

export const headingText = (page) => page.locator("#page-heading").textContent().then(clean);

export async function waitForHeading(page, heading) {
  try {
    await page.waitForFunction(
      (t) => document.getElementById("page-heading")?.textContent.replace(/[\u2068\u2069]/g, "").trim() === t,
      heading,
      { timeout: TIMEOUT },
    );
  } catch {
    assert.fail(`expected the page "${heading}", but it is "${await headingText(page)}"`);
  }
}

/** Presses Continue and waits for the page `step`; fails with the error summary's text if one shows. */
export async function continueTo(page, step, lang) {
  const heading = headingOf(step, lang);
  await page.locator("[data-testid=continue]").click();
  const outcome = await page.waitForFunction(
    (t) => {
      const h = document.getElementById("page-heading")?.textContent.replace(/[\u2068\u2069]/g, "").trim();
      if (h === t) return "moved";
      return document.querySelector("[data-testid=error-summary]") ? "errors" : false;
    },
    heading,
    { timeout: TIMEOUT },
  );
  if ((await outcome.jsonValue()) === "errors") {
    const summary = await page.locator("[data-testid=error-summary]").innerText();
    assert.fail(`Continue did not reach "${heading}"; the page says:\n${summary}`);
  }
}

export async function assertProgress(page, lang, n, total) {
  const shown = clean(await page.locator("[data-testid=progress]").textContent());
  assert.equal(shown, format(lang, "app-progress", { step: n, total }), "the progress line");
}


/** Fills one field of the A1 form with `value`, by its type in the rule data. */
export async function fillField(page, field, value) {
  const input = page.locator(`#field-${field.id}`);
  if (field.choices === "kinds") {
    await page.locator(`input[name=kind][value="${value}"]`).check();
  } else if (field.choices === "akimats") {
    await input.selectOption(value);
  } else if (field.type === "boolean") {
    await input.setChecked(value === "true");
  } else if (field.type === "date") {
    await fillDate(page, field.id, value);
  } else {
    await input.fill(value);
  }
}
/** Checks that a field shows `value`. */
export async function assertField(page, field, value, where = "") {
  if (field.choices === "kinds") {
    assert.ok(await page.locator(`input[name=kind][value="${value}"]`).isChecked(), `${where}kind ${value} is not checked`);
  } else if (field.type === "boolean") {
    assert.equal(await page.locator(`#field-${field.id}`).isChecked(), value === "true", `${where}${field.id}`);
  } else if (field.type === "date") {
    assert.equal(await readDate(page, field.id), value, `${where}${field.id}`);
  } else {
    // A phone is shown in its one form once the field is left (+7 and ten digits; + and the
    // country code abroad): the fixtures' numbers are written internationally already.
    const shown = field.type === "tel" ? value.replace(/[^+\d]/g, "") : value;
    assert.equal(await page.locator(`#field-${field.id}`).inputValue(), shown, `${where}${field.id}`);
  }
}
/** Fills the fields of a section page that are asked for the kind and that the answers give. */
export async function fillSection(page, sectionId, answers) {
  for (const field of askedFields(sectionId, answers.kind)) {
    if (answers[field.id] !== undefined) await fillField(page, field, answers[field.id]);
  }
}

export async function assertSection(page, sectionId, answers, where) {
  for (const field of askedFields(sectionId, answers.kind)) {
    if (answers[field.id] !== undefined) await assertField(page, field, answers[field.id], where);
  }
}

/** Attaches files to a checklist item and waits until each is listed. */
export async function attach(page, item, files) {
  await page.locator(`#item-${item}-files`).setInputFiles(files);
  for (const f of files) {
    await page.locator(`#item-${item} li[data-testid=attached-file]`, { hasText: f.name }).waitFor();
  }
}

/** Fills the documents page from a fixture: files, every confirmation the item asks, expiry dates. */
export async function fillDocuments(page, fx) {
  const kind = kindOf(fx.answers.kind);
  const attached = [];
  for (const entry of kind.checklist) {
    const type = entry.requirement.type;
    if (type === "from_form") continue;
    const doc = fx.documents.find((d) => d.item === entry.item);
    if (!doc) {
      assert.equal(type, "one_of", `the fixture of ${kind.id} has no ${entry.item}`);
      continue;
    }
    const item = itemOf(entry.item);
    for (const c of item.confirm ?? []) await page.locator(`#item-${item.id}-${c}`).check();
    if (item.expiry) await page.locator(`#field-${item.id}-expires`).fill(doc.expires_on);
    const files = doc.files.map(fileFor);
    await attach(page, item.id, files);
    attached.push(...files.map((f) => ({ item: item.id, ...f })));
  }
  return attached;
}

/**
 * Walks a whole application of `kind` in `lang` from the first page to "check your answers".
 * `beforeFill(step, n)` runs on every page as it arrives; `onPage(step, n)` once it is filled,
 * before Continue.
 */
export async function walk(page, kind, lang, onPage = async () => {}, beforeFill = async () => {}, fx = fixture(kind)) {
  const steps = journeyOf(kind);
  for (const [i, step] of steps.entries()) {
    const n = i + 1;
    await waitForHeading(page, headingOf(step, lang));
    await beforeFill(step, n);
    if (step === "documents") await fillDocuments(page, fx);
    else if (step === "check") await fillSection(page, "declaration", fx.answers);
    else await fillSection(page, step, fx.answers);
    // "Step 1 of N" counts the pages of the kind chosen on the first page.
    if (step !== "check") await assertProgress(page, lang, n, steps.length);
    await onPage(step, n);
    if (step !== "check") await continueTo(page, steps[i + 1], lang);
  }
  return { fx, steps };
}

export async function assertReady(page) {
  await page.locator("[data-testid=ready]").waitFor({ state: "visible" });
  const blockers = page.locator("[data-testid=blockers]");
  if ((await blockers.count()) > 0) assert.fail(`blockers on check your answers:\n${await blockers.innerText()}`);
}


/** Draws the test PNG and JPEG (a 4×4 canvas, encoded by Chromium) into IMAGES. */
export async function drawImages(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const data = await page.evaluate(() => {
    const c = document.createElement("canvas");
    c.width = c.height = 4;
    const g = c.getContext("2d");
    g.fillStyle = "#2a6";
    g.fillRect(0, 0, 4, 4);
    return { png: c.toDataURL("image/png"), jpeg: c.toDataURL("image/jpeg", 0.8) };
  });
  await context.close();
  IMAGES.png = Buffer.from(data.png.split(",")[1], "base64");
  IMAGES.jpeg = Buffer.from(data.jpeg.split(",")[1], "base64");
  assert.deepEqual([...IMAGES.png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual([...IMAGES.jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
}
