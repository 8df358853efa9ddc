//! Every error code has its message in Kazakh, Russian and English (`locales/*/eds.ftl`), and
//! the three files have the same ids.

use anyqtama_core::Lang;
use anyqtama_eds::ErrorCode;
use anyqtama_i18n::Localizer;

#[test]
fn every_code_has_three_messages() {
    for lang in [Lang::Kk, Lang::Ru, Lang::En] {
        let l = Localizer::with_files(lang, &["eds.ftl"]);
        for code in ErrorCode::ALL {
            assert!(l.has(code.code()), "{lang:?} lacks {}", code.code());
            assert_ne!(l.text(code.code()), code.code());
        }
    }
    let ids = |src: &str| -> Vec<String> {
        src.lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .collect()
    };
    let en = ids(include_str!("../../../locales/en/eds.ftl"));
    assert_eq!(ids(include_str!("../../../locales/kk/eds.ftl")), en);
    assert_eq!(ids(include_str!("../../../locales/ru/eds.ftl")), en);
    let codes: std::collections::HashSet<_> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(codes.len(), ErrorCode::ALL.len(), "codes are distinct");
}
