//! The widget fetches Russian and English as one file each, `locales/<lang>.ftl`, which
//! `scripts/build-offline.mjs` writes by joining [`WIDGET_FILES`]. The file must say exactly what
//! the compiled-in texts say, and the build script must join the files this crate names.

use anyqtama_core::Lang;
use anyqtama_i18n::{embedded, Localizer, Value, WIDGET_FILES};

const BUILD_SCRIPT: &str = include_str!("../../../scripts/build-offline.mjs");

/// A JS array of strings in the build script: `const NAME = ["a", "b"];`.
fn js_list(name: &str) -> Vec<String> {
    let start =
        BUILD_SCRIPT.find(&format!("const {name} = [")).unwrap_or_else(|| panic!("{name} in the script"));
    let rest = &BUILD_SCRIPT[start..];
    let list = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
    list.split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()).collect()
}

/// The fetched file of `lang`, joined as the build script joins it.
fn fetched(lang: Lang) -> &'static str {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../locales");
    let parts: Vec<String> = WIDGET_FILES
        .iter()
        .map(|f| std::fs::read_to_string(format!("{dir}/{}/{f}", lang.tag())).unwrap())
        .collect();
    Box::leak(parts.join("\n").into_boxed_str())
}

#[test]
fn the_build_script_joins_the_files_this_crate_names() {
    assert_eq!(js_list("WIDGET_FILES"), WIDGET_FILES);
    assert_eq!(js_list("FETCHED_LANGS"), ["ru", "en"]);
    // Kazakh is the language the widget never fetches.
    assert!(embedded(Lang::Kk));
}

#[test]
fn a_fetched_language_says_what_the_compiled_in_one_says() {
    for lang in [Lang::Ru, Lang::En] {
        let compiled = Localizer::new(lang);
        let text = fetched(lang);
        let fetched = Localizer::from_text(lang, &[text]);
        // Every message of the fetched file (the widget's: findings, dates, the page).
        let ids: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .collect();
        assert!(ids.iter().filter(|id| id.starts_with("app-")).count() > 100, "{lang}: {} ids", ids.len());
        assert!(ids.iter().any(|id| id.starts_with("finding-")), "{lang}: the findings' texts are there");
        for id in ids {
            for n in [0i64, 1, 2, 5, 21] {
                let args = [("count", Value::from(n)), ("days", Value::from(n)), ("lang", Value::from("X"))];
                assert_eq!(fetched.format(id, &args), compiled.format(id, &args), "{lang} {id} n={n}");
            }
        }
        let d = anyqtama_core::Date::parse("2026-04-01").unwrap();
        assert_eq!(fetched.date(d), compiled.date(d));
        // The command line's texts are not the widget's: not fetched.
        assert!(compiled.has("cli-due") && !fetched.has("cli-due"));
    }
}
