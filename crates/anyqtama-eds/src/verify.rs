//! Full verification of a CMS signature: for each signer, the content's digest, the signature,
//! the time it was made (a verified time-stamp token, else signingTime, else now; `at`
//! overrides), the chain to a configured trust anchor with each link's signature and validity,
//! keyUsage, extended key usage and revocation from the CRLs given.

use crate::cms::{self, Cert, SignedCms, Signer};
use crate::gost;
use crate::sig;
use crate::tlv;
use crate::{oids, Algorithm, EdsError, ErrorCode, SignerSummary};
use const_oid::ObjectIdentifier as Oid;
use der::{Decode, Encode};
use x509_cert::crl::CertificateList;

/// The longest chain followed (signer, intermediates, anchor).
const MAX_CHAIN: usize = 8;

/// A certificate revocation list with its original to-be-signed bytes.
#[derive(Clone, Debug)]
pub struct Crl {
    pub tbs_raw: Vec<u8>,
    pub crl: CertificateList,
}

impl Crl {
    pub fn from_der(raw: &[u8]) -> Result<Crl, EdsError> {
        let bad = || EdsError::new(ErrorCode::BadTrustInput);
        let top = tlv::read_one(raw).map_err(|_| bad())?;
        let tbs = top.children().map_err(|_| bad())?.first().map(|t| t.raw.to_vec()).ok_or_else(bad)?;
        let crl = CertificateList::from_der(raw).map_err(|_| bad())?;
        Ok(Crl { tbs_raw: tbs, crl })
    }

    /// DER, or PEM with one or more `X509 CRL` blocks.
    pub fn parse_many(bytes: &[u8]) -> Result<Vec<Crl>, EdsError> {
        match cms::pem_blocks(bytes) {
            Some(blocks) if !blocks.is_empty() => blocks.iter().map(|b| Crl::from_der(b)).collect(),
            _ => Ok(vec![Crl::from_der(bytes)?]),
        }
    }

    /// When `cert` was revoked, by this CRL (seconds since 1970); `None` when not listed.
    pub fn revoked_at(&self, cert: &Cert) -> Option<u64> {
        let list = self.crl.tbs_cert_list.revoked_certificates.as_ref()?;
        list.iter()
            .find(|r| r.serial_number == cert.tbs().serial_number)
            .map(|r| r.revocation_date.to_unix_duration().as_secs())
    }
}

/// What the verifier trusts and when it looks.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Trust anchors: a chain ending in any of these is trusted (a root or an NCA).
    pub trust: Vec<Cert>,
    /// Other certificates that may complete a chain (not trusted by themselves), besides
    /// those the signature carries.
    pub intermediates: Vec<Cert>,
    pub crls: Vec<Crl>,
    /// Check as of this time instead of the signing time (seconds since 1970).
    pub at: Option<u64>,
    /// The current time, used when a signer states no time and no `at` is given.
    pub now: u64,
}

/// Where the time a signer was checked at came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeSource {
    /// A verified RFC 3161 time-stamp token.
    TimeStamp,
    /// The signed attribute signingTime (what the signer's computer said).
    SigningTime,
    /// Neither: the current time.
    Now,
    /// `at` given by the caller.
    At,
}

/// The verdict on one signer.
#[derive(Clone, Debug)]
pub struct SignerReport {
    pub valid: bool,
    /// Who signed; `None` when the signer's certificate is missing.
    pub summary: Option<SignerSummary>,
    pub algorithm: Option<Algorithm>,
    /// The time-stamp's time, else signingTime (seconds since 1970).
    pub signed_at: Option<u64>,
    /// The time the chain was checked at, and where it came from.
    pub checked_at: u64,
    pub time_source: TimeSource,
    /// The subject of each certificate from the signer's up to the anchor (when trusted).
    pub chain: Vec<String>,
    pub errors: Vec<ErrorCode>,
}

/// The verdict on a whole signature.
#[derive(Clone, Debug)]
pub struct Report {
    /// Every signer valid (and at least one).
    pub valid: bool,
    /// SHA-256 of the signed content (hex); empty when the content is missing.
    pub content_sha256: String,
    pub signers: Vec<SignerReport>,
}

/// Verifies a CMS signature (DER, PEM or base64) over `content` (needed when detached;
/// when attached and given too, both must be the same). An error only when the file cannot be
/// read as CMS SignedData; every other failure is in the report.
pub fn verify(signature: &[u8], content: Option<&[u8]>, opts: &Options) -> Result<Report, EdsError> {
    let parsed = SignedCms::parse(signature)?;
    let content_mismatch = matches!((&parsed.content, content), (Some(a), Some(b)) if a.as_slice() != b);
    let content = content.or(parsed.content.as_deref());
    let content_sha256 = content.map(|c| hex(&sig::digest(Algorithm::RsaSha256, c))).unwrap_or_default();
    let mut signers: Vec<SignerReport> =
        parsed.signers.iter().map(|s| verify_signer(&parsed, s, content, opts, Purpose::Document)).collect();
    if content_mismatch {
        for s in &mut signers {
            push(&mut s.errors, ErrorCode::DigestMismatch);
            s.valid = false;
        }
    }
    let valid = !signers.is_empty() && signers.iter().all(|s| s.valid);
    Ok(Report { valid, content_sha256, signers })
}

/// What a signer's certificate must be good for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Signing documents: digitalSignature and 1.3.6.1.5.5.7.3.4.
    Document,
    /// A time-stamping authority's token: 1.3.6.1.5.5.7.3.8.
    TimeStamp,
}

fn push(errors: &mut Vec<ErrorCode>, code: ErrorCode) {
    if !errors.contains(&code) {
        errors.push(code);
    }
}

fn verify_signer(
    parsed: &SignedCms,
    s: &Signer,
    content: Option<&[u8]>,
    opts: &Options,
    purpose: Purpose,
) -> SignerReport {
    let mut errors = Vec::new();
    let algorithm = s.algorithm();
    let cert = s.cert_index.and_then(|i| parsed.certificates.get(i));
    let signing_time = s.signing_time();
    let mut report = SignerReport {
        valid: false,
        summary: cert.map(|c| cms::cert_summary(c, algorithm.or_else(|| c.key_algorithm()), signing_time)),
        algorithm,
        signed_at: signing_time,
        checked_at: opts.now,
        time_source: TimeSource::Now,
        chain: Vec::new(),
        errors: Vec::new(),
    };
    let Some(cert) = cert else {
        report.errors.push(ErrorCode::SignerCertificateMissing);
        return report;
    };
    let Some(alg) = algorithm else {
        report.errors.push(ErrorCode::UnsupportedAlgorithm);
        return report;
    };
    if alg == Algorithm::RsaSha1 {
        push(&mut errors, ErrorCode::WeakAlgorithm);
    }
    // The content and the signature.
    match content {
        None => push(&mut errors, ErrorCode::ContentMissing),
        Some(content) => {
            let signed = match &s.signed_attrs_der {
                Some(attrs) => {
                    let digest = sig::digest_by_oid(s.info.digest_alg.oid, content);
                    let md = s
                        .signed_attr(oids::MESSAGE_DIGEST)
                        .and_then(|v| der::asn1::OctetString::from_der(&v).ok())
                        .map(|o| o.as_bytes().to_vec());
                    if digest.is_none() {
                        push(&mut errors, ErrorCode::UnsupportedAlgorithm);
                    } else if md.is_none() || md != digest {
                        push(&mut errors, ErrorCode::DigestMismatch);
                    }
                    attrs.as_slice()
                }
                None => content,
            };
            if !sig::verify(alg, cert, signed, s.info.signature.as_bytes()) {
                push(&mut errors, ErrorCode::SignatureInvalid);
            }
        }
    }
    // The time.
    let token = timestamp_token(s);
    let stamped = match (token, purpose) {
        (Some(token), Purpose::Document) => {
            match verify_token(token, Some(s.info.signature.as_bytes()), opts) {
                Ok(t) => Some(t),
                Err(_) => {
                    push(&mut errors, ErrorCode::TimestampInvalid);
                    None
                }
            }
        }
        _ => None,
    };
    if let Some(t) = stamped {
        report.signed_at = Some(t);
    }
    let (checked_at, source) = match (opts.at, stamped, signing_time) {
        (Some(at), _, _) => (at, TimeSource::At),
        (None, Some(t), _) => (t, TimeSource::TimeStamp),
        (None, None, Some(t)) => (t, TimeSource::SigningTime),
        (None, None, None) => (opts.now, TimeSource::Now),
    };
    report.checked_at = checked_at;
    report.time_source = source;
    // The certificate's uses.
    match purpose {
        Purpose::Document => {
            if cert.digital_signature() != Some(true) {
                push(&mut errors, ErrorCode::KeyUsage);
            }
            if !cert.has_eku(oids::EKU_EMAIL_PROTECTION) {
                push(&mut errors, ErrorCode::ExtendedKeyUsage);
            }
        }
        Purpose::TimeStamp => {
            if !cert.has_eku(oids::EKU_TIME_STAMPING) {
                push(&mut errors, ErrorCode::ExtendedKeyUsage);
            }
        }
    }
    let chain = check_chain(cert, &parsed.certificates, opts, checked_at, &mut errors);
    report.chain = chain.iter().map(|c| c.subject()).collect();
    report.valid = errors.is_empty();
    report.errors = errors;
    report
}

/// Checks a certificate alone (no signature): its chain to an anchor at time `at`, each
/// link's signature and validity, and revocation. Returns the chain's subjects and the errors.
pub fn verify_certificate(
    cert: &Cert,
    intermediates: &[Cert],
    opts: &Options,
    at: u64,
) -> (Vec<String>, Vec<ErrorCode>) {
    let mut errors = Vec::new();
    let chain = check_chain(cert, intermediates, opts, at, &mut errors);
    (chain.iter().map(|c| c.subject()).collect(), errors)
}

fn is_anchor(cert: &Cert, opts: &Options) -> bool {
    opts.trust.iter().any(|a| {
        a.raw == cert.raw
            || (a.tbs().subject == cert.tbs().subject
                && a.tbs().subject_public_key_info == cert.tbs().subject_public_key_info)
    })
}

/// How many CA certificates' verified signatures [`check_signed_by`] remembers.
const VERIFIED_CA_CERTS: usize = 16;

/// SHA-256 of (issuer certificate, CA certificate) pairs whose signature verified, most recent
/// first: every bundle's chain carries the same NCA certificate, and whether those exact bytes
/// are signed by that exact key cannot change (validity and revocation are still checked each
/// time). End-entity certificates are not remembered: each applicant's is verified.
static VERIFIED_CA: std::sync::Mutex<Vec<[u8; 32]>> = std::sync::Mutex::new(Vec::new());

/// Forgets what verification keeps between calls: the CA certificates whose signature verified
/// and the CA keys' precomputed tables (a benchmark's "first bundle of a process").
pub fn forget_caches() {
    VERIFIED_CA.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    for curve in [gost::Curve::tc26_512_a(), gost::Curve::tc26_256_a(), gost::Curve::cryptopro_a()] {
        curve.forget_keys();
    }
}

fn check_signed_by(subject: &Cert, issuer: &Cert) -> bool {
    use sha2::Digest;
    let Some(alg) = sig::algorithm_of(subject.cert.signature_algorithm.oid) else { return false };
    let memo: Option<[u8; 32]> = subject.is_ca().then(|| {
        let mut h = sha2::Sha256::new();
        h.update((issuer.raw.len() as u64).to_be_bytes());
        h.update(&issuer.raw);
        h.update(&subject.raw);
        h.finalize().into()
    });
    let verified = || VERIFIED_CA.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if memo.is_some_and(|m| verified().contains(&m)) {
        return true;
    }
    let ok = sig::verify_issued(alg, issuer, &subject.tbs_raw, subject.cert.signature.raw_bytes());
    if let (true, Some(m)) = (ok, memo) {
        let mut list = verified();
        list.insert(0, m);
        list.truncate(VERIFIED_CA_CERTS);
    }
    ok
}

/// The chain from `cert` up to a trust anchor (both included), pushing what is wrong.
fn check_chain<'a>(
    cert: &'a Cert,
    intermediates: &'a [Cert],
    opts: &'a Options,
    at: u64,
    errors: &mut Vec<ErrorCode>,
) -> Vec<&'a Cert> {
    let mut chain = vec![cert];
    let mut trusted = false;
    while chain.len() <= MAX_CHAIN {
        let cur = chain[chain.len() - 1];
        if is_anchor(cur, opts) {
            trusted = true;
            break;
        }
        let candidates: Vec<&Cert> = opts
            .trust
            .iter()
            .chain(intermediates.iter())
            .chain(opts.intermediates.iter())
            .filter(|c| cur.issued_by(c) && c.raw != cur.raw && !chain.iter().any(|x| x.raw == c.raw))
            .collect();
        if candidates.is_empty() {
            break;
        }
        match candidates.into_iter().find(|c| check_signed_by(cur, c)) {
            Some(issuer) => {
                if !(issuer.is_ca() || issuer.key_cert_sign()) {
                    push(errors, ErrorCode::ChainSignatureInvalid);
                }
                chain.push(issuer);
            }
            None => {
                push(errors, ErrorCode::ChainSignatureInvalid);
                break;
            }
        }
    }
    if !trusted {
        push(errors, ErrorCode::Untrusted);
    }
    for c in &chain {
        if at < c.not_before() || at > c.not_after() {
            push(errors, ErrorCode::NotValidAtTime);
        }
    }
    // Revocation: each certificate below an issuer in the chain, against that issuer's CRLs.
    for pair in chain.windows(2) {
        let (subject, issuer) = (pair[0], pair[1]);
        for crl in opts.crls.iter().filter(|crl| crl.crl.tbs_cert_list.issuer == issuer.tbs().subject) {
            let signed = sig::algorithm_of(crl.crl.signature_algorithm.oid).is_some_and(|alg| {
                sig::verify_issued(alg, issuer, &crl.tbs_raw, crl.crl.signature.raw_bytes())
            });
            if !signed {
                push(errors, ErrorCode::CrlInvalid);
                continue;
            }
            if crl.revoked_at(subject).is_some_and(|when| when <= at) {
                push(errors, ErrorCode::Revoked);
            }
        }
    }
    chain
}

/// The signer's RFC 3161 time-stamp token (an unsigned attribute), as DER.
fn timestamp_token(s: &Signer) -> Option<Vec<u8>> {
    let attrs = s.info.unsigned_attrs.as_ref()?;
    let attr = attrs.iter().find(|a| a.oid == oids::TIME_STAMP_TOKEN)?;
    attr.values.iter().next().and_then(|v| v.to_der().ok())
}

/// The token of an RFC 3161 TimeStampResp (`SEQUENCE { status, timeStampToken }`).
pub fn token_of_response(resp: &[u8]) -> Option<Vec<u8>> {
    let top = tlv::read_one(resp).ok()?;
    let parts = top.children().ok()?;
    parts.get(1).map(|t| t.raw.to_vec())
}

/// Verifies a time-stamp token (CMS SignedData over a TSTInfo, signed by a time-stamping
/// authority whose certificate chains to a trust anchor) and returns its genTime. With
/// `stamped`, its message imprint must be the digest of those bytes (a signer's signature).
pub fn verify_token(
    token: impl AsRef<[u8]>,
    stamped: Option<&[u8]>,
    opts: &Options,
) -> Result<u64, ErrorCode> {
    let parsed = SignedCms::parse(token.as_ref()).map_err(|_| ErrorCode::TimestampInvalid)?;
    let tst = parsed.content.as_deref().ok_or(ErrorCode::TimestampInvalid)?;
    let (imprint_alg, imprint, gen_time) = tst_info(tst).ok_or(ErrorCode::TimestampInvalid)?;
    if let Some(stamped) = stamped {
        if sig::digest_by_oid(imprint_alg, stamped).as_deref() != Some(imprint.as_slice()) {
            return Err(ErrorCode::TimestampInvalid);
        }
    }
    let opts = Options { at: Some(gen_time), ..opts.clone() };
    let signer = parsed.signers.first().ok_or(ErrorCode::TimestampInvalid)?;
    let report = verify_signer(&parsed, signer, Some(tst), &opts, Purpose::TimeStamp);
    if report.valid {
        Ok(gen_time)
    } else {
        Err(report.errors.first().copied().unwrap_or(ErrorCode::TimestampInvalid))
    }
}

/// TSTInfo ::= SEQUENCE { version, policy, messageImprint { hashAlgorithm, hashedMessage },
/// serialNumber, genTime, … }.
fn tst_info(der: &[u8]) -> Option<(Oid, Vec<u8>, u64)> {
    let top = tlv::read_one(der).ok()?;
    let parts = top.children().ok()?;
    let imprint = parts.get(2)?.children().ok()?;
    let alg = imprint.first()?.children().ok()?;
    let alg = Oid::from_der(alg.first()?.raw).ok()?;
    let hashed = imprint.get(1)?.body.to_vec();
    let gen = der::asn1::GeneralizedTime::from_der(parts.get(4)?.raw).ok()?;
    Some((alg, hashed, gen.to_unix_duration().as_secs()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
