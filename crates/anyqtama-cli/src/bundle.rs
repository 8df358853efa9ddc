//! `anyqtama bundle`, `verify` and `keygen`: the signed bundle natively (docs/BUNDLE.md).

use crate::{parse_date, Failure};
use anyqtama_bundle::crypto::{KeyPair, P256Verifier, Sha256};
use anyqtama_bundle::{zip::Limits, Document, Problem, Request, VerifyReport};
use anyqtama_core::{check, Application, Date, Regulation};
use anyqtama_i18n::{Localizer, Value};
use serde_json::json;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The texts of `locales/<lang>/bundle.ftl` (embedded by the i18n crate), through the
/// [`Localizer`].
pub struct Texts<'a> {
    t: &'a Localizer,
}

impl<'a> Texts<'a> {
    pub fn new(t: &'a Localizer) -> Texts<'a> {
        Texts { t }
    }

    pub fn format(&self, id: &str, args: &[(&str, Value<'_>)]) -> String {
        self.t.format(id, args)
    }

    /// A problem's message, without its path.
    pub fn problem(&self, p: &Problem) -> String {
        anyqtama_server::texts::problem_message(self.t, p)
    }
}

fn io_failure(x: &Texts<'_>, id: &str, path: &Path, e: impl ToString) -> Failure {
    Failure(x.format(id, &[("path", path.display().to_string().into()), ("reason", e.to_string().into())]))
}

/// Today in Kazakhstan (UTC+5).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    anyqtama_core::date::local_date_time(secs, 300)
        .map_or_else(|| Date::parse("2026-01-01").unwrap(), |(d, _)| d)
}

fn random_bytes<const N: usize>() -> Result<[u8; N], Failure> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| Failure(format!("randomness: {e}")))?;
    Ok(b)
}

/// A random (version 4) UUID.
fn random_uuid() -> Result<String, Failure> {
    let mut b: [u8; 16] = random_bytes()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = anyqtama_bundle::encoding::hex(&b);
    Ok(format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..]))
}

/// Writes a new file (never over an existing one), private to its owner.
fn write_new(x: &Texts<'_>, path: &Path, bytes: &[u8], private: bool) -> Result<(), Failure> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure(x.format("bundle-cli-error-exists", &[("path", path.display().to_string().into())]))
        } else {
            io_failure(x, "bundle-cli-error-write", path, e)
        }
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| io_failure(x, "bundle-cli-error-write", path, e))
}

pub fn keygen(json: bool, t: &Localizer, out: &Path) -> Result<(), Failure> {
    let x = Texts::new(t);
    let key = loop {
        if let Some(key) = KeyPair::from_bytes(&random_bytes()?) {
            break key;
        }
    };
    write_new(&x, out, key.to_jwk().as_bytes(), true)?;
    if json {
        let thumbprint = anyqtama_bundle::Signer::public_jwk(&key).thumbprint(&Sha256);
        out!("{}", json!({"out": out, "thumbprint": thumbprint}));
    } else {
        out!("{}", x.format("bundle-cli-keygen", &[("path", out.display().to_string().into())]));
    }
    Ok(())
}

/// The documents of a folder: `DIR/<checklist item>/<file>`, items and files sorted by name,
/// hidden files (`.name`) left out.
fn read_documents(x: &Texts<'_>, dir: &Path) -> Result<Vec<Document<'static>>, Failure> {
    let bad = |path: &Path, reason: &str| {
        Failure(x.format(
            "bundle-cli-error-documents",
            &[("path", path.display().to_string().into()), ("reason", reason.to_string().into())],
        ))
    };
    let list = |path: &Path| -> Result<Vec<PathBuf>, Failure> {
        let entries = std::fs::read_dir(path).map_err(|e| bad(path, &e.to_string()))?;
        let mut v: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        v.sort();
        Ok(v)
    };
    let mut documents = Vec::new();
    for item_dir in list(dir)? {
        if !item_dir.is_dir() {
            return Err(bad(&item_dir, "not in a checklist item's folder"));
        }
        let item = item_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for file in list(&item_dir)? {
            if !file.is_file() {
                return Err(bad(&file, "not a file"));
            }
            let bytes = std::fs::read(&file).map_err(|e| io_failure(x, "bundle-cli-error-read", &file, e))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            documents.push(Document { item: item.clone(), name, bytes: Cow::Owned(bytes), sha256: None });
        }
    }
    Ok(documents)
}

pub struct BundleArgs<'a> {
    pub application: &'a Path,
    pub documents: &'a Path,
    pub key: &'a Path,
    pub out: &'a Path,
    pub id: Option<&'a str>,
    pub date: Option<&'a str>,
}

pub fn bundle(json: bool, t: &Localizer, regulation: &Regulation, a: &BundleArgs<'_>) -> Result<(), Failure> {
    let x = Texts::new(t);
    let text = std::fs::read_to_string(a.application)
        .map_err(|e| io_failure(&x, "bundle-cli-error-read", a.application, e))?;
    let application: Application = serde_json::from_str(&text)
        .map_err(|e| io_failure(&x, "bundle-cli-error-application", a.application, e))?;
    let key_text =
        std::fs::read_to_string(a.key).map_err(|e| io_failure(&x, "bundle-cli-error-read", a.key, e))?;
    let key = KeyPair::from_jwk(&key_text).map_err(|e| io_failure(&x, "bundle-cli-error-key", a.key, e))?;
    let documents = read_documents(&x, a.documents)?;
    let date = match a.date {
        Some(d) => parse_date(t, d)?,
        None => today(),
    };
    let id = match a.id {
        Some(id) => id.to_string(),
        None => random_uuid()?,
    };
    let rules_version = check(&application, date, regulation).rules_version.unwrap_or_default();
    // Phones and document numbers go into the bag in their one form, as the widget's do.
    let application = match regulation.rules.all().iter().find(|r| r.version == rules_version) {
        Some(rules) => anyqtama_core::check::normalized(&application, rules),
        None => application,
    };
    let request = Request {
        application: &application,
        documents: &documents,
        id: &id,
        date,
        lang: t.lang(),
        rules_version: &rules_version,
    };
    let bytes = anyqtama_bundle::build(&request, &Sha256, &key).map_err(|p| Failure(x.problem(&p)))?;
    write_new(&x, a.out, &bytes, false)?;
    let id = id.to_ascii_lowercase();
    if json {
        out!("{}", json!({"id": id, "out": a.out, "documents": documents.len(), "bytes": bytes.len()}));
    } else {
        out!(
            "{}",
            x.format(
                "bundle-cli-written",
                &[
                    ("id", id.into()),
                    ("path", a.out.display().to_string().into()),
                    ("files", Value::Num(documents.len() as i64)),
                    ("bytes", Value::Num(bytes.len() as i64)),
                ]
            )
        );
    }
    Ok(())
}

/// Exit status: 0 valid, 1 invalid, 2 unreadable (as a `Failure`).
pub fn verify(
    json: bool,
    t: &Localizer,
    regulation: &Regulation,
    path: &Path,
    today: Date,
    eds: &anyqtama_eds::Options,
) -> Result<bool, Failure> {
    let x = Texts::new(t);
    let bytes = std::fs::read(path).map_err(|e| io_failure(&x, "bundle-cli-error-read", path, e))?;
    let options = anyqtama_bundle::Options { today, regulation, limits: Limits::default() };
    let mut r = anyqtama_bundle::verify(&bytes, &options, &Sha256, &P256Verifier);
    // The applicant's electronic signature, when the bundle carries one: its signers are shown,
    // and an invalid one (or one that cannot be read) makes the bundle invalid; so does a valid
    // one by another person than the application's IIN (as the intake server refuses it).
    let signed = anyqtama_bundle::eds::verify(&bytes, &Limits::default(), eds);
    if let (Some(Ok(report)), Some(application)) = (&signed, &r.application) {
        r.errors.extend(anyqtama_bundle::eds::iin_mismatch(report, application));
    }
    let eds_valid = match &signed {
        None => true,
        Some(Ok(report)) => report.valid,
        Some(Err(_)) => false,
    };
    let problem_line = |p: &Problem| match &p.path {
        Some(path) => format!("{path}: {}", x.problem(p)),
        None => x.problem(p),
    };
    if json {
        let mut v = report_json(&x, t, regulation, &r, today);
        if let Some(signed) = &signed {
            v["valid"] = serde_json::Value::Bool(r.is_valid() && eds_valid);
            v["eds"] = match signed {
                Ok(report) => crate::eds::report_json(t, report),
                Err(e) => {
                    serde_json::json!({"valid": false, "error": {"code": e.code.code(), "message": t.text(e.code.code())}})
                }
            };
        }
        out!("{}", serde_json::to_string_pretty(&v).expect("plain JSON"));
    }
    if !r.readable {
        let reasons: Vec<String> = r.errors.iter().map(problem_line).collect();
        return Err(Failure(format!("{} {}", x.format("bundle-cli-unreadable", &[]), reasons.join("; "))));
    }
    if json {
        return Ok(r.is_valid() && eds_valid);
    }
    let id = r.id.clone().unwrap_or_else(|| "—".to_string());
    if r.is_valid() {
        out!("{}", x.format("bundle-cli-valid", &[("id", id.into())]));
    } else {
        out!(
            "{}",
            x.format(
                "bundle-cli-invalid",
                &[("id", id.into()), ("count", Value::Num(r.errors.len() as i64))]
            )
        );
        for p in &r.errors {
            out!("  - {}", problem_line(p));
        }
    }
    if let Some(thumbprint) = &r.key_thumbprint {
        out!("{}", x.format("bundle-cli-key", &[("thumbprint", thumbprint.as_str().into())]));
    }
    if let (Some(report), Some(rules)) = (&r.report, rules_of(regulation, &r)) {
        out!("{}", x.format("bundle-cli-findings", &[("date", t.date(today).into())]));
        for f in &report.findings {
            out!("  {}: {}", t.text(&format!("severity-{}", f.severity.key())), t.finding(f, rules));
        }
    }
    match &signed {
        None => {}
        Some(Ok(report)) => {
            out!("{}", t.text(if report.valid { "eds-cli-valid" } else { "eds-cli-invalid" }));
            for (i, s) in report.signers.iter().enumerate() {
                crate::eds::print_signer(t, i + 1, s);
            }
        }
        Some(Err(e)) => out!("{} {} ({})", t.text("eds-cli-invalid"), t.text(e.code.code()), e.code.code()),
    }
    Ok(r.is_valid() && eds_valid)
}

use anyqtama_server::texts::rules_of;

fn report_json(
    x: &Texts<'_>,
    t: &Localizer,
    regulation: &Regulation,
    r: &VerifyReport,
    today: Date,
) -> serde_json::Value {
    let errors = anyqtama_server::texts::errors_json(x.t, r);
    let report = anyqtama_server::texts::report_json(t, regulation, r);
    let info: serde_json::Map<String, serde_json::Value> =
        r.info.iter().map(|(k, v)| (k.clone(), v.clone().into())).collect();
    json!({
        "valid": r.is_valid(),
        "readable": r.readable,
        "id": r.id,
        "today": today,
        "key_thumbprint": r.key_thumbprint,
        "info": info,
        "errors": errors,
        "report": report,
    })
}
