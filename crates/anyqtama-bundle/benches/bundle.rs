//! Criterion benchmarks of the bundle: building and verifying one with five 10 MB documents
//! (the check's own limits allow 20 MB a file and 100 MB a package).

use anyqtama_bundle::crypto::{KeyPair, P256Verifier, Sha256};
use anyqtama_bundle::zip::Limits;
use anyqtama_bundle::{Digest, Document, Options, Request};
use anyqtama_core::{Application, Date, Lang, Regulation};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::borrow::Cow;

fn benches(c: &mut Criterion) {
    let app: Application =
        serde_json::from_str(include_str!("../../../tests/fixtures/applications/issue.json"))
            .expect("fixture");
    let key = KeyPair::from_bytes(&[7u8; 32]).expect("a valid scalar");
    // Five 10 MB "PDFs" of pseudo-random bytes (incompressible, like scans).
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let docs: Vec<Document<'static>> =
        ["identity-document", "education-documents", "education-documents", "work-record", "work-record"]
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut bytes = b"%PDF-1.7\n".to_vec();
                bytes.resize(10_000_000, 0);
                for b in bytes[9..].iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *b = state as u8;
                }
                Document {
                    item: item.to_string(),
                    name: format!("scan-{i}.pdf"),
                    bytes: Cow::Owned(bytes),
                    sha256: None,
                }
            })
            .collect();
    let today = Date::parse("2026-11-25").unwrap();
    let request = Request {
        application: &app,
        documents: &docs,
        id: "6f1c2a3e-0000-4000-8000-0000000000be",
        date: today,
        lang: Lang::En,
        rules_version: "2026.1",
    };
    let bundle = anyqtama_bundle::build(&request, &Sha256, &key).unwrap();
    let regulation = Regulation::builtin();
    let options = Options { today, regulation: &regulation, limits: Limits::default() };
    assert!(anyqtama_bundle::verify(&bundle, &options, &Sha256, &P256Verifier).is_valid());

    let mut group = c.benchmark_group("bundle 5 x 10 MB");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bundle.len() as u64));
    group.bench_function("build (hash, sign, zip)", |b| {
        b.iter(|| anyqtama_bundle::build(black_box(&request), &Sha256, &key).unwrap())
    });
    group.bench_function("verify (unzip, hash, signature, check)", |b| {
        b.iter(|| anyqtama_bundle::verify(black_box(&bundle), &options, &Sha256, &P256Verifier))
    });
    group.finish();

    // What `sha256x` (several messages in step with the SHA extensions) saves over `sha2` (which
    // already uses the SHA extensions, one message at a time), on the same five documents and on
    // a typical package of 3-5 documents of 20-60 KB (the check bench's).
    let small: Vec<Vec<u8>> = (0..4).map(|i| docs[i].bytes[..20_000 + 10_000 * i].to_vec()).collect();
    for (name, messages) in [
        ("sha256 5 x 10 MB", docs.iter().map(|d| &d.bytes[..]).collect::<Vec<_>>()),
        ("sha256 4 x 20-50 KB", small.iter().map(|m| &m[..]).collect()),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(messages.iter().map(|m| m.len() as u64).sum()));
        group.bench_function("sha2, one by one", |b| {
            b.iter(|| messages.iter().map(|m| Sha256.sha256(black_box(m))).collect::<Vec<_>>())
        });
        group.bench_function("sha256x, in step", |b| b.iter(|| Sha256.sha256_all(black_box(&messages))));
        group.finish();
    }
}

criterion_group!(bundle, benches);
criterion_main!(bundle);
