//! Random damage to a valid bundle: never a panic, and never "valid" unless what matters — the
//! payload and the tag files — is byte for byte what was signed (a flip in a ZIP field nobody
//! reads, such as a timestamp, may leave the bundle valid, and that is fine).

mod common;

use common::*;
use proptest::prelude::*;
use std::sync::OnceLock;

/// A bundle's bytes and its entries.
type Original = (Vec<u8>, Vec<(String, Vec<u8>)>);

fn original() -> &'static Original {
    static BUNDLE: OnceLock<Original> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let bytes = build("extend");
        let e = entries(&bytes);
        (bytes, e)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn flipped_bytes_never_panic_nor_pass_unnoticed(
        flips in proptest::collection::vec((any::<proptest::sample::Index>(), 1u8..=255), 1..4),
        cut in proptest::option::weighted(0.1, any::<proptest::sample::Index>()),
    ) {
        let (bytes, files) = original();
        let mut damaged = bytes.clone();
        for (at, mask) in &flips {
            let i = at.index(damaged.len());
            damaged[i] ^= mask;
        }
        if let Some(cut) = cut {
            damaged.truncate(cut.index(damaged.len()));
        }
        let r = verify(&damaged);
        if r.is_valid() {
            let archive = anyqtama_bundle::zip::read(&damaged, &Default::default()).unwrap();
            let got: Vec<(String, Vec<u8>)> = archive.entries.into_iter().map(|e| (e.name, e.data)).collect();
            prop_assert_eq!(&got, files, "valid, yet different content");
        }
    }
}
