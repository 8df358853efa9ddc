//! The signature: a detached JWS (RFC 7515) with ES256 and an unencoded payload (RFC 7797).
//!
//! Protected header (canonical JSON, RFC 8785):
//! `{"alg":"ES256","b64":false,"crit":["b64"],"jwk":{"crv":"P-256","kty":"EC","x":…,"y":…}}`.
//! Signing input: `BASE64URL(header) || "." || payload`, where the payload is the bytes of
//! `tagmanifest-sha256.txt` as they are (not base64url-encoded: `b64` is false). Stored in
//! `signature.jws` as the compact serialization with the payload detached:
//! `BASE64URL(header)..BASE64URL(r || s)`.

use crate::canonical;
use crate::encoding::{b64url, b64url_decode};
use crate::{Digest, Problem, SignatureVerifier, VerifyFailure};
use serde_json::{json, Value};

/// A P-256 public key as a JWK: the base64url coordinates (32 bytes each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicJwk {
    pub x: String,
    pub y: String,
}

impl PublicJwk {
    /// From the 32-byte big-endian coordinates.
    pub fn from_coordinates(x: &[u8; 32], y: &[u8; 32]) -> PublicJwk {
        PublicJwk { x: b64url(x), y: b64url(y) }
    }

    pub fn to_value(&self) -> Value {
        json!({"crv": "P-256", "kty": "EC", "x": self.x, "y": self.y})
    }

    /// The JWK thumbprint (RFC 7638): SHA-256 of the required members in canonical order,
    /// base64url — a short name of the key to show and to compare.
    pub fn thumbprint(&self, digest: &dyn Digest) -> String {
        b64url(&digest.sha256(&canonical::to_vec(&self.to_value())))
    }
}

/// The protected header, base64url-encoded.
pub fn protected(jwk: &PublicJwk) -> String {
    let header = json!({"alg": "ES256", "b64": false, "crit": ["b64"], "jwk": jwk.to_value()});
    b64url(&canonical::to_vec(&header))
}

/// What is signed: `protected || "." || payload`.
pub fn signing_input(protected: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(protected.len() + 1 + payload.len());
    out.extend_from_slice(protected.as_bytes());
    out.push(b'.');
    out.extend_from_slice(payload);
    out
}

/// The compact serialization with the payload detached.
pub fn compact(protected: &str, signature: &[u8; 64]) -> String {
    format!("{protected}..{}", b64url(signature))
}

/// A parsed `signature.jws`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub protected: String,
    pub jwk: PublicJwk,
    pub signature: [u8; 64],
}

/// Parses and checks the form of a detached compact JWS; the signature itself is not verified.
pub fn parse(text: &str) -> Result<Parsed, Problem> {
    let malformed =
        |why: &str| Problem::at("signature.malformed", crate::bagit::SIGNATURE).arg("reason", why);
    let header_problem =
        |why: &str| Problem::at("signature.header", crate::bagit::SIGNATURE).arg("reason", why);
    let key_problem = |why: &str| Problem::at("signature.key", crate::bagit::SIGNATURE).arg("reason", why);
    let text = text.strip_suffix('\n').unwrap_or(text);
    let parts: Vec<&str> = text.split('.').collect();
    let [protected, payload, signature] = parts.as_slice() else {
        return Err(malformed("not three parts"));
    };
    if !payload.is_empty() {
        return Err(malformed("payload not detached"));
    }
    let header_bytes = b64url_decode(protected).ok_or_else(|| malformed("header is not base64url"))?;
    let header: Value = serde_json::from_slice(&header_bytes).map_err(|_| malformed("header is not JSON"))?;
    let header = header.as_object().ok_or_else(|| malformed("header is not an object"))?;
    if header.get("alg") != Some(&json!("ES256")) {
        return Err(header_problem("alg is not ES256"));
    }
    if header.get("b64") != Some(&json!(false)) || header.get("crit") != Some(&json!(["b64"])) {
        return Err(header_problem("b64 must be false and critical"));
    }
    let jwk = header.get("jwk").and_then(Value::as_object).ok_or_else(|| key_problem("no jwk"))?;
    if jwk.get("kty") != Some(&json!("EC")) || jwk.get("crv") != Some(&json!("P-256")) {
        return Err(key_problem("not a P-256 key"));
    }
    if jwk.contains_key("d") {
        return Err(key_problem("a private key"));
    }
    let coordinate = |name: &str| {
        jwk.get(name)
            .and_then(Value::as_str)
            .filter(|s| b64url_decode(s).is_some_and(|b| b.len() == 32))
            .map(str::to_string)
            .ok_or_else(|| key_problem("bad coordinates"))
    };
    let jwk = PublicJwk { x: coordinate("x")?, y: coordinate("y")? };
    let signature: [u8; 64] = b64url_decode(signature)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| malformed("signature is not 64 bytes"))?;
    Ok(Parsed { protected: protected.to_string(), jwk, signature })
}

/// Verifies `signature.jws` over `payload`; the key that signed on success.
pub fn verify(text: &str, payload: &[u8], verifier: &dyn SignatureVerifier) -> Result<PublicJwk, Problem> {
    let parsed = parse(text)?;
    let input = signing_input(&parsed.protected, payload);
    match verifier.verify_es256(&parsed.jwk, &input, &parsed.signature) {
        Ok(()) => Ok(parsed.jwk),
        Err(VerifyFailure::BadKey) => {
            Err(Problem::at("signature.key", crate::bagit::SIGNATURE).arg("reason", "not a point of P-256"))
        }
        Err(VerifyFailure::BadSignature) => Err(Problem::at("signature.invalid", crate::bagit::SIGNATURE)),
    }
}
