//! The data readers take files a portal supplies at run time: whatever the bytes, they answer
//! with a value or an error that says where, and never panic. Random mutations of the built-in
//! files (bytes changed, cut, duplicated, nested) are read by every loader.

use anyqtama_core::akimats::Akimats;
use anyqtama_core::builtin::{AKIMATS, RULES_2026_1};
use anyqtama_core::calendar::{BUILTIN_HOLIDAYS, BUILTIN_YEARS};
use anyqtama_core::{Calendar, RuleSet};
use proptest::prelude::*;

/// One mutation of `text`, as bytes (so that invalid UTF-8 is tried too; the loaders take
/// `&str`, so a text that is no longer UTF-8 is read lossily, as a web page's fetch would).
#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Cut(usize),
    Remove(usize, usize),
    Duplicate(usize, usize),
    Wrap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop::sample::select(b"{}[]\",:0123456789-.eE\\ntrufalsu \x00\xff".to_vec());
    prop_oneof![
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Set(i, b)),
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<usize>(), 1usize..256).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<usize>(), 1usize..300).prop_map(|(i, n)| Mutation::Wrap(i, n)),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut b = text.as_bytes().to_vec();
    for m in mutations {
        let len = b.len().max(1);
        match *m {
            Mutation::Set(i, x) => {
                if !b.is_empty() {
                    b[i % len] = x;
                }
            }
            Mutation::Cut(i) => b.truncate(i % len),
            Mutation::Remove(i, n) => {
                let i = i % len;
                b.drain(i..(i + n).min(b.len()));
            }
            Mutation::Duplicate(i, n) => {
                let i = i % len;
                let part: Vec<u8> = b[i.min(b.len())..(i + n).min(b.len())].to_vec();
                b.splice(i.min(b.len())..i.min(b.len()), part);
            }
            Mutation::Wrap(i, n) => {
                let i = i % len;
                let at = i.min(b.len());
                b.splice(at..at, std::iter::repeat_n(b'[', n));
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_rule_files_are_read_or_refused(ms in prop::collection::vec(mutation(), 1..4)) {
        let text = apply(RULES_2026_1, &ms);
        if let Err(e) = RuleSet::from_json(&text) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn mutated_calendar_files_are_read_or_refused(ms in prop::collection::vec(mutation(), 1..4), year in 0usize..5) {
        let mut calendar = Calendar::builtin();
        let text = apply(BUILTIN_YEARS[year % BUILTIN_YEARS.len()], &ms);
        if let Err(e) = calendar.load_year(&text) {
            prop_assert!(!e.to_string().is_empty());
        }
        let holidays = apply(BUILTIN_HOLIDAYS, &ms);
        if let Err(e) = Calendar::from_json(&holidays, BUILTIN_YEARS) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn mutated_akimat_lists_are_read_or_refused(ms in prop::collection::vec(mutation(), 1..4)) {
        if let Err(e) = Akimats::from_json(&apply(AKIMATS, &ms)) {
            prop_assert!(!e.is_empty());
        }
    }
}

/// The mutations do reach the readers' errors: a sample of them is refused, with a place.
#[test]
fn a_cut_rule_file_is_refused_with_where() {
    let cut = &RULES_2026_1[..RULES_2026_1.len() / 2];
    let e = RuleSet::from_json(cut).unwrap_err().to_string();
    assert!(e.contains("line") || e.contains("EOF") || e.contains("end"), "{e}");
}
