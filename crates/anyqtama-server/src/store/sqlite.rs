//! The SQLite store: one file, the embedded default.
//!
//! Durability: `journal_mode=WAL` with `synchronous=FULL`, so a commit is on disk (the WAL is
//! fsynced) before it returns, and a receipt is only sent after the commit: an acknowledged
//! bundle survives a crash or SIGKILL of the server, or a power cut. A registration is one
//! `BEGIN IMMEDIATE` transaction (SQLite writes one at a time), so two requests racing with the
//! same bundle or key cannot both register it. One connection, behind a mutex: the callers are
//! on the blocking pool, not on the async reactor.

use super::{
    bounds, earlier, numbered, parse, AuditEntry, Error, ListQuery, Listed, Officer, Registered, Store,
};
use crate::receipt::{Draft, Receipt};
use anyqtama_core::Regulation;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::Mutex;

const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Whether an error is SQLite's "database is locked", which waiting may clear.
fn is_busy(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
}

pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl SqliteStore {
    /// Opens (or creates) the database and runs the migrations it lacks.
    ///
    /// Several nodes may start at once on a new file. SQLite then answers "database is locked"
    /// without waiting in a few places its busy handler does not cover (switching a new file to
    /// WAL while another connection is reading its header), so the whole set-up is retried for
    /// as long as the busy timeout would have waited.
    pub fn open(path: &Path) -> Result<SqliteStore, Error> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let mut pause = std::time::Duration::from_millis(5);
        loop {
            match Self::set_up(path) {
                Ok((conn, mode)) if mode.eq_ignore_ascii_case("wal") => {
                    return Ok(SqliteStore { conn: Mutex::new(conn) })
                }
                Ok((_, mode)) => return Err(Error(format!("journal_mode is {mode}, not wal"))),
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(200));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Opens the file in WAL mode and migrates it; returns the journal mode SQLite ended in.
    fn set_up(path: &Path) -> rusqlite::Result<(Connection, String)> {
        let mut conn = Connection::open(path)?;
        // Another process (a backup, a second reader) may hold a lock for a moment.
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok((conn, mode));
        }
        conn.execute_batch("PRAGMA synchronous=FULL;")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        for (version, sql) in super::MIGRATIONS {
            let done: Option<i64> = tx
                .query_row("SELECT version FROM schema_migrations WHERE version = ?1", [version], |r| {
                    r.get(0)
                })
                .optional()?;
            if done.is_none() {
                tx.execute_batch(&super::dialect(sql, super::Dialect::Sqlite))?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
                    params![version, super::now()],
                )?;
            }
        }
        tx.commit()?;
        Ok((conn, mode))
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves no half-done transaction (it rolls back on drop).
        self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound database.
    pub fn integrity_check(&self) -> Result<String, Error> {
        Ok(self.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    fn receipt_where(&self, column: &str, value: &str) -> Result<Option<Receipt>, Error> {
        let sql = format!("SELECT receipt_json FROM bundles WHERE {column} = ?1");
        let json: Option<String> = self.conn().query_row(&sql, [value], |r| r.get(0)).optional()?;
        json.map(|j| parse(&j)).transpose()
    }
}

fn receipt_and_sha(conn: &Connection, column: &str, value: &str) -> Result<Option<(Receipt, String)>, Error> {
    let sql = format!("SELECT receipt_json, sha256 FROM bundles WHERE {column} = ?1");
    let row: Option<(String, String)> =
        conn.query_row(&sql, [value], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    row.map(|(json, sha)| Ok((parse(&json)?, sha))).transpose()
}

impl Store for SqliteStore {
    fn receipt(&self, id: &str) -> Result<Option<Receipt>, Error> {
        self.receipt_where("id", id)
    }

    fn receipt_by_number(&self, number: &str) -> Result<Option<Receipt>, Error> {
        self.receipt_where("registration_number", number)
    }

    fn bytes(&self, id: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.conn().query_row("SELECT bytes FROM bundles WHERE id = ?1", [id], |r| r.get(0)).optional()?)
    }

    fn by_key(&self, key: &str) -> Result<Option<(Receipt, String)>, Error> {
        receipt_and_sha(&self.conn(), "idempotency_key", key)
    }

    fn count(&self) -> Result<i64, Error> {
        Ok(self.conn().query_row("SELECT COUNT(*) FROM bundles", [], |r| r.get(0))?)
    }

    fn register(
        &self,
        draft: &Draft,
        key: Option<&str>,
        bytes: &[u8],
        regulation: &Regulation,
    ) -> Result<Registered, Error> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let by_key = key.map(|k| receipt_and_sha(&tx, "idempotency_key", k)).transpose()?.flatten();
        let by_id = receipt_and_sha(&tx, "id", &draft.id)?;
        if let Some(found) = earlier(draft, by_key, by_id) {
            return Ok(found);
        }
        let receipt = draft.receipt(regulation, String::new());
        let year = receipt.registered_on.year();
        tx.execute(
            "INSERT INTO registration_counters (year, last) VALUES (?1, 0) ON CONFLICT DO NOTHING",
            [year],
        )?;
        let n: i64 = tx.query_row(
            "UPDATE registration_counters SET last = last + 1 WHERE year = ?1 RETURNING last",
            [year],
            |r| r.get(0),
        )?;
        let receipt = numbered(receipt, n);
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

    fn list(&self, q: &ListQuery) -> Result<Vec<Listed>, Error> {
        let (from, to, after) = bounds(q);
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT receipt_json, status FROM bundles
             WHERE registered_on >= ?1 AND registered_on <= ?2 AND (?3 IS NULL OR status = ?3)
               AND registration_number > ?4
             ORDER BY registration_number LIMIT ?5",
        )?;
        let rows = stmt.query_map(params![from, to, q.status, after, q.limit], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (json, status) = row?;
            Ok(Listed { receipt: parse(&json)?, status })
        })
        .collect()
    }

    fn add_officer(&self, name: &str, token_sha256: &str, at: &str) -> Result<bool, Error> {
        let n = self.conn().execute(
            "INSERT INTO officers (name, token_sha256, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![name, token_sha256, at],
        )?;
        Ok(n == 1)
    }

    fn revoke_officer(&self, name: &str, at: &str) -> Result<bool, Error> {
        let n = self.conn().execute(
            "UPDATE officers SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
            params![name, at],
        )?;
        Ok(n == 1)
    }

    fn officers(&self) -> Result<Vec<Officer>, Error> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT name, token_sha256, created_at, revoked_at FROM officers ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Officer {
                name: r.get(0)?,
                token_sha256: r.get(1)?,
                created_at: r.get(2)?,
                revoked_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn audit(&self, e: &AuditEntry) -> Result<(), Error> {
        self.conn().execute(
            "INSERT INTO audit (at, officer, action, target, peer) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![e.at, e.officer, e.action, e.target, e.peer],
        )?;
        Ok(())
    }

    fn audit_log(&self) -> Result<Vec<AuditEntry>, Error> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT at, officer, action, target, peer FROM audit ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                officer: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                peer: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn migrations(&self) -> Result<Vec<i64>, Error> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT version FROM schema_migrations ORDER BY version")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
