//! The native implementations of [`crate::Digest`], [`crate::Signer`] and [`crate::SignatureVerifier`]: SHA-256 from
//! `sha2`, ES256 from `p256` (signing) and `ring` (verifying, natively; `p256` on wasm32). Signing
//! is deterministic (RFC 6979), so the same input and key give the same bundle, byte for byte.
//! Keys are P-256 JWKs (RFC 7517/7518).

use crate::encoding::b64url_decode;
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

/// Verifies ES256 signatures: natively [`RingVerifier`] (assembly P-256, several times faster),
/// on wasm32 [`RustCryptoVerifier`]. Both give the same verdicts (tested).
#[cfg(not(target_arch = "wasm32"))]
pub use RingVerifier as P256Verifier;
#[cfg(target_arch = "wasm32")]
pub use RustCryptoVerifier as P256Verifier;

/// The key as a SEC1 uncompressed point (`04 || x || y`), once it is a point of P-256 (on the
/// curve, coordinates below the field's prime): a few field multiplications, no scalar one.
fn sec1_point(key: &PublicJwk) -> Result<([u8; 65], PublicKey), VerifyFailure> {
    let mut point = [4u8; 65];
    for (coordinate, at) in [(&key.x, 1), (&key.y, 33)] {
        let bytes = b64url_decode(coordinate).filter(|b| b.len() == 32).ok_or(VerifyFailure::BadKey)?;
        point[at..at + 32].copy_from_slice(&bytes);
    }
    let public = PublicKey::from_sec1_bytes(&point).map_err(|_| VerifyFailure::BadKey)?;
    Ok((point, public))
}

/// Verifies ES256 signatures with the pure-Rust `p256` (for targets `ring` does not build for).
#[derive(Clone, Copy, Debug, Default)]
pub struct RustCryptoVerifier;

impl SignatureVerifier for RustCryptoVerifier {
    fn verify_es256(
        &self,
        key: &PublicJwk,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), VerifyFailure> {
        let (_, public) = sec1_point(key)?;
        let signature = Signature::from_slice(signature).map_err(|_| VerifyFailure::BadSignature)?;
        VerifyingKey::from(&public).verify(message, &signature).map_err(|_| VerifyFailure::BadSignature)
    }
}

/// Verifies ES256 signatures with `ring` (BoringSSL's P-256 in assembly on x86-64 and ARM64).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct RingVerifier;

#[cfg(not(target_arch = "wasm32"))]
impl SignatureVerifier for RingVerifier {
    fn verify_es256(
        &self,
        key: &PublicJwk,
        message: &[u8],
        signature: &[u8; 64],
    ) -> Result<(), VerifyFailure> {
        // `ring` does not tell a bad key from a bad signature: the key is checked first.
        let (point, _) = sec1_point(key)?;
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, &point)
            .verify(message, signature)
            .map_err(|_| VerifyFailure::BadSignature)
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

    /// The order n of P-256, big-endian.
    const N: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc,
        0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
    ];

    /// a - b for 32-byte big-endian numbers, a >= b.
    fn sub(a: &[u8; 32], b: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let d = i16::from(a[i]) - i16::from(b[i]) - borrow;
            borrow = i16::from(d < 0);
            out[i] = d.rem_euclid(256) as u8;
        }
        out
    }

    fn with_s(sig: &[u8; 64], s: &[u8; 32]) -> [u8; 64] {
        let mut out = *sig;
        out[32..].copy_from_slice(s);
        out
    }

    fn with_r(sig: &[u8; 64], r: &[u8; 32]) -> [u8; 64] {
        let mut out = *sig;
        out[..32].copy_from_slice(r);
        out
    }

    fn hex32(h: &str) -> [u8; 32] {
        let v: Vec<u8> = (0..64).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect();
        v.try_into().unwrap()
    }

    /// The backends must agree on every verdict, or switching them would change which bundles
    /// are accepted.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn ring_and_pure_rust_backends_agree() {
        let both = |key: &PublicJwk, msg: &[u8], sig: &[u8; 64]| {
            let ring = RingVerifier.verify_es256(key, msg, sig);
            let rust = RustCryptoVerifier.verify_es256(key, msg, sig);
            assert_eq!(ring, rust, "key {key:?}, signature {sig:?}");
            ring
        };
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut accepted, mut refused) = (0, 0);
        for round in 0..64u8 {
            let mut secret = [0u8; 32];
            secret.iter_mut().for_each(|b| *b = next() as u8);
            let Some(key) = KeyPair::from_bytes(&secret) else { continue };
            let jwk = key.public_jwk();
            let msg: Vec<u8> = (0..usize::from(round) * 7).map(|_| next() as u8).collect();
            let sig = key.sign(&msg).unwrap();
            let (r, s): ([u8; 32], [u8; 32]) = (sig[..32].try_into().unwrap(), sig[32..].try_into().unwrap());

            assert_eq!(both(&jwk, &msg, &sig), Ok(()));
            // High S: (r, n - s) is the same signature's other half, valid in ECDSA (neither
            // JWS nor WebCrypto asks for low S).
            assert_eq!(both(&jwk, &msg, &with_s(&sig, &sub(&N, &s))), Ok(()), "high S");
            accepted += 2;

            let mut flipped = sig;
            flipped[usize::from(round) % 64] ^= 1 << (round % 8);
            let mut other = msg.clone();
            other.push(round);
            let zero = [0u8; 32];
            let n_plus_r = {
                // r + n overflows 256 bits for most r: use n itself and n + 1 instead.
                let mut v = N;
                v[31] += 1;
                v
            };
            for bad in [
                flipped,
                with_r(&sig, &zero),
                with_s(&sig, &zero),
                with_r(&sig, &N),
                with_s(&sig, &N),
                with_s(&sig, &n_plus_r),
                with_r(&sig, &[0xff; 32]),
                with_s(&sig, &[0xff; 32]),
                with_r(&sig, &s),
                [0u8; 64],
            ] {
                assert_eq!(both(&jwk, &msg, &bad), Err(VerifyFailure::BadSignature), "round {round}");
                refused += 1;
            }
            assert_eq!(both(&jwk, &other, &sig), Err(VerifyFailure::BadSignature));
            assert_eq!(both(&jwk, &msg, &with_r(&sig, &r)), Ok(()));
            // Another key's signature.
            let other_key = KeyPair::from_bytes(&[round.max(1); 32]).unwrap();
            assert_eq!(both(&other_key.public_jwk(), &msg, &sig), Err(VerifyFailure::BadSignature));
        }
        assert!(accepted >= 100 && refused >= 500, "{accepted} accepted, {refused} refused");

        // Keys that are not points of P-256: the generator of secp256k1 (another curve with
        // 32-byte coordinates), a point nudged off the curve, (0, 0), a coordinate at or above
        // the prime p, and P-384-sized or empty coordinates.
        let key = KeyPair::from_bytes(&[7u8; 32]).unwrap();
        let jwk = key.public_jwk();
        let sig = key.sign(b"m").unwrap();
        let secp256k1 = PublicJwk::from_coordinates(
            &hex32("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
            &hex32("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"),
        );
        let mut y = b64url_decode(&jwk.y).unwrap();
        y[31] ^= 1;
        let nudged = PublicJwk { x: jwk.x.clone(), y: crate::encoding::b64url(&y) };
        let p = hex32("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        let x = b64url_decode(&jwk.x).unwrap();
        let big_x = PublicJwk::from_coordinates(&p, &b64url_decode(&jwk.y).unwrap().try_into().unwrap());
        let p384_sized = PublicJwk {
            x: crate::encoding::b64url(&[x.clone(), x[..16].to_vec()].concat()),
            y: jwk.y.clone(),
        };
        for bad in [
            secp256k1,
            nudged,
            PublicJwk::from_coordinates(&[0; 32], &[0; 32]),
            big_x,
            p384_sized,
            PublicJwk { x: String::new(), y: String::new() },
            PublicJwk { x: "not base64url!".into(), y: jwk.y.clone() },
        ] {
            assert_eq!(both(&bad, b"m", &sig), Err(VerifyFailure::BadKey), "{bad:?}");
        }
        assert_eq!(both(&jwk, b"m", &sig), Ok(()));
    }

    #[test]
    fn sha256_known_value() {
        assert_eq!(
            crate::encoding::hex(&crate::Digest::sha256(&Sha256, b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
