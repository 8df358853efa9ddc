//! `anyqtama serve` as a process: an acknowledged bundle survives SIGKILL. Bundles are sent
//! concurrently, the server is killed while requests are in flight, restarted on the same
//! SQLite file, and every bundle that got a receipt must be there, the database sound.

#[path = "../../anyqtama-server/tests/common/mod.rs"]
mod common;

use anyqtama_server::store::Store;
use common::*;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `anyqtama token new`: an officer's token for `db`, printed once on stdout.
fn officer_token(db: &str, name: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_anyqtama"))
        .args(["token", "new", "--name", name, "--db", db])
        .output()
        .expect("anyqtama token new");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(token.len(), 64, "{token:?}");
    token
}

/// Starts the server on a free port; returns it with its address (read from its first line on
/// stderr). The rest of stderr (a line a request) is drained by a thread.
fn start(db: &str) -> (Child, SocketAddr) {
    // Many bundles from one address: past the default rate limit (serve_limits.rs tests it).
    let args = ["--posts-per-minute", "0"];
    let (child, addr, lines) = spawn_serve(env!("CARGO_BIN_EXE_anyqtama"), db.as_ref(), &args);
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

#[test]
fn acknowledged_bundles_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intake.sqlite").to_string_lossy().into_owned();
    let officer = officer_token(&db, "officer");
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
        let r = get_as(addr, &format!("/api/bundles/{id}"), &officer);
        assert_eq!(r.status, 200, "{id} was acknowledged but is gone");
        assert_eq!(r.json()["registration_number"], receipt["registration_number"]);
        let (_, bytes) = bundles.iter().find(|(b, _)| b == id).unwrap();
        assert_eq!(&get_as(addr, &format!("/api/bundles/{id}/zip"), &officer).body, bytes);
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

    let store = anyqtama_server::store::sqlite::SqliteStore::open(Path::new(&db)).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.count().unwrap(), bundles.len() as i64);
    let numbers: std::collections::BTreeSet<String> =
        bundles.iter().map(|(id, _)| store.receipt(id).unwrap().unwrap().registration_number).collect();
    assert_eq!(numbers.len(), bundles.len(), "registration numbers are unique");
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let (server, addr) = start(&dir.path().join("intake.sqlite").to_string_lossy());
    let (_, bytes) = valid_bundle();
    assert_eq!(post(addr, &bytes, &[]).status, 201);
    let pid = server.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let out = server.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
}

/// Sends `bytes` under `key` until a node acknowledges it (201, or 200 for a replay), trying
/// the nodes in turn from `first`; `None` after a bounded number of tries.
fn deliver(
    nodes: &Mutex<[SocketAddr; 2]>,
    first: usize,
    bytes: &[u8],
    key: &str,
) -> Option<serde_json::Value> {
    for attempt in 0..40 {
        let addr = nodes.lock().unwrap()[(first + attempt) % 2];
        let headers = [("Content-Type", "application/zip"), ("Idempotency-Key", key)];
        match request(addr, "POST", "/api/bundles", &headers, bytes) {
            Ok(r) if r.status == 201 || r.status == 200 => return Some(r.json()),
            Ok(r) if r.status < 500 => panic!("{}: {}", r.status, String::from_utf8_lossy(&r.body)),
            _ => std::thread::sleep(std::time::Duration::from_millis(50)), // the node is down
        }
    }
    None
}

/// Two nodes on one PostgreSQL, clients sending to both (some bundles to both at once); one
/// node is SIGKILLed mid-way and restarted. Every acknowledged bundle is there exactly once,
/// with the number its receipt says; the numbers are unique and gap-free.
#[test]
fn two_nodes_on_postgresql_survive_sigkill_of_one() {
    let Some(admin) = common::db::pg_url("two_nodes_on_postgresql_survive_sigkill_of_one") else { return };
    let name = format!("fault_{}", std::process::id());
    let db = anyqtama_server::store::postgres::create_database(&admin, &name).expect("CREATE DATABASE");
    let officer = officer_token(&db, "officer");
    let app = issue();
    let docs = documents(&app, 60_000);
    let bundles: Vec<(String, Vec<u8>)> = (0..48)
        .map(|_| {
            let id = uuid();
            let bytes = bundle_of(&app, &docs, &id);
            (id, bytes)
        })
        .collect();

    let (a, a_addr) = start(&db);
    let (b, b_addr) = start(&db);
    let nodes = Mutex::new([a_addr, b_addr]);
    let mut a = Some(a);
    let next = AtomicUsize::new(0);
    let acked: Mutex<Vec<(String, serde_json::Value)>> = Mutex::new(Vec::new());
    let before_kill = std::thread::scope(|scope| {
        let (nodes, next, acked, bundles) = (&nodes, &next, &acked, &bundles);
        for _ in 0..6 {
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some((id, bytes)) = bundles.get(i) else { break };
                let key = format!("fault-{id}");
                // Every fourth bundle goes to both nodes at once.
                let twin = (i % 4 == 0).then(|| {
                    let key = key.clone();
                    scope.spawn(move || deliver(nodes, i + 1, bytes, &key))
                });
                let mut got: Vec<_> = deliver(nodes, i, bytes, &key).into_iter().collect();
                got.extend(twin.and_then(|t| t.join().unwrap()));
                acked.lock().unwrap().extend(got.into_iter().map(|r| (id.clone(), r)));
            });
        }
        while acked.lock().unwrap().len() < 12 && next.load(Ordering::SeqCst) < bundles.len() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let before_kill = acked.lock().unwrap().len();
        let mut node = a.take().unwrap();
        node.kill().expect("SIGKILL");
        node.wait().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let (restarted, addr) = start(&db);
        nodes.lock().unwrap()[0] = addr;
        a = Some(restarted);
        before_kill
    });
    let acked = acked.into_inner().unwrap();
    eprintln!("fault test: {before_kill} acknowledgements before the kill, {} in all", acked.len());
    assert!(before_kill < bundles.len(), "the kill came after every bundle: nothing was tested");
    let ids: std::collections::BTreeSet<&str> = acked.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids.len(), bundles.len(), "every bundle was acknowledged in the end (the clients retry)");

    let store = anyqtama_server::store::open(&db).unwrap();
    assert_eq!(store.count().unwrap(), bundles.len() as i64, "each bundle stored exactly once");
    for (id, receipt) in &acked {
        let stored =
            store.receipt(id).unwrap().unwrap_or_else(|| panic!("{id} was acknowledged but is gone"));
        assert_eq!(receipt["registration_number"], stored.registration_number.as_str(), "{id}");
        assert_eq!(receipt["status_token"], stored.status_token.as_str(), "{id}");
    }
    let numbers: std::collections::BTreeSet<String> =
        bundles.iter().map(|(id, _)| store.receipt(id).unwrap().unwrap().registration_number).collect();
    let expected: std::collections::BTreeSet<String> =
        (1..=bundles.len()).map(|n| format!("ANQ-2026-{n:06}")).collect();
    assert_eq!(numbers, expected, "unique and gap-free");
    // The restarted node serves an officer.
    let addr = nodes.lock().unwrap()[0];
    let (id, bytes) = &bundles[0];
    assert_eq!(&get_as(addr, &format!("/api/bundles/{id}/zip"), &officer).body, bytes);
    for mut node in [a.take().unwrap(), b] {
        node.kill().unwrap();
        node.wait().unwrap();
    }
}

/// `anyqtama <args…>` in English: (exit code, stdout, stderr).
fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_anyqtama")).arg("--lang=en").args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn officer_tokens_and_the_audit_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intake.sqlite").to_string_lossy().into_owned();
    let token = officer_token(&db, "aigerim");
    assert_eq!(cli(&["token", "new", "--name", "aigerim", "--db", &db]).0, 2, "a name is taken once");
    assert_eq!(cli(&["token", "new", "--name", "a b", "--db", &db]).0, 2, "not a name");
    let (code, list, _) = cli(&["token", "list", "--db", &db]);
    assert_eq!(code, 0);
    assert!(list.starts_with("aigerim: made ") && !list.contains(&token), "{list}");
    assert!(cli(&["audit", "--db", &db]).1.contains("empty"));

    let (server, addr) = start(&db);
    let (id, bytes) = valid_bundle();
    assert_eq!(post(addr, &bytes, &[]).status, 201);
    assert_eq!(get_as(addr, &format!("/api/bundles/{id}/zip"), &token).body, bytes);
    let (code, audit, _) = cli(&["audit", "--db", &db]);
    assert_eq!(code, 0);
    let row = audit.lines().nth(1).unwrap_or_default();
    assert!(row.ends_with(&format!("\taigerim\tbundle.zip\t{id}\t127.0.0.1")), "{audit}");

    let (code, out, _) = cli(&["token", "revoke", "aigerim", "--db", &db]);
    assert_eq!((code, out.trim()), (0, "The token of aigerim is revoked."));
    assert_eq!(get_as(addr, &format!("/api/bundles/{id}/zip"), &token).status, 403);
    assert_eq!(cli(&["token", "revoke", "aigerim", "--db", &db]).0, 2, "revoked once");
    assert!(cli(&["token", "list", "--db", &db]).1.contains(", revoked "));
    let mut server = server;
    server.kill().unwrap();
    server.wait().unwrap();
}
