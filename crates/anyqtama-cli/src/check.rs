//! `anyqtama check PATH...`: pre-checks packages offline — a bundle ZIP, an unzipped bag, or a
//! folder of many bundles — with the same core as the widget and the intake server: integrity,
//! signature, completeness, expiry and deadlines as of `--today`. Bundles are checked on every
//! core (`--jobs`), each worker holding one bundle (a folder is listed, not loaded), and reported
//! in the order given: a progress bar on stderr for many, a summary table, then each bundle's
//! problems and findings. Exit 0 all clean, 1 any bundle refused, 2 any unreadable.

use crate::Failure;
use anyqtama_bundle::precheck::{self, BagError, Status};
use anyqtama_bundle::zip::Limits;
use anyqtama_bundle::{Problem, VerifyReport};
use anyqtama_core::{Date, Regulation};
use anyqtama_i18n::{Localizer, Value};
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
                .filter_map(|e| {
                    let p = e.path();
                    // The type comes with the listing; only a symbolic link is followed with a stat.
                    let kind = match e.file_type() {
                        Ok(kind) if !kind.is_symlink() => kind,
                        _ => std::fs::metadata(&p).ok()?.file_type(),
                    };
                    if kind.is_dir() && is_bag(&p) {
                        Some(Input::Bag(p))
                    } else if kind.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip")) {
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

/// What became of a bundle's electronic signature, `signature.p7s`, checked against `--trust`.
type Eds = Option<Result<anyqtama_eds::Report, anyqtama_eds::EdsError>>;

fn check_one(
    input: &Input,
    regulation: &Regulation,
    today: Date,
    eds: &anyqtama_eds::Options,
) -> (Status, Option<VerifyReport>, String, Eds) {
    let limits = Limits::default();
    let bytes = match input {
        Input::Zip(p) => match std::fs::metadata(p) {
            Ok(m) if m.len() > limits.max_total_bytes => {
                return (Status::Unreadable, None, "too large".into(), None)
            }
            Ok(_) => match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => return (Status::Unreadable, None, e.to_string(), None),
            },
            Err(e) => return (Status::Unreadable, None, e.to_string(), None),
        },
        Input::Bag(p) => match zip_bag(p, &limits, today) {
            Ok(b) => b,
            Err(e) => return (Status::Unreadable, None, e, None),
        },
    };
    // Without a trust anchor, as the widget's pre-check: a signature.p7s refuses the bundle.
    if eds.trust.is_empty() {
        let (status, r) = precheck::check_bytes(&bytes, regulation, today);
        return (status, Some(r), String::new(), None);
    }
    let (_, mut r) = precheck::check_bytes_eds_apart(&bytes, regulation, today);
    let signed = if r.readable { anyqtama_bundle::eds::verify(&bytes, &limits, eds) } else { None };
    match &signed {
        // Valid, but by whom: another person's signature refuses it, as the intake server does.
        Some(Ok(report)) if report.valid => {
            let application = r.application.as_ref();
            r.errors.extend(application.and_then(|a| anyqtama_bundle::eds::iin_mismatch(report, a)));
        }
        Some(_) => r.errors.push(Problem::at(precheck::EDS_INVALID, anyqtama_bundle::bagit::EDS_SIGNATURE)),
        None => {}
    }
    (Status::of(&r), Some(r), String::new(), signed)
}

/// The JSON of a checked electronic signature: `anyqtama eds verify --json`'s, or when it
/// cannot be read as CMS `{valid: false, error: {code, message}}` (as `anyqtama verify`).
fn eds_json(
    t: &Localizer,
    signed: &Result<anyqtama_eds::Report, anyqtama_eds::EdsError>,
) -> serde_json::Value {
    match signed {
        Ok(report) => crate::eds::report_json(t, report),
        Err(e) => {
            serde_json::json!({"valid": false, "error": {"code": e.code.code(), "message": t.text(e.code.code())}})
        }
    }
}

/// The lines of a checked electronic signature: each signer (who, certificate, algorithm,
/// errors), or why it cannot be read.
fn eds_lines(t: &Localizer, signed: &Result<anyqtama_eds::Report, anyqtama_eds::EdsError>) -> Vec<String> {
    match signed {
        Ok(report) => report
            .signers
            .iter()
            .enumerate()
            .flat_map(|(i, s)| crate::eds::signer_lines(t, i + 1, s))
            .collect(),
        Err(e) => {
            vec![format!("{} {} ({})", t.text("eds-cli-invalid"), t.text(e.code.code()), e.code.code())]
        }
    }
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

/// How many bundles are checked at once by default: one per core the process may use.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `work` on every input, on `jobs` threads, and hands the results to `emit` in the
/// inputs' order. Workers take the inputs in order and stay at most `4 × jobs` ahead of what was
/// emitted, so memory stays bounded however large the folder: each worker holds one bundle, and
/// few results wait for an earlier, slower one. The worker that completes the next result in
/// order emits it, and those waiting after it (no hand-over to another thread). One job runs on
/// the calling thread.
fn in_order<I: Sync, R: Send>(
    inputs: &[I],
    jobs: usize,
    work: impl Fn(&I) -> R + Sync,
    mut emit: impl FnMut(R) + Send,
) {
    use std::sync::{Condvar, Mutex, PoisonError};
    if jobs <= 1 || inputs.len() <= 1 {
        inputs.iter().for_each(|i| emit(work(i)));
        return;
    }
    struct State<R, E> {
        /// The next input to take.
        next: usize,
        /// How many results were emitted.
        emitted: usize,
        /// Results done before an earlier one, by input.
        waiting: std::collections::BTreeMap<usize, R>,
        emit: E,
        /// Workers waiting for the output to move on.
        sleeping: usize,
        /// A worker panicked: the others stop (and the scope passes the panic on).
        stop: bool,
    }
    let window = jobs * 4;
    let state = Mutex::new(State {
        next: 0,
        emitted: 0,
        waiting: std::collections::BTreeMap::new(),
        emit,
        sleeping: 0,
        stop: false,
    });
    let moved = Condvar::new();
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    /// Wakes the other workers to stop, should this one panic.
    struct StopOnPanic<'a>(&'a (dyn Fn() + Sync));
    impl Drop for StopOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                (self.0)();
            }
        }
    }
    let stop = || {
        lock().stop = true;
        moved.notify_all();
    };
    let worker = || {
        let _guard = StopOnPanic(&stop);
        loop {
            let i = {
                let mut s = lock();
                while !s.stop && s.next < inputs.len() && s.next >= s.emitted + window {
                    s.sleeping += 1;
                    s = moved.wait(s).unwrap_or_else(PoisonError::into_inner);
                    s.sleeping -= 1;
                }
                if s.stop || s.next >= inputs.len() {
                    return;
                }
                s.next += 1;
                s.next - 1
            };
            let result = work(&inputs[i]);
            let mut s = lock();
            let s = &mut *s;
            if i != s.emitted {
                s.waiting.insert(i, result);
                continue;
            }
            (s.emit)(result);
            s.emitted += 1;
            while let Some(result) = s.waiting.remove(&s.emitted) {
                (s.emit)(result);
                s.emitted += 1;
            }
            if s.sleeping > 0 {
                moved.notify_all();
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(inputs.len()) {
            scope.spawn(worker);
        }
    });
}

/// One bundle's verdict, ready to print.
struct Checked {
    status: Status,
    /// With `--json`, its entry (pretty-printed, as an element of the array); otherwise its row
    /// of the table.
    line: String,
    /// Its problems and findings (text only).
    details: Option<(String, Vec<String>)>,
}

/// stdout, buffered: the table or the JSON array is written as the bundles come in.
struct Stdout(std::io::BufWriter<std::io::Stdout>);

impl Stdout {
    fn write(&mut self, text: &str) {
        use std::io::Write;
        if let Err(e) = self.0.write_all(text.as_bytes()) {
            crate::write_failed(e);
        }
    }
    fn line(&mut self, text: &str) {
        self.write(text);
        self.write("\n");
    }
    fn finish(mut self) {
        use std::io::Write;
        if let Err(e) = self.0.flush() {
            crate::write_failed(e);
        }
    }
}

/// `value` pretty-printed as an element of a pretty-printed array: what
/// `serde_json::to_string_pretty` writes for it there, byte for byte (two spaces a level, `": "`,
/// `{}` and `[]` when empty, keys in the map's order, the same escapes), written straight into
/// one string rather than printed and then indented again.
fn array_element(value: &serde_json::Value) -> String {
    let mut out = String::with_capacity(8 << 10);
    out.push_str("  ");
    pretty(value, 1, &mut out);
    out
}

fn pretty(value: &serde_json::Value, depth: usize, out: &mut String) {
    use anyqtama_bundle::canonical;
    use serde_json::Value;
    fn newline(depth: usize, out: &mut String) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&serde_json::to_string(n).expect("a number")),
        Value::String(s) => canonical::string(s, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                newline(depth + 1, out);
                pretty(item, depth + 1, out);
            }
            newline(depth, out);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                newline(depth + 1, out);
                canonical::string(key, out);
                out.push_str(": ");
                pretty(item, depth + 1, out);
            }
            newline(depth, out);
            out.push('}');
        }
    }
}

/// Runs the check on `jobs` threads (output in the order of `paths`, the same for any `jobs`);
/// the exit status.
pub fn check(
    json: bool,
    t: &Localizer,
    regulation: &Regulation,
    paths: &[PathBuf],
    today: Date,
    jobs: usize,
    eds: &anyqtama_eds::Options,
) -> Result<u8, Failure> {
    let inputs = collect(t, paths)?;
    if inputs.is_empty() {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure(t.format("check-cli-none", &[("paths", names.join(", ").into())])));
    }
    let bar = ProgressBar::new(inputs.len());
    // Checking a bundle and wording its verdict: the workers' part.
    let check_and_describe = |input: &Input| -> Checked {
        let (status, report, why, signed) = check_one(input, regulation, today, eds);
        let path = input.path().display().to_string();
        if json {
            let mut entry = precheck::entry_json(t, regulation, &path, status, report.as_ref(), &why);
            if let Some(signed) = &signed {
                entry["eds"] = eds_json(t, signed);
            }
            return Checked { status, line: array_element(&entry), details: None };
        }
        let row = precheck::Row::new(t, status, report.as_ref());
        let (status_text, id, b, w, n) = (row.status, row.id, row.blockers, row.warnings, row.notes);
        let line = format!("{path:<48} {status_text:<14} {id:<36} {b:>3} {w:>3} {n:>3}");
        let mut lines = precheck::lines(t, regulation, report.as_ref(), &why);
        if let Some(signed) = &signed {
            lines.extend(eds_lines(t, signed));
        }
        let details = (!lines.is_empty()).then_some((path, lines));
        Checked { status, line, details }
    };

    let mut out = Stdout(std::io::BufWriter::with_capacity(64 << 10, std::io::stdout()));
    if json {
        out.write("[");
    } else {
        out.line(&t.format("check-cli-heading", &[("date", t.date(today).into())]));
    }
    let mut worst = Status::Valid;
    let mut counts = [0usize; 3];
    let mut details = Vec::new();
    let mut done = 0;
    in_order(&inputs, jobs, check_and_describe, |checked| {
        worst = worst.max(checked.status);
        counts[checked.status as usize] += 1;
        if json {
            out.write(if done == 0 { "\n" } else { ",\n" });
            out.write(&checked.line);
        } else {
            out.line(&checked.line);
        }
        details.extend(checked.details);
        done += 1;
        bar.tick(done);
    });
    if json {
        out.line("\n]");
    } else {
        for (path, lines) in &details {
            out.line(&format!("\n{path}"));
            for l in lines {
                out.line(&format!("  - {l}"));
            }
        }
        out.line(&format!(
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
        ));
    }
    out.finish();
    Ok(match worst {
        Status::Valid => 0,
        Status::Refused => 1,
        Status::Unreadable => 2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn array_elements_join_into_what_serde_json_writes_for_the_array() {
        let values = [
            json!({"errors": [], "id": null, "path": "a\nb.zip", "report": {"n": [1, {"k": {}}], "s": "x"}}),
            json!([]),
            json!("just a string"),
            json!({"nested": [[1, 2], [], {"deep": [{"deeper": "é ✓"}]}]}),
            json!({"escapes": "q\" b\\ n\n t\t r\r \u{8}\u{c}\u{1}\u{1f}\u{7f} /<>&\u{2028}", "": ""}),
            json!({"numbers": [0, -1, u64::MAX, i64::MIN, 0.5, -1.25e-7, 1e300, 2.0], "b": [true, false, null]}),
            json!([[[]], {"a": {}}, [{}], "", {"": [null]}]),
        ];
        for n in 1..=values.len() {
            let joined: Vec<String> = values[..n].iter().map(array_element).collect();
            let streamed = format!("[\n{}\n]", joined.join(",\n"));
            assert_eq!(streamed, serde_json::to_string_pretty(&values[..n]).unwrap());
        }
    }

    #[test]
    fn in_order_keeps_the_order_and_every_result_for_any_number_of_jobs() {
        let inputs: Vec<u64> = (0..200).collect();
        // Uneven work, so that workers finish out of order.
        let work = |&i: &u64| {
            std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
            i * i
        };
        for jobs in [1, 2, 3, 8, 500] {
            let mut got = Vec::new();
            in_order(&inputs, jobs, work, |r| got.push(r));
            assert_eq!(got, inputs.iter().map(|i| i * i).collect::<Vec<_>>(), "{jobs} jobs");
        }
    }

    #[test]
    fn in_order_passes_a_workers_panic_on_instead_of_hanging() {
        let inputs: Vec<u32> = (0..100).collect();
        let outcome = std::panic::catch_unwind(|| {
            in_order(&inputs, 3, |&i| assert_ne!(i, 10, "boom"), |()| {});
        });
        assert!(outcome.is_err());
    }
}
