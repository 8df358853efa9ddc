//! The applicant's electronic signature, as the submit worker checks it before the applicant
//! sends: who signed (from the CMS NCALayer returned, read with `anyqtama-eds`), and whether that
//! signer may sign this application. The portal verifies the signature fully (chain, revocation,
//! time); this check only stops a wrong key early, with a message the applicant can act on.

/// Extended key usage of a signing certificate (the NCA's "sign" keys carry it; "auth" keys do
/// not).
pub const EKU_SIGNING: &str = "1.3.6.1.5.5.7.3.4";

/// What the widget shows of the signer, and checks (the page reads the same type back).
pub use anyqtama_core::signer::Signer;

/// The facts about the first signer of a CMS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub signer: Signer,
    /// The certificate may sign documents: extended key usage 1.3.6.1.5.5.7.3.4 and key usage
    /// digitalSignature (or nonRepudiation).
    pub signing: bool,
    /// The CMS's message digest matches the content it was asked to sign.
    pub covers_content: bool,
}

/// Why this signer may not sign this application (a stable code), or `None`.
/// `application_iin` is the IIN in the application, empty when it has none.
pub fn judge(facts: &Facts, application_iin: &str) -> Option<&'static str> {
    let iin = application_iin.trim();
    if !facts.covers_content {
        Some("eds.unreadable")
    } else if !facts.signing {
        Some("eds.not_signing_certificate")
    } else if !iin.is_empty() && facts.signer.iin.as_deref() != Some(iin) {
        Some("eds.iin_mismatch")
    } else {
        None
    }
}

/// Reads the first signer of `cms` (DER, PEM or base64), detached over `content`: who it is, and
/// whether its signature holds — the signed attributes' message digest is the content's, and the
/// signature over them checks with the certificate's key (GOST R 34.10-2015 / 34.310-2004 or
/// RSA, by `anyqtama-eds`). No chain, no revocation: the portal has the trust anchors and CRLs.
pub fn read(cms: &[u8], content: &[u8]) -> Result<Facts, String> {
    use anyqtama_eds::{oids, sig, SignedCms};
    let parsed = SignedCms::parse(cms).map_err(|e| e.to_string())?;
    let first = parsed.signers.first().ok_or("the CMS has no signer")?;
    let summary = anyqtama_eds::signer_summaries(cms).map_err(|e| e.to_string())?.into_iter().next();
    let summary = summary.ok_or("the CMS has no signer")?;
    let cert = first.cert_index.and_then(|i| parsed.certificates.get(i)).ok_or("no signer certificate")?;
    let covers_content =
        match (&first.signed_attrs_der, first.signed_attr(oids::MESSAGE_DIGEST), first.algorithm()) {
            (Some(attrs), Some(digest_der), Some(alg)) => {
                let digest = sig::digest_by_oid(first.info.digest_alg.oid, content).unwrap_or_default();
                let expected = octet_string(&digest);
                digest_der == expected && sig::verify(alg, cert, attrs, first.info.signature.as_bytes())
            }
            (None, None, Some(alg)) => sig::verify(alg, cert, content, first.info.signature.as_bytes()),
            _ => false,
        };
    Ok(Facts {
        signing: summary.is_signing_certificate(),
        signer: Signer {
            name: Some(summary.name),
            iin: summary.iin,
            bin: summary.bin,
            not_after: Some(summary.not_after.chars().take(10).collect()),
        },
        covers_content,
    })
}

/// DER of an OCTET STRING holding `bytes`.
fn octet_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0x04];
    match bytes.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(iin: Option<&str>, signing: bool) -> Facts {
        Facts {
            signer: Signer { iin: iin.map(String::from), ..Signer::default() },
            signing,
            covers_content: true,
        }
    }

    #[test]
    fn a_signing_certificate_of_the_applicant_passes() {
        assert_eq!(judge(&facts(Some("123456789011"), true), "123456789011"), None);
        assert_eq!(
            judge(&facts(Some("123456789011"), true), ""),
            None,
            "no IIN in the application: any signer"
        );
    }

    #[test]
    fn an_authentication_key_is_not_a_signing_key() {
        assert_eq!(
            judge(&facts(Some("123456789011"), false), "123456789011"),
            Some("eds.not_signing_certificate")
        );
    }

    #[test]
    fn another_persons_key_or_one_without_an_iin_is_refused_when_the_application_has_an_iin() {
        assert_eq!(judge(&facts(Some("123456789011"), true), " 791028302728 "), Some("eds.iin_mismatch"));
        assert_eq!(judge(&facts(None, true), "791028302728"), Some("eds.iin_mismatch"));
    }

    const NCA_CMS: &[u8] = include_bytes!("../../../tests/fixtures/nca-test/cms/test123.detached.p7s");

    #[test]
    fn the_ncas_own_signature_is_read_and_checks_over_its_content_only() {
        // Made by the NCA's library (Kalkan): its first signer is GOST R 34.10-2015 512.
        let facts = read(NCA_CMS, b"test123").unwrap();
        assert!(facts.covers_content, "the signature over test123 holds");
        let iin = facts.signer.iin.clone().unwrap();
        assert!(iin.len() == 12 && iin.bytes().all(|b| b.is_ascii_digit()), "{iin}");
        assert!(facts.signer.name.as_deref().is_some_and(|n| !n.is_empty()));
        assert_eq!(facts.signer.not_after.as_deref().map(str::len), Some(10), "YYYY-MM-DD");
        assert!(!read(NCA_CMS, b"test124").unwrap().covers_content, "other content");
    }

    #[test]
    fn garbage_is_a_clear_error() {
        assert!(read(b"", b"x").is_err());
        assert!(read(b"not a cms at all", b"x").is_err());
        assert!(read(&NCA_CMS[..NCA_CMS.len() / 2], b"test123").is_err());
    }

    #[test]
    fn a_signature_over_other_bytes_is_refused() {
        let mut f = facts(Some("123456789011"), true);
        f.covers_content = false;
        assert_eq!(judge(&f, ""), Some("eds.unreadable"));
    }
}
