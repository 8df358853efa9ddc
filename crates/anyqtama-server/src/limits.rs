//! How much of a request is read, and how much the server takes on at once.
//!
//! The body limit is checked before anything is kept past it (a `Content-Length` over it is
//! refused at once, a longer chunked body when it gets there); inside the ZIP, the bundle crate's
//! [`Limits`](anyqtama_bundle::zip::Limits) refuse bombs, too many entries and unsafe names.
//!
//! Under load ([`Limits`], each one a flag of `anyqtama serve`, docs/SERVER.md): a body is
//! streamed to an unnamed temporary file, not held in memory; at most `max_uploads` are in
//! flight and at most `max_upload_bytes` of them on disk — past either, `503` with
//! `Retry-After` before a byte of the body is read ([`Admission`]); at most `max_verifying` are
//! verified at once, the others wait. Headers must arrive within `header_timeout`; a body must
//! keep up `body_min_rate` bytes a second after `body_grace` ([`body_deadline`]), or `408` and
//! the connection is closed. `POST`s from one client address are a token bucket
//! ([`RateLimiter`]): past it `429` with `Retry-After`.

use anyqtama_core::Regulation;
use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Room over the rules' package limit for the tag files, `application.json` and the ZIP's own
/// headers.
pub const HEADROOM_BYTES: u64 = 10 << 20;

/// The largest body `POST /api/bundles` reads: the largest `max_package_bytes` of the rule sets
/// (100 MiB) plus [`HEADROOM_BYTES`] — 110 MiB.
pub fn max_body_bytes(regulation: &Regulation) -> usize {
    let package = regulation.rules.all().iter().map(|r| r.files.max_package_bytes).max().unwrap_or(100 << 20);
    usize::try_from(package + HEADROOM_BYTES).unwrap_or(usize::MAX)
}

/// What the ZIP reader accepts (the bundle crate's defaults: 1,000 entries, 64 MiB an entry,
/// 256 MiB in all, compression ratio 100).
pub fn zip_limits() -> anyqtama_bundle::zip::Limits {
    anyqtama_bundle::zip::Limits::default()
}

/// The longest `Idempotency-Key` accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

/// The limits under load. [`Limits::default`] is what `anyqtama serve` starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Connections open at once; past it, new ones wait in the kernel's backlog.
    pub max_connections: usize,
    /// Uploads (`POST /api/bundles`) being received, waiting or verified at once.
    pub max_uploads: usize,
    /// The bytes those uploads may hold on disk together (their `Content-Length`s, or what a
    /// chunked one has sent so far).
    pub max_upload_bytes: u64,
    /// Uploads verified and stored at once (each maps its file: this bounds the memory).
    pub max_verifying: usize,
    /// `Retry-After` of a `503`.
    pub busy_retry_after: Duration,
    /// The time a client has to send a request's headers.
    pub header_timeout: Duration,
    /// The time a body may take before it must keep up `body_min_rate`.
    pub body_grace: Duration,
    /// The slowest average a body may arrive at after `body_grace`, in bytes a second.
    pub body_min_rate: u64,
    /// `POST`s a client address may make a minute (0: no limit); IPv6 addresses count by /64.
    pub posts_per_minute: u32,
    /// How many of those it may make at once.
    pub post_burst: u32,
    /// Where bodies are spooled (unnamed files); `None`: the system's temporary folder.
    pub upload_dir: Option<PathBuf>,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 1024,
            max_uploads: 64,
            max_upload_bytes: 4 << 30,
            max_verifying: std::thread::available_parallelism().map_or(2, |n| n.get()),
            busy_retry_after: Duration::from_secs(5),
            header_timeout: Duration::from_secs(20),
            body_grace: Duration::from_secs(20),
            body_min_rate: 2048,
            posts_per_minute: 60,
            post_burst: 20,
            upload_dir: None,
        }
    }
}

impl Limits {
    /// One line a limit, for the start of `anyqtama serve`.
    pub fn describe(&self, max_body_bytes: usize) -> Vec<String> {
        let dir = self
            .upload_dir
            .as_ref()
            .map_or_else(|| "the system's temporary folder".into(), |d| d.display().to_string());
        let rate = if self.posts_per_minute == 0 {
            "off".to_string()
        } else {
            format!("{} a minute, {} at once", self.posts_per_minute, self.post_burst)
        };
        vec![
            format!(
                "  body                  at most {max_body_bytes} bytes ({}), spooled to {dir}",
                mib(max_body_bytes as u64)
            ),
            format!("  --max-connections     {}", self.max_connections),
            format!("  --max-uploads         {} in flight, then 503", self.max_uploads),
            format!(
                "  --max-upload-bytes    {} ({}) on disk in flight, then 503",
                self.max_upload_bytes,
                mib(self.max_upload_bytes)
            ),
            format!("  --max-verifying       {} at once, the others wait", self.max_verifying),
            format!("  --busy-retry-after    {} s", self.busy_retry_after.as_secs()),
            format!("  --header-timeout      {} s", self.header_timeout.as_secs_f64()),
            format!(
                "  --body-grace / --body-min-rate  {} s, then at least {} bytes/s, else 408",
                self.body_grace.as_secs_f64(),
                self.body_min_rate
            ),
            format!("  --posts-per-minute / --post-burst  {rate} per client address, then 429"),
        ]
    }
}

/// Bytes in MiB, for people.
fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / f64::from(1 << 20))
}

/// The latest instant by which a body that started at `start` and has `received` bytes must
/// send more: `body_grace`, plus a second for every `body_min_rate` bytes received.
pub fn body_deadline(limits: &Limits, start: Instant, received: u64) -> Instant {
    let rate = limits.body_min_rate.max(1);
    let earned =
        Duration::from_secs(received / rate) + Duration::from_nanos((received % rate) * 1_000_000_000 / rate);
    start + limits.body_grace + earned
}

/// Uploads in flight: their number and the bytes they hold.
pub struct Admission {
    uploads: Arc<Semaphore>,
    verifying: Arc<Semaphore>,
    bytes: Arc<AtomicU64>,
    max_bytes: u64,
}

/// The server has taken on as much as its limits allow: `503`.
#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

/// One upload's place: its slot and the bytes it holds, given back on drop.
pub struct Ticket {
    _slot: OwnedSemaphorePermit,
    bytes: Arc<AtomicU64>,
    max_bytes: u64,
    held: u64,
}

impl Admission {
    pub fn new(limits: &Limits) -> Admission {
        Admission {
            uploads: Arc::new(Semaphore::new(limits.max_uploads.max(1))),
            verifying: Arc::new(Semaphore::new(limits.max_verifying.max(1))),
            bytes: Arc::new(AtomicU64::new(0)),
            max_bytes: limits.max_upload_bytes,
        }
    }

    /// A place for an upload that says it has `declared` bytes (its `Content-Length`), or
    /// [`Busy`].
    pub fn admit(&self, declared: u64) -> Result<Ticket, Busy> {
        let slot = self.uploads.clone().try_acquire_owned().map_err(|_| Busy)?;
        let mut ticket =
            Ticket { _slot: slot, bytes: self.bytes.clone(), max_bytes: self.max_bytes, held: 0 };
        ticket.hold(declared)?;
        Ok(ticket)
    }

    /// Waits for a turn to verify (the permit ends it).
    pub async fn verify_turn(&self) -> OwnedSemaphorePermit {
        // The semaphore is never closed.
        self.verifying.clone().acquire_owned().await.expect("the verify semaphore is never closed")
    }

    /// Uploads in flight and the bytes they hold (for tests and the log).
    pub fn in_flight(&self, limits: &Limits) -> (usize, u64) {
        (limits.max_uploads.max(1) - self.uploads.available_permits(), self.bytes.load(Ordering::Relaxed))
    }
}

impl Ticket {
    /// Holds at least `total` bytes in all, or [`Busy`] if that goes over the limit.
    pub fn hold(&mut self, total: u64) -> Result<(), Busy> {
        if total <= self.held {
            return Ok(());
        }
        let more = total - self.held;
        let max = self.max_bytes;
        self.bytes
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |b| b.checked_add(more).filter(|n| *n <= max))
            .map_err(|_| Busy)?;
        self.held = total;
        Ok(())
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.bytes.fetch_sub(self.held, Ordering::AcqRel);
    }
}

/// `POST`s a client address: a token bucket each, `posts_per_minute` refilled over the minute,
/// `post_burst` at most. The table forgets full buckets when it grows past 10,000 addresses.
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

const MAX_TRACKED: usize = 10_000;

impl RateLimiter {
    pub fn new(limits: &Limits) -> RateLimiter {
        RateLimiter {
            per_second: f64::from(limits.posts_per_minute) / 60.0,
            burst: f64::from(limits.post_burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `ip` at `now`, or says how long until one is there.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let key = client_key(ip);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_TRACKED && !buckets.contains_key(&key) {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        let available =
            (*tokens + now.saturating_duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if available >= 1.0 {
            *tokens = available - 1.0;
            Ok(())
        } else {
            *tokens = available;
            Err(Duration::from_secs_f64((1.0 - available) / self.per_second))
        }
    }
}

/// An IPv4 address itself; an IPv6 address by its /64 (one host usually has a whole /64).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// Whole seconds for `Retry-After`, at least 1.
pub fn retry_after_secs(d: Duration) -> u64 {
    (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_limit_is_the_package_limit_plus_headroom() {
        let r = anyqtama_core::Regulation::builtin();
        assert_eq!(super::max_body_bytes(&r), 110 << 20);
    }

    #[test]
    fn a_body_must_keep_up_the_minimum_rate_after_the_grace() {
        let l = Limits { body_grace: Duration::from_secs(20), body_min_rate: 1000, ..Limits::default() };
        let t0 = Instant::now();
        assert_eq!(body_deadline(&l, t0, 0), t0 + Duration::from_secs(20));
        assert_eq!(body_deadline(&l, t0, 1500), t0 + Duration::from_millis(21_500));
        // One byte a second never catches up: after 30 s, 30 bytes earn 30 ms.
        assert!(body_deadline(&l, t0, 30) < t0 + Duration::from_secs(21));
    }

    #[test]
    fn admission_counts_uploads_and_bytes_and_gives_them_back() {
        let l = Limits { max_uploads: 2, max_upload_bytes: 100, ..Limits::default() };
        let a = Admission::new(&l);
        let t1 = a.admit(60).unwrap();
        assert_eq!(a.admit(50).err(), Some(Busy), "60 + 50 bytes is over 100");
        let mut t2 = a.admit(40).unwrap();
        assert_eq!(a.in_flight(&l), (2, 100));
        assert_eq!(a.admit(0).err(), Some(Busy), "two uploads are in flight");
        drop(t1);
        assert_eq!(a.in_flight(&l), (1, 40));
        assert!(t2.hold(100).is_ok(), "a chunked body grows into the room");
        assert_eq!(t2.hold(101), Err(Busy));
        drop(t2);
        assert_eq!(a.in_flight(&l), (0, 0));
    }

    #[test]
    fn the_rate_limit_is_a_bucket_per_address() {
        let l = Limits { posts_per_minute: 60, post_burst: 2, ..Limits::default() };
        let r = RateLimiter::new(&l);
        let t0 = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(r.check(a, t0).is_ok());
        assert!(r.check(a, t0).is_ok());
        let wait = r.check(a, t0).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1), "{wait:?}");
        assert!(r.check(b, t0).is_ok(), "another address has its own bucket");
        assert!(r.check(a, t0 + Duration::from_secs(1)).is_ok(), "one a second comes back");
        let v6a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8:1:2::ffff".parse().unwrap();
        assert!(r.check(v6a, t0).is_ok() && r.check(v6b, t0).is_ok());
        assert!(r.check(v6a, t0).is_err(), "one /64 is one client");
        let off = RateLimiter::new(&Limits { posts_per_minute: 0, ..Limits::default() });
        assert!((0..1000).all(|_| off.check(a, t0).is_ok()));
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
        assert_eq!(retry_after_secs(Duration::from_millis(10)), 1);
        assert_eq!(retry_after_secs(Duration::from_secs(5)), 5);
        assert_eq!(retry_after_secs(Duration::from_millis(5001)), 6);
    }
}
