// The app's texts as the end-to-end tests compare them: the single-line messages of
// locales/<lang>/app.ftl, by id, in kk, ru and en.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The app's messages of one language, read from locales/<lang>/app.ftl (single-line ones). */
export function messages(lang) {
  const out = {};
  for (const line of readFileSync(join(ROOT, "locales", lang, "app.ftl"), "utf8").split("\n")) {
    const m = /^(app-[a-z0-9-]+) = (.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

export const TEXT = { kk: messages("kk"), ru: messages("ru"), en: messages("en") };
