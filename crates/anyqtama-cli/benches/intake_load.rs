//! Intake under load as a portal runs it: `anyqtama serve` processes on loopback, measured from
//! outside (BENCHMARKS.md, "The intake server under load").
//!
//! - throughput: the same unique bundles of about 2 MB posted by 4 clients to 1 node and to 2
//!   nodes on one database (round robin); bundles registered per second and latency percentiles.
//! - memory: 50 uploads of 20 MB in flight at once (each sent but its last MiB, held, then
//!   finished): the node's VmRSS while they are in flight and its peak (VmHWM) after all are
//!   registered.
//! - storm: 10x that, 500 uploads of 20 MB at once, as browsers send them (no `Expect`): how
//!   many are registered, how many get 503, whether the node stays up, its peak memory.
//!
//! ```text
//! cargo bench -p anyqtama-cli --bench intake_load
//! ANYQTAMA_LOAD_DB=postgres://…  the nodes use this database instead of a fresh SQLite file;
//!     ANYQTAMA_LOAD_DB_RESET, a shell command, is run before each run to empty it
//! ANYQTAMA_LOAD_PARTS=throughput,memory,storm   ANYQTAMA_LOAD_REQUESTS=300
//! ANYQTAMA_LOAD_CLIENTS=4   ANYQTAMA_LOAD_UPLOADS=50   ANYQTAMA_LOAD_UPLOAD_MB=20
//! ```
//!
//! Every part runs with `--posts-per-minute 0`: the clients share one address, and the rate
//! limit is not what is measured.

#[path = "../../anyqtama-server/tests/common/mod.rs"]
mod common;

use common::*;
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command};
use std::sync::{Barrier, Mutex};
use std::time::{Duration, Instant};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

struct Node {
    child: Child,
    addr: SocketAddr,
}

impl Node {
    fn start(db: &str, args: &[&str]) -> Node {
        let mut all = vec!["--posts-per-minute", "0"];
        all.extend_from_slice(args);
        let (child, addr, lines) = spawn_serve(env!("CARGO_BIN_EXE_anyqtama"), db.as_ref(), &all);
        std::thread::spawn(move || for _ in lines {});
        Node { child, addr }
    }

    /// VmRSS and VmHWM in MiB.
    fn memory_mib(&self) -> (f64, f64) {
        memory_kib(self.child.id())
            .map_or((f64::NAN, f64::NAN), |(r, h)| (r as f64 / 1024.0, h as f64 / 1024.0))
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_none()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The database of one run: ANYQTAMA_LOAD_DB (emptied by ANYQTAMA_LOAD_DB_RESET) or a fresh
/// SQLite file in `dir`.
fn database(dir: &std::path::Path, run: &str) -> String {
    match std::env::var("ANYQTAMA_LOAD_DB") {
        Ok(url) => {
            if let Ok(reset) = std::env::var("ANYQTAMA_LOAD_DB_RESET") {
                let ok = Command::new("sh").args(["-c", &reset]).status().is_ok_and(|s| s.success());
                assert!(ok, "ANYQTAMA_LOAD_DB_RESET failed");
            }
            url
        }
        Err(_) => dir.join(format!("{run}.sqlite")).display().to_string(),
    }
}

fn store_name() -> &'static str {
    if std::env::var("ANYQTAMA_LOAD_DB").is_ok_and(|u| u.starts_with("postgres")) {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}

fn throughput(dir: &std::path::Path) {
    let requests = env("ANYQTAMA_LOAD_REQUESTS", 300);
    let clients = env("ANYQTAMA_LOAD_CLIENTS", 4);
    let app = issue();
    let docs = documents(&app, 500_000);
    let bundles: Vec<Vec<u8>> = (0..requests).map(|_| bundle_of(&app, &docs, &uuid())).collect();
    let mb = bundles[0].len() as f64 / 1e6;
    for nodes in [1, 2] {
        let db = database(dir, &format!("throughput-{nodes}"));
        let servers: Vec<Node> = (0..nodes).map(|_| Node::start(&db, &[])).collect();
        let addrs: Vec<SocketAddr> = servers.iter().map(|n| n.addr).collect();
        let (total, l) = post_all(&addrs, &bundles, clients);
        println!(
            "intake-load throughput: {} {nodes} node(s), {requests} bundles of {mb:.2} MB, {clients} clients: \
{:.1} bundles/s, p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            store_name(),
            requests as f64 / total.as_secs_f64(),
            percentile_ms(&l, 0.50),
            percentile_ms(&l, 0.90),
            percentile_ms(&l, 0.99),
            percentile_ms(&l, 1.0),
        );
    }
}

/// Unique bundles of about `mb` MB.
fn big_bundles(n: usize, mb: usize) -> Vec<Vec<u8>> {
    let app = issue();
    let files: usize = app.documents.iter().map(|d| d.files.len()).sum();
    let docs = documents(&app, mb * 1_000_000 / files.max(1));
    (0..n).map(|_| bundle_of(&app, &docs, &uuid())).collect()
}

fn head(addr: SocketAddr, len: usize) -> String {
    format!("POST /api/bundles HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/zip\r\nContent-Length: {len}\r\n\r\n")
}

fn memory(dir: &std::path::Path, bundles: &[Vec<u8>]) {
    let db = database(dir, "memory");
    let node = Node::start(&db, &[]);
    let addr = node.addr;
    let (idle, _) = node.memory_mib();
    let held = Barrier::new(bundles.len() + 1);
    let go = Barrier::new(bundles.len() + 1);
    let statuses = Mutex::new(Vec::new());
    let mut in_flight = (0.0, 0.0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for bytes in bundles {
            let (held, go, statuses) = (&held, &go, &statuses);
            scope.spawn(move || {
                let mut s = TcpStream::connect(addr).expect("connect");
                let cut = bytes.len().saturating_sub(1 << 20);
                let sent =
                    s.write_all(head(addr, bytes.len()).as_bytes()).and_then(|()| s.write_all(&bytes[..cut]));
                held.wait();
                go.wait();
                let r = sent.and_then(|()| s.write_all(&bytes[cut..])).and_then(|()| read_response(&mut s));
                statuses.lock().unwrap().push(r.map_or(0, |r| r.status));
            });
        }
        held.wait();
        std::thread::sleep(Duration::from_secs(1));
        in_flight = node.memory_mib();
        go.wait();
    });
    let took = start.elapsed();
    let (rss, peak) = node.memory_mib();
    let statuses = statuses.into_inner().unwrap();
    let created = statuses.iter().filter(|s| **s == 201).count();
    let mb = bundles[0].len() as f64 / 1e6;
    println!(
        "intake-load memory: {} uploads of {mb:.1} MB in flight: VmRSS idle {idle:.0} MiB, in flight {:.0} MiB; \
all finished: {created} registered in {:.1}s, VmRSS {rss:.0} MiB, peak VmHWM {peak:.0} MiB",
        bundles.len(),
        in_flight.0,
        took.as_secs_f64(),
    );
}

fn storm(dir: &std::path::Path, bundles: &[Vec<u8>], times: usize) {
    let db = database(dir, "storm");
    let mut node = Node::start(&db, &[]);
    let addr = node.addr;
    let n = bundles.len() * times;
    let ready = Barrier::new(n);
    let statuses = Mutex::new(Vec::with_capacity(n));
    let start = Instant::now();
    std::thread::scope(|scope| {
        for i in 0..n {
            let bytes = &bundles[i % bundles.len()];
            let (ready, statuses) = (&ready, &statuses);
            std::thread::Builder::new()
                .stack_size(64 << 10)
                .spawn_scoped(scope, move || {
                    ready.wait();
                    let mut raw = head(addr, bytes.len()).into_bytes();
                    raw.extend_from_slice(bytes);
                    let status = send_raw(addr, &raw).map_or(0, |r| r.status);
                    statuses.lock().unwrap().push(status);
                })
                .expect("a client thread");
        }
    });
    let took = start.elapsed();
    let statuses = statuses.into_inner().unwrap();
    let count = |s: u16| statuses.iter().filter(|x| **x == s).count();
    let (_, peak) = node.memory_mib();
    let alive = node.alive();
    let (id, small) = valid_bundle();
    let after = if alive { post(addr, &small, &[]).status } else { 0 };
    println!(
        "intake-load storm: {n} uploads of {:.1} MB at once: {} registered (201), {} replays (200), {} busy (503), \
{} cut off before reading an answer, in {:.1}s; node {}, peak VmHWM {peak:.0} MiB; a new bundle after: {after} ({id})",
        bundles[0].len() as f64 / 1e6,
        count(201),
        count(200),
        count(503),
        count(0),
        took.as_secs_f64(),
        if alive { "up" } else { "DEAD" },
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let parts = std::env::var("ANYQTAMA_LOAD_PARTS").unwrap_or_else(|_| "throughput,memory,storm".into());
    let dir = tempfile::tempdir().unwrap();
    if parts.contains("throughput") {
        throughput(dir.path());
    }
    if parts.contains("memory") || parts.contains("storm") {
        let uploads = env("ANYQTAMA_LOAD_UPLOADS", 50);
        let bundles = big_bundles(uploads, env("ANYQTAMA_LOAD_UPLOAD_MB", 20));
        if parts.contains("memory") {
            memory(dir.path(), &bundles);
        }
        if parts.contains("storm") {
            storm(dir.path(), &bundles, 10);
        }
    }
}
