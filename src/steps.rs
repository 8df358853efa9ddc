//! The journey: which pages, in which order, for a kind of request — worked out from the rule
//! data, so that a new section or field is a data change.
//!
//! Every section of the A1 form is a page, except the last one (consent and date), which is
//! asked on "check your answers". The documents page comes just before the section of dates
//! (the events whose deadlines depend on the documents' story). A section none of whose fields
//! is asked for the kind (the employer and the dates, for a first issue: `if_kind` and
//! `asked_for` in the rule data) is skipped. Before a kind is chosen the journey's length is not
//! known, and the progress line says only "Step 1".

use crate::draft::Step;
use anyqtama_core::rules::{Field, RuleSet, Section};

/// The section shown on "check your answers" rather than on a page of its own.
pub const DECLARATION: &str = "declaration";
/// The documents page comes before this section.
pub const DOCUMENTS_BEFORE: &str = "events";

/// The fields of `section` asked for `kind`.
pub fn asked<'a>(section: &'a Section, kind: Option<&'a str>) -> impl Iterator<Item = &'a Field> + 'a {
    section.fields.iter().filter(move |f| f.is_asked(kind))
}

/// The pages for `kind`, in order (ending with check your answers).
pub fn journey(rules: &RuleSet, kind: Option<&str>) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut documents_placed = false;
    for section in &rules.form {
        if section.id == DECLARATION {
            continue;
        }
        if section.id == DOCUMENTS_BEFORE && kind.is_some() {
            steps.push(Step::Documents);
            documents_placed = true;
        }
        if asked(section, kind).next().is_some() {
            steps.push(Step::Section(section.id.clone()));
        }
    }
    if !documents_placed && kind.is_some() {
        steps.push(Step::Documents);
    }
    steps.push(Step::Check);
    steps
}

/// The page after `step` (or `None` on the last one).
pub fn next(rules: &RuleSet, kind: Option<&str>, step: &Step) -> Option<Step> {
    let steps = journey(rules, kind);
    let i = steps.iter().position(|s| s == step)?;
    steps.get(i + 1).cloned()
}

/// The page before `step`.
pub fn previous(rules: &RuleSet, kind: Option<&str>, step: &Step) -> Option<Step> {
    let steps = journey(rules, kind);
    let i = steps.iter().position(|s| s == step)?;
    i.checked_sub(1).map(|i| steps[i].clone())
}

/// The page on which `field` is asked.
pub fn page_of_field(rules: &RuleSet, field: &str) -> Option<Step> {
    let section = rules.form.iter().find(|s| s.fields.iter().any(|f| f.id == field))?;
    Some(if section.id == DECLARATION { Step::Check } else { Step::Section(section.id.clone()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyqtama_core::builtin;

    fn ids(steps: &[Step]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                Step::Section(id) => id.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_journey_follows_the_form_data_and_skips_what_does_not_apply() {
        let sets = builtin::rule_sets();
        let rules = sets.latest().unwrap();
        assert_eq!(
            ids(&journey(rules, Some("issue"))),
            ["request", "applicant", "profession", "Documents", "Check"],
            "a first issue has no employer page and no page of earlier dates"
        );
        assert_eq!(
            ids(&journey(rules, Some("extend"))),
            ["request", "applicant", "profession", "employer", "Documents", "events", "Check"]
        );
        assert_eq!(ids(&journey(rules, None)), ["request", "applicant", "profession", "events", "Check"]);
        let events = rules.form.iter().find(|s| s.id == "events").unwrap();
        let asked_for = |kind| asked(events, Some(kind)).map(|f| f.id.as_str()).collect::<Vec<_>>();
        assert!(asked_for("duplicate").contains(&"loss_on"));
        assert!(!asked_for("issue").contains(&"loss_on"), "the loss date is not asked for a first issue");
        assert!(asked_for("issue").is_empty(), "nothing earlier is asked for a first issue");
        assert_eq!(asked_for("extend"), ["contract_ends_on", "termination_on", "certificate_number"]);
        assert_eq!(page_of_field(rules, "consent"), Some(Step::Check));
        assert_eq!(page_of_field(rules, "iin"), Some(Step::Section("applicant".into())));
        assert_eq!(next(rules, Some("issue"), &Step::Section("profession".into())), Some(Step::Documents));
        assert_eq!(
            previous(rules, Some("issue"), &Step::Documents),
            Some(Step::Section("profession".into()))
        );
    }
}
