//! `anyqtama serve` under overload and slow clients, as a process (docs/SERVER.md, "Limits"):
//! slow headers and a slow body are cut off within their timeouts while other clients are
//! served; an upload storm past `--max-uploads` gets 503 with Retry-After, the node stays up and
//! its memory (VmHWM of the process) stays bounded; POSTs past the rate limit get 429. Short
//! flag values keep each test to seconds; one test runs with the defaults (about 20 s).

#[path = "../../anyqtama-server/tests/common/mod.rs"]
mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Child;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `anyqtama serve` with `args`, killed on drop; its stderr lines go to a channel.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(db: &Path, args: &[&str]) -> Server {
        let (child, addr, lines) = spawn_serve(env!("CARGO_BIN_EXE_anyqtama"), db.as_os_str(), args);
        let (tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Server { child, addr, log }
    }

    /// The stderr lines so far.
    fn lines(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }

    /// `VmRSS` and `VmHWM` (peak) of the process, in KiB.
    fn memory_kib(&self) -> (u64, u64) {
        memory_kib(self.child.id()).expect("/proc status")
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("try_wait").is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `head`, then `body` one byte every `pace`, for at most `limit`; returns how long it
/// took the server to answer or close, and what it answered (if anything).
fn dribble(
    addr: SocketAddr,
    head: &[u8],
    body: &[u8],
    pace: Duration,
    limit: Duration,
) -> (Duration, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(pace)).unwrap();
    let start = Instant::now();
    let _ = s.write_all(head);
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    for byte in body.iter().cycle() {
        if start.elapsed() > limit {
            break;
        }
        if s.write_all(std::slice::from_ref(byte)).is_err() {
            break; // closed
        }
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                got.extend_from_slice(&buf[..n]);
                let _ = s.read_to_end(&mut got);
                break;
            }
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(_) => break, // reset
        }
    }
    (start.elapsed(), got)
}

fn status_of(raw: &[u8]) -> Option<u16> {
    std::str::from_utf8(raw.get(..12)?).ok()?.split(' ').nth(1)?.parse().ok()
}

/// Slow headers and a slow body, one byte a second each, against `server`; meanwhile a
/// valid bundle is posted and read back every second and must be served quickly. Returns
/// how long the slow ones lasted.
fn slow_clients_are_cut_off(server: &Server, limit: Duration) -> (Duration, Duration) {
    let addr = server.addr;
    let second = Duration::from_secs(1);
    std::thread::scope(|scope| {
        let headers = scope.spawn(move || {
            let raw = format!("POST /api/bundles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/zip\r\nContent-Length: 10\r\n\r\n");
            dribble(addr, b"", raw.as_bytes(), second, limit)
        });
        let body = scope.spawn(move || {
            let head = format!("POST /api/bundles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/zip\r\nContent-Length: 100000\r\n\r\n");
            dribble(addr, head.as_bytes(), b"PK\x03\x04", second, limit)
        });
        // Others are served meanwhile.
        let mut served = 0;
        while !headers.is_finished() || !body.is_finished() {
            let (_, bytes) = valid_bundle();
            let t = Instant::now();
            let r = post(addr, &bytes, &[]);
            assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
            // And the applicant reads the receipt back with its status token.
            let receipt = r.json();
            let number = receipt["registration_number"].as_str().unwrap();
            let bearer = format!("Bearer {}", receipt["status_token"].as_str().unwrap());
            let path = format!("/api/receipts/{number}");
            let back = request(addr, "GET", &path, &[("Authorization", &bearer)], b"").unwrap();
            assert_eq!(back.status, 200, "{}", String::from_utf8_lossy(&back.body));
            assert!(t.elapsed() < Duration::from_secs(5), "a normal client waited {:?}", t.elapsed());
            served += 1;
            // One a second: with the default rate limit (60 a minute, burst 20) a faster client
            // would be refused (429) before the slow ones are cut off on a loaded machine.
            std::thread::sleep(Duration::from_millis(1000));
        }
        assert!(served >= 2, "{served} served while the slow ones were connected");
        let (h_took, h_got) = headers.join().unwrap();
        let (b_took, b_got) = body.join().unwrap();
        assert!(h_took < limit, "slow headers still connected after {h_took:?}");
        assert!(b_took < limit, "a slow body still connected after {b_took:?}");
        // The slow body is told why (408, localized); slow headers are closed.
        assert_eq!(status_of(&b_got), Some(408), "{}", String::from_utf8_lossy(&b_got));
        assert!(String::from_utf8_lossy(&b_got).contains("\"timeout\""));
        assert!(status_of(&h_got).is_none_or(|s| s == 408), "{}", String::from_utf8_lossy(&h_got));
        (h_took, b_took)
    })
}

#[test]
fn slow_headers_and_bodies_are_cut_off_within_the_short_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(
        &dir.path().join("intake.sqlite"),
        &["--header-timeout", "2", "--body-grace", "2", "--body-min-rate", "1000", "--posts-per-minute", "0"],
    );
    let (h, b) = slow_clients_are_cut_off(&server, Duration::from_secs(15));
    assert!(h >= Duration::from_millis(1500) && h < Duration::from_secs(6), "headers cut off after {h:?}");
    assert!(b >= Duration::from_millis(1500) && b < Duration::from_secs(6), "body cut off after {b:?}");
}

#[test]
fn with_the_defaults_one_byte_a_second_is_cut_off_within_60_s() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&dir.path().join("intake.sqlite"), &[]);
    // The defaults are printed at start, one line a limit.
    std::thread::sleep(Duration::from_millis(200));
    let printed = server.lines().join("\n");
    for flag in
        ["--max-uploads", "--max-upload-bytes", "--header-timeout", "--body-min-rate", "--posts-per-minute"]
    {
        assert!(printed.contains(flag), "{flag} not printed at start:\n{printed}");
    }
    let (h, b) = slow_clients_are_cut_off(&server, Duration::from_secs(60));
    eprintln!("defaults: slow headers cut off after {h:?}, a slow body after {b:?}");
}

/// `n` connections that each declare `declared` bytes and send `sent` of them, then hold.
fn holders(addr: SocketAddr, n: usize, declared: usize, sent: usize) -> Vec<TcpStream> {
    let chunk = vec![0x5a_u8; sent];
    (0..n)
        .map(|_| {
            let mut s = TcpStream::connect(addr).expect("connect");
            let head = format!("POST /api/bundles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/zip\r\nContent-Length: {declared}\r\n\r\n");
            s.write_all(head.as_bytes()).unwrap();
            s.write_all(&chunk).unwrap();
            s
        })
        .collect()
}

#[test]
fn an_upload_storm_gets_503_and_the_node_stays_up_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        &dir.path().join("intake.sqlite"),
        &["--max-uploads", "4", "--busy-retry-after", "7", "--posts-per-minute", "0"],
    );
    let addr = server.addr;
    let (_, before) = server.memory_kib();

    // Four uploads hold every place, each with 64 MiB received of 100 MiB: 256 MiB that a
    // server holding bodies in memory would have on its heap. Spooled, they hold their buffers,
    // plus the allocator arenas the first ones bring (on transparent huge pages): 15-45 MiB
    // whatever the sizes.
    let mb = 1 << 20;
    let held = holders(addr, 4, 100 * mb, 64 * mb);
    std::thread::sleep(Duration::from_millis(500));
    let (during, _) = server.memory_kib();

    // The storm: 40 more, each sending a whole 4 MiB body, from 8 threads: every one 503.
    let junk = vec![0x5a_u8; 4 * mb];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|_| {
                let junk = &junk;
                scope.spawn(move || {
                    (0..5)
                        .map(|_| {
                            let r = request(
                                addr,
                                "POST",
                                "/api/bundles",
                                &[("Content-Type", "application/zip"), ("Accept-Language", "ru")],
                                junk,
                            );
                            match r {
                                Ok(r) => {
                                    if r.status == 503 {
                                        assert_eq!(r.header("retry-after"), Some("7"));
                                        let v = r.json();
                                        assert_eq!(v["error"], "busy");
                                        assert!(v["message"].as_str().unwrap().contains("Повторите"), "{v}");
                                    }
                                    r.status
                                }
                                // Answered and closed before the whole body was sent.
                                Err(_) => 0,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let busy = statuses.iter().filter(|s| **s == 503).count();
    assert!(statuses.iter().all(|s| *s == 503 || *s == 0), "{statuses:?}");
    assert!(busy >= 30, "{busy} of 40 read their 503: {statuses:?}");
    assert!(server.alive(), "the node died under the storm");

    // The holders go away; their places come back and a valid bundle is registered.
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let (_, bytes) = valid_bundle();
    let r = post(addr, &bytes, &[]);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let (_, peak) = server.memory_kib();
    eprintln!(
        "VmRSS before {before} KiB, with 256 MiB in flight {during} KiB; VmHWM after the storm {peak} KiB"
    );
    assert!(during < before + 80 * 1024, "256 MiB in flight took {} KiB", during - before);
    assert!(peak < before + 112 * 1024, "the storm raised the peak by {} KiB", peak - before);
}

#[test]
fn posts_past_the_rate_limit_get_429_with_retry_after() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        Server::start(&dir.path().join("intake.sqlite"), &["--posts-per-minute", "6", "--post-burst", "3"]);
    let addr = server.addr;
    // Three POSTs at once are fine (refused for their content type, but not rate-limited) ...
    for _ in 0..3 {
        let r = request(addr, "POST", "/api/bundles", &[("Content-Type", "text/plain")], b"x").unwrap();
        assert_eq!(r.status, 415);
    }
    // ... the fourth must wait: one POST every 10 s comes back.
    let (_, bytes) = valid_bundle();
    let r = post(addr, &bytes, &[("Accept-Language", "en")]);
    assert_eq!(r.status, 429, "{}", String::from_utf8_lossy(&r.body));
    let wait: u64 = r.header("retry-after").and_then(|v| v.parse().ok()).expect("Retry-After");
    assert!((1..=10).contains(&wait), "Retry-After: {wait}");
    let v = r.json();
    assert_eq!(v["error"], "rate_limited");
    assert_eq!(v["retry_after"], wait);
    assert!(v["message"].as_str().unwrap().contains("Try again in"), "{v}");
    // Reading is not limited (refused here for want of a token, not for the rate).
    assert_eq!(get(addr, "/api/bundles/00000000-0000-4000-8000-000000000000").status, 401);
}
