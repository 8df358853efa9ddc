//! The flags of `anyqtama serve` that set its limits under load (`anyqtama_server::limits`,
//! docs/SERVER.md). Their defaults are `Limits::default()`; durations are in seconds.

use anyqtama_server::limits::Limits;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct LimitFlags {
    /// Connections open at once; past it, new ones wait.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_connections)]
    max_connections: usize,
    /// Uploads in flight (received, waiting or verified); past it, 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_uploads)]
    max_uploads: usize,
    /// Bytes the uploads in flight may hold on disk together; past it, 503 with Retry-After.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_upload_bytes)]
    max_upload_bytes: u64,
    /// Uploads verified at once (each is mapped in memory); the others wait their turn.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_verifying)]
    max_verifying: usize,
    /// The Retry-After of a 503, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().busy_retry_after.as_secs_f64(), value_parser = seconds)]
    busy_retry_after: f64,
    /// The time a client has to send a request's headers, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().header_timeout.as_secs_f64(), value_parser = seconds)]
    header_timeout: f64,
    /// The seconds a body may take before it must keep up --body-min-rate; else 408.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().body_grace.as_secs_f64(), value_parser = seconds)]
    body_grace: f64,
    /// The slowest average a body may arrive at after --body-grace, in bytes a second.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().body_min_rate)]
    body_min_rate: u64,
    /// POSTs one client address may make a minute (IPv6: one /64); past it, 429 with
    /// Retry-After; 0 turns the limit off (a reverse proxy in front shows one address).
    #[arg(long, value_name = "N", default_value_t = Limits::default().posts_per_minute)]
    posts_per_minute: u32,
    /// How many of those POSTs may come at once.
    #[arg(long, value_name = "N", default_value_t = Limits::default().post_burst)]
    post_burst: u32,
    /// Where bodies are spooled while they arrive (default: the system's temporary folder).
    #[arg(long, value_name = "DIR")]
    upload_dir: Option<PathBuf>,
}

/// Seconds, finite and not negative.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..1e9).contains(&v) => Ok(v),
        _ => Err(format!("{s:?}: seconds, e.g. 20 or 0.5")),
    }
}

impl LimitFlags {
    pub fn limits(&self) -> Limits {
        Limits {
            max_connections: self.max_connections,
            max_uploads: self.max_uploads,
            max_upload_bytes: self.max_upload_bytes,
            max_verifying: self.max_verifying,
            busy_retry_after: Duration::from_secs_f64(self.busy_retry_after),
            header_timeout: Duration::from_secs_f64(self.header_timeout),
            body_grace: Duration::from_secs_f64(self.body_grace),
            body_min_rate: self.body_min_rate,
            posts_per_minute: self.posts_per_minute,
            post_burst: self.post_burst,
            upload_dir: self.upload_dir.clone(),
        }
    }
}
