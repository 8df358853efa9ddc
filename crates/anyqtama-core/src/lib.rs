//! # anyqtama-core
//!
//! The regulation (Order No. 236 of 22 Jun 2023 as amended by Order No. 426 of 30 Dec 2025) as a
//! pure library: the kinds of request and their checklists (annex A2), the application form (A1),
//! the time limits, the working-day calendar of Kazakhstan, identification numbers, and
//! [`check`](check::check), which turns an application and its documents into a [`Report`].
//!
//! Nothing here touches the network, files or the clock: data comes in as strings, "today" as an
//! argument. The same code runs natively (command line, intake server) and in WebAssembly (widget).

pub mod akimats;
pub mod application;
pub mod builtin;
pub mod calendar;
pub mod check;
pub mod date;
pub mod date_input;
pub mod deadline;
pub mod filetype;
pub mod identifiers;
pub mod json;
pub mod moment;
pub mod report;
pub mod rules;
pub mod scoring;
pub mod sectors;
pub mod signer;
pub mod text;
pub mod vecmap;

pub use application::{Application, DocumentState, FileRef};
pub use builtin::Regulation;
pub use calendar::{Calendar, Count, Day, DayKind};
pub use check::check;
pub use date::{Date, LocalTime, Weekday};
pub use moment::Moment;
pub use report::{Arg, Finding, Report, Severity, Target};
pub use rules::{RequestKind, RuleSet, RuleSets};
pub use text::{Lang, Localized};
pub use vecmap::{VecMap, VecSet};

/// A stable insertion sort: our lists are short (tens of items), and one small generic function
/// is far less WebAssembly than the standard library's sorts, instantiated per element type.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}
