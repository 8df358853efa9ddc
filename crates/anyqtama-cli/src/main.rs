//! `anyqtama`: the native command line over the core.
//!
//! A thin shell: it parses arguments, loads data (built in, or newer files a portal gives with
//! `--rules` and `--calendar`), calls the core, and prints in the chosen language. Bad input is
//! a localised message and exit status 2, never a panic.

use anyqtama_core::calendar::{Calendar, Day};
use anyqtama_core::deadline;
use anyqtama_core::rules::RuleSets;
use anyqtama_core::{builtin, Date, Lang, Regulation};
use anyqtama_i18n::{Localizer, Value};
use clap::{Parser, Subcommand};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "anyqtama",
    version,
    about = "Pre-check applications for the certificate of qualification compliance (Kazakhstan)"
)]
struct Cli {
    /// Language of the output: kk, ru or en.
    #[arg(long, global = true, default_value = "kk", value_parser = parse_lang)]
    lang: Lang,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// A rule-set file to load in addition to the built-in ones (a newer amendment).
    #[arg(long, global = true, value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// A calendar year file, or a folder of them, replacing the built-in years it covers.
    #[arg(long, global = true, value_name = "PATH")]
    calendar: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The due date of a time limit counted from an event, and how it was counted.
    Deadline {
        /// commission-referral, decision-issue, decision-extend, decision-reissue,
        /// decision-duplicate, employer-change-notice, termination-notice, reissue-application,
        /// duplicate-application, complaint-forwarding, complaint-review
        event: String,
        /// The day of the event, YYYY-MM-DD.
        date: String,
    },
    /// A year's days off on weekdays and its worked weekend days.
    Calendar {
        /// The year, e.g. 2026.
        year: String,
    },
    /// Pre-checks bundles offline: ZIPs, unzipped bags, or folders of many bundles.
    /// Exit status 0 all valid, 1 any refused, 2 any unreadable.
    Check {
        /// Bundles (ZIP), bags (a folder with bagit.txt), or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check as of this day (YYYY-MM-DD) instead of today in Kazakhstan (UTC+5).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// How many bundles to check at once (default: one per CPU core). The output is the same.
        #[arg(long, value_name = "N")]
        jobs: Option<std::num::NonZeroUsize>,
        /// A trusted certificate for bundles' electronic signatures, signature.p7s (DER or PEM);
        /// repeatable. Its signers are shown; a bundle with one is refused unless they are valid
        /// and chain to these, and refused without any --trust (it cannot be checked).
        #[arg(long, value_name = "CERT")]
        trust: Vec<PathBuf>,
        /// A certificate revocation list for them (DER or PEM); repeatable.
        #[arg(long, value_name = "CRL")]
        crl: Vec<PathBuf>,
    },
    /// Verifies a signed bundle: integrity, signature, and the check of its application.
    /// Exit status 0 valid, 1 invalid (every reason listed), 2 unreadable.
    Verify {
        /// The bundle, a ZIP (docs/BUNDLE.md).
        bundle: PathBuf,
        /// Check as of this day (YYYY-MM-DD) instead of today in Kazakhstan (UTC+5).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// A trusted certificate for the bundle's electronic signature, signature.p7s (DER or
        /// PEM); repeatable. A bundle with one is invalid unless its signers chain to these.
        #[arg(long, value_name = "CERT")]
        trust: Vec<PathBuf>,
        /// A certificate revocation list for it (DER or PEM); repeatable.
        #[arg(long, value_name = "CRL")]
        crl: Vec<PathBuf>,
    },
    /// Builds a signed bundle from an application file and a folder of documents.
    Bundle {
        /// The application (JSON: answers and checklist); its file descriptions are recomputed.
        #[arg(long, value_name = "PATH")]
        application: PathBuf,
        /// The documents: `DIR/<checklist item>/<file>`.
        #[arg(long, value_name = "DIR")]
        documents: PathBuf,
        /// The signing key, a P-256 private JWK (`anyqtama keygen`).
        #[arg(long, value_name = "PATH")]
        key: PathBuf,
        /// Where to write the bundle (never over an existing file).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// The bundle's UUID (default: a random one).
        #[arg(long, value_name = "UUID")]
        id: Option<String>,
        /// The bagging date, YYYY-MM-DD (default: today in Kazakhstan).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// The intake server: serves the built widget and takes signed bundles at POST /api/bundles,
    /// verified again and stored in SQLite or PostgreSQL (docs/SERVER.md). Stops on SIGTERM or Ctrl+C.
    Serve {
        /// Where to listen.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
        addr: std::net::SocketAddr,
        /// The SQLite database (created if missing), or a postgres://USER@HOST:PORT/DB URL.
        #[arg(long, default_value = "anyqtama.sqlite", value_name = "PATH|URL")]
        db: PathBuf,
        /// The built web app to serve (`trunk build --release` makes dist/); without it, the API only.
        #[arg(long, value_name = "DIR")]
        dist: Option<PathBuf>,
        /// An origin allowed to call the API from a browser elsewhere (CORS); repeatable.
        #[arg(long = "allow-origin", value_name = "ORIGIN")]
        allow_origin: Vec<String>,
        /// For tests: a fixed "now" (RFC 3339, e.g. 2026-11-27T19:00:00+05:00) instead of the clock.
        #[arg(long, value_name = "TIME", hide = true)]
        now: Option<String>,
        #[command(flatten)]
        limits: serve_limits::LimitFlags,
        /// A trusted certificate for applicants' electronic signatures (DER or PEM); repeatable.
        #[arg(long, value_name = "CERT")]
        trust: Vec<PathBuf>,
        /// A certificate revocation list for them (DER or PEM); repeatable.
        #[arg(long, value_name = "CRL")]
        crl: Vec<PathBuf>,
        /// Refuse bundles without a valid electronic signature (signature.p7s).
        #[arg(long)]
        require_eds: bool,
    },
    /// Electronic signatures (ЭЦҚ/ЭЦП) of Kazakhstan's PKI.
    Eds {
        #[command(subcommand)]
        command: EdsCommand,
    },
    /// Makes a P-256 private key (JWK) for signing bundles.
    Keygen {
        /// Where to write the key (never over an existing file; readable by its owner only).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Officers' tokens for reading applications from the intake server (docs/SERVER.md).
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Prints the intake server's audit table: every officer's read (when, who, what, from where).
    Audit {
        /// The server's database: the SQLite file or postgres:// URL of `anyqtama serve --db`.
        #[arg(long, default_value = "anyqtama.sqlite", value_name = "PATH|URL")]
        db: String,
    },
}

#[derive(Subcommand)]
enum TokenAction {
    /// Makes an officer's token and prints it once (the database keeps only its SHA-256).
    New {
        /// The officer's name: 1 to 64 letters, digits, . _ @ -.
        #[arg(long)]
        name: String,
        /// The server's database: the SQLite file or postgres:// URL of `anyqtama serve --db`.
        #[arg(long, default_value = "anyqtama.sqlite", value_name = "PATH|URL")]
        db: String,
    },
    /// Revokes an officer's token (the server answers 403 to it from then on).
    Revoke {
        name: String,
        /// The server's database: the SQLite file or postgres:// URL of `anyqtama serve --db`.
        #[arg(long, default_value = "anyqtama.sqlite", value_name = "PATH|URL")]
        db: String,
    },
    /// Lists the officers' tokens (names and dates, never the tokens).
    List {
        /// The server's database: the SQLite file or postgres:// URL of `anyqtama serve --db`.
        #[arg(long, default_value = "anyqtama.sqlite", value_name = "PATH|URL")]
        db: String,
    },
}

#[derive(Subcommand)]
enum EdsCommand {
    /// Verifies a CMS signature (DER, PEM or base64): each signer's signature, certificate
    /// chain to a trust anchor, validity at the signing time, key usages and CRLs.
    /// Exit status 0 every signer valid, 1 any not, 2 not readable as CMS.
    Verify {
        /// The signature (.p7s / .cms).
        signature: PathBuf,
        /// The signed file, for a detached signature.
        #[arg(long, value_name = "FILE")]
        content: Option<PathBuf>,
        /// A trusted certificate (DER or PEM): a root or an NCA; repeatable.
        #[arg(long, value_name = "CERT")]
        trust: Vec<PathBuf>,
        /// A certificate revocation list (DER or PEM); repeatable.
        #[arg(long, value_name = "CRL")]
        crl: Vec<PathBuf>,
        /// Check as of this day (YYYY-MM-DD, noon UTC) instead of the signing time.
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?}: kk, ru, en"))
}

/// Prints a line to stdout. A closed pipe (`anyqtama … | head`) ends the program quietly,
/// where `println!` would panic.
macro_rules! out {
    ($($arg:tt)*) => { $crate::write_line(format_args!($($arg)*)) };
}

fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.write_all(b"\n")) {
        write_failed(e);
    }
}

/// Writing to stdout failed: a closed pipe ends the program quietly, anything else with status 2.
fn write_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("anyqtama: {e}");
    std::process::exit(2);
}

/// mimalloc: checking bundles allocates many small values and one bundle-sized buffer each;
/// glibc's malloc took ~10% of `anyqtama check` (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bundle;
mod check;
mod eds;
mod officers;
mod serve_limits;

/// A failure with its message already in the user's language.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let t = Localizer::new(cli.lang);
    match run(&cli, &t) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("anyqtama: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, t: &Localizer) -> Result<ExitCode, Failure> {
    let rules = load_rules(&cli.rules, t)?;
    let calendar = load_calendar(&cli.calendar, t)?;
    let regulation =
        || Regulation { rules: rules.clone(), calendar: calendar.clone(), ..Regulation::builtin() };
    match &cli.command {
        Command::Deadline { event, date } => deadline_command(cli, t, &rules, &calendar, event, date)?,
        Command::Calendar { year } => calendar_command(cli, t, &calendar, year)?,
        Command::Check { paths, today, jobs, trust, crl } => {
            let today = match today {
                Some(d) => parse_date(t, d)?,
                None => bundle::today(),
            };
            let jobs = jobs.map_or_else(check::default_jobs, usize::from);
            let eds = eds::options(t, trust, crl, None)?;
            return Ok(ExitCode::from(check::check(cli.json, t, &regulation(), paths, today, jobs, &eds)?));
        }
        Command::Verify { bundle, today, trust, crl } => {
            let today = match today {
                Some(d) => parse_date(t, d)?,
                None => bundle::today(),
            };
            let eds = eds::options(t, trust, crl, None)?;
            if !bundle::verify(cli.json, t, &regulation(), bundle, today, &eds)? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Bundle { application, documents, key, out, id, date } => {
            let args = bundle::BundleArgs {
                application,
                documents,
                key,
                out,
                id: id.as_deref(),
                date: date.as_deref(),
            };
            bundle::bundle(cli.json, t, &regulation(), &args)?
        }
        Command::Keygen { out } => bundle::keygen(cli.json, t, out)?,
        Command::Eds { command: EdsCommand::Verify { signature, content, trust, crl, at } } => {
            let args =
                eds::VerifyArgs { signature, content: content.as_deref(), trust, crl, at: at.as_deref() };
            if !eds::verify(cli.json, t, &args)? {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Serve { addr, db, dist, allow_origin, now, limits, trust, crl, require_eds } => {
            let mut config = anyqtama_server::Config::new(*addr, db.clone());
            config.eds = eds::options(t, trust, crl, None)?;
            config.require_eds = *require_eds;
            config.regulation = std::sync::Arc::new(regulation());
            config.max_body_bytes = anyqtama_server::limits::max_body_bytes(&config.regulation);
            config.dist = dist.clone();
            config.limits = limits.limits();
            config.allow_origins = allow_origin.clone();
            if let Some(now) = now {
                let clock = anyqtama_server::FixedClock::parse(now).ok_or_else(|| {
                    Failure(t.format("cli-error-bad-date", &[("value", now.as_str().into())]))
                })?;
                config.clock = std::sync::Arc::new(clock);
            }
            if let Some(dir) = dist {
                if !dir.join("index.html").is_file() {
                    return Err(data_error(
                        t,
                        &dir.join("index.html"),
                        "not found: run 'trunk build --release' first",
                    ));
                }
            }
            let shown = anyqtama_server::store::display(&db.to_string_lossy());
            anyqtama_server::run(config).map_err(|e| data_error(t, Path::new(&shown), e))?;
        }
        Command::Token { action: TokenAction::New { name, db } } => {
            officers::token_new(cli.json, t, db, name)?
        }
        Command::Token { action: TokenAction::Revoke { name, db } } => {
            officers::token_revoke(cli.json, t, db, name)?
        }
        Command::Token { action: TokenAction::List { db } } => officers::token_list(cli.json, t, db)?,
        Command::Audit { db } => officers::audit(cli.json, t, db)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn data_error(t: &Localizer, path: &Path, reason: impl ToString) -> Failure {
    Failure(t.format(
        "cli-error-data",
        &[("path", path.display().to_string().into()), ("reason", reason.to_string().into())],
    ))
}

fn load_rules(paths: &[PathBuf], t: &Localizer) -> Result<RuleSets, Failure> {
    let mut sets = builtin::rule_sets();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| data_error(t, path, e))?;
        sets.load_json(&text).map_err(|e| data_error(t, path, e))?;
    }
    Ok(sets)
}

fn load_calendar(paths: &[PathBuf], t: &Localizer) -> Result<Calendar, Failure> {
    let mut calendar = Calendar::builtin();
    for path in paths {
        let files: Vec<PathBuf> = if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| data_error(t, path, e))?;
            let mut v: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .filter(|p| p.file_stem().is_some_and(|s| s.to_string_lossy().parse::<i32>().is_ok()))
                .collect();
            v.sort();
            v
        } else {
            vec![path.clone()]
        };
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| data_error(t, &file, e))?;
            calendar.load_year(&text).map_err(|e| data_error(t, &file, e))?;
        }
    }
    Ok(calendar)
}

fn parse_date(t: &Localizer, value: &str) -> Result<Date, Failure> {
    Date::parse(value).map_err(|_| Failure(t.format("cli-error-bad-date", &[("value", value.into())])))
}

fn day_json(t: &Localizer, day: &Day) -> serde_json::Value {
    let kind = serde_json::to_value(&day.kind).ok().and_then(|v| v.get("kind").cloned());
    json!({
        "date": day.date,
        "reason": t.day_reason(&day.kind, day.date),
        "kind": kind,
        "provisional": day.provisional,
    })
}

fn print_days(t: &Localizer, days: &[Day]) {
    for day in days {
        out!("  {} — {}", t.date_with_weekday(day.date), t.day_reason(&day.kind, day.date));
    }
}

fn deadline_command(
    cli: &Cli,
    t: &Localizer,
    rules: &RuleSets,
    calendar: &Calendar,
    event: &str,
    date: &str,
) -> Result<(), Failure> {
    let from = parse_date(t, date)?;
    // The rule set in force on the event's day; before the first one, the earliest we have.
    let set = rules
        .in_force(from)
        .or_else(|| rules.all().first())
        .ok_or_else(|| Failure(t.format("cli-error-no-rules", &[("date", t.date(from).into())])))?;
    let Some(limit) = set.limit(event) else {
        let events: Vec<&str> = set.limits.iter().map(|l| l.id.as_str()).collect();
        return Err(Failure(t.format(
            "cli-error-unknown-event",
            &[("event", event.into()), ("events", events.join(", ").into())],
        )));
    };
    let dl = deadline::due(set, calendar, event, from).map_err(|e| Failure(e.to_string()))?;
    let skipped: &[Day] = dl.count.as_ref().map_or(&[], |c| c.skipped.as_slice());
    let basis = calendar.counting_basis();
    let lang = t.lang();

    if cli.json {
        let out = json!({
            "event": limit.id,
            "from": dl.from,
            "due": dl.due,
            "working_days": dl.amount,
            "skipped": skipped.iter().map(|d| day_json(t, d)).collect::<Vec<_>>(),
            "cite": dl.cite,
            "provisional": dl.provisional,
            "label": limit.label.get(lang),
            "rules_version": set.version,
            "calendar_version": calendar.version(),
            "basis": { "rule": basis.rule.get(lang), "cite": basis.cite },
        });
        out!("{}", serde_json::to_string_pretty(&out).expect("JSON of plain values"));
        return Ok(());
    }
    out!("{}", t.format("cli-due", &[("date", t.date_with_weekday(dl.due).into())]));
    out!(
        "{}",
        t.format(
            "cli-event",
            &[
                ("event", limit.id.as_str().into()),
                ("label", limit.label.get(lang).into()),
                ("cite", limit.cite.as_str().into())
            ]
        )
    );
    out!(
        "{}",
        t.format(
            "cli-from",
            &[
                ("date", t.date_with_weekday(dl.from).into()),
                ("from_label", limit.from_label.get(lang).into())
            ]
        )
    );
    out!("{}", t.format("cli-counted", &[("working_days", Value::Num(i64::from(dl.amount)))]));
    if skipped.is_empty() {
        out!("{}", t.text("cli-skipped-none"));
    } else {
        out!("{}", t.text("cli-skipped-heading"));
        print_days(t, skipped);
    }
    out!(
        "{}",
        t.format("cli-basis", &[("rule", basis.rule.get(lang).into()), ("cite", basis.cite.as_str().into())])
    );
    if let Some(reading) = &limit.our_reading {
        out!("{}", t.format("cli-our-reading", &[("text", reading.get(lang).into())]));
    }
    if dl.provisional {
        out!("{}", t.text("cli-provisional"));
    }
    Ok(())
}

fn calendar_command(cli: &Cli, t: &Localizer, calendar: &Calendar, year: &str) -> Result<(), Failure> {
    let covered = calendar.covered_years();
    let range = match (covered.first(), covered.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => "—".to_string(),
    };
    let unknown = || {
        Failure(t.format("cli-error-unknown-year", &[("year", year.into()), ("years", range.clone().into())]))
    };
    let y: i32 = year.trim().parse().map_err(|_| unknown())?;
    let summary = calendar.year(y).ok_or_else(unknown)?;
    let lang = t.lang();
    if cli.json {
        let out = json!({
            "year": summary.year,
            "days_off": summary.days_off.iter().map(|d| day_json(t, d)).collect::<Vec<_>>(),
            "working_days_on_weekends": summary.working_days_on_weekends.iter().map(|d| day_json(t, d)).collect::<Vec<_>>(),
            "provisional": summary.provisional,
            "provisional_reason": summary.provisional_reason.as_ref().map(|r| r.get(lang)),
            "sources": summary.sources,
            "calendar_version": calendar.version(),
        });
        out!("{}", serde_json::to_string_pretty(&out).expect("JSON of plain values"));
        return Ok(());
    }
    out!("{}", t.format("cli-calendar-heading", &[("year", Value::Num(i64::from(y)))]));
    out!("{}", t.format("cli-calendar-days-off", &[("count", Value::Num(summary.days_off.len() as i64))]));
    print_days(t, &summary.days_off);
    let worked = &summary.working_days_on_weekends;
    out!("{}", t.format("cli-calendar-worked", &[("count", Value::Num(worked.len() as i64))]));
    if worked.is_empty() {
        out!("  {}", t.text("cli-calendar-none"));
    }
    print_days(t, worked);
    if summary.provisional {
        let reason = summary.provisional_reason.as_ref().map(|r| r.get(lang).to_string()).unwrap_or_default();
        out!("{}", t.format("cli-calendar-provisional", &[("reason", reason.into())]));
    }
    out!("{}", t.text("cli-calendar-sources"));
    for s in &summary.sources {
        out!("  - {s}");
    }
    Ok(())
}
