//! Bad input is an error, never a panic: garbage, truncation, huge and deeply nested
//! structures, and a seeded, time-bounded loop of random mutations of the NCA's files.

use anyqtama_eds::{signer_summaries, verify, Cert, Crl, ErrorCode, Options};
use std::time::{Duration, Instant};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/nca-test/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn garbage_and_extremes_are_errors() {
    let opts = Options::default();
    for input in [
        &b""[..],
        b"garbage",
        b"\x30",
        b"\x30\x84\xff\xff\xff\xff",
        b"-----BEGIN CMS-----\n!!\n-----END CMS-----",
    ] {
        assert_eq!(verify(input, None, &opts).unwrap_err().code, ErrorCode::NotCms, "{input:?}");
    }
    let huge = vec![0x30u8; anyqtama_eds::cms::MAX_INPUT + 1];
    assert_eq!(verify(&huge, None, &opts).unwrap_err().code, ErrorCode::TooLarge);
    // 100,000 nested indefinite-length SEQUENCEs, and as many definite ones.
    let mut deep = Vec::new();
    for _ in 0..100_000 {
        deep.extend_from_slice(&[0x30, 0x80]);
    }
    assert!(verify(&deep, None, &opts).is_err());
    assert!(anyqtama_eds::tlv::ber_to_der(&deep).is_err());
    let mut nested = vec![0x05, 0x00];
    for _ in 0..2000 {
        nested = anyqtama_eds::tlv::wrap(0x30, &nested);
    }
    assert!(verify(&nested, None, &opts).is_err());
    assert!(Cert::from_der(&nested).is_err());
    assert!(Crl::from_der(&nested).is_err());
    // A ContentInfo of another type.
    let data = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00];
    assert_eq!(verify(&data, None, &opts).unwrap_err().code, ErrorCode::NotSignedData);
}

/// xorshift64*: a seeded generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(3) {
        match rng.below(5) {
            0 => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            2 => v.truncate(rng.below(v.len())),
            3 => {
                let i = rng.below(v.len());
                v.insert(i, rng.next() as u8);
            }
            _ => {
                // A length byte set to something large.
                let i = rng.below(v.len());
                v[i] = 0x80 | rng.below(5) as u8;
            }
        }
        if v.is_empty() {
            break;
        }
    }
    v
}

#[test]
fn random_mutations_never_panic() {
    let cms = fixture("cms/test123.detached.p7s");
    let content = fixture("cms/test123.txt");
    let crl = fixture("crl/nca_gost2022_test.crl");
    let cert = fixture("ca/nca_gost2022_test.cer");
    let opts = Options {
        trust: Cert::parse_many(&cert).unwrap(),
        crls: Crl::parse_many(&crl).unwrap(),
        ..Default::default()
    };
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let deadline = Instant::now() + Duration::from_secs(8);
    let mut runs = 0;
    while Instant::now() < deadline && runs < 3000 {
        let m = mutate(&mut rng, &cms);
        if let Ok(report) = verify(&m, Some(&content), &opts) {
            // A changed signature never verifies as the original did, unless the change
            // fell in bytes nothing checks (e.g. the unused RSA certificate's extensions).
            let _ = report.valid;
        }
        let _ = signer_summaries(&m);
        let _ = Cert::parse_many(&mutate(&mut rng, &cert));
        let _ = Crl::parse_many(&mutate(&mut rng, &crl));
        runs += 1;
    }
    assert!(runs >= 50, "only {runs} mutations in the time");
}
