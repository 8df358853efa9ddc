//! Localized messages: the bundle's problems (`bundle.ftl`) and the core's findings
//! (`core.ftl`) through the [`Localizer`], and the server's own texts (`server.ftl`), in the
//! language the client asks for with `Accept-Language` (kk, ru or en; Kazakh by default).

use anyqtama_bundle::Problem;
use anyqtama_core::{Finding, Lang, RuleSet};
use anyqtama_i18n::mini::{self, Arg};
use anyqtama_i18n::Localizer;

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

/// The texts of a bundle's problems and report, shared with `anyqtama check` and the widget's
/// pre-check (they live in `anyqtama_bundle::precheck`, which also builds for wasm32).
pub use anyqtama_bundle::precheck::{errors_json, problem_message, report_json, rules_of};

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
    "server-busy",
    "server-rate-limited",
    "server-timeout",
    "server-unauthorized",
    "server-revoked",
    "server-status-token",
    "server-bad-query",
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
