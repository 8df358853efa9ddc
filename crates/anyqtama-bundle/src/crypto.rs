//! The native implementations of [`Digest`], [`Signer`] and [`SignatureVerifier`]: SHA-256 from
//! `sha2`, ES256 from `p256`. Signing is deterministic (RFC 6979), so the same input and key
//! give the same bundle, byte for byte. Keys are P-256 JWKs (RFC 7517/7518).

use crate::{PublicJwk, SignatureVerifier, Signer, VerifyFailure};
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};

pub use crate::Sha256;

/// A P-256 key pair.
#[derive(Clone)]
pub struct KeyPair {
    secret: SecretKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair").field("public", &self.public_jwk()).finish_non_exhaustive()
    }
}

impl KeyPair {
    /// The key of 32 random bytes (the caller brings the randomness); `None` for the rare
    /// values that are not a valid scalar (zero, or not below the group order) — draw again.
    pub fn from_bytes(bytes: &[u8; 32]) -> Option<KeyPair> {
        SecretKey::from_slice(bytes).ok().map(|secret| KeyPair { secret })
    }

    /// A private JWK (`{"kty":"EC","crv":"P-256","x","y","d"}`).
    pub fn from_jwk(text: &str) -> Result<KeyPair, String> {
        SecretKey::from_jwk_str(text).map(|secret| KeyPair { secret }).map_err(|e| e.to_string())
    }

    /// The private JWK, to keep in a file.
    pub fn to_jwk(&self) -> String {
        self.secret.to_jwk_string().to_string()
    }
}

fn public_jwk(key: &PublicKey) -> PublicJwk {
    let point = key.to_encoded_point(false);
    let (x, y) = (point.x().expect("uncompressed point"), point.y().expect("uncompressed point"));
    PublicJwk::from_coordinates(&(*x).into(), &(*y).into())
}

impl Signer for KeyPair {
    fn public_jwk(&self) -> PublicJwk {
        public_jwk(&self.secret.public_key())
    }

    fn sign(&self, message: &[u8]) -> Result<[u8; 64], String> {
        let signature: Signature =
            SigningKey::from(&self.secret).try_sign(message).map_err(|e| e.to_string())?;
        Ok(signature.to_bytes().into())
    }
}

/// Verifies ES256 signatures with `p256`.
#[derive(Clone, Copy, Debug, Default)]
pub struct P256Verifier;

impl SignatureVerifier for P256Verifier {
    fn verify_es256(
        &self,
        key: &PublicJwk,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), VerifyFailure> {
        let jwk = key.to_value().to_string();
        let public = PublicKey::from_jwk_str(&jwk).map_err(|_| VerifyFailure::BadKey)?;
        let signature = Signature::from_slice(signature).map_err(|_| VerifyFailure::BadSignature)?;
        VerifyingKey::from(&public).verify(message, &signature).map_err(|_| VerifyFailure::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_and_verify() {
        let key = KeyPair::from_bytes(&[7u8; 32]).unwrap();
        let sig = key.sign(b"message").unwrap();
        assert_eq!(sig, key.sign(b"message").unwrap(), "RFC 6979 is deterministic");
        let jwk = key.public_jwk();
        assert_eq!(P256Verifier.verify_es256(&jwk, b"message", &sig), Ok(()));
        assert_eq!(P256Verifier.verify_es256(&jwk, b"messagf", &sig), Err(VerifyFailure::BadSignature));
        let bad = PublicJwk { x: jwk.x.clone(), y: jwk.x.clone() };
        assert_eq!(P256Verifier.verify_es256(&bad, b"message", &sig), Err(VerifyFailure::BadKey));
        let again = KeyPair::from_jwk(&key.to_jwk()).unwrap();
        assert_eq!(again.public_jwk(), jwk);
        assert!(KeyPair::from_bytes(&[0u8; 32]).is_none());
    }

    #[test]
    fn sha256_known_value() {
        assert_eq!(
            crate::encoding::hex(&crate::Digest::sha256(&Sha256, b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
