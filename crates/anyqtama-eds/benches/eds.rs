//! Verifying one GOST R 34.10-2015 512-bit signature with its chain (signer → the 2022 test
//! NCA → its root), natively; the same as a process's first bundle (no CA key's table and no
//! CA certificate's verified signature kept yet); and the same with the NCA's CRL checked too.

#[path = "../testsupport/signer.rs"]
mod signer;

use anyqtama_eds::{time, verify, Cert, Crl, Options};
use criterion::{criterion_group, criterion_main, Criterion};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/nca-test/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn bench(c: &mut Criterion) {
    let key = signer::load_p12(&fixture("keys/individual_valid.p12"), "Qwerty12").unwrap();
    let content = b"tagmanifest-sha256.txt of a bundle".to_vec();
    let cms = signer::sign_detached(&key, &content, time::parse_day("2026-09-01").unwrap());
    let opts = Options {
        trust: Cert::parse_many(&fixture("ca/root_test_gost_2022.cer")).unwrap(),
        intermediates: Cert::parse_many(&fixture("ca/nca_gost2022_test.cer")).unwrap(),
        crls: vec![],
        at: None,
        now: time::parse_day("2026-12-04").unwrap(),
    };
    let report = verify(&cms, Some(&content), &opts).unwrap();
    assert!(report.valid && report.signers[0].chain.len() == 3, "{:?}", report.signers[0].errors);
    c.bench_function("eds verify gost2015-512 + chain", |b| {
        b.iter(|| verify(&cms, Some(&content), &opts).unwrap().valid)
    });
    c.bench_function("eds verify gost2015-512 + chain, first bundle", |b| {
        b.iter(|| {
            anyqtama_eds::verify::forget_caches();
            verify(&cms, Some(&content), &opts).unwrap().valid
        })
    });
    let with_crl = Options { crls: Crl::parse_many(&fixture("crl/nca_gost2022_test.crl")).unwrap(), ..opts };
    assert!(verify(&cms, Some(&content), &with_crl).unwrap().valid);
    c.bench_function("eds verify gost2015-512 + chain + CRL", |b| {
        b.iter(|| verify(&cms, Some(&content), &with_crl).unwrap().valid)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
