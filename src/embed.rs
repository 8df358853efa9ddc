//! The widget in a host page: what the page asked for ([`Config`]) and what the widget tells it
//! ([`Host::emit`], DOM `CustomEvent`s). `assets/embed.js` turns `<anyqtama-form>`'s
//! attributes or `Anyqtama.mount(element, config)`'s object into the object read here;
//! `docs/EMBEDDING.md` is the integrator's reference.

use crate::data::DataUrls;
use anyqtama_core::{Date, Lang};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Which signature the portal requires on the bundle (`signature`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Signature {
    /// The browser's own device key only (`signature.jws`): integrity, not identity.
    #[default]
    Device,
    /// The applicant's qualified electronic signature through NCALayer (`signature.p7s`); the
    /// device key's `signature.jws` is still written (the bundle's integrity seal).
    Eds,
    /// Both, and the portal says it wants both.
    Both,
}

impl Signature {
    /// Whether the applicant must sign with NCALayer before sending.
    pub fn wants_eds(self) -> bool {
        self != Signature::Device
    }

    fn parse(value: &str) -> Option<Signature> {
        match value.trim() {
            "device" => Some(Signature::Device),
            "eds" => Some(Signature::Eds),
            "both" => Some(Signature::Both),
            _ => None,
        }
    }
}

/// NCALayer's address on the applicant's computer, unless the portal says otherwise.
pub const NCALAYER_URL: &str = "wss://127.0.0.1:13579";

/// What the host page asked for. Everything is optional: an empty configuration is the
/// standalone widget's defaults.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Names this widget's storage; two widgets on a page have two instances.
    pub instance: String,
    /// Where the signed bundle is POSTed (default `/api/bundles` on the page's origin).
    pub endpoint: Option<String>,
    /// The portal's name as the applicant knows it ("eGov", "the migration portal"): the submit
    /// page and the receipt say where the application went (default: "the portal").
    pub portal_name: Option<String>,
    /// The language to show on mount (the applicant can still switch).
    pub lang: Option<Lang>,
    /// The languages offered (empty: all three).
    pub languages: Vec<Lang>,
    /// Newer rule, calendar and sector data, by URL.
    pub data: DataUrls,
    /// Answers filled in from the portal's session (`iin`, `akimat`, …) when still empty.
    pub prefill: Vec<(String, String)>,
    /// "Today" instead of the clock (demonstrations and tests): its start, 00:00.
    pub today: Option<Date>,
    /// "Now" instead of the clock, as Unix seconds (RFC 3339 in the configuration,
    /// `2026-12-04T20:50:00+05:00`); wins over `today`.
    pub now: Option<i64>,
    /// The signature the portal requires (`signature`: `device`, `eds` or `both`).
    pub signature: Signature,
    /// NCALayer's WebSocket (`ncalayer-url`; default [`NCALAYER_URL`]).
    pub ncalayer_url: Option<String>,
    /// Ask NCALayer for a time stamp on the signature (`timestamp` = `true`).
    pub timestamp: bool,
    /// Seconds to wait for NCALayer's answer to a signing request (`ncalayer-timeout`; default
    /// 300: the applicant chooses a key and types its password meanwhile).
    pub ncalayer_timeout: Option<u32>,
    /// The widget is the whole page (`index.html`): it names the document (title, `lang`) and
    /// reads the page's address (`?rules=`, `?submit=`, `?today=`, `?now=`).
    pub page: bool,
    /// What could not be used, as `key=value` (reported by an `anyqtama-error` event).
    pub rejected: Vec<String>,
}

/// The words of a list value (`"kk ru"`, `"kk,ru"`).
fn words(value: &str) -> impl Iterator<Item = &str> {
    value.split([' ', ',']).filter(|p| !p.is_empty())
}

/// A single value, trimmed; `None` when empty.
fn one(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|s| !s.is_empty())
}

/// A language tag: exactly `kk`, `ru` or `en`.
fn lang(tag: &str) -> Option<Lang> {
    Lang::ALL.into_iter().find(|l| l.tag() == tag.trim())
}

/// An instance name: letters, digits, `-` and `_`, at most 64.
fn valid_instance(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Config {
    /// Reads a configuration from its entries, as `assets/embed.js` flattens the object given
    /// to `mount` (lists joined by spaces, `prefill: { iin }` as `prefill.iin`). Unknown keys and
    /// unusable values are kept in [`Config::rejected`], never fatal.
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> Config {
        let mut c = Config::default();
        for (key, value) in entries {
            let mut ok = true;
            match key {
                "instance" => match one(value) {
                    Some(name) if valid_instance(&name) => c.instance = name,
                    None => {}
                    Some(_) => ok = false,
                },
                "endpoint" => c.endpoint = one(value),
                "portalName" => match one(value) {
                    Some(name) if name.chars().count() <= 100 => c.portal_name = Some(name),
                    None => {}
                    Some(_) => ok = false,
                },
                "lang" => {
                    c.lang = lang(value);
                    ok = c.lang.is_some() || value.trim().is_empty();
                }
                "languages" => {
                    for tag in words(value) {
                        match lang(tag) {
                            Some(l) if !c.languages.contains(&l) => c.languages.push(l),
                            Some(_) => {}
                            None => ok = false,
                        }
                    }
                }
                "rulesUrl" => c.data.rules.extend(words(value).map(str::to_string)),
                "calendarUrl" => c.data.calendar.extend(words(value).map(str::to_string)),
                "sectorsUrl" => c.data.sectors = one(value),
                "akimat" => c.prefill.extend(one(value).map(|v| ("akimat".to_string(), v))),
                "today" => {
                    c.today = Date::parse(value.trim()).ok();
                    ok = c.today.is_some() || value.trim().is_empty();
                }
                "now" => {
                    c.now = anyqtama_core::moment::parse_rfc3339(value);
                    ok = c.now.is_some() || value.trim().is_empty();
                }
                "page" => c.page = value == "true",
                "signature" => match Signature::parse(value) {
                    Some(sig) => c.signature = sig,
                    None => ok = value.trim().is_empty(),
                },
                "ncalayer-url" | "ncalayerUrl" => match one(value) {
                    Some(url) if url.starts_with("wss://") || url.starts_with("ws://") => {
                        c.ncalayer_url = Some(url)
                    }
                    None => {}
                    Some(_) => ok = false,
                },
                "timestamp" => c.timestamp = value.trim() == "true",
                "ncalayer-timeout" | "ncalayerTimeout" => match value.trim().parse::<u32>() {
                    Ok(s) if (1..=3600).contains(&s) => c.ncalayer_timeout = Some(s),
                    _ => ok = value.trim().is_empty(),
                },
                _ => match key.strip_prefix("prefill.") {
                    Some(field) if !field.is_empty() => {
                        c.prefill.extend(one(value).map(|v| (field.to_string(), v)));
                    }
                    _ => ok = false,
                },
            }
            if !ok {
                c.rejected.push(format!("{key}={value}"));
            }
        }
        c
    }

    /// From `[key, value, key, value, …]`, as `assets/embed.js` passes it.
    pub fn from_flat(flat: &[String]) -> Config {
        Config::from_entries(flat.chunks_exact(2).map(|kv| (kv[0].as_str(), kv[1].as_str())))
    }

    /// The configuration of the standalone page, from its address.
    pub fn from_location() -> Config {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let get = |k: &str| params.as_ref().and_then(|p| p.get(k)).filter(|s| !s.trim().is_empty());
        // The signature options read like a portal's entries (`?signature=eds&ncalayer-url=…`).
        let signing = ["signature", "ncalayer-url", "timestamp", "ncalayer-timeout"];
        let signing: Vec<(&str, String)> = signing.iter().filter_map(|k| get(k).map(|v| (*k, v))).collect();
        let signing = Config::from_entries(signing.iter().map(|(k, v)| (*k, v.as_str())));
        Config {
            endpoint: get("submit"),
            signature: signing.signature,
            ncalayer_url: signing.ncalayer_url,
            timestamp: signing.timestamp,
            ncalayer_timeout: signing.ncalayer_timeout,
            data: DataUrls::from_query(&search),
            today: get("today").and_then(|d| Date::parse(&d).ok()),
            now: get("now").and_then(|t| anyqtama_core::moment::parse_rfc3339(&t)),
            page: true,
            ..Config::default()
        }
    }

    /// NCALayer's WebSocket address.
    pub fn ncalayer_url(&self) -> &str {
        self.ncalayer_url.as_deref().unwrap_or(NCALAYER_URL)
    }

    /// The languages the header offers.
    pub fn offered(&self) -> Vec<Lang> {
        if self.languages.is_empty() {
            Lang::ALL.to_vec()
        } else {
            self.languages.clone()
        }
    }

    /// The language to start in, given the saved draft's.
    pub fn start_lang(&self, saved: Lang) -> Lang {
        let offered = self.offered();
        match self.lang {
            Some(lang) if offered.contains(&lang) => lang,
            _ if offered.contains(&saved) => saved,
            _ => offered[0],
        }
    }
}

/// The first of the browser's preferred languages (`navigator.languages`: `ru-RU`, `kk`, …)
/// that is offered; Kazakh (or the first offered) when none is.
pub fn preferred_lang<'a>(tags: impl IntoIterator<Item = &'a str>, offered: &[Lang]) -> Lang {
    // The primary subtag: the first two letters, then nothing or `-`/`_` (`kk`, `ru-RU`).
    let primary = |tag: &str| {
        let b = tag.as_bytes();
        let ends = b.len() == 2 || b.get(2).is_some_and(|c| *c == b'-' || *c == b'_');
        Lang::ALL
            .into_iter()
            .find(|l| ends && b.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(l.tag().as_bytes())))
    };
    tags.into_iter()
        .filter_map(primary)
        .find(|l| offered.contains(l))
        .or_else(|| offered.contains(&Lang::Kk).then_some(Lang::Kk))
        .or_else(|| offered.first().copied())
        .unwrap_or_default()
}

/// The browser's preferred languages, most wanted first.
pub fn browser_langs() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// The host page: the element the widget's events are dispatched on, and its configuration.
#[derive(Clone, Debug, Default)]
pub struct Host {
    pub element: Option<web_sys::Element>,
    pub config: Rc<Config>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        self.element == other.element && Rc::ptr_eq(&self.config, &other.config)
    }
}

/// Sets `key` of a plain object (for events' `detail`).
pub fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

impl Host {
    /// Dispatches `anyqtama-<name>` on the host element: it bubbles and leaves the shadow root,
    /// so the page can listen on the element or on `document`.
    pub fn emit(&self, name: &str, detail: &js_sys::Object) {
        let Some(element) = &self.element else { return };
        set(detail, "instance", self.config.instance.as_str());
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&format!("anyqtama-{name}"), &init)
        {
            let _ = element.dispatch_event(&event);
        }
    }

    /// Moves focus to the widget's element with `id` (in its shadow root, where
    /// `document.getElementById` does not look), and scrolls it into view.
    pub fn focus(&self, id: &str) {
        let found = match self.element.as_ref().and_then(|e| e.shadow_root()) {
            Some(shadow) => shadow.get_element_by_id(id),
            None => web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)),
        };
        let Some(el) = found else { return };
        el.scroll_into_view();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }

    /// An `anyqtama-error` event: a stable code and the message shown to the applicant.
    pub fn error(&self, code: &str, message: &str) {
        let detail = js_sys::Object::new();
        set(&detail, "code", code);
        set(&detail, "message", message);
        self.emit("error", &detail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_become_a_configuration_and_bad_values_are_kept_aside() {
        let c = Config::from_entries([
            ("instance", "left-1"),
            ("endpoint", "https://portal.example/api/bundles"),
            ("portalName", " eGov "),
            ("lang", "ru"),
            ("languages", "ru, kk xx ru"),
            ("rulesUrl", "/a.json /b.json"),
            ("calendarUrl", "/2027.json"),
            ("akimat", "almaty"),
            ("prefill.iin", "900101300123"),
            ("prefill.surname", "  "),
            ("today", "2026-11-25"),
            ("colour", "red"),
            ("today", "yesterday"),
            ("now", "2026-12-04T20:50:00+05:00"),
            ("now", "20:50"),
        ]);
        assert_eq!(c.instance, "left-1");
        assert_eq!(c.endpoint.as_deref(), Some("https://portal.example/api/bundles"));
        assert_eq!(c.portal_name.as_deref(), Some("eGov"));
        assert_eq!(c.lang, Some(Lang::Ru));
        assert_eq!(c.languages, [Lang::Ru, Lang::Kk]);
        assert_eq!(c.data.rules, ["/a.json", "/b.json"]);
        assert_eq!(c.data.calendar, ["/2027.json"]);
        assert_eq!(
            c.prefill,
            [("akimat".to_string(), "almaty".to_string()), ("iin".to_string(), "900101300123".to_string())]
        );
        assert_eq!(c.today, None, "the last today was not a date");
        assert!(!c.page);
        assert_eq!(c.now, None, "the last now was not a moment");
        assert_eq!(c.rejected, ["languages=ru, kk xx ru", "colour=red", "today=yesterday", "now=20:50"]);
        let c = Config::from_entries([("now", "2026-12-04T20:50:00+05:00")]);
        assert_eq!(c.now, anyqtama_core::moment::parse_rfc3339("2026-12-04T15:50:00Z"));
    }

    #[test]
    fn the_signature_defaults_to_the_device_key_and_a_portal_may_require_eds() {
        let c = Config::default();
        assert_eq!(c.signature, Signature::Device);
        assert!(!c.signature.wants_eds());
        assert_eq!(c.ncalayer_url(), "wss://127.0.0.1:13579");
        let c = Config::from_entries([
            ("signature", "eds"),
            ("ncalayer-url", "ws://127.0.0.1:4567"),
            ("timestamp", "true"),
            ("ncalayer-timeout", "3"),
        ]);
        assert_eq!(c.signature, Signature::Eds);
        assert!(c.signature.wants_eds() && c.timestamp);
        assert_eq!((c.ncalayer_url(), c.ncalayer_timeout), ("ws://127.0.0.1:4567", Some(3)));
        assert!(Config::from_entries([("signature", "both")]).signature.wants_eds());
        let c = Config::from_entries([
            ("signature", "ecp"),
            ("ncalayer-url", "https://evil.example"),
            ("ncalayer-timeout", "0"),
        ]);
        assert_eq!(
            (c.signature, c.ncalayer_url(), c.ncalayer_timeout),
            (Signature::Device, NCALAYER_URL, None)
        );
        assert_eq!(c.rejected, ["signature=ecp", "ncalayer-url=https://evil.example", "ncalayer-timeout=0"]);
    }

    #[test]
    fn flat_pairs_are_read_two_by_two() {
        let flat: Vec<String> = ["lang", "en", "page", "true", "dangling"].map(String::from).to_vec();
        let c = Config::from_flat(&flat);
        assert_eq!((c.lang, c.page), (Some(Lang::En), true));
        assert!(c.rejected.is_empty());
    }

    #[test]
    fn an_instance_name_that_could_collide_or_inject_is_refused() {
        let c = Config::from_entries([("instance", "a.b/../c")]);
        assert_eq!(c.instance, "");
        assert_eq!(c.rejected, ["instance=a.b/../c"]);
        let long = "x".repeat(65);
        assert_eq!(Config::from_entries([("instance", long.as_str())]).instance, "");
        assert_eq!(Config::from_entries([("lang", "fr")]).rejected, ["lang=fr"]);
    }

    #[test]
    fn without_a_draft_the_browsers_preferred_languages_choose_else_kazakh() {
        let all = Lang::ALL;
        assert_eq!(preferred_lang(["de-DE", "ru-RU", "en"], &all), Lang::Ru);
        assert_eq!(preferred_lang(["en-GB", "kk"], &all), Lang::En);
        assert_eq!(preferred_lang(["KK-kz"], &all), Lang::Kk);
        assert_eq!(preferred_lang(["fr", "de"], &all), Lang::Kk, "none of ours: Kazakh");
        assert_eq!(preferred_lang([], &all), Lang::Kk);
        assert_eq!(preferred_lang(["en"], &[Lang::Ru, Lang::Kk]), Lang::Kk, "en is not offered");
        assert_eq!(preferred_lang(["fr"], &[Lang::Ru, Lang::En]), Lang::Ru, "no Kazakh offered: the first");
    }

    #[test]
    fn the_start_language_is_the_portals_if_offered_else_the_drafts_else_the_first_offered() {
        let c = Config::from_entries([("lang", "en"), ("languages", "kk ru")]);
        assert_eq!(c.offered(), [Lang::Kk, Lang::Ru]);
        assert_eq!(c.start_lang(Lang::Ru), Lang::Ru, "en is not offered: the draft's ru stays");
        assert_eq!(c.start_lang(Lang::En), Lang::Kk, "neither is offered: the first offered");
        let c = Config::from_entries([("lang", "ru")]);
        assert_eq!(c.start_lang(Lang::En), Lang::Ru);
        assert_eq!(Config::default().start_lang(Lang::En), Lang::En);
        assert_eq!(Config::default().offered(), Lang::ALL);
    }
}
