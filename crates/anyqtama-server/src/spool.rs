//! How a bundle's bytes arrive: the body is streamed to an unnamed temporary file (gone when it
//! is closed, even after a crash) as it comes, never held whole in memory; a body that stops
//! keeping up the minimum rate ([`limits::body_deadline`]) is cut off. The file is then mapped
//! into memory for verification, so the verifier and the store still see one `&[u8]`.

use crate::limits::{self, Limits, Ticket};
use axum::body::Body;
use http_body_util::BodyExt;
use std::fs::File;
use std::io::Write;
use std::time::Instant;

/// Why a body was not spooled.
#[derive(Debug)]
pub enum Error {
    /// Past the body limit.
    TooLarge,
    /// Past the bytes the uploads in flight may hold.
    Busy,
    /// Slower than the minimum rate after the grace.
    Slow,
    /// The client broke off or sent a damaged body.
    Broken(String),
    /// The temporary file failed.
    Io(std::io::Error),
}

/// A spooled body.
pub struct Spooled {
    pub file: File,
    pub len: u64,
}

/// The write buffer of one upload (with hyper's read buffer, the memory an upload in flight
/// holds). Written out on the blocking pool when full, one round trip for each.
const BUFFER: usize = 256 << 10;

/// Appends `buf` to `file` on the blocking pool; gives both back, `buf` emptied.
async fn write_out(file: File, mut buf: Vec<u8>) -> Result<(File, Vec<u8>), Error> {
    let done = tokio::task::spawn_blocking(move || {
        let written = (&file).write_all(&buf);
        buf.clear();
        written.map(|()| (file, buf))
    });
    done.await.map_err(|e| Error::Io(std::io::Error::other(e)))?.map_err(Error::Io)
}

/// Streams `body` to a temporary file in `limits.upload_dir`: at most `max` bytes, each one
/// held on `ticket`, at the minimum rate.
pub async fn spool(body: Body, limits: &Limits, max: u64, ticket: &mut Ticket) -> Result<Spooled, Error> {
    let dir = limits.upload_dir.clone().unwrap_or_else(std::env::temp_dir);
    let mut file = tokio::task::spawn_blocking(move || tempfile::tempfile_in(dir))
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e)))?
        .map_err(Error::Io)?;
    let mut buf = Vec::with_capacity(BUFFER);
    let start = Instant::now();
    let mut len = 0u64;
    let mut body = body;
    loop {
        let deadline = limits::body_deadline(limits, start, len);
        let frame = match tokio::time::timeout_at(deadline.into(), body.frame()).await {
            Err(_) => return Err(Error::Slow),
            Ok(None) => break,
            Ok(Some(Err(e))) => return Err(Error::Broken(e.to_string())),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else { continue }; // trailers
        len += data.len() as u64;
        if len > max {
            return Err(Error::TooLarge);
        }
        ticket.hold(len).map_err(|_| Error::Busy)?;
        buf.extend_from_slice(&data);
        if buf.len() >= BUFFER {
            (file, buf) = write_out(file, buf).await?;
        }
    }
    let (file, _) = write_out(file, buf).await?;
    Ok(Spooled { file, len })
}

/// A spooled body's bytes, mapped read-only.
pub enum Mapped {
    Map(memmap2::Mmap),
    Empty,
}

impl Mapped {
    /// Maps `spooled` (on the blocking pool: touching the pages reads the disk).
    pub fn new(spooled: &Spooled) -> std::io::Result<Mapped> {
        if spooled.len == 0 {
            return Ok(Mapped::Empty);
        }
        let len = usize::try_from(spooled.len).map_err(std::io::Error::other)?;
        // SAFETY: the file is unnamed and ours alone: nothing else can change or truncate it
        // while it is mapped.
        unsafe { memmap2::MmapOptions::new().len(len).map(&spooled.file) }.map(Mapped::Map)
    }
}

impl std::ops::Deref for Mapped {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Mapped::Map(m) => m,
            Mapped::Empty => &[],
        }
    }
}
