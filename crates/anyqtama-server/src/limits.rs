//! How much of a request is read. The body limit is checked before anything is buffered past
//! it (a `Content-Length` over it is refused at once, a longer chunked body when it gets there);
//! inside the ZIP, the bundle crate's [`Limits`] refuse bombs, too many entries and unsafe names.

use anyqtama_bundle::zip::Limits;
use anyqtama_core::Regulation;

/// Room over the rules' package limit for the tag files, `application.json` and the ZIP's own
/// headers.
pub const HEADROOM_BYTES: u64 = 10 << 20;

/// The largest body `POST /api/bundles` reads: the largest `max_package_bytes` of the rule sets
/// (100 MiB) plus [`HEADROOM_BYTES`] — 110 MiB.
pub fn max_body_bytes(regulation: &Regulation) -> usize {
    let package = regulation.rules.all().iter().map(|r| r.files.max_package_bytes).max().unwrap_or(100 << 20);
    usize::try_from(package + HEADROOM_BYTES).unwrap_or(usize::MAX)
}

/// What the ZIP reader accepts (the bundle crate's defaults: 1,000 entries, 64 MiB an entry,
/// 256 MiB in all, compression ratio 100).
pub fn zip_limits() -> Limits {
    Limits::default()
}

/// The longest `Idempotency-Key` accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

#[cfg(test)]
mod tests {
    #[test]
    fn body_limit_is_the_package_limit_plus_headroom() {
        let r = anyqtama_core::Regulation::builtin();
        assert_eq!(super::max_body_bytes(&r), 110 << 20);
    }
}
