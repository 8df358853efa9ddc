//! Reading CMS SignedData (RFC 5652): the signers, their certificates and the signed
//! attributes' original bytes, and a summary of each signer for a page or a receipt.

use crate::oids;
use crate::tlv::{self, Tlv};
use crate::{Algorithm, EdsError, ErrorCode};
use const_oid::ObjectIdentifier as Oid;
use der::asn1::OctetString;
use der::{Decode, Encode};
use x509_cert::Certificate;

/// Files larger than this are refused before parsing (a CMS with a few certificates is a few
/// kilobytes; an attached one holds the tag manifest, also small).
pub const MAX_INPUT: usize = 16 * 1024 * 1024;

/// One certificate with its original encoding and to-be-signed part.
#[derive(Clone, Debug)]
pub struct Cert {
    pub raw: Vec<u8>,
    pub tbs_raw: Vec<u8>,
    pub cert: Certificate,
}

impl Cert {
    /// Parses a DER certificate, keeping its original bytes.
    pub fn from_der(raw: &[u8]) -> Result<Cert, EdsError> {
        let bad = || EdsError::new(ErrorCode::BadCertificate);
        let top = tlv::read_one(raw).map_err(|_| bad())?;
        let parts = top.children().map_err(|_| bad())?;
        let tbs = parts.first().ok_or_else(bad)?;
        let cert = Certificate::from_der(raw).map_err(|_| bad())?;
        Ok(Cert { raw: raw.to_vec(), tbs_raw: tbs.raw.to_vec(), cert })
    }

    /// Parses DER, or PEM with one or more `CERTIFICATE` blocks.
    pub fn parse_many(bytes: &[u8]) -> Result<Vec<Cert>, EdsError> {
        match pem_blocks(bytes) {
            Some(blocks) if !blocks.is_empty() => blocks.iter().map(|b| Cert::from_der(b)).collect(),
            _ => Ok(vec![Cert::from_der(bytes)?]),
        }
    }

    pub fn tbs(&self) -> &x509_cert::TbsCertificate {
        &self.cert.tbs_certificate
    }

    /// The serial number in upper-case hex, without leading zero bytes.
    pub fn serial_hex(&self) -> String {
        let bytes = self.tbs().serial_number.as_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count().min(bytes.len().saturating_sub(1));
        bytes[skip..].iter().map(|b| format!("{b:02X}")).collect()
    }

    /// The subject, `CN=…, SERIALNUMBER=…` as RFC 4514 writes it.
    pub fn subject(&self) -> String {
        self.tbs().subject.to_string()
    }

    pub fn issuer(&self) -> String {
        self.tbs().issuer.to_string()
    }

    /// The first value of a subject attribute as text.
    pub fn subject_attr(&self, oid: Oid) -> Vec<String> {
        let mut out = Vec::new();
        for rdn in self.tbs().subject.0.iter() {
            for atv in rdn.0.iter() {
                if atv.oid == oid {
                    if let Some(s) = any_text(&atv.value) {
                        out.push(s);
                    }
                }
            }
        }
        out
    }

    /// The subject's IIN (`serialNumber` = `IIN` + 12 digits).
    pub fn iin(&self) -> Option<String> {
        self.subject_attr(oids::SERIAL_NUMBER).iter().find_map(|s| digits_after(s, "IIN"))
    }

    /// The organisation's BIN (`OU` = `BIN` + 12 digits).
    pub fn bin(&self) -> Option<String> {
        self.subject_attr(oids::OU).iter().find_map(|s| digits_after(s, "BIN"))
    }

    pub fn common_name(&self) -> String {
        self.subject_attr(oids::CN).into_iter().next().unwrap_or_default()
    }

    pub fn not_before(&self) -> u64 {
        self.tbs().validity.not_before.to_unix_duration().as_secs()
    }

    pub fn not_after(&self) -> u64 {
        self.tbs().validity.not_after.to_unix_duration().as_secs()
    }

    fn extension(&self, oid: Oid) -> Option<&[u8]> {
        self.tbs().extensions.as_ref()?.iter().find(|e| e.extn_id == oid).map(|e| e.extn_value.as_bytes())
    }

    /// keyUsage's digitalSignature bit; `None` when the certificate has no keyUsage.
    pub fn digital_signature(&self) -> Option<bool> {
        let v = self.extension(oids::KEY_USAGE)?;
        let ku = x509_cert::ext::pkix::KeyUsage::from_der(v).ok()?;
        Some(ku.digital_signature())
    }

    /// keyUsage's keyCertSign bit (a CA's), false without keyUsage.
    pub fn key_cert_sign(&self) -> bool {
        self.extension(oids::KEY_USAGE)
            .and_then(|v| x509_cert::ext::pkix::KeyUsage::from_der(v).ok())
            .map(|ku| ku.key_cert_sign())
            .unwrap_or(false)
    }

    /// keyUsage's cRLSign bit, false without keyUsage.
    pub fn crl_sign(&self) -> bool {
        self.extension(oids::KEY_USAGE)
            .and_then(|v| x509_cert::ext::pkix::KeyUsage::from_der(v).ok())
            .map(|ku| ku.crl_sign())
            .unwrap_or(false)
    }

    /// Whether the extended key usage lists `oid`.
    pub fn has_eku(&self, oid: Oid) -> bool {
        self.extension(oids::EXT_KEY_USAGE)
            .and_then(|v| x509_cert::ext::pkix::ExtendedKeyUsage::from_der(v).ok())
            .map(|eku| eku.0.contains(&oid))
            .unwrap_or(false)
    }

    /// basicConstraints cA.
    pub fn is_ca(&self) -> bool {
        self.extension(oids::BASIC_CONSTRAINTS)
            .and_then(|v| x509_cert::ext::pkix::BasicConstraints::from_der(v).ok())
            .map(|bc| bc.ca)
            .unwrap_or(false)
    }

    pub fn subject_key_id(&self) -> Option<Vec<u8>> {
        let v = self.extension(oids::SUBJECT_KEY_ID)?;
        OctetString::from_der(v).ok().map(|o| o.as_bytes().to_vec())
    }

    /// The key's algorithm, as the signer summary names it.
    pub fn key_algorithm(&self) -> Option<Algorithm> {
        let oid = self.tbs().subject_public_key_info.algorithm.oid;
        match oid {
            o if o == oids::GOST2015_512_KEY => Some(Algorithm::Gost2015_512),
            o if o == oids::GOST2015_256_KEY => Some(Algorithm::Gost2015_256),
            o if o == oids::GOST2004_KEY => Some(Algorithm::Gost2004),
            o if o == oids::RSA => Some(Algorithm::RsaSha256),
            _ => None,
        }
    }

    /// Whether the certificate names `issuer` as its issuer (by encoded name).
    pub fn issued_by(&self, issuer: &Cert) -> bool {
        self.tbs().issuer == issuer.tbs().subject
    }
}

fn digits_after(s: &str, prefix: &str) -> Option<String> {
    let rest = s.strip_prefix(prefix)?;
    (rest.len() == 12 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_string())
}

/// The text of a directory string (UTF8String, PrintableString, IA5String, BMPString).
fn any_text(v: &der::Any) -> Option<String> {
    use der::{Tag, Tagged};
    match v.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(v.value().to_vec()).ok()
        }
        Tag::BmpString => {
            let b = v.value();
            if b.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// The DER of each PEM block in `bytes` (any label); `None` when it is not text.
pub fn pem_blocks(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let text = core::str::from_utf8(bytes).ok()?;
    let mut out = Vec::new();
    let mut inside: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("-----BEGIN ") {
            inside = Some(String::new());
        } else if line.starts_with("-----END ") {
            out.push(base64_decode(&inside.take()?)?);
        } else if let Some(b) = inside.as_mut() {
            b.push_str(line);
        }
    }
    Some(out)
}

/// Standard base64 (padding optional, whitespace ignored).
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut n = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | v as u32;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match n {
        0 => {}
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => return None,
    }
    Some(out)
}

/// One signer of a SignedData.
#[derive(Clone, Debug)]
pub struct Signer {
    pub info: cms::signed_data::SignerInfo,
    /// The signed attributes as hashed: the `[0] IMPLICIT` bytes re-tagged as SET OF (0x31).
    pub signed_attrs_der: Option<Vec<u8>>,
    /// Which of [`SignedCms::certificates`] is the signer's.
    pub cert_index: Option<usize>,
}

impl Signer {
    /// The value of a signed attribute (its first value's encoding).
    pub fn signed_attr(&self, oid: Oid) -> Option<Vec<u8>> {
        let attrs = self.info.signed_attrs.as_ref()?;
        let attr = attrs.iter().find(|a| a.oid == oid)?;
        attr.values.iter().next().and_then(|v| v.to_der().ok())
    }

    /// signingTime as seconds since 1970.
    pub fn signing_time(&self) -> Option<u64> {
        let der = self.signed_attr(oids::SIGNING_TIME)?;
        let t = x509_cert::time::Time::from_der(&der).ok()?;
        Some(t.to_unix_duration().as_secs())
    }

    /// The signature algorithm, from the signer's algorithms.
    pub fn algorithm(&self) -> Option<Algorithm> {
        let sig = self.info.signature_algorithm.oid;
        let dig = self.info.digest_alg.oid;
        match sig {
            o if o == oids::GOST2015_512_SIG || o == oids::GOST2015_512_KEY => Some(Algorithm::Gost2015_512),
            o if o == oids::GOST2015_256_SIG || o == oids::GOST2015_256_KEY => Some(Algorithm::Gost2015_256),
            o if o == oids::GOST2004_SIG || o == oids::GOST2004_KEY => Some(Algorithm::Gost2004),
            o if o == oids::RSA_SHA256 => Some(Algorithm::RsaSha256),
            o if o == oids::RSA_SHA1 => Some(Algorithm::RsaSha1),
            o if o == oids::RSA && dig == oids::SHA256 => Some(Algorithm::RsaSha256),
            o if o == oids::RSA && dig == oids::SHA1 => Some(Algorithm::RsaSha1),
            _ => None,
        }
    }
}

/// A parsed CMS SignedData.
#[derive(Clone, Debug)]
pub struct SignedCms {
    /// The encapsulated content (an attached signature); `None` when detached.
    pub content: Option<Vec<u8>>,
    pub certificates: Vec<Cert>,
    /// The CRLs carried in the SignedData, as DER.
    pub crls: Vec<Vec<u8>>,
    pub signers: Vec<Signer>,
}

impl SignedCms {
    /// Reads a CMS ContentInfo holding SignedData: DER, or PEM (`-----BEGIN CMS-----`, or
    /// any label), or plain base64 as NCALayer answers.
    pub fn parse(input: &[u8]) -> Result<SignedCms, EdsError> {
        if input.len() > MAX_INPUT {
            return Err(EdsError::new(ErrorCode::TooLarge));
        }
        let der = decode_armour(input);
        let der = der.as_deref().unwrap_or(input);
        parse_der(der).map_err(|e| e.unwrap_or_else(|| EdsError::new(ErrorCode::NotCms)))
    }
}

/// PEM or base64 text to DER; `None` when `input` is not such text (then it is DER itself).
fn decode_armour(input: &[u8]) -> Option<Vec<u8>> {
    if input.first() == Some(&0x30) {
        return None;
    }
    if let Some(blocks) = pem_blocks(input) {
        if let Some(first) = blocks.into_iter().next() {
            return Some(first);
        }
    }
    let text = core::str::from_utf8(input).ok()?;
    let text = text.trim().trim_matches('"');
    base64_decode(text)
}

fn parse_der(der: &[u8]) -> Result<SignedCms, Option<EdsError>> {
    let ci = tlv::read_one(der).map_err(|_| None)?;
    let parts = ci.children().map_err(|_| None)?;
    let [oid, explicit] = parts.as_slice() else { return Err(None) };
    let oid = Oid::from_der(oid.raw).map_err(|_| None)?;
    if oid != oids::SIGNED_DATA || explicit.tag != 0xa0 {
        return Err(Some(EdsError::new(ErrorCode::NotSignedData)));
    }
    let sd = tlv::read_one(explicit.body).map_err(|_| None)?;
    let fields = sd.children().map_err(|_| None)?;
    if fields.len() < 4 || fields[0].tag != 0x02 || fields[1].tag != 0x31 || fields[2].tag != 0x30 {
        return Err(None);
    }
    let content = encapsulated(&fields[2]).map_err(|_| None)?;
    let mut certificates = Vec::new();
    let mut crls = Vec::new();
    let mut rest = &fields[3..];
    while let [first, tail @ ..] = rest {
        match first.tag {
            0xa0 => {
                for c in first.children().map_err(|_| None)? {
                    if c.tag == 0x30 {
                        certificates.push(Cert::from_der(c.raw).map_err(Some)?);
                    }
                }
            }
            0xa1 => {
                for c in first.children().map_err(|_| None)? {
                    if c.tag == 0x30 {
                        crls.push(c.raw.to_vec());
                    }
                }
            }
            _ => break,
        }
        rest = tail;
    }
    let [signer_infos] = rest else { return Err(None) };
    if signer_infos.tag != 0x31 {
        return Err(None);
    }
    let mut signers = Vec::new();
    for si in signer_infos.children().map_err(|_| None)? {
        signers.push(signer(&si, &certificates).map_err(|_| None)?);
    }
    if signers.is_empty() {
        return Err(Some(EdsError::new(ErrorCode::NoSigner)));
    }
    Ok(SignedCms { content, certificates, crls, signers })
}

fn encapsulated(eci: &Tlv<'_>) -> Result<Option<Vec<u8>>, tlv::Malformed> {
    let parts = eci.children()?;
    match parts.as_slice() {
        [_oid] => Ok(None),
        [_oid, explicit] if explicit.tag == 0xa0 => {
            let inner = tlv::read_one(explicit.body)?;
            match inner.tag {
                0x04 => Ok(Some(inner.body.to_vec())),
                // A constructed OCTET STRING (BER): its parts joined.
                0x24 => {
                    let mut out = Vec::new();
                    for p in inner.children()? {
                        if p.tag != 0x04 {
                            return Err(tlv::Malformed);
                        }
                        out.extend_from_slice(p.body);
                    }
                    Ok(Some(out))
                }
                _ => Err(tlv::Malformed),
            }
        }
        _ => Err(tlv::Malformed),
    }
}

fn signer(si: &Tlv<'_>, certs: &[Cert]) -> Result<Signer, tlv::Malformed> {
    let info = cms::signed_data::SignerInfo::from_der(si.raw).map_err(|_| tlv::Malformed)?;
    let fields = si.children()?;
    let signed_attrs_der =
        fields.iter().skip(3).take(1).find(|f| f.tag == 0xa0).map(|f| tlv::wrap(0x31, f.body));
    let cert_index = certs.iter().position(|c| matches_sid(&info.sid, c));
    Ok(Signer { info, signed_attrs_der, cert_index })
}

fn matches_sid(sid: &cms::signed_data::SignerIdentifier, cert: &Cert) -> bool {
    use cms::signed_data::SignerIdentifier as Sid;
    match sid {
        Sid::IssuerAndSerialNumber(isn) => {
            isn.serial_number == cert.tbs().serial_number && isn.issuer == cert.tbs().issuer
        }
        Sid::SubjectKeyIdentifier(ski) => cert.subject_key_id().as_deref() == Some(ski.0.as_bytes()),
    }
}

/// Who signed, as a page or a receipt shows it (no verification: see [`crate::verify()`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignerSummary {
    pub iin: Option<String>,
    pub bin: Option<String>,
    /// The certificate's common name (surname and name).
    pub name: String,
    /// The certificate's serial number, upper-case hex.
    pub certificate_serial: String,
    /// RFC 3339, UTC.
    pub not_before: String,
    pub not_after: String,
    /// keyUsage digitalSignature.
    pub digital_signature: bool,
    /// Extended key usage 1.3.6.1.5.5.7.3.4 (the NCA's mark of a signing certificate).
    pub signing_eku: bool,
    pub algorithm: Option<Algorithm>,
    /// The signed attribute signingTime, RFC 3339 (what the signer's computer said).
    pub signing_time: Option<String>,
    pub subject: String,
}

impl SignerSummary {
    /// Whether the certificate is meant for signing documents (digitalSignature and the EKU).
    pub fn is_signing_certificate(&self) -> bool {
        self.digital_signature && self.signing_eku
    }
}

/// A summary of each signer of a CMS (see [`SignedCms::parse`] for the accepted forms). A
/// signer whose certificate is not in the CMS is an error: nothing can be said of it.
pub fn signer_summaries(cms: &[u8]) -> Result<Vec<SignerSummary>, EdsError> {
    let parsed = SignedCms::parse(cms)?;
    parsed.signers.iter().map(|s| summary(&parsed, s)).collect()
}

pub(crate) fn summary(parsed: &SignedCms, s: &Signer) -> Result<SignerSummary, EdsError> {
    let cert = s
        .cert_index
        .and_then(|i| parsed.certificates.get(i))
        .ok_or_else(|| EdsError::new(ErrorCode::SignerCertificateMissing))?;
    Ok(cert_summary(cert, s.algorithm().or_else(|| cert.key_algorithm()), s.signing_time()))
}

/// The summary of a certificate alone.
pub fn cert_summary(cert: &Cert, algorithm: Option<Algorithm>, signing_time: Option<u64>) -> SignerSummary {
    SignerSummary {
        iin: cert.iin(),
        bin: cert.bin(),
        name: cert.common_name(),
        certificate_serial: cert.serial_hex(),
        not_before: crate::time::rfc3339(cert.not_before()),
        not_after: crate::time::rfc3339(cert.not_after()),
        digital_signature: cert.digital_signature().unwrap_or(false),
        signing_eku: cert.has_eku(oids::EKU_EMAIL_PROTECTION),
        algorithm,
        signing_time: signing_time.map(crate::time::rfc3339),
        subject: cert.subject(),
    }
}
