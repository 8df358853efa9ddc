//! The widget's pre-check (`assets/precheck-worker.js`): packages and documents the applicant
//! chose are checked in a Web Worker with this WebAssembly module, which the widget downloads only
//! when the pre-check page is used. Nothing is uploaded: the worker reads the files from the
//! `File` objects it was given.
//!
//! The check and its wording are `anyqtama check`'s (`anyqtama_bundle::precheck`): a `.zip` is
//! verified as a bundle, an unzipped bag (a folder with `bagit.txt`) is zipped the way the command
//! line zips it and verified, and any other file is a loose document, of which only the type
//! (from its bytes) and size can be checked. [`plan`] sorts what was chosen, [`Session`] checks
//! each unit and lays the report out as HTML in Kazakh, Russian and English at once, so that the
//! page switches language without checking again. The texts (`core.ftl`, `cli.ftl`,
//! `bundle.ftl`) are embedded here, not in the first page.

use anyqtama_bundle::precheck::{self, Row, Status};
use anyqtama_bundle::zip::Limits;
use anyqtama_bundle::{Problem, VerifyReport};
use anyqtama_core::filetype::{sniff, Sniffed};
use anyqtama_core::{Date, Lang, Regulation};
use anyqtama_i18n::{Localizer, Value};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The Fluent files the pre-check speaks with.
pub const FILES: &[&str] = &["core.ftl", "cli.ftl", "bundle.ftl", "precheck.ftl"];

/// One thing to check, with indices into the list of chosen files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Unit {
    /// A file named `*.zip`: a bundle.
    Zip { index: usize },
    /// The files under `root`, a folder holding `bagit.txt`: an unzipped bundle.
    Bag { root: String, files: Vec<usize> },
    /// Anything else: a loose document.
    Document { index: usize },
}

fn is_zip_name(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|n| n.len() > 4 && n[n.len() - 4..].eq_ignore_ascii_case(".zip"))
}

/// Sorts the chosen files (paths relative to what was chosen, with `/`, as a browser gives them
/// for a folder) into bags, bundles and documents, like `anyqtama check` does with a folder: a
/// folder with `bagit.txt` is a bag (with everything under it), a `.zip` is a bundle; the rest
/// are documents. In path order.
pub fn plan(paths: &[String]) -> Vec<Unit> {
    let mut roots: Vec<&str> =
        paths.iter().filter_map(|p| p.strip_suffix("/bagit.txt")).filter(|r| !r.is_empty()).collect();
    roots.sort_unstable();
    roots.dedup();
    let inside = |path: &str, root: &str| {
        path.len() > root.len() + 1 && path.starts_with(root) && path.as_bytes()[root.len()] == b'/'
    };
    // A bag inside a bag is part of the outer one.
    let outer: Vec<&str> = roots.iter().copied().filter(|r| !roots.iter().any(|o| inside(r, o))).collect();
    let mut bags: Vec<(String, Vec<usize>)> = outer.iter().map(|r| (r.to_string(), Vec::new())).collect();
    let mut units: Vec<(String, Unit)> = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        if let Some((_, files)) = bags.iter_mut().find(|(root, _)| inside(path, root)) {
            files.push(index);
        } else if is_zip_name(path) {
            units.push((path.clone(), Unit::Zip { index }));
        } else {
            units.push((path.clone(), Unit::Document { index }));
        }
    }
    units.extend(bags.into_iter().map(|(root, files)| (root.clone(), Unit::Bag { root, files })));
    units.sort_by(|a, b| a.0.split('/').cmp(b.0.split('/')));
    units.into_iter().map(|(_, u)| u).collect()
}

/// The built-in regulation with the data files a portal named (as the page loads them: rule
/// sets, calendar years, a sector list), each `(kind, url, text)`; the first that does not load
/// is `(url, reason)`.
pub fn regulation(files: &[(String, String, String)]) -> Result<Regulation, (String, String)> {
    let mut regulation = Regulation::builtin();
    for (kind, url, text) in files {
        let fail = |reason: String| (url.clone(), reason);
        match kind.as_str() {
            "rules" => regulation.rules.load_json(text).map(|_| ()).map_err(|e| fail(e.to_string()))?,
            "calendar" => regulation.calendar.load_year(text).map_err(|e| fail(e.to_string()))?,
            "sectors" => {
                regulation.sectors = Some(anyqtama_core::sectors::SectorList::from_json(text).map_err(fail)?)
            }
            other => return Err(fail(format!("unknown kind of data “{other}”"))),
        }
    }
    Ok(regulation)
}

/// One checked unit, with its texts in every language (in the order of [`Lang::ALL`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// `valid`, `refused`, `unreadable` — or `accepted` for a document of an accepted type.
    pub status: &'static str,
    pub document: bool,
    pub id: String,
    pub counts: [usize; 3],
    pub texts: Vec<(String, Vec<String>)>,
    /// A package's notes (`Note: …`), in every language (empty for other units).
    pub notes: Vec<Vec<String>>,
}

/// A pre-check run: the regulation and day it checks against, and what it found so far.
pub struct Session {
    regulation: Regulation,
    today: Date,
    texts: Vec<Localizer>,
    limits: Limits,
    pub entries: Vec<Entry>,
}

impl Session {
    pub fn new(regulation: Regulation, today: Date) -> Session {
        let texts = Lang::ALL.iter().map(|&l| Localizer::with_files(l, FILES)).collect();
        Session { regulation, today, texts, limits: Limits::default(), entries: Vec::new() }
    }

    /// The largest package accepted, in bytes (a larger file is not read).
    pub fn max_bytes(&self) -> u64 {
        self.limits.max_total_bytes
    }

    fn push_package(&mut self, name: &str, status: Status, report: &VerifyReport) {
        let texts = self
            .texts
            .iter()
            .map(|t| {
                (
                    Row::new(t, status, Some(report)).status,
                    precheck::lines(t, &self.regulation, Some(report), ""),
                )
            })
            .collect();
        let notes = self.texts.iter().map(|t| precheck::notes(t, &self.regulation, Some(report))).collect();
        let row = Row::new(&self.texts[0], status, Some(report));
        self.entries.push(Entry {
            name: name.to_string(),
            status: status.key(),
            document: false,
            id: row.id,
            counts: [row.blockers, row.warnings, row.notes],
            texts,
            notes,
        });
    }

    /// A package that could not be read from the browser: `why` in words.
    fn push_unreadable(&mut self, name: &str, why: &str) {
        let texts = self
            .texts
            .iter()
            .map(|t| {
                let line = t.format("precheck-input-unreadable", &[("reason", why.into())]);
                (Status::Unreadable.text(t), vec![line])
            })
            .collect();
        self.entries.push(Entry {
            name: name.to_string(),
            status: Status::Unreadable.key(),
            document: false,
            id: "—".into(),
            counts: [0; 3],
            texts,
            notes: Vec::new(),
        });
    }

    /// A `.zip` of `size` bytes; `read` gives its bytes (not called when it is too large).
    pub fn zip(&mut self, name: &str, size: u64, read: impl FnOnce() -> Result<Vec<u8>, String>) {
        if size > self.limits.max_total_bytes {
            let r =
                precheck::unreadable(Problem::new("zip.too_large").arg("limit", self.limits.max_total_bytes));
            return self.push_package(name, Status::Unreadable, &r);
        }
        match read() {
            Ok(bytes) => {
                let (status, r) = precheck::check_bytes(&bytes, &self.regulation, self.today);
                self.push_package(name, status, &r);
            }
            Err(why) => self.push_unreadable(name, &why),
        }
    }

    /// An unzipped bag named `root`: its files (path inside the bag, size); `read(i)` gives the
    /// bytes of `files[i]`. Zipped as `anyqtama check` zips a bag folder, then verified.
    pub fn bag(
        &mut self,
        root: &str,
        files: &[(String, u64)],
        read: impl FnMut(usize) -> Result<Vec<u8>, String>,
    ) {
        match precheck::zip_bag(files, &self.limits, self.today, read) {
            Ok(bytes) => {
                let (status, r) = precheck::check_bytes(&bytes, &self.regulation, self.today);
                self.push_package(root, status, &r);
            }
            Err(precheck::BagError::Read { reason, .. }) => self.push_unreadable(root, &reason),
            Err(e) => self.push_package(root, Status::Unreadable, &precheck::unreadable(e.problem(files))),
        }
    }

    /// A loose document: what it is from its first bytes (`head`, 16 are enough), and whether
    /// the rules in force accept that type and size.
    pub fn document(&mut self, name: &str, head: &[u8], size: u64) {
        let kind = sniff(head);
        let rules = self.regulation.rules.in_force(self.today).or_else(|| self.regulation.rules.latest());
        let limits = rules.map(|r| &r.files);
        let accepted = limits.map_or(matches!(kind, Sniffed::Pdf | Sniffed::Jpeg | Sniffed::Png), |f| {
            f.accepted_media_types.iter().any(|m| m == kind.media_type())
        });
        let max = limits.map_or(u64::MAX, |f| f.max_file_bytes);
        let verdict = if size == 0 {
            "precheck-document-empty"
        } else if !accepted {
            "precheck-document-refused"
        } else if size > max {
            "precheck-document-too-large"
        } else {
            "precheck-document-accepted"
        };
        let ok = verdict == "precheck-document-accepted";
        let texts = self
            .texts
            .iter()
            .map(|t| {
                let mb = megabytes(t.lang(), size);
                let max_mb = i64::try_from(max.div_ceil(1 << 20)).unwrap_or(i64::MAX);
                let lines = vec![
                    t.format(
                        "precheck-document-kind",
                        &[("kind", kind.key().into()), ("size", mb.clone().into())],
                    ),
                    t.format(verdict, &[("size", mb.into()), ("max", Value::Num(max_mb))]),
                ];
                let status = if ok { t.text("precheck-status-accepted") } else { Status::Refused.text(t) };
                (status, lines)
            })
            .collect();
        self.entries.push(Entry {
            name: name.to_string(),
            status: if ok { "accepted" } else { Status::Refused.key() },
            document: true,
            id: "—".into(),
            counts: [0; 3],
            texts,
            notes: Vec::new(),
        });
    }

    /// The report in `lang`, as HTML: what was checked and as of when, a summary table like the
    /// command line's (file, result, bundle, blockers, warnings, notes), then each unit's problems
    /// and findings; for loose documents, that a package's checks need the package.
    pub fn html(&self, lang: Lang) -> String {
        let li = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        let t = self.localizer(lang);
        let mut out = format!(
            "<h2 class=\"heading-m\" id=\"precheck-report-heading\">{}</h2>",
            esc(&t.text("precheck-report"))
        );
        out.push_str(&format!(
            "<p>{}</p>",
            esc(&t.format("precheck-as-of", &[("date", t.date(self.today).into())]))
        ));
        let (packages, documents) = self.summary(lang);
        if let Some(summary) = packages {
            out.push_str(&format!("<p data-testid=\"precheck-summary\">{}</p>", esc(&summary)));
        }
        if let Some(summary) = documents {
            out.push_str(&format!("<p data-testid=\"precheck-docs\">{}</p>", esc(&summary)));
            out.push_str(&format!(
                "<div class=\"panel panel--warning\" data-testid=\"precheck-note\"><p>{}</p></div>",
                esc(&t.text("precheck-documents-note"))
            ));
        }
        out.push_str("<table class=\"table precheck-table\" data-testid=\"precheck-table\"><thead><tr>");
        for (col, numeric) in [
            ("file", false),
            ("result", false),
            ("id", false),
            ("blockers", true),
            ("warnings", true),
            ("notes", true),
        ] {
            let class = if numeric { " class=\"table__numeric\"" } else { "" };
            out.push_str(&format!(
                "<th scope=\"col\"{class}>{}</th>",
                esc(&t.text(&format!("precheck-col-{col}")))
            ));
        }
        out.push_str("</tr></thead><tbody>");
        for e in &self.entries {
            let (status, _) = &e.texts[li];
            out.push_str(&format!(
                "<tr data-status=\"{}\"><th scope=\"row\" class=\"precheck-name\">{}</th><td><strong class=\"tag tag--{}\">{}</strong></td><td class=\"precheck-id\">{}</td>",
                e.status,
                esc(&e.name),
                e.status,
                esc(status),
                esc(&e.id)
            ));
            for n in e.counts {
                let n = if e.document { "—".to_string() } else { n.to_string() };
                out.push_str(&format!("<td class=\"table__numeric\">{n}</td>"));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        // Each unit's problems, blockers and warnings (as `anyqtama check` lists them), then its
        // notes (which the command line leaves to its JSON).
        for e in &self.entries {
            let (_, lines) = &e.texts[li];
            let notes = e.notes.get(li).map_or(&[][..], Vec::as_slice);
            if lines.is_empty() && notes.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "<section class=\"precheck-entry\" data-status=\"{}\"><h3 class=\"heading-s precheck-name\">{}</h3>",
                e.status,
                esc(&e.name)
            ));
            for (class, list) in [("precheck-lines", lines.as_slice()), ("precheck-notes", notes)] {
                if !list.is_empty() {
                    out.push_str(&format!("<ul class=\"list {class}\">"));
                    for l in list {
                        out.push_str(&format!("<li>{}</li>", esc(l)));
                    }
                    out.push_str("</ul>");
                }
            }
            out.push_str("</section>");
        }
        out
    }
}

impl Session {
    /// The summary in `lang`: of the packages (as `anyqtama check` ends), of the loose documents.
    pub fn summary(&self, lang: Lang) -> (Option<String>, Option<String>) {
        let t = self.localizer(lang);
        let count =
            |f: &dyn Fn(&Entry) -> bool| Value::Num(self.entries.iter().filter(|e| f(e)).count() as i64);
        let packages = self.entries.iter().any(|e| !e.document).then(|| {
            t.format(
                "check-cli-summary",
                &[
                    ("total", count(&|e| !e.document)),
                    ("valid", count(&|e| e.status == "valid")),
                    ("refused", count(&|e| !e.document && e.status == "refused")),
                    ("unreadable", count(&|e| e.status == "unreadable")),
                ],
            )
        });
        let documents = self.entries.iter().any(|e| e.document).then(|| {
            t.format(
                "precheck-documents-summary",
                &[
                    ("total", count(&|e| e.document)),
                    ("accepted", count(&|e| e.status == "accepted")),
                    ("refused", count(&|e| e.document && e.status == "refused")),
                ],
            )
        });
        (packages, documents)
    }

    /// Forgets what was checked (the regulation and day stay): a new choice of files.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    fn localizer(&self, lang: Lang) -> &Localizer {
        &self.texts[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
    }

    /// The page's form in `lang`, as HTML: what the page does, that nothing is uploaded, a
    /// labelled input for packages (several `.zip`; the area around it takes dropped files and
    /// folders) and one for a folder. No script: the page listens to the inputs' `change`.
    pub fn form_html(&self, lang: Lang) -> String {
        let t = self.localizer(lang);
        let input = |what: &str, attrs: &str| {
            format!(
                "<div class=\"form-group\"><label class=\"label\" for=\"precheck-{what}\">{}</label><p class=\"hint\" id=\"precheck-{what}-hint\">{}</p><input type=\"file\" id=\"precheck-{what}\" name=\"{what}\" multiple {attrs} aria-describedby=\"precheck-{what}-hint\"></div>",
                esc(&t.text(&format!("precheck-{what}-label"))),
                esc(&t.text(&format!("precheck-{what}-hint")))
            )
        };
        format!(
            "<p>{}</p><p class=\"inset\" data-testid=\"precheck-private\">{}</p><div class=\"no-print\"><div class=\"drop-zone\" data-testid=\"precheck-drop\">{}</div>{}</div>",
            esc(&t.text("precheck-intro")),
            esc(&t.text("precheck-private")),
            input("zip", "accept=\".zip,application/zip\""),
            input("folder", "webkitdirectory")
        )
    }

    /// "Checking 3 of 10…" in `lang` (`done` units finished).
    pub fn progress_text(&self, lang: Lang, done: usize, total: usize) -> String {
        let n = |x: usize| Value::Num(i64::try_from(x).unwrap_or(i64::MAX));
        self.localizer(lang).format("precheck-checking", &[("done", n(done + 1)), ("total", n(total))])
    }

    /// The page's status line while it checks, as HTML: the text and a progress bar it labels.
    pub fn progress_html(&self, lang: Lang, done: usize, total: usize) -> String {
        format!(
            "<label for=\"precheck-progress\">{}</label><progress id=\"precheck-progress\" max=\"{total}\" value=\"{done}\"></progress>",
            esc(&self.progress_text(lang, done, total))
        )
    }

    /// The page's status line once done, as HTML: the summaries.
    pub fn summary_html(&self, lang: Lang) -> String {
        let (a, b) = self.summary(lang);
        // For screen readers: the report below shows the same summary.
        format!(
            "<p class=\"visually-hidden\">{}</p>",
            esc(&[a, b].into_iter().flatten().collect::<Vec<_>>().join(" "))
        )
    }
}

/// Says that a data file the portal named did not load (the page's own words for it), as HTML.
pub fn data_failed_html(lang: Lang, url: &str, reason: &str) -> String {
    let t = Localizer::with_files(lang, FILES);
    let text = t.format("precheck-data-failed", &[("url", url.into()), ("reason", reason.into())]);
    format!("<div class=\"error-summary\" role=\"alert\">{}</div>", esc(&text))
}

/// JSON `{"kk": …, "ru": …, "en": …}` of `f(lang)`.
fn by_lang(f: impl Fn(Lang) -> String) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        Lang::ALL.iter().map(|&l| (l.tag().to_string(), f(l).into())).collect();
    serde_json::Value::Object(map).to_string()
}

/// A size in megabytes with one decimal, the local way (`3.4` in English, `3,4` in Kazakh and
/// Russian); at least 0.1.
fn megabytes(lang: Lang, bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1 << 20).max(1);
    let sep = if lang == Lang::En { '.' } else { ',' };
    format!("{}{sep}{}", tenths / 10, tenths % 10)
}

/// Text for HTML (element content and attribute values).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

// --- The worker's interface (assets/precheck-worker.js) --------------------------------------

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Calls the worker's reader (`FileReaderSync` on a `File`) for file `args`.
fn call_read(read: &js_sys::Function, arg: Option<usize>) -> Result<Vec<u8>, String> {
    let arg = arg.map_or(JsValue::UNDEFINED, |i| JsValue::from(i as u32));
    let value = read.call1(&JsValue::NULL, &arg).map_err(|e| {
        e.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
    })?;
    Ok(js_sys::Uint8Array::new(&value).to_vec())
}

/// A pre-check run in the worker.
#[wasm_bindgen]
pub struct PreCheck {
    session: Session,
}

#[wasm_bindgen]
impl PreCheck {
    /// A run as of `today` (`YYYY-MM-DD`, the page's "today"), against the built-in regulation
    /// with the portal's data files (`kinds[i]` of `rules`, `calendar`, `sectors`; fetched by the
    /// worker from `urls[i]`; `texts[i]`). A file that does not load throws an `Error` whose
    /// `url` says which.
    #[wasm_bindgen(constructor)]
    pub fn new(
        today: &str,
        kinds: Vec<String>,
        urls: Vec<String>,
        texts: Vec<String>,
    ) -> Result<PreCheck, JsValue> {
        let today = Date::parse(today).map_err(|e| js_error(format!("today: {e}")))?;
        let files: Vec<(String, String, String)> =
            kinds.into_iter().zip(urls).zip(texts).map(|((k, u), t)| (k, u, t)).collect();
        let regulation = regulation(&files).map_err(|(url, reason)| {
            let e = js_sys::Error::new(&reason);
            let _ = js_sys::Reflect::set(&e, &"url".into(), &url.into());
            JsValue::from(e)
        })?;
        Ok(PreCheck { session: Session::new(regulation, today) })
    }

    /// [`plan`] of the chosen files' paths, as JSON.
    pub fn plan(&self, paths: Vec<String>) -> String {
        serde_json::to_string(&plan(&paths)).unwrap_or_else(|_| "[]".into())
    }

    /// The largest package read, in bytes.
    pub fn max_bytes(&self) -> f64 {
        self.session.max_bytes() as f64
    }

    /// Checks a `.zip` of `size` bytes; `read()` gives its bytes.
    pub fn zip(&mut self, name: &str, size: f64, read: &js_sys::Function) {
        self.session.zip(name, size as u64, || call_read(read, None));
    }

    /// Checks the bag `root`: its files' paths inside it and sizes; `read(i)` gives file `i`.
    pub fn bag(&mut self, root: &str, names: Vec<String>, sizes: Vec<f64>, read: &js_sys::Function) {
        let files: Vec<(String, u64)> = names.into_iter().zip(sizes).map(|(n, s)| (n, s as u64)).collect();
        self.session.bag(root, &files, |i| call_read(read, Some(i)));
    }

    /// Checks a loose document from its first bytes and its size.
    pub fn document(&mut self, name: &str, head: &[u8], size: f64) {
        self.session.document(name, head, size as u64);
    }

    /// The report in every language: JSON `{"kk": html, "ru": html, "en": html}`.
    pub fn report(&self) -> String {
        by_lang(|l| self.session.html(l))
    }

    /// The page's form in every language (JSON, as [`PreCheck::report`]).
    pub fn form(&self) -> String {
        by_lang(|l| self.session.form_html(l))
    }

    /// The page's status line while checking, in every language (JSON of HTML).
    pub fn progress(&self, done: u32, total: u32) -> String {
        by_lang(|l| self.session.progress_html(l, done as usize, total as usize))
    }

    /// The page's status line once done, in every language (JSON of HTML).
    pub fn summary(&self) -> String {
        by_lang(|l| self.session.summary_html(l))
    }

    /// That the data file at `url` did not load, in every language (JSON of HTML).
    pub fn data_failed(url: &str, reason: &str) -> String {
        by_lang(|l| data_failed_html(l, url, reason))
    }

    /// A new choice of files: forgets the last report.
    pub fn clear(&mut self) {
        self.session.clear();
    }
}

#[cfg(test)]
mod tests;
