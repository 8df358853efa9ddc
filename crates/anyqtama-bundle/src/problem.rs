//! Problems as values: a stable code, the path in the bundle it is about, and arguments for the
//! message. Every code has a text in kk, ru and en (`locales/<lang>/bundle.ftl`, message id
//! `bundle-` + the code with `.` and `_` as `-`).

use serde::Serialize;
use std::collections::BTreeMap;

/// Every problem code, in the order of the checks.
pub const CODES: &[&str] = &[
    "zip.not_zip",
    "zip.truncated",
    "zip.malformed",
    "zip.unsupported",
    "zip.too_many_entries",
    "zip.too_large",
    "zip.bomb",
    "zip.crc",
    "zip.duplicate",
    "name.unsafe",
    "bag.missing_tag_file",
    "bag.unexpected_file",
    "bag.declaration",
    "bag.info_invalid",
    "bag.info_mismatch",
    "bag.oxum",
    "bag.manifest_syntax",
    "bag.manifest_mismatch",
    "bag.file_missing",
    "bag.file_unlisted",
    "bag.tagmanifest_mismatch",
    "bag.tag_unlisted",
    "signature.missing",
    "signature.malformed",
    "signature.header",
    "signature.key",
    "signature.invalid",
    "eds.no_trust_anchor",
    "eds.invalid",
    "eds.iin_mismatch",
    "application.missing",
    "application.invalid",
    "application.schema",
    "application.not_canonical",
    "application.file_missing",
    "application.file_unlisted",
    "application.file_mismatch",
    "check.blockers",
    "build.id",
    "build.too_large",
    "build.signer",
];

/// One reason a bundle is refused (or could not be built).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A stable code from [`CODES`], e.g. `bag.manifest_mismatch`.
    pub code: &'static str,
    /// The path inside the bundle it is about, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Arguments of the message (`reason`, `field`, `count` …).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl Problem {
    pub fn new(code: &'static str) -> Problem {
        debug_assert!(CODES.contains(&code), "{code} is not in CODES");
        Problem { code, path: None, args: BTreeMap::new() }
    }

    pub fn at(code: &'static str, path: impl Into<String>) -> Problem {
        Problem { path: Some(path.into()), ..Problem::new(code) }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Problem {
        self.args.insert(name.to_string(), value.to_string());
        self
    }

    /// The Fluent message id of the code: `bundle-bag-manifest-mismatch`.
    pub fn message_id(&self) -> String {
        message_id(self.code)
    }
}

/// The Fluent message id of a code.
pub fn message_id(code: &str) -> String {
    format!("bundle-{}", code.replace(['.', '_'], "-"))
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code)?;
        if let Some(p) = &self.path {
            write!(f, " ({p})")?;
        }
        for (k, v) in &self.args {
            write!(f, " {k}={v}")?;
        }
        Ok(())
    }
}
