//! Which of the report's blockers belong to which page, and where each one's link points.

use crate::context::{field_id, item_id, Shared};
use crate::draft::Step;
use crate::steps;
use anyqtama_core::report::{Arg, Finding, Severity, Target};

/// The blockers a page must clear before "continue" goes on.
pub fn page_blockers<'a>(shared: &'a Shared, step: &Step) -> Vec<&'a Finding> {
    let rules = shared.rules();
    let kind = shared.kind();
    let blockers = shared.report.findings.iter().filter(|f| f.severity == Severity::Blocker);
    match step {
        Step::Section(id) => {
            let Some(section) = rules.form.iter().find(|s| &s.id == id) else { return Vec::new() };
            let fields: Vec<&str> = steps::asked(section, kind).map(|f| f.id.as_str()).collect();
            blockers
                .filter(|f| matches!(&f.target, Target::Field(x) if fields.contains(&x.as_str())))
                .collect()
        }
        Step::Documents => {
            blockers.filter(|f| matches!(f.target, Target::Item(_) | Target::Package)).collect()
        }
        Step::Check | Step::Print | Step::Submit => blockers.collect(),
    }
}

/// The element a finding's summary link moves focus to.
pub fn anchor(f: &Finding) -> String {
    match &f.target {
        // A date's wrong part (its month or year box; the day box has the field's id).
        Target::Field(id) => match f.args.get("part") {
            Some(Arg::Text(part)) if part != "day" => format!("{}-{part}", field_id(id)),
            _ => field_id(id),
        },
        Target::Item(id) => item_id(id),
        Target::Package => "main".to_string(),
    }
}

/// The page on which a finding is fixed.
pub fn page_of(shared: &Shared, f: &Finding) -> Step {
    match &f.target {
        Target::Field(id) => steps::page_of_field(shared.rules(), id).unwrap_or(Step::Check),
        Target::Item(_) | Target::Package => Step::Documents,
    }
}
