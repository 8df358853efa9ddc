//! # anyqtama-bundle
//!
//! The signed bundle an applicant submits: a ZIP holding a BagIt 1.0 bag (RFC 8493) whose
//! `data/application.json` is the application in canonical JSON (RFC 8785) and whose
//! `data/documents/<item>/<file>` are the attachments, signed by a detached JWS (RFC 7515, ES256,
//! unencoded payload per RFC 7797) over the bytes of `tagmanifest-sha256.txt`. `docs/BUNDLE.md`
//! describes the format.
//!
//! Like the core, this crate has no threads, no file or network I/O and no clock: bytes and
//! "today" come in as arguments, and SHA-256 and ES256 come in through the small traits
//! [`Digest`], [`Signer`] and [`SignatureVerifier`], so that a browser can supply WebCrypto. The
//! `crypto` feature (on by default) implements them natively with `sha2` and `p256`.
//!
//! One concept per module: [`zip`] (a writer of stored entries and a defensive reader),
//! [`bagit`] (the tag files), [`canonical`] (RFC 8785), [`jws`] (the signature), [`names`]
//! (safe file names), [`build()`] and [`verify()`]; with the `precheck` feature, `precheck` (one
//! package's pre-check and its texts, for `anyqtama check` and the widget's pre-check page).
//! Errors are [`Problem`]s with stable codes ([`CODES`]), never panics.

pub mod bagit;
pub mod build;
pub mod canonical;
#[cfg(feature = "crypto")]
pub mod crypto;
/// SHA-256 in Rust, for a shell that has no other (the browser uses it for the small tag files).
#[cfg(feature = "sha256")]
#[derive(Clone, Copy, Debug, Default)]
pub struct Sha256;

#[cfg(feature = "sha256")]
impl Digest for Sha256 {
    fn sha256(&self, data: &[u8]) -> [u8; 32] {
        use sha2::Digest as _;
        sha2::Sha256::digest(data).into()
    }

    /// Natively on x86-64 with the SHA extensions, up to four messages at once (`sha256x`).
    fn sha256_all(&self, messages: &[&[u8]]) -> Vec<[u8; 32]> {
        #[cfg(target_arch = "x86_64")]
        if let Some(digests) = sha256x::digest_all(messages) {
            return digests;
        }
        messages.iter().map(|m| self.sha256(m)).collect()
    }
}
#[cfg(feature = "eds")]
pub mod eds;
pub mod encoding;
pub mod jws;
pub mod names;
#[cfg(feature = "precheck")]
pub mod precheck;
mod problem;
#[cfg(all(feature = "sha256", target_arch = "x86_64"))]
mod sha256x;
pub mod verify;
pub mod zip;

pub use build::{build, prepare, tagmanifest_of, with_eds_signature, Document, Request, Unsigned};
pub use jws::PublicJwk;
pub use problem::{Problem, CODES};
pub use verify::{verify, Options, VerifyReport};

/// The version of the bundle format, written to `bag-info.txt` as `Anyqtama-Format-Version`.
pub const FORMAT_VERSION: &str = "1";

/// SHA-256, supplied by the shell (natively `crypto::Sha256`).
pub trait Digest {
    fn sha256(&self, data: &[u8]) -> [u8; 32];

    /// The SHA-256 of each message, in order (an implementation may hash them together).
    fn sha256_all(&self, messages: &[&[u8]]) -> Vec<[u8; 32]> {
        messages.iter().map(|m| self.sha256(m)).collect()
    }
}

/// An ES256 signer holding a P-256 private key (natively `crypto::KeyPair`; in a browser, a
/// non-extractable WebCrypto key — there, use [`Unsigned::signing_input`] and
/// [`Unsigned::finish`] around the asynchronous `crypto.subtle.sign`).
pub trait Signer {
    /// The public key, as it goes into the JWS protected header.
    fn public_jwk(&self) -> PublicJwk;
    /// The 64-byte signature `r || s` (big-endian, as JWS wants) over `message`.
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], String>;
}

/// Why an ES256 signature was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyFailure {
    /// The public key is not a point of P-256.
    BadKey,
    /// The signature does not verify under the key.
    BadSignature,
}

/// Verifies ES256 signatures (natively `crypto::P256Verifier`).
pub trait SignatureVerifier {
    fn verify_es256(
        &self,
        key: &PublicJwk,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), VerifyFailure>;
}
