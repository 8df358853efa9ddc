//! # anyqtama-server
//!
//! The reference intake server (`anyqtama serve`, `docs/SERVER.md`): it serves the built widget
//! from `dist/` and takes signed bundles at `POST /api/bundles`. A bundle is trusted for nothing:
//! the server verifies it again with `anyqtama_bundle::verify` — the ZIP's limits, the BagIt
//! manifests, the signature and the core's own `check` — and only then registers it, in one
//! transaction that is on disk before the receipt is sent. Only officers read what is stored
//! ([`access`]); an applicant reads back their own receipt with its status token.
//!
//! One concept per module: [`access`] (who may read what), [`clock`] (the only source of "now";
//! the core has none), [`limits`] (how much is read and taken on at once), [`spool`] (how a body
//! arrives), [`conn`] (the connections and their timeouts), [`receipt`] (what the applicant gets
//! back: registration date by the working-hours rule, expected decision), [`store`] (SQLite or
//! PostgreSQL), [`texts`] (localized
//! messages, `Accept-Language`), [`static_files`] (the widget) and [`routes`] (HTTP).

pub mod access;
pub mod clock;
pub mod conn;
pub mod limits;
pub mod receipt;
pub mod routes;
pub mod spool;
pub mod static_files;
pub mod store;
pub mod texts;

pub use clock::{Clock, FixedClock, SystemClock};
pub use receipt::Receipt;
pub use store::Store;

use anyqtama_core::Regulation;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What the server runs with.
#[derive(Clone)]
pub struct Config {
    pub addr: SocketAddr,
    /// The SQLite file (created if missing), or a `postgres://` URL ([`store::open`]).
    pub db: PathBuf,
    /// The built widget (`dist/`); `None` serves the API only.
    pub dist: Option<PathBuf>,
    /// Origins allowed to call the API from another origin (CORS); empty = same origin only.
    pub allow_origins: Vec<String>,
    pub regulation: Arc<Regulation>,
    pub clock: Arc<dyn Clock>,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// What the server takes on at once, and how long it waits for a slow client.
    pub limits: limits::Limits,
    /// Trust anchors and CRLs for the applicant's electronic signature (`signature.p7s`); its
    /// `now` is ignored (the server's clock is used).
    pub eds: anyqtama_eds::Options,
    /// Refuse a bundle without a valid electronic signature (400 with its code).
    pub require_eds: bool,
}

impl Config {
    /// The defaults around an address and a database file: built-in regulation, the system
    /// clock, the body limit the rules imply.
    pub fn new(addr: SocketAddr, db: PathBuf) -> Config {
        let regulation = Regulation::builtin();
        let max_body_bytes = limits::max_body_bytes(&regulation);
        Config {
            addr,
            db,
            dist: None,
            allow_origins: Vec::new(),
            regulation: Arc::new(regulation),
            clock: Arc::new(SystemClock),
            max_body_bytes,
            limits: limits::Limits::default(),
            eds: anyqtama_eds::Options::default(),
            require_eds: false,
        }
    }
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    config: Config,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let db = config.db.to_string_lossy().into_owned();
    // Blocking (a PostgreSQL client runs a runtime of its own): on the blocking pool.
    let store = tokio::task::spawn_blocking(move || store::open(&db))
        .await
        .map_err(std::io::Error::other)?
        .map_err(std::io::Error::other)?;
    let limits = config.limits.clone();
    let app = routes::router(routes::State::new(config, store));
    conn::serve(listener, app, &limits, shutdown).await
}

/// Runs the server on its own runtime (two worker threads; verification runs on the blocking
/// pool) until SIGTERM or Ctrl+C. Prints where it listens to stderr.
pub fn run(config: Config) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr).await?;
        eprintln!(
            "anyqtama serve: listening on http://{} (database {})",
            listener.local_addr()?,
            store::display(&config.db.to_string_lossy())
        );
        eprintln!("anyqtama serve: limits");
        for line in config.limits.describe(config.max_body_bytes) {
            eprintln!("{line}");
        }
        serve(config, listener, shutdown_signal()).await?;
        eprintln!("anyqtama serve: stopped");
        Ok(())
    })
}

/// SIGTERM or Ctrl+C (SIGINT).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("anyqtama serve: shutting down, finishing requests in flight");
}

/// A server running on a thread of its own, for tests and benchmarks: bound to
/// `config.addr` (port 0: a free port), stopped by [`Running::stop`] or on drop.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    pub fn start(config: Config) -> std::io::Result<Running> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(config.addr))?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            runtime.block_on(serve(config, listener, async {
                let _ = rx.await;
            }))
        });
        Ok(Running { addr, stop: Some(tx), thread: Some(thread) })
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops gracefully and waits.
    pub fn stop(mut self) -> std::io::Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> std::io::Result<()> {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        match self.thread.take() {
            Some(t) => t.join().unwrap_or_else(|_| Err(std::io::Error::other("server thread panicked"))),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}
