//! Anyqtama's texts in Kazakh, Russian and English.
//!
//! The Fluent files under `locales/<lang>/` are compiled in (Russian and English only with the
//! default feature `all-languages`; the widget fetches them instead, [`Localizer::from_text`]);
//! [`Localizer`] formats messages, dates the local way, the reasons a day was skipped, and the
//! findings of a report.

use anyqtama_core::calendar::DayKind;
use anyqtama_core::report::{Arg, Finding};
use anyqtama_core::rules::RuleSet;
use anyqtama_core::{Date, Lang};
use fluent_bundle::FluentResource;
mod messages;
pub mod mini;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

/// The Fluent files of each language, in the order they are added to the bundle.
pub const FILES: [&str; 7] =
    ["core.ftl", "cli.ftl", "app.ftl", "bundle.ftl", "server.ftl", "precheck.ftl", "eds.ftl"];

/// The files the widget needs, in this order: in a language that is not compiled into it, it
/// fetches them joined into one file, `locales/<lang>.ftl`, written by `scripts/build-offline.mjs`
/// (its `WIDGET_FILES` must equal this list; a test reads it).
pub const WIDGET_FILES: &[&str] = &["core.ftl", "app.ftl"];

/// One embedded Fluent file: `ftl!("kk", "core.ftl")` (`locales/kk/core.ftl` without its
/// comments: build.rs).
macro_rules! ftl {
    ($lang:literal, $file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $lang, "/", $file))
    };
}

/// Whether `lang`'s texts are compiled in: Kazakh (the default) always; Russian and English with
/// the feature `all-languages` (on by default: the command line, the server and the pre-check
/// worker have all three). The widget leaves it off and fetches them when the applicant chooses
/// them (docs/OFFLINE.md).
pub const fn embedded(lang: Lang) -> bool {
    matches!(lang, Lang::Kk) || cfg!(feature = "all-languages")
}

/// Every Fluent file of one language, in the order of [`FILES`] (all "" for a language not
/// compiled in).
pub fn all_sources(lang: Lang) -> [&'static str; FILES.len()] {
    macro_rules! all {
        ($l:literal) => {
            [
                ftl!($l, "core.ftl"),
                ftl!($l, "cli.ftl"),
                ftl!($l, "app.ftl"),
                ftl!($l, "bundle.ftl"),
                ftl!($l, "server.ftl"),
                ftl!($l, "precheck.ftl"),
                ftl!($l, "eds.ftl"),
            ]
        };
    }
    match lang {
        Lang::Kk => all!("kk"),
        #[cfg(feature = "all-languages")]
        Lang::Ru => all!("ru"),
        #[cfg(feature = "all-languages")]
        Lang::En => all!("en"),
        #[cfg(not(feature = "all-languages"))]
        _ => [""; FILES.len()],
    }
}

/// The files [`Localizer::new`] loads: all of them natively. The widget (wasm32) leaves out the
/// command line's (`cli.ftl`), the bundle's (`bundle.ftl`) and the pre-check page's
/// (`precheck.ftl`) — the pre-check worker's module asks for them with
/// [`Localizer::with_files`], so they are in that lazily loaded module, not the first page —
/// and the intake server's (`server.ftl`, never in the widget), and the electronic signature's
/// (`eds.ftl`: the submit page's module asks for it the same way).
pub fn sources(lang: Lang) -> [&'static str; FILES.len()] {
    #[cfg(not(target_arch = "wasm32"))]
    return all_sources(lang);
    #[cfg(target_arch = "wasm32")]
    {
        let [core, _, app, _, _, _, _] = all_sources(lang);
        [core, "", app, "", "", "", ""]
    }
}

/// A value for a message argument.
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Num(i64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
}
impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Str(Cow::Owned(s))
    }
}
impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Num(n)
    }
}

/// Formats the messages of one language.
pub struct Localizer {
    lang: Lang,
    bundle: mini::Bundle,
    /// Only for [`Localizer::first_page`]: Kazakh, for a message it lacks (made on first need).
    fallback: Option<OnceLock<Box<Localizer>>>,
    /// Whether a message was missing and the fallback answered.
    fell_back: AtomicBool,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("lang", &self.lang).finish()
    }
}

impl Localizer {
    /// The localizer of `lang` from the embedded files (see [`embedded`]: a language that is not
    /// compiled in has no messages, so every text is its id). The embedded files are checked by
    /// the tests; an entry that does not parse is skipped, never a panic.
    pub fn new(lang: Lang) -> Localizer {
        Localizer::from_text(lang, &sources(lang))
    }

    /// The localizer of `lang` from Fluent text given at run time: the widget's
    /// `locales/<lang>.ftl` (the [`WIDGET_FILES`] joined), fetched when the applicant chooses a
    /// language that is not compiled in. The text must live as long as the program (the widget
    /// keeps each language it fetched once).
    pub fn from_text(lang: Lang, sources: &[&'static str]) -> Localizer {
        Localizer::of(lang, mini::Bundle::new(lang.tag(), sources))
    }

    fn of(lang: Lang, bundle: mini::Bundle) -> Localizer {
        Localizer { lang, bundle, fallback: None, fell_back: AtomicBool::new(false) }
    }

    /// The texts of the widget's first page in `lang` (`locales/first-page.txt`), compiled in
    /// for ru and en too, so that a first visit in those languages renders at once while the
    /// rest of their texts is fetched. A message that is not among them is formatted in Kazakh
    /// (and [`Localizer::fell_back`] says so). Kazakh's own are all of them.
    pub fn first_page(lang: Lang) -> Localizer {
        let subset = match lang {
            Lang::Kk => return Localizer::new(Lang::Kk),
            Lang::Ru => ftl!("ru", "first-page.ftl"),
            Lang::En => ftl!("en", "first-page.ftl"),
        };
        Localizer { fallback: Some(OnceLock::new()), ..Localizer::from_text(lang, &[subset]) }
    }

    /// Whether these are only some of the language's texts ([`Localizer::first_page`]).
    pub fn is_partial(&self) -> bool {
        self.fallback.is_some()
    }

    /// Whether a message was asked for that these texts lack, and was given in Kazakh instead.
    pub fn fell_back(&self) -> bool {
        self.fell_back.load(Ordering::Relaxed)
    }

    /// The localizer of `lang` with only the named files of [`FILES`] (e.g. `core.ftl`,
    /// `cli.ftl`, `bundle.ftl` for the pre-check), whatever the target: a worker module embeds
    /// what it needs and no more.
    pub fn with_files(lang: Lang, files: &[&str]) -> Localizer {
        let chosen: Vec<&str> =
            FILES.iter().zip(all_sources(lang)).filter(|(f, _)| files.contains(f)).map(|(_, s)| s).collect();
        Localizer::of(lang, mini::Bundle::new(lang.tag(), &chosen))
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the message `id` exists in this language.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has(id)
    }

    /// The message `id` without arguments; the id itself if it is missing (never panics).
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with arguments; the id itself if it is missing (never panics).
    pub fn format(&self, id: &str, args: &[(&str, Value<'_>)]) -> String {
        let margs: Vec<(&str, mini::Arg<'_>)> = args
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    match v {
                        Value::Str(s) => mini::Arg::Str(s),
                        Value::Num(n) => mini::Arg::Num(*n),
                    },
                )
            })
            .collect();
        match (self.bundle.format(id, &margs), &self.fallback) {
            (Some(text), _) => text,
            (None, Some(kazakh)) => {
                self.fell_back.store(true, Ordering::Relaxed);
                kazakh.get_or_init(|| Box::new(Localizer::new(Lang::Kk))).format(id, args)
            }
            (None, None) => id.to_string(),
        }
    }

    /// A date the local way: "1 Apr 2026", "1 апреля 2026 г.", "2026 ж. 1 сәуір".
    pub fn date(&self, d: Date) -> String {
        let month = self.text(&format!("month-{}", d.month()));
        self.format(
            "date-long",
            &[
                ("day", Value::Num(i64::from(d.day()))),
                ("month", Value::Str(Cow::Owned(month))),
                ("year", Value::Num(i64::from(d.year()))),
            ],
        )
    }

    /// A date with its weekday: "Wed 1 Apr 2026".
    pub fn date_with_weekday(&self, d: Date) -> String {
        let weekday = self.text(&format!("weekday-short-{}", d.weekday().key()));
        self.format(
            "date-with-weekday",
            &[("weekday", Value::Str(Cow::Owned(weekday))), ("date", Value::Str(Cow::Owned(self.date(d))))],
        )
    }

    /// Why a day is not (or is) a working day: "Nauryz", "Saturday", "Nauryz (moved from Sat 21 Mar 2026)".
    pub fn day_reason(&self, kind: &DayKind, date: Date) -> String {
        match kind {
            DayKind::Working => self.text("day-working"),
            DayKind::Weekend => self.text(&format!("weekday-long-{}", date.weekday().key())),
            DayKind::WorkedWeekend { reason, .. } => {
                self.format("day-worked-weekend", &[("reason", reason.get(self.lang).into())])
            }
            DayKind::Holiday { name, .. } => name.get(self.lang).to_string(),
            DayKind::ObservedHoliday { name, original, .. } => self.format(
                "day-observed-holiday",
                &[
                    ("holiday", name.get(self.lang).into()),
                    ("original", Value::Str(Cow::Owned(self.date_with_weekday(*original)))),
                ],
            ),
            DayKind::TransferredDayOff { reason, .. } => {
                self.format("day-transferred-off", &[("reason", reason.get(self.lang).into())])
            }
        }
    }

    /// The text of an argument of a finding, in this language.
    pub fn arg(&self, arg: &Arg, rules: &RuleSet) -> String {
        let lang = self.lang;
        let label = |l: Option<&anyqtama_core::Localized>, id: &str| {
            l.map(|l| l.get(lang).to_string()).unwrap_or_else(|| id.to_string())
        };
        match arg {
            Arg::Text(s) => s.clone(),
            Arg::Number(n) => n.to_string(),
            Arg::Date(d) => self.date(*d),
            Arg::Day(d) => self.date_with_weekday(*d),
            Arg::Field(id) => label(rules.field(id).map(|f| &f.label), id),
            Arg::Item(id) => label(rules.item(id).map(|i| &i.label), id),
            Arg::Confirmation(id) => label(rules.confirmation(id).map(|c| &c.label), id),
            Arg::Kind(id) => label(rules.kind(id).map(|k| &k.label), id),
            Arg::Label(l) => l.get(lang).to_string(),
        }
    }

    /// A finding's message in this language.
    pub fn finding(&self, finding: &Finding, rules: &RuleSet) -> String {
        let args: Vec<(&str, Value<'_>)> = finding
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Number(n) => Value::Num(*n),
                    other => Value::Str(Cow::Owned(self.arg(other, rules))),
                };
                (k.as_str(), value)
            })
            .collect();
        self.format(&finding.message, &args)
    }
}

/// The message ids defined in one language's files (for completeness tests).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    for source in sources(lang) {
        for line in source.lines() {
            let Some((head, _)) = line.split_once('=') else { continue };
            let head = head.trim_end();
            let starts_ok = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
            if starts_ok && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                ids.push(head.to_string());
            }
        }
    }
    ids.sort();
    ids
}

/// Parse errors of the embedded files of one language, as text (empty when all parse).
pub fn parse_errors(lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (file, source) in FILES.iter().zip(sources(lang)) {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            out.extend(errors.iter().map(|e| format!("{}/{file}: {e:?}", lang.tag())));
        }
    }
    out
}
