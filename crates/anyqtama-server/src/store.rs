//! The store: one SQLite file, one row per registered bundle in the table `bundles` — its
//! receipt, its idempotency key, and the ZIP's bytes.
//!
//! Durability: `journal_mode=WAL` with `synchronous=FULL`, so a commit is on disk (the WAL is
//! fsynced) before it returns, and a receipt is only sent after the commit: an acknowledged
//! bundle survives a crash or SIGKILL of the server, or a power cut. Everything about one bundle
//! — the checks for an earlier copy, the registration number, the row — happens in one
//! `BEGIN IMMEDIATE` transaction, so two requests racing with the same bundle or key cannot
//! both register it. One connection, behind a mutex: SQLite writes one transaction at a time
//! anyway, and the callers are on the blocking pool, not on the async reactor.

use crate::receipt::{registration_number, Draft, Receipt};
use anyqtama_core::Regulation;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::Mutex;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS bundles (
    id                  TEXT PRIMARY KEY,
    idempotency_key     TEXT UNIQUE,
    registration_number TEXT NOT NULL UNIQUE,
    received_at         TEXT NOT NULL,
    registered_on       TEXT NOT NULL,
    expected_decision   TEXT,
    kind                TEXT NOT NULL,
    rules_version       TEXT NOT NULL,
    sha256              TEXT NOT NULL,
    size                INTEGER NOT NULL,
    bytes               BLOB NOT NULL,
    receipt_json        TEXT NOT NULL
);";

/// The outcome of [`Store::register`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Registered {
    /// Stored now.
    Created(Receipt),
    /// The same bundle (same id, same bytes) or the same idempotency key with the same bytes
    /// was registered before: its original receipt; nothing new stored.
    Existing(Receipt),
    /// The idempotency key was used for a bundle with other bytes.
    KeyConflict,
    /// Another bundle (other bytes) is registered under the same id.
    IdConflict,
}

pub struct Store {
    conn: Mutex<Connection>,
}

pub type Error = rusqlite::Error;

impl Store {
    /// Opens (or creates) the database and its table.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let conn = Connection::open(path)?;
        // Another process (a backup, a second reader) may hold a lock for a moment.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::InvalidParameterName(format!("journal_mode is {mode}, not wal")));
        }
        conn.execute_batch("PRAGMA synchronous=FULL;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn: Mutex::new(conn) })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done transaction (it rolls back on drop).
        self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The receipt of the bundle `id`.
    pub fn receipt(&self, id: &str) -> Result<Option<Receipt>, Error> {
        let json: Option<String> = self
            .conn()
            .query_row("SELECT receipt_json FROM bundles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// The bytes of the bundle `id`, as received.
    pub fn bytes(&self, id: &str) -> Result<Option<Vec<u8>>, Error> {
        self.conn().query_row("SELECT bytes FROM bundles WHERE id = ?1", [id], |r| r.get(0)).optional()
    }

    /// The receipt and SHA-256 of the bundle registered under an idempotency key.
    pub fn by_key(&self, key: &str) -> Result<Option<(Receipt, String)>, Error> {
        by_key(&self.conn(), key)
    }

    /// How many bundles are stored.
    pub fn count(&self) -> Result<i64, Error> {
        self.conn().query_row("SELECT COUNT(*) FROM bundles", [], |r| r.get(0))
    }

    /// Registers a verified bundle, or finds the earlier registration of the same bundle.
    pub fn register(
        &self,
        draft: &Draft,
        key: Option<&str>,
        bytes: &[u8],
        regulation: &Regulation,
    ) -> Result<Registered, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(key) = key {
            if let Some((receipt, sha)) = by_key(&tx, key)? {
                return Ok(if sha == draft.sha256 {
                    Registered::Existing(receipt)
                } else {
                    Registered::KeyConflict
                });
            }
        }
        let earlier: Option<(String, String)> = tx
            .query_row("SELECT receipt_json, sha256 FROM bundles WHERE id = ?1", [&draft.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((json, sha)) = earlier {
            if sha != draft.sha256 {
                return Ok(Registered::IdConflict);
            }
            return Ok(Registered::Existing(parse(&json)?));
        }
        let mut receipt = draft.receipt(regulation, String::new());
        let year = receipt.registered_on.year();
        let prefix = registration_number(year, 0);
        let prefix = &prefix[..prefix.len() - 6];
        // The highest number of the year, found through the unique index.
        let last: Option<String> = tx.query_row(
            "SELECT MAX(registration_number) FROM bundles
             WHERE registration_number >= ?1 AND registration_number < ?1 || '~'",
            [prefix],
            |r| r.get(0),
        )?;
        let n = last.and_then(|l| l[prefix.len()..].parse::<i64>().ok()).unwrap_or(0) + 1;
        receipt.registration_number = registration_number(year, n);
        let json = serde_json::to_string(&receipt).expect("a receipt is plain data");
        tx.execute(
            "INSERT INTO bundles (id, idempotency_key, registration_number, received_at, registered_on,
                 expected_decision, kind, rules_version, sha256, size, bytes, receipt_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                receipt.id,
                key,
                receipt.registration_number,
                receipt.received_at,
                receipt.registered_on.to_string(),
                receipt.expected_decision.map(|d| d.to_string()),
                receipt.kind,
                receipt.rules_version,
                receipt.sha256,
                receipt.size as i64,
                bytes,
                json,
            ],
        )?;
        tx.commit()?;
        Ok(Registered::Created(receipt))
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound database.
    pub fn integrity_check(&self) -> Result<String, Error> {
        self.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))
    }
}

fn parse(json: &str) -> Result<Receipt, Error> {
    serde_json::from_str(json).map_err(|e| Error::ToSqlConversionFailure(Box::new(e)))
}

fn by_key(conn: &Connection, key: &str) -> Result<Option<(Receipt, String)>, Error> {
    let row: Option<(String, String)> = conn
        .query_row("SELECT receipt_json, sha256 FROM bundles WHERE idempotency_key = ?1", [key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    row.map(|(json, sha)| Ok((parse(&json)?, sha))).transpose()
}
