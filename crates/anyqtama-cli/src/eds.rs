//! `anyqtama eds verify`: a CMS signature of Kazakhstan's PKI checked offline — the signers,
//! their chain to the trust anchors given, the CRLs given — printed for a person or as JSON.

use crate::Failure;
use anyqtama_eds::{time, Cert, Crl, ErrorCode, Options, Report, SignerReport};
use anyqtama_i18n::{Localizer, Value};
use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};

/// The arguments of `eds verify`.
pub struct VerifyArgs<'a> {
    pub signature: &'a Path,
    pub content: Option<&'a Path>,
    pub trust: &'a [PathBuf],
    pub crl: &'a [PathBuf],
    pub at: Option<&'a str>,
}

fn read(t: &Localizer, path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure(t.format(
            "cli-error-data",
            &[("path", path.display().to_string().into()), ("reason", e.to_string().into())],
        ))
    })
}

fn refused(t: &Localizer, path: &Path, code: ErrorCode) -> Failure {
    Failure(format!("{}: {}", path.display(), t.text(code.code())))
}

/// The trust anchors and CRLs of `--trust` / `--crl` (DER or PEM), and `--at`.
pub fn options(
    t: &Localizer,
    trust: &[PathBuf],
    crl: &[PathBuf],
    at: Option<&str>,
) -> Result<Options, Failure> {
    let mut opts = Options { now: now(), ..Options::default() };
    for p in trust {
        opts.trust.extend(Cert::parse_many(&read(t, p)?).map_err(|e| refused(t, p, e.code))?);
    }
    for p in crl {
        opts.crls.extend(Crl::parse_many(&read(t, p)?).map_err(|_| refused(t, p, ErrorCode::BadTrustInput))?);
    }
    if let Some(at) = at {
        opts.at =
            Some(time::parse_day(at).ok_or_else(|| {
                Failure(t.format("cli-error-bad-date", &[("value", at.to_string().into())]))
            })?);
    }
    Ok(opts)
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Runs `eds verify`; Ok(true) when every signer is valid.
pub fn verify(json_out: bool, t: &Localizer, args: &VerifyArgs<'_>) -> Result<bool, Failure> {
    let signature = read(t, args.signature)?;
    let content = args.content.map(|p| read(t, p)).transpose()?;
    let opts = options(t, args.trust, args.crl, args.at)?;
    let report = anyqtama_eds::verify(&signature, content.as_deref(), &opts)
        .map_err(|e| refused(t, args.signature, e.code))?;
    if json_out {
        out!("{}", report_json(t, &report));
    } else {
        print_report(t, &report);
    }
    Ok(report.valid)
}

/// One signer as JSON (the shape of `eds verify --json`, also used by `verify` and `check`).
pub fn signer_json(t: &Localizer, s: &SignerReport) -> Json {
    let summary = s.summary.as_ref();
    json!({
        "valid": s.valid,
        "algorithm": s.algorithm.map(|a| a.name()),
        "iin": summary.and_then(|x| x.iin.clone()),
        "bin": summary.and_then(|x| x.bin.clone()),
        "name": summary.map(|x| x.name.clone()).unwrap_or_default(),
        "certificate_serial": summary.map(|x| x.certificate_serial.clone()).unwrap_or_default(),
        "not_before": summary.map(|x| x.not_before.clone()).unwrap_or_default(),
        "not_after": summary.map(|x| x.not_after.clone()).unwrap_or_default(),
        "signed_at": s.signed_at.map(time::rfc3339),
        "chain": s.chain,
        "errors": s.errors.iter().map(|c| json!({"code": c.code(), "message": t.text(c.code())})).collect::<Vec<_>>(),
    })
}

pub fn report_json(t: &Localizer, r: &Report) -> Json {
    json!({
        "valid": r.valid,
        "content_sha256": r.content_sha256,
        "signers": r.signers.iter().map(|s| signer_json(t, s)).collect::<Vec<_>>(),
    })
}

fn print_report(t: &Localizer, r: &Report) {
    out!("{}", t.text(if r.valid { "eds-cli-valid" } else { "eds-cli-invalid" }));
    if !r.content_sha256.is_empty() {
        out!("{}", t.format("eds-cli-content", &[("sha256", r.content_sha256.as_str().into())]));
    }
    for (i, s) in r.signers.iter().enumerate() {
        print_signer(t, i + 1, s);
    }
}

/// A signer for a person: who, which certificate, when, the chain, and every error.
pub fn print_signer(t: &Localizer, n: usize, s: &SignerReport) {
    for (i, line) in signer_lines(t, n, s).iter().enumerate() {
        out!("{}{line}", if i == 0 { "" } else { "  " });
    }
}

/// [`print_signer`]'s lines, without their indent (`check` lists them).
pub fn signer_lines(t: &Localizer, n: usize, s: &SignerReport) -> Vec<String> {
    let name = s.summary.as_ref().map(|x| x.name.clone()).unwrap_or_default();
    let verdict = t.text(if s.valid { "eds-cli-signer-valid" } else { "eds-cli-signer-invalid" });
    let mut lines = vec![format!(
        "{} — {verdict}",
        t.format("eds-cli-signer", &[("n", Value::Num(n as i64)), ("name", name.into())])
    )];
    if let Some(x) = &s.summary {
        if let Some(iin) = &x.iin {
            lines.push(t.format("eds-cli-iin", &[("iin", iin.as_str().into())]));
        }
        if let Some(bin) = &x.bin {
            lines.push(t.format("eds-cli-bin", &[("bin", bin.as_str().into())]));
        }
        lines.push(t.format(
            "eds-cli-certificate",
            &[
                ("serial", x.certificate_serial.as_str().into()),
                ("from", x.not_before.as_str().into()),
                ("until", x.not_after.as_str().into()),
            ],
        ));
    }
    if let Some(a) = s.algorithm {
        lines.push(t.format("eds-cli-algorithm", &[("algorithm", a.name().into())]));
    }
    if let Some(at) = s.signed_at {
        lines.push(t.format("eds-cli-signed-at", &[("at", time::rfc3339(at).into())]));
    }
    if !s.chain.is_empty() {
        lines.push(t.format("eds-cli-chain", &[("chain", s.chain.join(" → ").into())]));
    }
    for e in &s.errors {
        lines.push(format!("✗ {} ({})", t.text(e.code()), e.code()));
    }
    lines
}
