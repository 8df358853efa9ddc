//! `anyqtama check PATH...`: pre-checks packages offline — a bundle ZIP, an unzipped bag, or a
//! folder of many bundles — with the same core as the widget and the intake server: integrity,
//! signature, completeness, expiry and deadlines as of `--today`. One bundle at a time (a folder
//! is listed, not loaded), a progress bar on stderr for many, a summary table, then each
//! bundle's problems and findings. Exit 0 all clean, 1 any bundle refused, 2 any unreadable.

use crate::Failure;
use anyqtama_bundle::precheck::{self, BagError, Status};
use anyqtama_bundle::zip::Limits;
use anyqtama_bundle::VerifyReport;
use anyqtama_core::{Date, Regulation};
use anyqtama_i18n::{Localizer, Value};
use serde_json::json;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What `check` was given, one bundle each.
#[derive(Debug)]
enum Input {
    Zip(PathBuf),
    /// A directory holding `bagit.txt`.
    Bag(PathBuf),
}

impl Input {
    fn path(&self) -> &Path {
        match self {
            Input::Zip(p) | Input::Bag(p) => p,
        }
    }
}

fn is_bag(dir: &Path) -> bool {
    dir.join("bagit.txt").is_file()
}

/// The bundles named by `paths`: files as ZIPs, bag folders as bags, other folders as the ZIPs
/// and bags directly inside them (sorted, so runs are comparable).
fn collect(t: &Localizer, paths: &[PathBuf]) -> Result<Vec<Input>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_file() {
            out.push(Input::Zip(path.clone()));
        } else if path.is_dir() && is_bag(path) {
            out.push(Input::Bag(path.clone()));
        } else if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| crate::data_error(t, path, e))?;
            let mut found: Vec<Input> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter_map(|p| {
                    if p.is_dir() && is_bag(&p) {
                        Some(Input::Bag(p))
                    } else if p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip")) {
                        Some(Input::Zip(p))
                    } else {
                        None
                    }
                })
                .collect();
            found.sort_by(|a, b| a.path().cmp(b.path()));
            out.extend(found);
        } else {
            return Err(crate::data_error(t, path, "no such file or folder"));
        }
    }
    Ok(out)
}

/// An unzipped bag as ZIP bytes (its files, relative paths with `/`), within the ZIP limits
/// (`anyqtama_bundle::precheck::zip_bag`, which the widget's pre-check uses too).
fn zip_bag(dir: &Path, limits: &Limits, date: Date) -> Result<Vec<u8>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| e.to_string())?.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut listed = Vec::with_capacity(files.len());
    for f in &files {
        let size = std::fs::metadata(f).map_err(|e| e.to_string())?.len();
        let name = f.strip_prefix(dir).map_err(|e| e.to_string())?;
        let name: Vec<String> =
            name.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        listed.push((name.join("/"), size));
    }
    precheck::zip_bag(&listed, limits, date, |i| std::fs::read(&files[i]).map_err(|e| e.to_string())).map_err(
        |e| match e {
            BagError::TooMany { limit, .. } => format!("more than {limit} files"),
            BagError::TooLarge { index, .. } => format!("{}: too large", files[index].display()),
            BagError::Read { reason, .. } => reason,
            BagError::Zip(p) => p.code.to_string(),
        },
    )
}

fn check_one(input: &Input, regulation: &Regulation, today: Date) -> (Status, Option<VerifyReport>, String) {
    let limits = Limits::default();
    let bytes = match input {
        Input::Zip(p) => match std::fs::metadata(p) {
            Ok(m) if m.len() > limits.max_total_bytes => {
                return (Status::Unreadable, None, "too large".into())
            }
            Ok(_) => match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => return (Status::Unreadable, None, e.to_string()),
            },
            Err(e) => return (Status::Unreadable, None, e.to_string()),
        },
        Input::Bag(p) => match zip_bag(p, &limits, today) {
            Ok(b) => b,
            Err(e) => return (Status::Unreadable, None, e),
        },
    };
    let (status, r) = precheck::check_bytes(&bytes, regulation, today);
    (status, Some(r), String::new())
}

/// A progress bar on stderr, when stderr is a terminal and there is more than one bundle.
struct ProgressBar {
    total: usize,
    shown: bool,
}

impl ProgressBar {
    fn new(total: usize) -> ProgressBar {
        ProgressBar { total, shown: total > 1 && std::io::stderr().is_terminal() }
    }
    fn tick(&self, done: usize) {
        if self.shown {
            let width = 30;
            let filled = done * width / self.total.max(1);
            eprint!("\r[{}{}] {done}/{}", "#".repeat(filled), " ".repeat(width - filled), self.total);
            if done == self.total {
                eprintln!();
            }
        }
    }
}

/// Runs the check; the exit status.
pub fn check(
    json: bool,
    t: &Localizer,
    regulation: &Regulation,
    paths: &[PathBuf],
    today: Date,
) -> Result<u8, Failure> {
    let inputs = collect(t, paths)?;
    if inputs.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure(t.format("check-cli-none", &[("paths", names.join(", ").into())])));
    }
    let bar = ProgressBar::new(inputs.len());
    let mut worst = Status::Valid;
    let mut counts = [0usize; 3];
    let mut details = Vec::new();
    let mut rows = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let (status, report, why) = check_one(input, regulation, today);
        bar.tick(i + 1);
        worst = worst.max(status);
        counts[status as usize] += 1;
        let path = input.path().display().to_string();
        if json {
            rows.push(precheck::entry_json(t, regulation, &path, status, report.as_ref(), &why));
            continue;
        }
        let row = precheck::Row::new(t, status, report.as_ref());
        rows.push(json!([path, row.status, row.id, row.blockers, row.warnings, row.notes]));
        let lines = precheck::lines(t, regulation, report.as_ref(), &why);
        if !lines.is_empty() {
            details.push((path, lines));
        }
    }
    if json {
        out!("{}", serde_json::to_string_pretty(&rows).expect("plain JSON"));
    } else {
        out!("{}", t.format("check-cli-heading", &[("date", t.date(today).into())]));
        for row in &rows {
            let cell = |i: usize| row[i].as_str().map_or_else(|| row[i].to_string(), str::to_string);
            out!(
                "{:<48} {:<14} {:<36} {:>3} {:>3} {:>3}",
                cell(0),
                cell(1),
                cell(2),
                cell(3),
                cell(4),
                cell(5)
            );
        }
        for (path, lines) in &details {
            out!("\n{path}");
            for l in lines {
                out!("  - {l}");
            }
        }
        out!(
            "\n{}",
            t.format(
                "check-cli-summary",
                &[
                    ("total", Value::Num(inputs.len() as i64)),
                    ("valid", Value::Num(counts[0] as i64)),
                    ("refused", Value::Num(counts[1] as i64)),
                    ("unreadable", Value::Num(counts[2] as i64)),
                ]
            )
        );
    }
    Ok(match worst {
        Status::Valid => 0,
        Status::Refused => 1,
        Status::Unreadable => 2,
    })
}
