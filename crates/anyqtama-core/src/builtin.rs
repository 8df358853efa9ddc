//! The data compiled into this build, and [`Regulation`]: everything the check needs, in one value.

use crate::akimats::Akimats;
use crate::calendar::Calendar;
use crate::rules::{RuleSet, RuleSets};
use crate::scoring::Criteria;
use crate::sectors::SectorList;

pub const RULES_2026_1: &str = include_str!(concat!(env!("OUT_DIR"), "/rules-2026-01.json"));
pub const AKIMATS: &str = include_str!(concat!(env!("OUT_DIR"), "/lists-akimats.json"));
/// Sample data only (`"official": false`): never loaded by default.
pub const SECTORS_SAMPLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lists-sectors.sample.json"));
/// Sample data only (`"official": false`): never loaded by default.
pub const SCORING_SAMPLE: &str = include_str!(concat!(env!("OUT_DIR"), "/lists-scoring.sample.json"));

/// The built-in rule sets (their data is tested, so this does not fail).
pub fn rule_sets() -> RuleSets {
    RuleSets::new(vec![
        RuleSet::from_json(RULES_2026_1).unwrap_or_else(|e| panic!("built-in rules are valid: {e}"))
    ])
}

pub fn akimats() -> Akimats {
    Akimats::from_json(AKIMATS).unwrap_or_else(|e| panic!("built-in akimat list is valid: {e}"))
}

/// Everything the check works from: rule sets, calendar, akimats, and — only when a portal
/// loads them — the official sector/profession list and the P10 criteria.
#[derive(Clone, Debug)]
pub struct Regulation {
    pub rules: RuleSets,
    pub calendar: Calendar,
    pub akimats: Akimats,
    pub sectors: Option<SectorList>,
    pub scoring: Option<Criteria>,
}

impl Regulation {
    /// The built-in data, without sector list or criteria (we do not have the official ones).
    pub fn builtin() -> Regulation {
        Regulation {
            rules: rule_sets(),
            calendar: Calendar::builtin(),
            akimats: akimats(),
            sectors: None,
            scoring: None,
        }
    }

    /// The built-in data plus the labelled sample sector list and criteria (demos and tests).
    pub fn with_samples() -> Regulation {
        Regulation {
            sectors: Some(SectorList::from_json(SECTORS_SAMPLE).expect("sample sectors are valid")),
            scoring: Some(Criteria::from_json(SCORING_SAMPLE).expect("sample criteria are valid")),
            ..Regulation::builtin()
        }
    }
}

#[cfg(test)]
mod tests {
    /// The data compiled in (build.rs drops the indentation) reads as the files in `data/` do.
    #[test]
    fn the_compiled_in_data_is_the_data_files_without_their_whitespace() {
        let calendar = crate::calendar::BUILTIN_YEARS;
        let cases = [
            (super::RULES_2026_1, "rules/2026-01.json"),
            (super::AKIMATS, "lists/akimats.json"),
            (super::SECTORS_SAMPLE, "lists/sectors.sample.json"),
            (super::SCORING_SAMPLE, "lists/scoring.sample.json"),
            (crate::calendar::BUILTIN_HOLIDAYS, "calendar/holidays.json"),
            (calendar[0], "calendar/2023.json"),
            (calendar[4], "calendar/2027.json"),
        ];
        for (compiled, file) in cases {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/").to_string() + file;
            let text = std::fs::read_to_string(&path).unwrap();
            let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
            assert_eq!(parse(compiled), parse(&text), "{file}");
            assert!(compiled.len() < text.len() && !compiled.contains("\n "), "{file} is compacted");
        }
    }
}
