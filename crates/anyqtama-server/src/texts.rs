//! Localized messages: the bundle's problems (`bundle.ftl`) and the core's findings
//! (`core.ftl`) through the [`Localizer`], and the server's own texts (`server.ftl`), in the
//! language the client asks for with `Accept-Language` (kk, ru or en; Kazakh by default).

use anyqtama_bundle::{Problem, VerifyReport};
use anyqtama_core::{Finding, Lang, Regulation, RuleSet};
use anyqtama_i18n::mini::{self, Arg};
use anyqtama_i18n::{Localizer, Value};
use serde_json::{json, Value as Json};

/// `locales/<lang>/server.ftl`, loaded here until the i18n crate embeds it with the others.
fn server_sources(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => include_str!("../../../locales/kk/server.ftl"),
        Lang::Ru => include_str!("../../../locales/ru/server.ftl"),
        Lang::En => include_str!("../../../locales/en/server.ftl"),
    }
}

/// The texts of one language.
pub struct Texts {
    pub localizer: Localizer,
    server: mini::Bundle,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts {
            localizer: Localizer::new(lang),
            server: mini::Bundle::new(lang.tag(), &[server_sources(lang)]),
        }
    }

    pub fn lang(&self) -> Lang {
        self.localizer.lang()
    }

    /// A message of `server.ftl`; the id itself if it is missing (never panics).
    pub fn server(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.server.format(id, args).unwrap_or_else(|| id.to_string())
    }

    /// Whether `server.ftl` has the message `id`.
    pub fn has_server(&self, id: &str) -> bool {
        self.server.has(id)
    }

    /// A problem's message, without its path.
    pub fn problem(&self, p: &Problem) -> String {
        problem_message(&self.localizer, p)
    }

    pub fn finding(&self, f: &Finding, rules: &RuleSet) -> String {
        self.localizer.finding(f, rules)
    }
}

/// The message of a bundle's problem (`bundle-<code>` with its arguments; numbers as numbers,
/// so that plurals agree).
pub fn problem_message(t: &Localizer, p: &Problem) -> String {
    let args: Vec<(&str, Value<'_>)> = p
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), v.parse::<i64>().map_or_else(|_| Value::from(v.as_str()), Value::Num)))
        .collect();
    t.format(&p.message_id(), &args)
}

/// The rule set a verified bundle's report was made with (the latest when unknown).
pub fn rules_of<'r>(regulation: &'r Regulation, r: &VerifyReport) -> Option<&'r RuleSet> {
    let version = r.report.as_ref().and_then(|rep| rep.rules_version.as_deref());
    let all = regulation.rules.all();
    all.iter().find(|s| Some(s.version.as_str()) == version).or_else(|| regulation.rules.latest())
}

/// A bundle's problems as JSON: `[{code, path, args, message}]` — what `anyqtama verify --json`
/// prints and the server answers.
pub fn errors_json(t: &Localizer, r: &VerifyReport) -> Json {
    r.errors
        .iter()
        .map(|p| json!({"code": p.code, "path": p.path, "args": p.args, "message": problem_message(t, p)}))
        .collect()
}

/// The check's report on a bundle's application as JSON, each finding with its message; null
/// when the application could not be read.
pub fn report_json(t: &Localizer, regulation: &Regulation, r: &VerifyReport) -> Json {
    let (Some(report), Some(rules)) = (&r.report, rules_of(regulation, r)) else {
        return Json::Null;
    };
    let findings: Vec<Json> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            v["message"] = t.finding(f, rules).into();
            v
        })
        .collect();
    json!({
        "rules_version": report.rules_version,
        "calendar_version": report.calendar_version,
        "kind": report.kind,
        "may_submit": report.may_submit,
        "blockers": report.blockers,
        "warnings": report.warnings,
        "notes": report.notes,
        "findings": findings,
    })
}

/// The language of an `Accept-Language` header: the supported one (kk, ru, en) with the
/// highest weight, the first listed on a tie; Kazakh when none is supported.
pub fn negotiate(header: Option<&str>) -> Lang {
    let mut best: Option<(Lang, f32)> = None;
    for part in header.unwrap_or("").split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let Some(lang) = Lang::parse(primary) else { continue };
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((lang, q));
        }
    }
    best.map_or(Lang::Kk, |(l, _)| l)
}

/// Every message id of `server.ftl` the server uses.
pub const IDS: &[&str] = &[
    "server-invalid",
    "server-blocked",
    "server-too-large",
    "server-content-type",
    "server-idempotency-key",
    "server-idempotency-conflict",
    "server-id-conflict",
    "server-not-found",
    "server-method",
    "server-internal",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_language() {
        assert_eq!(negotiate(None), Lang::Kk);
        assert_eq!(negotiate(Some("de-DE, fr")), Lang::Kk);
        assert_eq!(negotiate(Some("ru-RU,ru;q=0.9,en;q=0.8")), Lang::Ru);
        assert_eq!(negotiate(Some("de, en;q=0.5, ru;q=0.7")), Lang::Ru);
        assert_eq!(negotiate(Some("en-GB")), Lang::En);
        assert_eq!(negotiate(Some("kk, en")), Lang::Kk);
        assert_eq!(negotiate(Some("en;q=0")), Lang::Kk);
    }

    #[test]
    fn every_server_text_exists_in_every_language() {
        for id in IDS {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                assert!(Texts::new(lang).has_server(id), "{id} missing in {}", lang.tag());
            }
        }
    }

    #[test]
    fn counted_messages_are_whole_sentences() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let t = Texts::new(lang);
            for id in ["server-invalid", "server-blocked"] {
                for n in [1, 2, 5, 21] {
                    let text = t.server(id, &[("count", Arg::Num(n))]);
                    assert!(text.contains(&n.to_string()) || n == 1, "{id} {n}: {text}");
                    assert!(text.ends_with('.'), "{id} {n} in {}: {text}", lang.tag());
                }
            }
        }
    }
}
