//! Who may read what (`docs/SERVER.md`, "Access").
//!
//! Officers read bundles, receipts by id and lists with `Authorization: Bearer <token>`. A
//! token is 256 random bits in hex, printed once by `anyqtama token new`; the store keeps only
//! its SHA-256 with the officer's name. A presented token is hashed and compared with every
//! stored hash in constant time (no early exit, so the time says nothing about which hash
//! matched how far). An applicant's status token (256 random bits, in the receipt) opens that
//! one receipt at `GET /api/receipts/{registration_number}`, compared in constant time too.

use crate::store::{Error, Officer, Store};
use anyqtama_bundle::crypto::Sha256;
use anyqtama_bundle::encoding::hex;
use anyqtama_bundle::Digest;

/// What a request's credential is worth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// A valid officer's token: the officer's name.
    Officer(String),
    /// No credential, or one that matches no token: 401.
    Unauthenticated,
    /// A revoked officer's token: 403.
    Revoked,
}

/// 32 random bytes from the operating system, in lowercase hex (64 characters, 256 bits).
pub fn random_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| Error(format!("no randomness from the system: {e}")))?;
    Ok(hex(&bytes))
}

/// The SHA-256 of a token, as the store keeps it.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256.sha256(token.as_bytes()))
}

/// Whether `a` and `b` are equal, in a time that depends on their lengths only.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The token of an `Authorization: Bearer <token>` header value.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let (scheme, token) = header?.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Which officer `token` belongs to, among `officers` (every hash is compared).
pub fn check(officers: &[Officer], token: Option<&str>) -> Access {
    let Some(token) = token else { return Access::Unauthenticated };
    let hash = token_hash(token);
    let mut found: Option<&Officer> = None;
    for o in officers {
        if constant_time_eq(hash.as_bytes(), o.token_sha256.as_bytes()) {
            found = Some(o);
        }
    }
    match found {
        None => Access::Unauthenticated,
        Some(o) if o.revoked_at.is_some() => Access::Revoked,
        Some(o) => Access::Officer(o.name.clone()),
    }
}

/// Whether an officer's name is one `token new` accepts: 1 to 64 of `A-Z a-z 0-9 . _ @ -`.
pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.bytes().all(|c| c.is_ascii_alphanumeric() || b"._@-".contains(&c))
}

/// Makes an officer's token: stores its hash under `name` and returns the token (shown once).
/// `Ok(None)` if the name is taken.
pub fn new_officer(store: &dyn Store, name: &str, now: &str) -> Result<Option<String>, Error> {
    let token = random_token()?;
    Ok(store.add_officer(name, &token_hash(&token), now)?.then_some(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(name: &str, token: &str, revoked: bool) -> Officer {
        Officer {
            name: name.into(),
            token_sha256: token_hash(token),
            created_at: "2026-11-25T05:00:00Z".into(),
            revoked_at: revoked.then(|| "2026-11-26T05:00:00Z".into()),
        }
    }

    #[test]
    fn a_token_is_the_officer_it_was_made_for() {
        let officers = [officer("aigerim", "t1", false), officer("bolat", "t2", true)];
        assert_eq!(check(&officers, Some("t1")), Access::Officer("aigerim".into()));
        assert_eq!(check(&officers, Some("t2")), Access::Revoked);
        assert_eq!(check(&officers, Some("t3")), Access::Unauthenticated);
        assert_eq!(check(&officers, None), Access::Unauthenticated);
        assert_eq!(check(&[], Some("t1")), Access::Unauthenticated);
    }

    #[test]
    fn bearer_and_comparison() {
        assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
        assert_eq!(bearer(Some("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("Bearer ")), None);
        assert_eq!(bearer(None), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (random_token().unwrap(), random_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(valid_name("aigerim.s@example"));
        assert!(!valid_name("") && !valid_name("a b") && !valid_name(&"a".repeat(65)));
    }
}
