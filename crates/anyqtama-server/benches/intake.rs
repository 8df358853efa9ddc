//! Intake under a bounded load on loopback: 4 clients post 500 unique bundles of about 2 MB
//! each (one connection a request) to a server with a real SQLite file; every bundle is
//! verified (ZIP, BagIt, signature, the core's check) and stored durably before its receipt.
//! Prints bundles per second and the latency percentiles. A load generator rather than
//! criterion: what matters is the server's behaviour under concurrency, not one call.
//!
//!   cargo bench -p anyqtama-server --bench intake
//!   (ANYQTAMA_BENCH_REQUESTS=100 ANYQTAMA_BENCH_CLIENTS=8 for another load)

#[path = "../tests/common/mod.rs"]
mod common;

use anyqtama_server::{Config, FixedClock, Running};
use common::*;
use std::sync::Arc;
use std::time::Instant;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let requests = env("ANYQTAMA_BENCH_REQUESTS", 500);
    let clients = env("ANYQTAMA_BENCH_CLIENTS", 4);
    let app = issue();
    // Four documents of 500 KB: a bundle of about 2 MB.
    let docs = documents(&app, 500_000);
    let t = Instant::now();
    let bundles: Vec<Vec<u8>> = (0..requests).map(|_| bundle_of(&app, &docs, &uuid())).collect();
    let mb = bundles[0].len() as f64 / 1e6;
    eprintln!("intake bench: {requests} bundles of {mb:.2} MB built in {:.1}s", t.elapsed().as_secs_f64());

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite");
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), db.clone());
    config.clock = Arc::new(FixedClock::parse("2026-11-25T10:00:00+05:00").unwrap());
    let server = Running::start(config).unwrap();
    let addr = server.addr;

    let (total, l) = post_all(&[addr], &bundles, clients);
    server.stop().unwrap();
    assert_eq!(
        anyqtama_server::store::open(&db.to_string_lossy()).unwrap().count().unwrap(),
        requests as i64
    );

    println!(
        "intake-bench: {requests} bundles of {mb:.2} MB, {clients} clients: {:.1} bundles/s ({:.1} MB/s), \
latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        requests as f64 / total.as_secs_f64(),
        requests as f64 * mb / total.as_secs_f64(),
        percentile_ms(&l, 0.50),
        percentile_ms(&l, 0.90),
        percentile_ms(&l, 0.99),
        percentile_ms(&l, 1.0),
    );
}
