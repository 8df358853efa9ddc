//! The data compiled into this build, and [`Regulation`]: everything the check needs, in one value.

use crate::akimats::Akimats;
use crate::calendar::Calendar;
use crate::rules::{RuleSet, RuleSets};
use crate::scoring::Criteria;
use crate::sectors::SectorList;

pub const RULES_2026_1: &str = include_str!("../../../data/rules/2026-01.json");
pub const AKIMATS: &str = include_str!("../../../data/lists/akimats.json");
/// Sample data only (`"official": false`): never loaded by default.
pub const SECTORS_SAMPLE: &str = include_str!("../../../data/lists/sectors.sample.json");
/// Sample data only (`"official": false`): never loaded by default.
pub const SCORING_SAMPLE: &str = include_str!("../../../data/lists/scoring.sample.json");

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
