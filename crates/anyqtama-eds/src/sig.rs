//! Checking one signature over some bytes with a certificate's public key: GOST R 34.10-2015
//! (512, 256), GOST 34.310-2004, RSA PKCS#1 v1.5 — in the Kazakh byte order for GOST.

use crate::gost::{self, Curve};
use crate::oids;
use crate::tlv;
use crate::{Algorithm, Cert};
use const_oid::ObjectIdentifier as Oid;

/// The digest algorithm of a signature algorithm.
pub fn digest(alg: Algorithm, data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    match alg {
        Algorithm::Gost2015_512 => streebog::Streebog512::digest(data).to_vec(),
        Algorithm::Gost2015_256 => streebog::Streebog256::digest(data).to_vec(),
        Algorithm::Gost2004 => gost94::Gost94Test::digest(data).to_vec(),
        Algorithm::RsaSha256 => sha2::Sha256::digest(data).to_vec(),
        Algorithm::RsaSha1 => sha1::Sha1::digest(data).to_vec(),
    }
}

/// The digest algorithm an OID names (a signer's digestAlgorithm).
pub fn digest_by_oid(oid: Oid, data: &[u8]) -> Option<Vec<u8>> {
    let alg = match oid {
        o if o == oids::STREEBOG_512 => Algorithm::Gost2015_512,
        o if o == oids::STREEBOG_256 => Algorithm::Gost2015_256,
        o if o == oids::GOST34311 => Algorithm::Gost2004,
        o if o == oids::SHA256 => Algorithm::RsaSha256,
        o if o == oids::SHA1 => Algorithm::RsaSha1,
        _ => return None,
    };
    Some(digest(alg, data))
}

/// The algorithm of a certificate's or CRL's signatureAlgorithm.
pub fn algorithm_of(oid: Oid) -> Option<Algorithm> {
    match oid {
        o if o == oids::GOST2015_512_SIG => Some(Algorithm::Gost2015_512),
        o if o == oids::GOST2015_256_SIG => Some(Algorithm::Gost2015_256),
        o if o == oids::GOST2004_SIG => Some(Algorithm::Gost2004),
        o if o == oids::RSA_SHA256 => Some(Algorithm::RsaSha256),
        o if o == oids::RSA_SHA1 => Some(Algorithm::RsaSha1),
        _ => None,
    }
}

fn curve(alg: Algorithm) -> Option<(&'static Curve, Oid)> {
    match alg {
        Algorithm::Gost2015_512 => Some((Curve::tc26_512_a(), oids::GOST2015_512_KEY)),
        Algorithm::Gost2015_256 => Some((Curve::tc26_256_a(), oids::GOST2015_256_KEY)),
        Algorithm::Gost2004 => Some((Curve::cryptopro_a(), oids::GOST2004_KEY)),
        _ => None,
    }
}

/// Whether `signature` is `key`'s signature of `data` with `alg`. False (never a panic) for a
/// key of another algorithm or malformed values.
pub fn verify(alg: Algorithm, key: &Cert, data: &[u8], signature: &[u8]) -> bool {
    verify_with(alg, key, data, signature, false)
}

/// [`verify`] for a certification authority's signature (of a certificate or a CRL): its key
/// signs again and again, so a GOST key gets a precomputed table from its second signature on
/// ([`Curve::verify_cached`]).
pub fn verify_issued(alg: Algorithm, issuer: &Cert, data: &[u8], signature: &[u8]) -> bool {
    verify_with(alg, issuer, data, signature, true)
}

fn verify_with(alg: Algorithm, key: &Cert, data: &[u8], signature: &[u8], key_repeats: bool) -> bool {
    let spki = &key.tbs().subject_public_key_info;
    let Some(key_bits) = spki.subject_public_key.as_bytes() else { return false };
    match curve(alg) {
        Some((curve, key_oid)) => {
            if spki.algorithm.oid != key_oid {
                return false;
            }
            verify_gost(curve, key_bits, &digest(alg, data), signature, key_repeats)
        }
        None => {
            if spki.algorithm.oid != oids::RSA {
                return false;
            }
            verify_rsa(alg, key_bits, &digest(alg, data), signature)
        }
    }
}

/// A GOST signature in the NCA's byte order: the key x‖y (inside an OCTET STRING), each
/// coordinate little-endian; the signature r‖s, each little-endian; the digest a little-endian
/// integer. `key_repeats`: the key is a certification authority's ([`Curve::verify_cached`]).
pub fn verify_gost(
    curve: &Curve,
    key_bits: &[u8],
    digest: &[u8],
    signature: &[u8],
    key_repeats: bool,
) -> bool {
    let n = curve.size;
    let point = match tlv::read_one(key_bits) {
        Ok(t) if t.tag == 0x04 => t.body,
        _ => key_bits,
    };
    if point.len() != 2 * n || signature.len() != 2 * n {
        return false;
    }
    let (Some(x), Some(y)) = (gost::from_le(&point[..n]), gost::from_le(&point[n..])) else { return false };
    let (Some(r), Some(s)) = (gost::from_le(&signature[..n]), gost::from_le(&signature[n..])) else {
        return false;
    };
    let Some(e) = gost::from_le(digest) else { return false };
    if key_repeats {
        curve.verify_cached(&x, &y, &e, &r, &s)
    } else {
        curve.verify(&x, &y, &e, &r, &s)
    }
}

fn verify_rsa(alg: Algorithm, key_bits: &[u8], digest: &[u8], signature: &[u8]) -> bool {
    use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
    let Ok(seq) = tlv::read_one(key_bits) else { return false };
    let Ok(parts) = seq.children() else { return false };
    let [n, e] = parts.as_slice() else { return false };
    if n.tag != 0x02 || e.tag != 0x02 || n.body.len() > 2049 {
        return false;
    }
    let Ok(key) = RsaPublicKey::new(BigUint::from_bytes_be(n.body), BigUint::from_bytes_be(e.body)) else {
        return false;
    };
    let scheme = match alg {
        Algorithm::RsaSha256 => Pkcs1v15Sign::new::<sha2::Sha256>(),
        _ => Pkcs1v15Sign::new::<sha1::Sha1>(),
    };
    key.verify(scheme, digest, signature).is_ok()
}
