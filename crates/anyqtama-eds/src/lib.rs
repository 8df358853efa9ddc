//! Qualified electronic signatures (ЭЦҚ/ЭЦП) of Kazakhstan's PKI.
//!
//! - [`cms`]: reading CMS SignedData (detached or attached, one or more signers) and a
//!   [`SignerSummary`] of each signer: IIN, BIN, name, certificate serial and validity, whether
//!   the certificate is a signing one, the algorithm.
//! - [`verify()`]: full verification — the content's digest, each signer's signature (GOST R
//!   34.10-2015 512/256 with Streebog, GOST 34.310-2004 with GOST 34.311-95, RSA PKCS#1 v1.5
//!   with SHA-256 or, reported weak, SHA-1), the chain to a configured trust anchor, validity
//!   at the signing time, key usages and CRLs.
//! - [`gost`]: the curves and the arithmetic of GOST R 34.10.
//!
//! Pure Rust, builds for wasm32: no clock and no files — "now" is an argument. Between calls it
//! keeps only what cannot change an answer, for speed when a process verifies many bundles: the
//! CA keys' precomputed tables ([`gost::Curve::verify_cached`]) and the CA certificates whose
//! signature verified ([`verify::forget_caches`] drops both).

pub mod cms;
pub mod oids;
pub mod sig;
pub mod time;
pub mod tlv;
pub mod verify;

/// The GOST R 34.10 curve arithmetic and verification (its own crate: built for speed, Cargo.toml).
pub use anyqtama_gost as gost;

pub use cms::{signer_summaries, Cert, SignedCms, SignerSummary};
pub use verify::{verify, Crl, Options, Report, SignerReport, TimeSource};

/// A signature algorithm, by the names the JSON output and the receipt use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    Gost2015_512,
    Gost2015_256,
    Gost2004,
    RsaSha256,
    RsaSha1,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Gost2015_512 => "gost2015-512",
            Algorithm::Gost2015_256 => "gost2015-256",
            Algorithm::Gost2004 => "gost2004",
            Algorithm::RsaSha256 => "rsa-sha256",
            Algorithm::RsaSha1 => "rsa-sha1",
        }
    }
}

/// Every way reading or verifying a signature can fail: a stable code, with a message in
/// `locales/{kk,ru,en}/eds.ftl` under the same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input is not a CMS ContentInfo (not DER, PEM or base64 of one; truncated; garbage).
    NotCms,
    /// A CMS, but not SignedData.
    NotSignedData,
    TooLarge,
    NoSigner,
    BadCertificate,
    /// The signer's certificate is not in the signature.
    SignerCertificateMissing,
    UnsupportedAlgorithm,
    /// A detached signature and no content given.
    ContentMissing,
    /// The content's digest differs from the signed messageDigest.
    DigestMismatch,
    SignatureInvalid,
    /// SHA-1.
    WeakAlgorithm,
    /// No chain from the signer's certificate to a configured trust anchor.
    Untrusted,
    /// A certificate of the chain is not validly signed by its issuer.
    ChainSignatureInvalid,
    /// A certificate of the chain is not valid at the signing time.
    NotValidAtTime,
    /// The signer's certificate lacks keyUsage digitalSignature.
    KeyUsage,
    /// The signer's certificate lacks the extended key usage 1.3.6.1.5.5.7.3.4.
    ExtendedKeyUsage,
    /// A certificate of the chain was revoked before the signing time.
    Revoked,
    /// A CRL given cannot be read, or is not validly signed by its issuer.
    CrlInvalid,
    /// The signer's time-stamp token does not verify.
    TimestampInvalid,
    /// A trust anchor or CRL file given cannot be read.
    BadTrustInput,
}

impl ErrorCode {
    /// The stable code (also the Fluent message id).
    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::NotCms => "eds-not-cms",
            ErrorCode::NotSignedData => "eds-not-signed-data",
            ErrorCode::TooLarge => "eds-too-large",
            ErrorCode::NoSigner => "eds-no-signer",
            ErrorCode::BadCertificate => "eds-bad-certificate",
            ErrorCode::SignerCertificateMissing => "eds-signer-certificate-missing",
            ErrorCode::UnsupportedAlgorithm => "eds-unsupported-algorithm",
            ErrorCode::ContentMissing => "eds-content-missing",
            ErrorCode::DigestMismatch => "eds-digest-mismatch",
            ErrorCode::SignatureInvalid => "eds-signature-invalid",
            ErrorCode::WeakAlgorithm => "eds-weak-algorithm",
            ErrorCode::Untrusted => "eds-untrusted",
            ErrorCode::ChainSignatureInvalid => "eds-chain-signature-invalid",
            ErrorCode::NotValidAtTime => "eds-not-valid-at-time",
            ErrorCode::KeyUsage => "eds-key-usage",
            ErrorCode::ExtendedKeyUsage => "eds-extended-key-usage",
            ErrorCode::Revoked => "eds-revoked",
            ErrorCode::CrlInvalid => "eds-crl-invalid",
            ErrorCode::TimestampInvalid => "eds-timestamp-invalid",
            ErrorCode::BadTrustInput => "eds-bad-trust-input",
        }
    }

    /// Every code, for the tests that each has its messages.
    pub const ALL: [ErrorCode; 20] = [
        ErrorCode::NotCms,
        ErrorCode::NotSignedData,
        ErrorCode::TooLarge,
        ErrorCode::NoSigner,
        ErrorCode::BadCertificate,
        ErrorCode::SignerCertificateMissing,
        ErrorCode::UnsupportedAlgorithm,
        ErrorCode::ContentMissing,
        ErrorCode::DigestMismatch,
        ErrorCode::SignatureInvalid,
        ErrorCode::WeakAlgorithm,
        ErrorCode::Untrusted,
        ErrorCode::ChainSignatureInvalid,
        ErrorCode::NotValidAtTime,
        ErrorCode::KeyUsage,
        ErrorCode::ExtendedKeyUsage,
        ErrorCode::Revoked,
        ErrorCode::CrlInvalid,
        ErrorCode::TimestampInvalid,
        ErrorCode::BadTrustInput,
    ];
}

/// An error reading a signature (the whole file), with its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdsError {
    pub code: ErrorCode,
}

impl EdsError {
    pub fn new(code: ErrorCode) -> EdsError {
        EdsError { code }
    }
}

impl core::fmt::Display for EdsError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code.code())
    }
}

impl std::error::Error for EdsError {}
