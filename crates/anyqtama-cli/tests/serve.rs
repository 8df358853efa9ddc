//! `anyqtama serve` as a process: an acknowledged bundle survives SIGKILL. Bundles are sent
//! concurrently, the server is killed while requests are in flight, restarted on the same
//! SQLite file, and every bundle that got a receipt must be there, the database sound.

#[path = "../../anyqtama-server/tests/common/mod.rs"]
mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Starts the server on a free port; returns it with its address (read from its first line on
/// stderr). The rest of stderr (a line a request) is drained by a thread.
fn start(db: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_anyqtama"))
        .args(["serve", "--addr", "127.0.0.1:0", "--now", "2026-11-25T10:00:00+05:00", "--db"])
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("anyqtama serve starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().expect("a first line").expect("stderr");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

#[test]
fn acknowledged_bundles_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intake.sqlite");
    let app = issue();
    // About 600 KB each, so that the kill lands while some are being received or stored.
    let docs = documents(&app, 150_000);
    let bundles: Vec<(String, Vec<u8>)> = (0..40)
        .map(|_| {
            let id = uuid();
            let bytes = bundle_of(&app, &docs, &id);
            (id, bytes)
        })
        .collect();

    let (mut server, addr) = start(&db);
    let next = AtomicUsize::new(0);
    let receipts: Mutex<Vec<serde_json::Value>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((id, bytes)) = bundles.get(i) else { break };
                let key = format!("crash-{id}");
                let Ok(r) = request(
                    addr,
                    "POST",
                    "/api/bundles",
                    &[("Content-Type", "application/zip"), ("Idempotency-Key", &key)],
                    bytes,
                ) else {
                    continue; // the server is gone
                };
                if r.status == 201 {
                    receipts.lock().unwrap().push(r.json());
                }
            });
        }
        // Kill it mid-way: once some receipts are out and others are in flight.
        while receipts.lock().unwrap().len() < 12 && next.load(Ordering::SeqCst) < bundles.len() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
    });
    let receipts = receipts.into_inner().unwrap();
    assert!(receipts.len() >= 12, "only {} receipts before the kill", receipts.len());
    assert!(receipts.len() < bundles.len(), "the kill came after every request: nothing was tested");

    let (mut server, addr) = start(&db);
    for receipt in &receipts {
        let id = receipt["id"].as_str().unwrap();
        let r = get(addr, &format!("/api/bundles/{id}"));
        assert_eq!(r.status, 200, "{id} was acknowledged but is gone");
        assert_eq!(&r.json(), receipt);
        let (_, bytes) = bundles.iter().find(|(b, _)| b == id).unwrap();
        assert_eq!(&get(addr, &format!("/api/bundles/{id}/zip")).body, bytes);
    }
    // Sending the rest again registers each exactly once; the acknowledged ones are replays.
    for (id, bytes) in &bundles {
        let r = post(addr, bytes, &[("Idempotency-Key", &format!("crash-{id}"))]);
        assert!([200, 201].contains(&r.status), "{}", String::from_utf8_lossy(&r.body));
        if receipts.iter().any(|x| x["id"] == id.as_str()) {
            assert_eq!(r.status, 200);
        }
    }
    server.kill().unwrap();
    server.wait().unwrap();

    let store = anyqtama_server::Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.count().unwrap(), bundles.len() as i64);
    let numbers: std::collections::BTreeSet<String> =
        bundles.iter().map(|(id, _)| store.receipt(id).unwrap().unwrap().registration_number).collect();
    assert_eq!(numbers.len(), bundles.len(), "registration numbers are unique");
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let (server, addr) = start(&dir.path().join("intake.sqlite"));
    let (_, bytes) = valid_bundle();
    assert_eq!(post(addr, &bytes, &[]).status, 201);
    let pid = server.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let out = server.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
}
