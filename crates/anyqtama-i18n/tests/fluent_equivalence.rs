//! `mini` (the formatter the widget ships) against fluent-bundle (the reference): every message of
//! every language, with numbers that hit each plural category, string arguments, and a missing
//! argument, must come out the same.

use anyqtama_core::Lang;
use anyqtama_i18n::{message_ids, sources, Localizer, Value};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

#[test]
fn the_small_formatter_says_exactly_what_fluent_bundle_says() {
    let mut checked = 0;
    for lang in Lang::ALL {
        let id: unic_langid::LanguageIdentifier = lang.tag().parse().unwrap();
        let mut b = FluentBundle::new(vec![id]);
        b.set_use_isolating(false);
        for s in sources(lang) {
            b.add_resource(FluentResource::try_new(s.to_string()).unwrap()).unwrap();
        }
        let t = Localizer::new(lang);
        for mid in message_ids(lang) {
            let src: String = sources(lang).join("\n");
            let mut body = String::new();
            let mut on = false;
            for line in src.lines() {
                if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '#') {
                    on = line.split('=').next().unwrap().trim_end() == mid;
                }
                if on {
                    body.push_str(line);
                    body.push('\n');
                }
            }
            let mut vars: Vec<&str> = body
                .split('$')
                .skip(1)
                .map(|v| v.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')).next().unwrap())
                .collect();
            vars.sort();
            vars.dedup();
            for n in [0i64, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1000, -1] {
                for mode in 0..3 {
                    let mut fargs = FluentArgs::new();
                    let mut margs: Vec<(&str, Value)> = Vec::new();
                    for (k, v) in vars.iter().enumerate() {
                        if mode == 2 && k == 0 {
                            continue;
                        } // missing variable
                        if mode == 1 && k % 2 == 1 {
                            fargs.set(*v, FluentValue::from(format!("s{k}")));
                            margs.push((v, Value::from(format!("s{k}"))));
                        } else {
                            fargs.set(*v, FluentValue::from(n + k as i64));
                            margs.push((v, Value::from(n + k as i64)));
                        }
                    }
                    let msg = b.get_message(&mid).unwrap();
                    let mut errs = vec![];
                    let want = b.format_pattern(msg.value().unwrap(), Some(&fargs), &mut errs).to_string();
                    let got = t.format(&mid, &margs);
                    assert_eq!(got, want, "{} {mid} vars={vars:?} n={n} mode={mode}", lang.tag());
                    checked += 1;
                }
            }
        }
    }
    eprintln!("checked {checked}");
    assert!(checked > 1000);
}
