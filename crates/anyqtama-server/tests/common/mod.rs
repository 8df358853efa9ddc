//! What the intake tests (and the benchmark, and the CLI's crash test) share: a small HTTP/1.1
//! client over a plain `TcpStream` (one request a connection, so each test sees exactly the
//! bytes on the wire), and signed bundles built from the fixture applications with the test key.
#![allow(dead_code)]

pub mod db;

use anyqtama_bundle::crypto::{KeyPair, Sha256};
use anyqtama_bundle::zip::{self, Limits};
use anyqtama_bundle::{Document, Request};
use anyqtama_core::{Application, Date, Lang};
use std::borrow::Cow;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const TEST_KEY: &str = include_str!("../../../../tests/fixtures/bundles/test-key.jwk");
pub const ISSUE: &str = include_str!("../../../../tests/fixtures/applications/issue.json");

/// A response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    /// The problem codes of a refusal.
    pub fn codes(&self) -> Vec<String> {
        let v = self.json();
        v["errors"].as_array().map_or_else(Vec::new, |a| {
            a.iter().map(|e| e["code"].as_str().unwrap_or("").to_string()).collect()
        })
    }
}

/// Sends one request and reads the whole response (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut raw = head.into_bytes();
    raw.extend_from_slice(body);
    send_raw(addr, &raw)
}

/// Sends bytes as they are and reads the response. A write cut short by the server (it may
/// answer and close before reading everything) is not an error: the answer is read.
pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> std::io::Result<Response> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    let _ = s.write_all(raw);
    read_response(&mut s)
}

/// Reads a response with a `Content-Length` (what the server sends) to the end.
pub fn read_response(s: &mut TcpStream) -> std::io::Result<Response> {
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no header end in {} bytes", raw.len())))?;
    let head = String::from_utf8_lossy(&raw[..end]).to_string();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Response { status, headers, body: raw[end + 4..].to_vec() })
}

pub fn post(addr: SocketAddr, bytes: &[u8], extra: &[(&str, &str)]) -> Response {
    let mut headers = vec![("Content-Type", "application/zip")];
    headers.extend_from_slice(extra);
    request(addr, "POST", "/api/bundles", &headers, bytes).expect("POST /api/bundles")
}

pub fn get(addr: SocketAddr, path: &str) -> Response {
    request(addr, "GET", path, &[], b"").expect("GET")
}

/// `GET` with `Authorization: Bearer <token>`.
pub fn get_as(addr: SocketAddr, path: &str, token: &str) -> Response {
    request(addr, "GET", path, &[("Authorization", &format!("Bearer {token}"))], b"").expect("GET")
}

pub fn key() -> KeyPair {
    KeyPair::from_jwk(TEST_KEY).expect("the test key")
}

pub fn issue() -> Application {
    serde_json::from_str(ISSUE).expect("the fixture application")
}

/// The bagging date of the test bundles (and the day the tests check as of).
pub fn date() -> Date {
    Date::parse("2026-11-25").unwrap()
}

/// A fresh version 4 UUID: unique within the process and across runs (time and pid mixed in).
pub fn uuid() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let a = nanos ^ (u64::from(std::process::id()) << 40);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        a as u16 & 0xfff,
        (n >> 48) as u16 & 0xfff,
        n & 0xffff_ffff_ffff
    )
}

/// One document per file the application describes, of its media type, each padded to
/// `pad` bytes (at least a few dozen).
pub fn documents(app: &Application, pad: usize) -> Vec<Document<'static>> {
    let mut out = Vec::new();
    for d in &app.documents {
        for f in &d.files {
            let mut bytes: Vec<u8> = match f.media_type.as_str() {
                "image/jpeg" => vec![0xFF, 0xD8, 0xFF, 0xE0],
                _ => b"%PDF-1.4\n".to_vec(),
            };
            bytes.extend_from_slice(format!("test document {}/{}\n", d.item, f.name).as_bytes());
            let mut x = bytes.len() as u32;
            while bytes.len() < pad {
                // Incompressible filler, like a real scan.
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                bytes.push(x as u8);
            }
            out.push(Document {
                item: d.item.clone(),
                name: f.name.clone(),
                bytes: Cow::Owned(bytes),
                sha256: None,
            });
        }
    }
    out
}

/// A signed bundle of `app` with its documents (each `pad` bytes), under `id`.
pub fn bundle_of(app: &Application, docs: &[Document<'_>], id: &str) -> Vec<u8> {
    let request = Request {
        application: app,
        documents: docs,
        id,
        date: date(),
        lang: Lang::En,
        rules_version: "2026.1",
    };
    anyqtama_bundle::build(&request, &Sha256, &key()).expect("a bundle")
}

/// A valid bundle of the fixture "issue" application under a fresh id, and the id.
pub fn valid_bundle() -> (String, Vec<u8>) {
    let app = issue();
    let id = uuid();
    (id.clone(), bundle_of(&app, &documents(&app, 0), &id))
}

/// The ZIP with one entry's content replaced (the ZIP itself stays sound: CRCs recomputed),
/// to tamper with the bag rather than the archive.
pub fn replace_entry(zip_bytes: &[u8], name: &str, f: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let archive = zip::read(zip_bytes, &Limits::default()).expect("our own ZIP");
    let mut w = zip::Writer::with_capacity(date(), zip_bytes.len() + 1024);
    let mut found = false;
    for mut e in archive.entries {
        if e.name == name {
            f(&mut e.data);
            found = true;
        }
        w.add(&e.name, &e.data).expect("entry");
    }
    assert!(found, "{name} not in the bundle");
    w.finish().expect("a ZIP")
}

/// Posts `bundles` from `clients` threads, the i-th to `addrs[i % addrs.len()]`; each must be
/// registered (201). Returns the wall time and the latencies, sorted.
pub fn post_all(addrs: &[SocketAddr], bundles: &[Vec<u8>], clients: usize) -> (Duration, Vec<Duration>) {
    let next = AtomicU64::new(0);
    let latencies = std::sync::Mutex::new(Vec::with_capacity(bundles.len()));
    let start = std::time::Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                let Some(bytes) = bundles.get(i) else { break };
                let t = std::time::Instant::now();
                let r = post(addrs[i % addrs.len()], bytes, &[]);
                let took = t.elapsed();
                assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
                latencies.lock().unwrap().push(took);
            });
        }
    });
    let total = start.elapsed();
    let mut l = latencies.into_inner().unwrap();
    l.sort();
    (total, l)
}

/// The `q` quantile of sorted latencies, in milliseconds.
pub fn percentile_ms(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

/// Starts `anyqtama serve` (`bin`) on a free loopback port with a fixed "now", `--db db` and
/// `args`; returns it, its address (read from its first line on stderr) and the rest of its
/// stderr (a line a request).
pub fn spawn_serve(
    bin: &str,
    db: &std::ffi::OsStr,
    args: &[&str],
) -> (std::process::Child, SocketAddr, std::io::Lines<std::io::BufReader<std::process::ChildStderr>>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--now", "2026-11-25T10:00:00+05:00", "--db"])
        .arg(db)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("anyqtama serve starts");
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().expect("a first line").expect("stderr");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    (child, addr, lines)
}

/// `VmRSS` and `VmHWM` (its peak) of process `pid`, in KiB (Linux's /proc).
pub fn memory_kib(pid: u32) -> std::io::Result<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| std::io::Error::other(format!("no {name} in /proc/{pid}/status")))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}
