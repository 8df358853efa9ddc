//! Criterion benchmarks of the core: the full check on a complete application, and counting
//! working days across three years. Figures go in BENCHMARKS.md.

use anyqtama_core::{check, Application, Date, Regulation};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn application(json: &str) -> Application {
    serde_json::from_str(json).expect("fixture")
}

fn benches(c: &mut Criterion) {
    let reg = Regulation::builtin();
    let today = Date::parse("2026-11-25").unwrap();
    let issue = application(include_str!("../../../tests/fixtures/applications/issue.json"));
    let extend = application(include_str!("../../../tests/fixtures/applications/extend.json"));

    c.bench_function("check/issue (full application)", |b| {
        b.iter(|| check(black_box(&issue), black_box(today), &reg))
    });
    c.bench_function("check/extend (full application)", |b| {
        b.iter(|| check(black_box(&extend), black_box(today), &reg))
    });

    // 2024-01-01 + 750 working days lands in late 2026: three calendar years.
    let from = Date::parse("2024-01-01").unwrap();
    c.bench_function("add_working_days/750 across 2024-2026", |b| {
        b.iter(|| reg.calendar.add_working_days(black_box(from), black_box(750)))
    });
    c.bench_function("add_working_days/5 (a typical limit)", |b| {
        b.iter(|| reg.calendar.add_working_days(black_box(Date::parse("2026-03-20").unwrap()), black_box(5)))
    });
    c.bench_function("Regulation::builtin (parse all built-in data)", |b| b.iter(Regulation::builtin));
}

criterion_group!(core, benches);
criterion_main!(core);
