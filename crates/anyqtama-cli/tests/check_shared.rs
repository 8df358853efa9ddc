//! `anyqtama check` says exactly what `anyqtama_bundle::precheck` (the code the widget's
//! pre-check worker runs) says: for the example bundles, valid and, years later, expired, and for
//! a file that is not a ZIP, the row and the lines of each bundle in every language.

use anyqtama_bundle::precheck::{self, Row};
use anyqtama_core::{Date, Lang, Regulation};
use anyqtama_i18n::Localizer;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> PathBuf {
    PathBuf::from(format!("{}/../../tests/fixtures/bundles", env!("CARGO_MANIFEST_DIR")))
}

/// The text output's table rows (cells split on runs of spaces) and detail lines, by path, for
/// the folder `dir` inside `cwd` (a short path, so that the table's columns stay apart).
fn run(
    cwd: &std::path::Path,
    dir: &str,
    today: &str,
    lang: &str,
) -> (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>) {
    let o = Command::new(env!("CARGO_BIN_EXE_anyqtama"))
        .args(["check", dir, "--today", today, "--lang", lang])
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    let out = String::from_utf8(o.stdout).unwrap();
    let (mut rows, mut lines) = (BTreeMap::new(), BTreeMap::<String, Vec<String>>::new());
    let mut at = None;
    for l in out.lines().skip(1) {
        if let Some(line) = l.strip_prefix("  - ") {
            lines.get_mut(at.as_ref().unwrap()).unwrap().push(line.to_string());
        } else if l.starts_with(dir) && !l.contains("  ") {
            at = Some(l.to_string());
            lines.insert(l.to_string(), Vec::new());
        } else if l.starts_with(dir) {
            let cells: Vec<String> =
                l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect();
            rows.insert(cells[0].clone(), cells[1..].to_vec());
        }
    }
    (rows, lines)
}

#[test]
fn the_command_line_and_the_shared_precheck_say_the_same() {
    let cwd = std::env::temp_dir().join(format!("anyqtama-check-shared-{}", std::process::id()));
    let dir = cwd.join("b");
    let _ = std::fs::remove_dir_all(&cwd);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["issue.zip", "extend.zip", "duplicate.zip", "reissue-employer.zip", "reissue-identity.zip"] {
        std::fs::copy(fixtures().join(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("garbage.zip"), b"not a zip").unwrap();
    let regulation = Regulation::builtin();
    let d = "b";
    let mut compared = 0;
    for today in ["2026-11-25", "2031-06-01"] {
        for lang in Lang::ALL {
            let t = Localizer::new(lang);
            let (rows, lines) = run(&cwd, d, today, lang.tag());
            assert_eq!(rows.len(), 6, "{rows:?}");
            for (path, cells) in &rows {
                let bytes = std::fs::read(cwd.join(path)).unwrap();
                let (status, r) = precheck::check_bytes(&bytes, &regulation, Date::parse(today).unwrap());
                let row = Row::new(&t, status, Some(&r));
                let expected = [
                    row.status,
                    row.id,
                    row.blockers.to_string(),
                    row.warnings.to_string(),
                    row.notes.to_string(),
                ];
                assert_eq!(cells, &expected, "{path} {today} {lang}");
                let shared = precheck::lines(&t, &regulation, Some(&r), "");
                assert_eq!(lines.get(path).cloned().unwrap_or_default(), shared, "{path} {today} {lang}");
                compared += 1;
            }
            // The expired identity document, in words, as of the later day.
            if today == "2031-06-01" {
                let issue = lines.get(&format!("{d}/issue.zip")).cloned().unwrap_or_default();
                assert!(
                    issue.iter().any(|l| l.starts_with(&t.text("severity-blocker"))),
                    "{lang}: {issue:?}"
                );
            }
        }
    }
    assert_eq!(compared, 36);
    std::fs::remove_dir_all(&cwd).ok();
}
