//! The applicant's qualified electronic signature in a bundle (`signature.p7s`, a detached CMS
//! over `tagmanifest-sha256.txt`), verified with `anyqtama-eds` against the trust anchors and
//! CRLs a verifier is configured with.

use crate::bagit;
use crate::problem::Problem;
use crate::zip::{self, Limits};
use anyqtama_core::Application;
pub use anyqtama_eds::{EdsError, Options, Report, SignerReport};

/// The problem of a bundle whose electronic signature is valid but whose signers do not include
/// the IIN the application gives: the intake server refuses it (422), and `anyqtama check` and
/// `verify` refuse it the same way.
pub const IIN_MISMATCH: &str = "eds.iin_mismatch";

/// `signature.p7s` and `tagmanifest-sha256.txt` of a bundle; `None` when the bundle has no
/// `signature.p7s` (or cannot be read: [`crate::verify()`] says why).
pub fn files(bundle: &[u8], limits: &Limits) -> Option<(Vec<u8>, Vec<u8>)> {
    let archive = zip::read_borrowed(bundle, limits).ok()?;
    let get = |name: &str| archive.entries.iter().find(|(n, _)| n == name).map(|(_, d)| d.to_vec());
    Some((get(bagit::EDS_SIGNATURE)?, get(bagit::TAGMANIFEST).unwrap_or_default()))
}

/// Verifies a bundle's `signature.p7s` over its tag manifest: `None` when it has none.
pub fn verify(bundle: &[u8], limits: &Limits, opts: &Options) -> Option<Result<Report, EdsError>> {
    let (p7s, tagmanifest) = files(bundle, limits)?;
    Some(anyqtama_eds::verify(&p7s, Some(&tagmanifest), opts))
}

/// [`IIN_MISMATCH`] when the signature is valid, `application` gives an IIN, and no signer of
/// `report` holds it (the application is for one person, signed by another: an application through
/// the portal is signed with the applicant's own EDS, obtained with their IIN — A2, other
/// requirements). `None` when it matches, when the application gives none (a BIN-only or
/// incomplete application is not refused here), or when the signature is not valid (that is
/// its own problem).
pub fn iin_mismatch(report: &Report, application: &Application) -> Option<Problem> {
    if !report.valid {
        return None;
    }
    let expected = application.answer("iin")?;
    let held = report.signers.iter().filter_map(|s| s.summary.as_ref()?.iin.as_deref());
    let signers: Vec<&str> = held.collect();
    if signers.contains(&expected) {
        return None;
    }
    Some(
        Problem::at(IIN_MISMATCH, bagit::EDS_SIGNATURE)
            .arg("iin", expected)
            .arg("signer", if signers.is_empty() { "—".to_string() } else { signers.join(", ") }),
    )
}
