//! TEST-ONLY GOST R 34.10-2015 512-bit signer: decodes the NCA's test PKCS#12 files and makes
//! a detached CMS over some content, as NCALayer would. It is not part of the library (the
//! product never signs with GOST): the example `test_sign` and the tests include this file.
//!
//! The PKCS#12 facts (`tests/fixtures/nca-test/README` in the shared folder): BER with
//! indefinite lengths, the key bag in pbeWithSHAAnd3-KeyTripleDES-CBC, the certificate bag in
//! pbeWithSHAAnd40BitRC2-CBC, the key PKCS#8 with privateKey OCTET STRING(OCTET STRING(d)), d
//! little-endian.

#![allow(dead_code)]

use anyqtama_eds::gost::{self, Curve};
use anyqtama_eds::tlv::{self, wrap, Tlv};
use anyqtama_eds::Cert;
use cbc::cipher::{block_padding::Pkcs7, BlockDecryptMut, InnerIvInit, KeyIvInit};
use crypto_bigint::modular::runtime_mod::{DynResidue, DynResidueParams};
use crypto_bigint::{NonZero, U512};
use sha1::{Digest, Sha1};

const OID_DATA: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const OID_ENCRYPTED_DATA: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const OID_SHROUDED_KEY_BAG: &[u8] =
    &[0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02];
const OID_CERT_BAG: &[u8] = &[0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03];
const OID_PBE_3DES: &[u8] = &[0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03];
const OID_PBE_RC2_40: &[u8] = &[0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x06];

/// The key and certificate of a test PKCS#12 file.
pub struct TestKey {
    /// The private scalar (big-endian integer).
    pub d: U512,
    pub cert: Cert,
}

fn children<'a>(t: &Tlv<'a>) -> Result<Vec<Tlv<'a>>, String> {
    t.children().map_err(|_| "malformed PKCS#12".to_string())
}

fn to_der(bytes: &[u8]) -> Result<Vec<u8>, String> {
    tlv::ber_to_der(bytes).map_err(|_| "malformed PKCS#12".to_string())
}

fn one(bytes: &[u8]) -> Result<Tlv<'_>, String> {
    tlv::read_one(bytes).map_err(|_| "malformed PKCS#12".to_string())
}

/// The contents of a `[0] EXPLICIT OCTET STRING` / `[0] IMPLICIT OCTET STRING` (joined when
/// constructed).
fn octets(t: &Tlv<'_>) -> Result<Vec<u8>, String> {
    if t.constructed() {
        let mut out = Vec::new();
        for c in children(t)? {
            out.extend(octets(&c)?);
        }
        Ok(out)
    } else {
        Ok(t.body.to_vec())
    }
}

/// RFC 7292 appendix B: the PKCS#12 key derivation with SHA-1.
fn kdf(password: &str, salt: &[u8], iterations: u64, id: u8, len: usize) -> Vec<u8> {
    let (u, v) = (20usize, 64usize);
    let mut pw: Vec<u8> = password.encode_utf16().flat_map(|c| c.to_be_bytes()).collect();
    pw.extend([0, 0]);
    let fill = |src: &[u8]| -> Vec<u8> {
        if src.is_empty() {
            return Vec::new();
        }
        let n = src.len().div_ceil(v) * v;
        (0..n).map(|i| src[i % src.len()]).collect()
    };
    let mut i_buf = fill(salt);
    i_buf.extend(fill(&pw));
    let d = vec![id; v];
    let mut out = Vec::new();
    while out.len() < len {
        let mut a = Sha1::new().chain_update(&d).chain_update(&i_buf).finalize().to_vec();
        for _ in 1..iterations {
            a = Sha1::digest(&a).to_vec();
        }
        out.extend_from_slice(&a);
        let b: Vec<u8> = (0..v).map(|k| a[k % u]).collect();
        for chunk in i_buf.chunks_mut(v) {
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = chunk[k] as u16 + b[k] as u16 + carry;
                chunk[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(len);
    out
}

/// Decrypts PKCS#12 PBE data given its AlgorithmIdentifier.
fn pbe_decrypt(alg: &Tlv<'_>, data: &[u8], password: &str) -> Result<Vec<u8>, String> {
    let parts = children(alg)?;
    let params = children(parts.get(1).ok_or("no PBE parameters")?)?;
    let salt = params.first().ok_or("no salt")?.body;
    let iterations =
        params.get(1).ok_or("no iterations")?.body.iter().fold(0u64, |a, &b| (a << 8) | b as u64);
    let oid = parts[0].raw;
    let bad = |_| "wrong password or damaged PKCS#12".to_string();
    if oid == OID_PBE_3DES {
        let key = kdf(password, salt, iterations, 1, 24);
        let iv = kdf(password, salt, iterations, 2, 8);
        cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| "bad 3DES key".to_string())?
            .decrypt_padded_vec_mut::<Pkcs7>(data)
            .map_err(bad)
    } else if oid == OID_PBE_RC2_40 {
        let key = kdf(password, salt, iterations, 1, 5);
        let iv = kdf(password, salt, iterations, 2, 8);
        let cipher = rc2::Rc2::new_with_eff_key_len(&key, 40);
        cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
            .map_err(|_| "bad RC2 IV".to_string())?
            .decrypt_padded_vec_mut::<Pkcs7>(data)
            .map_err(bad)
    } else {
        Err("unsupported PKCS#12 encryption".into())
    }
}

/// Reads a test PKCS#12 file: the GOST private key and its certificate.
pub fn load_p12(p12: &[u8], password: &str) -> Result<TestKey, String> {
    let der = tlv::ber_to_der(p12).map_err(|_| "not a PKCS#12 file".to_string())?;
    let pfx = one(&der)?;
    let pfx = children(&pfx)?;
    let auth_safe = children(pfx.get(1).ok_or("no authSafe")?)?;
    let safe_bytes = to_der(&octets(&one(auth_safe.get(1).ok_or("no authSafe content")?.body)?)?)?;
    let (mut key, mut cert) = (None, None);
    for ci in children(&one(&safe_bytes)?)? {
        let parts = children(&ci)?;
        let content = parts.get(1).ok_or("empty ContentInfo")?;
        let safe_contents = if parts[0].raw == OID_DATA {
            octets(&one(content.body)?)?
        } else if parts[0].raw == OID_ENCRYPTED_DATA {
            let ed = children(&one(content.body)?)?;
            let eci = children(ed.get(1).ok_or("no EncryptedContentInfo")?)?;
            let alg = eci.get(1).ok_or("no algorithm")?;
            let data = octets(eci.get(2).ok_or("no encrypted content")?)?;
            pbe_decrypt(alg, &data, password)?
        } else {
            continue;
        };
        let safe_contents = to_der(&safe_contents)?;
        for bag in children(&one(&safe_contents)?)? {
            let bag = children(&bag)?;
            let value = one(bag.get(1).ok_or("empty bag")?.body)?;
            if bag[0].raw == OID_SHROUDED_KEY_BAG {
                let epki = children(&value)?;
                let pkcs8 = to_der(&pbe_decrypt(&epki[0], epki.get(1).ok_or("no key")?.body, password)?)?;
                let pki = one(&pkcs8)?;
                let pki = children(&pki)?;
                let inner = one(pki.get(2).ok_or("no privateKey")?.body)?;
                let d_le = if inner.tag == 0x04 { inner.body } else { pki[2].body };
                key = gost::from_le(d_le);
            } else if bag[0].raw == OID_CERT_BAG {
                let cb = children(&value)?;
                let der = octets(&one(cb.get(1).ok_or("no certificate")?.body)?)?;
                cert = Some(Cert::from_der(&der).map_err(|e| e.to_string())?);
            }
        }
    }
    Ok(TestKey { d: key.ok_or("no key in the PKCS#12")?, cert: cert.ok_or("no certificate in the PKCS#12")? })
}

fn random_scalar(q: &U512) -> U512 {
    loop {
        let mut buf = [0u8; 64];
        getrandom::getrandom(&mut buf).expect("the system's random numbers");
        let k = U512::from_be_slice(&buf).rem(&NonZero::new(*q).unwrap());
        if k != U512::ZERO {
            return k;
        }
    }
}

/// Signs the digest integer `e` with a random k: (r, s), r = x(kG) mod q, s = rd + ke mod q.
pub fn sign_digest(curve: &Curve, d: &U512, e: &U512) -> (U512, U512) {
    let q = *curve.order();
    let qp = DynResidueParams::new(&q);
    let mut e = e.rem(&NonZero::new(q).unwrap());
    if e == U512::ZERO {
        e = U512::ONE;
    }
    loop {
        let k = random_scalar(&q);
        let Some((x, _)) = curve.mul_base(&k) else { continue };
        let r = x.rem(&NonZero::new(q).unwrap());
        if r == U512::ZERO {
            continue;
        }
        let s = (DynResidue::new(&r, qp) * DynResidue::new(d, qp)
            + DynResidue::new(&k, qp) * DynResidue::new(&e, qp))
        .retrieve();
        if s != U512::ZERO {
            return (r, s);
        }
    }
}

fn utc_time(secs: u64) -> Vec<u8> {
    // YYMMDDHHMMSSZ from the RFC 3339 form.
    let t = anyqtama_eds::time::rfc3339(secs);
    let digits: String = t[2..19].chars().filter(|c| c.is_ascii_digit()).collect();
    wrap(0x17, format!("{digits}Z").as_bytes())
}

/// A detached CMS SignedData over `content` (signed attributes contentType, signingTime,
/// messageDigest with Streebog-512), signed with GOST R 34.10-2015 512 — DER.
pub fn sign_detached(key: &TestKey, content: &[u8], signing_time: u64) -> Vec<u8> {
    use streebog::Digest as _;
    let curve = Curve::tc26_512_a();
    let oid = |dotted: &str| {
        use der::Encode;
        const_oid::ObjectIdentifier::new_unwrap(dotted).to_der().unwrap()
    };
    let null = [0x05u8, 0x00];
    let digest_alg = wrap(0x30, &[oid("1.2.398.3.10.1.3.3"), null.to_vec()].concat());
    let md = streebog::Streebog512::digest(content);
    let attr = |o: &str, value: Vec<u8>| wrap(0x30, &[oid(o), wrap(0x31, &value)].concat());
    let mut attrs = [
        attr("1.2.840.113549.1.9.3", OID_DATA.to_vec()),
        attr("1.2.840.113549.1.9.5", utc_time(signing_time)),
        attr("1.2.840.113549.1.9.4", wrap(0x04, &md)),
    ];
    attrs.sort(); // DER: a SET OF in the order of its encodings.
    let attrs = attrs.concat();
    let to_hash = wrap(0x31, &attrs);
    let h = streebog::Streebog512::digest(&to_hash);
    let e = gost::from_le(&h).unwrap();
    let (r, s) = sign_digest(curve, &key.d, &e);
    let signature = [gost::to_le(&r, 64), gost::to_le(&s, 64)].concat();
    let tbs = tlv::read_one(&key.cert.tbs_raw).unwrap().children().unwrap();
    let (serial, issuer) =
        if tbs[0].tag == 0xa0 { (tbs[1].raw, tbs[3].raw) } else { (tbs[0].raw, tbs[2].raw) };
    let signer_info = wrap(
        0x30,
        &[
            vec![0x02, 0x01, 0x01],
            wrap(0x30, &[issuer, serial].concat()),
            digest_alg.clone(),
            wrap(0xa0, &attrs),
            wrap(0x30, &[oid("1.2.398.3.10.1.1.2.3.2"), null.to_vec()].concat()),
            wrap(0x04, &signature),
        ]
        .concat(),
    );
    let signed_data = wrap(
        0x30,
        &[
            vec![0x02, 0x01, 0x01],
            wrap(0x31, &digest_alg),
            wrap(0x30, OID_DATA),
            wrap(0xa0, &key.cert.raw),
            wrap(0x31, &signer_info),
        ]
        .concat(),
    );
    wrap(0x30, &[oid("1.2.840.113549.1.7.2"), wrap(0xa0, &signed_data)].concat())
}
