//! The pre-check of one package, shared by `anyqtama check` and the widget's pre-check page
//! (its worker module, crate `anyqtama-precheck`): the bytes of a bundle → [`Status`] and
//! [`VerifyReport`] ([`check_bytes`]); an unzipped bag → the ZIP it stands for ([`zip_bag`]); and
//! the texts of the result, the same Fluent messages in both: the summary row ([`Row`]), the
//! problem and finding lines ([`lines`]) and the JSON entry ([`entry_json`]).
//!
//! No files, clock or threads here, like the rest of the crate: the shell reads the bytes and
//! gives "today".

use crate::crypto::{P256Verifier, Sha256};
use crate::zip::{Limits, Writer};
use crate::{Problem, VerifyReport};
use anyqtama_core::{Date, Regulation, RuleSet, Severity};
use anyqtama_i18n::{Localizer, Value};
use serde_json::{json, Value as Json};

/// How one package came out. Ordered from best to worst (the worst decides an exit status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Valid,
    Refused,
    Unreadable,
}

impl Status {
    /// `valid`, `refused`, `unreadable` (the JSON's `status`, and `check-cli-status-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Refused => "refused",
            Status::Unreadable => "unreadable",
        }
    }

    /// The verdict of a verified bundle.
    pub fn of(r: &VerifyReport) -> Status {
        if !r.readable {
            Status::Unreadable
        } else if r.is_valid() {
            Status::Valid
        } else {
            Status::Refused
        }
    }

    /// The status in words (`check-cli-status-…`).
    pub fn text(self, t: &Localizer) -> String {
        t.text(&format!("check-cli-status-{}", self.key()))
    }
}

/// The problem of a bundle that carries an electronic signature (`signature.p7s`) when no trust
/// anchor was given to check it against: the bundle is refused, as `anyqtama verify` refuses it.
pub const EDS_NO_TRUST_ANCHOR: &str = "eds.no_trust_anchor";

/// The problem of a bundle whose electronic signature was checked and is not valid (its signers
/// and their errors are shown beside it).
pub const EDS_INVALID: &str = "eds.invalid";

/// Verifies the bytes of a bundle with the default [`Limits`], natively computed SHA-256 and
/// ES256, against `regulation` as of `today`. A bundle carrying `signature.p7s` is refused with
/// [`EDS_NO_TRUST_ANCHOR`]: nothing here has a trust anchor to check it against (the widget's
/// pre-check, and `anyqtama check` without `--trust`). With trust anchors, use
/// [`check_bytes_eds_apart`] and verify the signature beside it.
pub fn check_bytes(bytes: &[u8], regulation: &Regulation, today: Date) -> (Status, VerifyReport) {
    let (_, mut r) = check_bytes_eds_apart(bytes, regulation, today);
    if r.readable && carries_eds(bytes) {
        r.errors.push(Problem::at(EDS_NO_TRUST_ANCHOR, crate::bagit::EDS_SIGNATURE));
    }
    (Status::of(&r), r)
}

/// [`check_bytes`], leaving the electronic signature to the caller.
pub fn check_bytes_eds_apart(bytes: &[u8], regulation: &Regulation, today: Date) -> (Status, VerifyReport) {
    let options = crate::Options { today, regulation, limits: Limits::default() };
    let r = crate::verify(bytes, &options, &Sha256, &P256Verifier);
    (Status::of(&r), r)
}

/// Whether the bundle in `bytes` carries an electronic signature, `signature.p7s` (its ZIP's
/// directory read only).
pub fn carries_eds(bytes: &[u8]) -> bool {
    crate::zip::lists(bytes, crate::bagit::EDS_SIGNATURE)
}

/// The report on bytes that could not even be given to [`check_bytes`] (too large, a folder that
/// cannot be zipped): unreadable, for `problem`.
pub fn unreadable(problem: Problem) -> VerifyReport {
    VerifyReport {
        readable: false,
        id: None,
        info: Vec::new(),
        key_thumbprint: None,
        errors: vec![problem],
        application: None,
        report: None,
    }
}

/// Why an unzipped bag could not be made into a ZIP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BagError {
    /// More files than a ZIP may hold.
    TooMany { count: usize, limit: usize },
    /// The file at this index of the caller's list is too large, or makes the total too large.
    TooLarge { index: usize, limit: u64 },
    /// The caller could not read the file at this index.
    Read { index: usize, reason: String },
    /// The ZIP writer refused (a name, or a size beyond ZIP without ZIP64).
    Zip(Problem),
}

impl BagError {
    /// The problem, as a bundle's problem (localised through `bundle.ftl`); `names` is the
    /// caller's list of names.
    pub fn problem(&self, names: &[(String, u64)]) -> Problem {
        let name = |i: &usize| names.get(*i).map_or_else(String::new, |(n, _)| n.clone());
        match self {
            BagError::TooMany { count, limit } => {
                Problem::new("zip.too_many_entries").arg("count", count).arg("limit", limit)
            }
            BagError::TooLarge { index, limit } => {
                Problem::at("zip.too_large", name(index)).arg("limit", limit)
            }
            BagError::Read { index, reason } => {
                Problem::at("zip.malformed", name(index)).arg("reason", reason)
            }
            BagError::Zip(p) => p.clone(),
        }
    }
}

/// An unzipped bag as the bytes of a ZIP: `files` are its files as (path relative to the bag,
/// with `/`; size in bytes), `read(i)` gives the bytes of `files[i]`. The files go in in path
/// order (component by component, as a sorted list of paths), each checked against `limits`
/// before it is read; `date` is the entries' date.
pub fn zip_bag(
    files: &[(String, u64)],
    limits: &Limits,
    date: Date,
    mut read: impl FnMut(usize) -> Result<Vec<u8>, String>,
) -> Result<Vec<u8>, BagError> {
    if files.len() > limits.max_entries {
        return Err(BagError::TooMany { count: files.len(), limit: limits.max_entries });
    }
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|&a, &b| files[a].0.split('/').cmp(files[b].0.split('/')));
    let mut total = 0u64;
    let mut w = Writer::new(date);
    for index in order {
        let (name, size) = &files[index];
        total = total.saturating_add(*size);
        if *size > limits.max_entry_bytes {
            return Err(BagError::TooLarge { index, limit: limits.max_entry_bytes });
        }
        if total > limits.max_total_bytes {
            return Err(BagError::TooLarge { index, limit: limits.max_total_bytes });
        }
        let bytes = read(index).map_err(|reason| BagError::Read { index, reason })?;
        w.add(name, &bytes).map_err(BagError::Zip)?;
    }
    w.finish().map_err(BagError::Zip)
}

/// The message of a bundle's problem (`bundle-<code>` with its arguments; numbers as numbers,
/// so that plurals agree), without its path.
pub fn problem_message(t: &Localizer, p: &Problem) -> String {
    let args: Vec<(&str, Value<'_>)> = p
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), v.parse::<i64>().map_or_else(|_| Value::from(v.as_str()), Value::Num)))
        .collect();
    t.format(&p.message_id(), &args)
}

/// A problem's line: `path: message`, or the message alone.
pub fn problem_line(t: &Localizer, p: &Problem) -> String {
    match &p.path {
        Some(path) => format!("{path}: {}", problem_message(t, p)),
        None => problem_message(t, p),
    }
}

/// The rule set a verified bundle's report was made with (the latest when unknown).
pub fn rules_of<'r>(regulation: &'r Regulation, r: &VerifyReport) -> Option<&'r RuleSet> {
    let version = r.report.as_ref().and_then(|rep| rep.rules_version.as_deref());
    let all = regulation.rules.all();
    all.iter().find(|s| Some(s.version.as_str()) == version).or_else(|| regulation.rules.latest())
}

/// A bundle's problems as JSON: `[{code, path, args, message}]` — what `anyqtama verify --json`
/// prints and the server answers.
pub fn errors_json(t: &Localizer, r: &VerifyReport) -> Json {
    r.errors
        .iter()
        .map(|p| json!({"code": p.code, "path": p.path, "args": p.args, "message": problem_message(t, p)}))
        .collect()
}

/// The check's report on a bundle's application as JSON, each finding with its message; null
/// when the application could not be read.
pub fn report_json(t: &Localizer, regulation: &Regulation, r: &VerifyReport) -> Json {
    let (Some(report), Some(rules)) = (&r.report, rules_of(regulation, r)) else {
        return Json::Null;
    };
    let findings: Vec<Json> = report
        .findings
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            v["message"] = t.finding(f, rules).into();
            v
        })
        .collect();
    let mut out = json!({
        "rules_version": report.rules_version,
        "calendar_version": report.calendar_version,
        "kind": report.kind,
        "may_submit": report.may_submit,
        "blockers": report.blockers,
        "warnings": report.warnings,
        "notes": report.notes,
    });
    // Moved in: `json!` would copy the tree.
    out["findings"] = Json::Array(findings);
    out
}

/// One package's entry of `anyqtama check --json`: `{path, status, id, errors, report}`, or for
/// input that never reached the verifier `{path, status, errors: [{code: "input.unreadable",
/// message: why}]}`.
pub fn entry_json(
    t: &Localizer,
    regulation: &Regulation,
    path: &str,
    status: Status,
    report: Option<&VerifyReport>,
    why: &str,
) -> Json {
    // The parts are moved in (`json!` would copy them).
    let mut entry = match report {
        Some(r) => {
            let mut entry = json!({ "id": r.id });
            entry["errors"] = errors_json(t, r);
            entry["report"] = report_json(t, regulation, r);
            entry
        }
        None => json!({ "errors": [{ "code": "input.unreadable", "message": why }] }),
    };
    entry["path"] = path.into();
    entry["status"] = status.key().into();
    entry
}

/// A package's row of the summary table: result, bundle id ("—" when unknown), and how many
/// blockers, warnings and notes its application has.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub status: String,
    pub id: String,
    pub blockers: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Row {
    pub fn new(t: &Localizer, status: Status, report: Option<&VerifyReport>) -> Row {
        let (blockers, warnings, notes) = report
            .and_then(|r| r.report.as_ref())
            .map_or((0, 0, 0), |rep| (rep.blockers, rep.warnings, rep.notes));
        let id = report.and_then(|r| r.id.clone()).unwrap_or_else(|| "—".into());
        Row { status: status.text(t), id, blockers, warnings, notes }
    }
}

/// What is wrong with a package, line by line: each problem (`path: message`), or `why` when it
/// never reached the verifier; then the blockers and warnings of its application
/// (`Severity: message`). Notes are in [`notes`] (the command line leaves them to its JSON).
pub fn lines(
    t: &Localizer,
    regulation: &Regulation,
    report: Option<&VerifyReport>,
    why: &str,
) -> Vec<String> {
    let mut lines: Vec<String> = report
        .map_or_else(|| vec![why.to_string()], |r| r.errors.iter().map(|p| problem_line(t, p)).collect());
    lines.extend(finding_lines(t, regulation, report, |s| s != Severity::Note));
    lines
}

/// The notes of a package's application (`Note: message`): deadlines and how they were counted,
/// what could not be checked.
pub fn notes(t: &Localizer, regulation: &Regulation, report: Option<&VerifyReport>) -> Vec<String> {
    finding_lines(t, regulation, report, |s| s == Severity::Note)
}

fn finding_lines(
    t: &Localizer,
    regulation: &Regulation,
    report: Option<&VerifyReport>,
    keep: impl Fn(Severity) -> bool,
) -> Vec<String> {
    let Some((rep, rules)) = report.and_then(|r| Some((r.report.as_ref()?, rules_of(regulation, r)?))) else {
        return Vec::new();
    };
    rep.findings
        .iter()
        .filter(|f| keep(f.severity))
        .map(|f| format!("{}: {}", t.text(&format!("severity-{}", f.severity.key())), t.finding(f, rules)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyqtama_core::Lang;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../../tests/fixtures/bundles/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// The files of a bundle, as an unzipped bag.
    fn unzipped(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let archive = crate::zip::read(bytes, &Limits::default()).unwrap();
        archive.entries.into_iter().map(|e| (e.name, e.data)).collect()
    }

    /// A copy of `bytes` with one byte of its first document flipped (the ZIP itself sound).
    fn tampered(bytes: &[u8]) -> Vec<u8> {
        let mut w = Writer::new(day("2026-11-25"));
        let mut done = false;
        for (name, mut data) in unzipped(bytes) {
            if !done && name.starts_with("data/documents/") {
                let last = data.len() - 1;
                data[last] ^= 1;
                done = true;
            }
            w.add(&name, &data).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn every_example_bundle_is_valid_with_its_id_and_row() {
        let regulation = Regulation::builtin();
        let t = Localizer::new(Lang::En);
        for name in
            ["issue.zip", "extend.zip", "duplicate.zip", "reissue-employer.zip", "reissue-identity.zip"]
        {
            let (status, r) = check_bytes(&fixture(name), &regulation, day("2026-11-25"));
            assert_eq!(status, Status::Valid, "{name}: {:?}", r.codes());
            let row = Row::new(&t, status, Some(&r));
            assert_eq!(row.status, "valid");
            assert_eq!(Some(&row.id), r.id.as_ref());
            assert_eq!(row.blockers, 0);
            let entry = entry_json(&t, &regulation, name, status, Some(&r), "");
            assert_eq!(entry["status"], "valid");
            assert_eq!(entry["path"], name);
            assert_eq!(entry["id"], r.id.clone().unwrap());
            assert_eq!(entry["errors"], json!([]));
            // Every warning and blocker is a line, in words, never a message id.
            let lines = lines(&t, &regulation, Some(&r), "");
            assert_eq!(lines.len(), row.warnings, "{name}: {lines:?}");
            assert!(lines.iter().all(|l| l.starts_with("Warning: ") && !l.contains("finding-")), "{lines:?}");
            // The notes are the JSON's notes, in the same words.
            let notes = notes(&t, &regulation, Some(&r));
            let json_notes: Vec<String> = entry["report"]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["severity"] == "note")
                .map(|f| format!("Note: {}", f["message"].as_str().unwrap()))
                .collect();
            assert_eq!(notes, json_notes, "{name}");
            assert_eq!(notes.len(), row.notes);
        }
    }

    #[test]
    fn a_bundle_with_an_eds_signature_is_refused_here_for_want_of_a_trust_anchor() {
        let regulation = Regulation::builtin();
        let bytes = fixture("issue-eds.zip");
        assert!(carries_eds(&bytes));
        assert!(!carries_eds(&fixture("issue.zip")));
        // Its bag and device signature are sound: only the EDS is left unchecked.
        let (status, r) = check_bytes_eds_apart(&bytes, &regulation, day("2026-11-25"));
        assert_eq!(status, Status::Valid, "{:?}", r.codes());
        let (status, r) = check_bytes(&bytes, &regulation, day("2026-11-25"));
        assert_eq!(status, Status::Refused);
        assert_eq!(r.codes(), [EDS_NO_TRUST_ANCHOR]);
        assert_eq!(r.errors[0].path.as_deref(), Some("signature.p7s"));
        let en = lines(&Localizer::new(Lang::En), &regulation, Some(&r), "");
        assert!(en[0].starts_with("signature.p7s: ") && en[0].contains("no trust anchor"), "{en:?}");
        for lang in Lang::ALL {
            let t = Localizer::new(lang);
            for code in [EDS_NO_TRUST_ANCHOR, EDS_INVALID] {
                let message = problem_message(&t, &Problem::new(code));
                assert!(!message.contains("bundle-") && message.contains("ЭЦ"), "{lang}: {message}");
            }
        }
        // A damaged ZIP is not taken for one with a signature, and does not panic.
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 30, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged.truncate(cut);
            let _ = carries_eds(&damaged);
            let (status, _) = check_bytes(&damaged, &regulation, day("2026-11-25"));
            assert_eq!(status, Status::Unreadable, "cut at {cut}");
        }
        let mut wild = bytes.clone();
        let eocd = wild.len() - 22;
        wild[eocd + 16..eocd + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(!carries_eds(&wild));
    }

    #[test]
    fn a_tampered_bundle_is_refused_with_the_integrity_message_in_each_language() {
        let regulation = Regulation::builtin();
        let (status, r) = check_bytes(&tampered(&fixture("issue.zip")), &regulation, day("2026-11-25"));
        assert_eq!(status, Status::Refused);
        assert!(r.codes().contains(&"bag.manifest_mismatch"), "{:?}", r.codes());
        let en = lines(&Localizer::new(Lang::En), &regulation, Some(&r), "");
        assert!(
            en.iter().any(|l| l.starts_with("data/documents/")
                && l.ends_with("The file was changed: its SHA-256 differs from manifest-sha256.txt.")),
            "{en:?}"
        );
        for lang in Lang::ALL {
            let t = Localizer::new(lang);
            let lines = lines(&t, &regulation, Some(&r), "");
            assert!(lines.iter().all(|l| !l.contains("bundle-")), "{lang}: {lines:?}");
            assert_eq!(Row::new(&t, status, Some(&r)).status, t.text("check-cli-status-refused"));
        }
    }

    #[test]
    fn an_expired_document_refuses_the_bundle_later() {
        let regulation = Regulation::builtin();
        let (status, r) = check_bytes(&fixture("issue.zip"), &regulation, day("2031-06-01"));
        assert_eq!(status, Status::Refused);
        let t = Localizer::new(Lang::En);
        let lines = lines(&t, &regulation, Some(&r), "");
        assert!(lines.iter().any(|l| l.starts_with("Must be fixed: ") && l.contains("expired")), "{lines:?}");
        let entry = entry_json(&t, &regulation, "issue.zip", status, Some(&r), "");
        let codes: Vec<&str> = entry["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"identity_document.expired"), "{codes:?}");
    }

    #[test]
    fn what_is_not_a_zip_is_unreadable_and_says_so() {
        let regulation = Regulation::builtin();
        let (status, r) = check_bytes(b"not a zip", &regulation, day("2026-11-25"));
        assert_eq!(status, Status::Unreadable);
        let t = Localizer::new(Lang::En);
        assert_eq!(lines(&t, &regulation, Some(&r), ""), ["The file is not a ZIP archive."]);
        assert_eq!(Row::new(&t, status, Some(&r)).id, "—");
        // Input that never reached the verifier: its reason, as given.
        let entry = entry_json(&t, &regulation, "x", Status::Unreadable, None, "too large");
        assert_eq!(entry["errors"][0]["code"], "input.unreadable");
        assert_eq!(lines(&t, &regulation, None, "too large"), ["too large"]);
    }

    #[test]
    fn an_unzipped_bag_zips_back_to_a_valid_bundle_whatever_the_order_given() {
        let regulation = Regulation::builtin();
        let mut files = unzipped(&fixture("duplicate.zip"));
        files.reverse();
        let names: Vec<(String, u64)> = files.iter().map(|(n, d)| (n.clone(), d.len() as u64)).collect();
        let zip = zip_bag(&names, &Limits::default(), day("2026-11-25"), |i| Ok(files[i].1.clone())).unwrap();
        let (status, r) = check_bytes(&zip, &regulation, day("2026-11-25"));
        assert_eq!(status, Status::Valid, "{:?}", r.codes());
        let listed: Vec<String> = unzipped(&zip).into_iter().map(|(n, _)| n).collect();
        let mut sorted = listed.clone();
        sorted.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        assert_eq!(listed, sorted);
    }

    #[test]
    fn a_bag_beyond_the_limits_is_refused_before_it_is_read() {
        let limits = Limits { max_entries: 2, max_entry_bytes: 10, max_total_bytes: 15, max_ratio: 100 };
        let files = |sizes: &[u64]| -> Vec<(String, u64)> {
            sizes.iter().enumerate().map(|(i, s)| (format!("f{i}"), *s)).collect()
        };
        let never = |_| -> Result<Vec<u8>, String> { panic!("read") };
        let e = zip_bag(&files(&[1, 1, 1]), &limits, day("2026-11-25"), never).unwrap_err();
        assert_eq!(e, BagError::TooMany { count: 3, limit: 2 });
        let e = zip_bag(&files(&[11]), &limits, day("2026-11-25"), never).unwrap_err();
        assert_eq!(e, BagError::TooLarge { index: 0, limit: 10 });
        let e = zip_bag(&files(&[8, 8]), &limits, day("2026-11-25"), |_| Ok(vec![0; 8])).unwrap_err();
        assert_eq!(e, BagError::TooLarge { index: 1, limit: 15 });
        let t = Localizer::new(Lang::En);
        let p = e.problem(&files(&[8, 8]));
        assert_eq!(problem_line(&t, &p), "f1: The file is larger than accepted (limit 15 bytes).");
        let e = zip_bag(&files(&[1]), &limits, day("2026-11-25"), |_| Err("gone".into())).unwrap_err();
        assert_eq!(e, BagError::Read { index: 0, reason: "gone".into() });
    }
}
