//! The first page's texts compiled into the widget for ru and en (`Localizer::first_page`,
//! `locales/first-page.txt`): each says exactly what the language's full texts say, and a message
//! they lack is said in Kazakh, never as its id.

use anyqtama_core::Lang;
use anyqtama_i18n::{Localizer, Value};

fn listed() -> Vec<String> {
    let list = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales/first-page.txt"))
        .unwrap();
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// Arguments enough for any message of the list (the ones it does not use are ignored).
fn args() -> Vec<(&'static str, Value<'static>)> {
    [
        ("version", Value::from("2026.1")),
        ("date", Value::from("20 Jan 2026")),
        ("kinds", Value::from(5)),
        ("step", Value::from(2)),
        ("total", Value::from(7)),
        ("files", Value::from(3)),
        ("url", Value::from("/rules.json")),
        ("reason", Value::from("HTTP 404")),
        ("lang", Value::from("English")),
        ("day", Value::from(4)),
        ("month", Value::from("Dec")),
        ("year", Value::from(2026)),
    ]
    .into_iter()
    .collect()
}

#[test]
fn the_first_page_texts_are_the_languages_own() {
    let ids = listed();
    assert!(ids.len() >= 20, "{ids:?}");
    for lang in [Lang::Ru, Lang::En] {
        let (first, full) = (Localizer::first_page(lang), Localizer::new(lang));
        assert!(first.is_partial() && !full.is_partial());
        for id in &ids {
            assert!(first.has(id), "{lang}: {id} is not among the first page's texts");
            assert_eq!(first.format(id, &args()), full.format(id, &args()), "{lang}: {id}");
        }
        assert!(!first.fell_back(), "{lang}: every listed message is there");
        assert_eq!(
            first.date(anyqtama_core::Date::from_ymd(2026, 12, 4).unwrap()),
            full.date(anyqtama_core::Date::from_ymd(2026, 12, 4).unwrap())
        );
    }
}

#[test]
fn a_message_the_first_page_lacks_is_said_in_kazakh() {
    let kazakh = Localizer::new(Lang::Kk);
    for lang in [Lang::Ru, Lang::En] {
        let first = Localizer::first_page(lang);
        // A message of a later page: not in the list, so not in the subset.
        let id = "app-check-heading";
        assert!(!listed().iter().any(|l| l == id) && !first.has(id) && kazakh.has(id));
        assert!(!first.fell_back());
        assert_eq!(first.text(id), kazakh.text(id), "{lang}");
        assert!(first.fell_back(), "{lang}: the fallback is said");
        assert_eq!(first.lang(), lang);
    }
    // Kazakh's first page is all of Kazakh.
    let kk = Localizer::first_page(Lang::Kk);
    assert!(!kk.is_partial() && kk.has("app-check-heading"));
}
