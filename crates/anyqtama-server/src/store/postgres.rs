//! The PostgreSQL store, for several nodes on one database (`--db postgres://…`).
//!
//! A registration is one READ COMMITTED transaction that first locks its year's row of
//! `registration_counters` (`SELECT … FOR UPDATE`): registrations of one year, on any node, take
//! turns from there, and each statement after the lock sees what the previous holder committed.
//! So the lookup of an earlier copy (same id or idempotency key) sees a copy another node has
//! just registered, and the counter it advances is the last one committed: numbers unique and
//! gap-free. The unique indexes on `id` and `idempotency_key` stay the last word: a race they
//! catch (two copies numbered in different years) is answered with the registration that won.
//! The commit returns when PostgreSQL has flushed its WAL (`synchronous_commit` on, its
//! default); only then is the receipt sent.
//!
//! Connections: a pool of at most [`MAX_CONNECTIONS`] of the `postgres` crate's blocking
//! clients a node (each runs its own little runtime: use them from the blocking pool, as the
//! server does); a call beyond it waits for a connection to come back.

use super::{
    bounds, earlier, numbered, parse, AuditEntry, Error, ListQuery, Listed, Officer, Registered, Store,
};
use crate::receipt::{Draft, Receipt};
use anyqtama_core::Regulation;
use postgres::error::SqlState;
use postgres::{Client, GenericClient, NoTls};
use std::sync::{Condvar, Mutex, MutexGuard};

/// Any number the nodes agree on: the advisory lock that makes nodes starting together run
/// the migrations one at a time.
const MIGRATION_LOCK: i64 = 0x616e_7971_7461_6d61;

/// The most connections one node opens to PostgreSQL (its `max_connections` is 100 by default:
/// room for several nodes and the tools).
pub const MAX_CONNECTIONS: usize = 16;

pub struct PgStore {
    url: String,
    pool: Mutex<Pool>,
    returned: Condvar,
}

#[derive(Default)]
struct Pool {
    idle: Vec<Client>,
    /// Connections open, idle or in use.
    open: usize,
}

/// A pooled connection, back to the pool on drop unless it broke.
struct Pooled<'a> {
    store: &'a PgStore,
    client: Option<Client>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Client;
    fn deref(&self) -> &Client {
        self.client.as_ref().expect("present until drop")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Client {
        self.client.as_mut().expect("present until drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            let mut pool = self.store.pool();
            if c.is_closed() {
                pool.open -= 1;
            } else {
                pool.idle.push(c);
            }
            self.store.returned.notify_one();
        }
    }
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // A client owns a small runtime, which may not be dropped inside an async context (the
        // server drops its store there): drop them on a thread of their own.
        let clients = std::mem::take(&mut self.pool().idle);
        if !clients.is_empty() {
            let _ = std::thread::spawn(move || drop(clients)).join();
        }
    }
}

impl PgStore {
    /// Connects, and runs the migrations the database lacks (one node at a time).
    pub fn open(url: &str) -> Result<PgStore, Error> {
        let store =
            PgStore { url: url.to_string(), pool: Mutex::new(Pool::default()), returned: Condvar::new() };
        let mut c = store.client()?;
        let mut tx = c.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        for (version, sql) in super::MIGRATIONS {
            let done =
                tx.query_opt("SELECT version FROM schema_migrations WHERE version = $1", &[version])?;
            if done.is_none() {
                tx.batch_execute(&super::dialect(sql, super::Dialect::Postgres))?;
                tx.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                    &[version, &super::now()],
                )?;
            }
        }
        tx.commit()?;
        drop(c);
        Ok(store)
    }

    fn pool(&self) -> MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// An idle connection, a new one while fewer than [`MAX_CONNECTIONS`] are open, or the next
    /// one returned.
    fn client(&self) -> Result<Pooled<'_>, Error> {
        let mut pool = self.pool();
        loop {
            if let Some(c) = pool.idle.pop() {
                return Ok(Pooled { store: self, client: Some(c) });
            }
            if pool.open < MAX_CONNECTIONS {
                pool.open += 1;
                drop(pool);
                return match Client::connect(&self.url, NoTls) {
                    Ok(c) => Ok(Pooled { store: self, client: Some(c) }),
                    Err(e) => {
                        self.pool().open -= 1;
                        self.returned.notify_one();
                        Err(e.into())
                    }
                };
            }
            pool = self.returned.wait(pool).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn receipt_where(&self, column: &str, value: &str) -> Result<Option<Receipt>, Error> {
        let sql = format!("SELECT receipt_json FROM bundles WHERE {column} = $1");
        let row = self.client()?.query_opt(&sql, &[&value])?;
        row.map(|r| parse(&r.get::<_, String>(0))).transpose()
    }

    /// What [`Store::register`] finds when a unique index refused its row.
    fn earlier_of(&self, draft: &Draft, key: Option<&str>) -> Result<Option<Registered>, Error> {
        let mut c = self.client()?;
        let by_key = key.map(|k| receipt_and_sha(&mut *c, "idempotency_key", k)).transpose()?.flatten();
        let by_id = receipt_and_sha(&mut *c, "id", &draft.id)?;
        Ok(earlier(draft, by_key, by_id))
    }
}

fn receipt_and_sha(
    c: &mut impl GenericClient,
    column: &str,
    value: &str,
) -> Result<Option<(Receipt, String)>, Error> {
    let sql = format!("SELECT receipt_json, sha256 FROM bundles WHERE {column} = $1");
    let row = c.query_opt(&sql, &[&value])?;
    row.map(|r| Ok((parse(&r.get::<_, String>(0))?, r.get(1)))).transpose()
}

/// Why a registration's transaction failed: a unique index refused the row (another node
/// registered the same bundle or key), or anything else.
enum Failed {
    Unique(String),
    Other(Error),
}

impl From<postgres::Error> for Failed {
    fn from(e: postgres::Error) -> Failed {
        if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
            Failed::Unique(e.to_string())
        } else {
            Failed::Other(e.into())
        }
    }
}

impl From<Error> for Failed {
    fn from(e: Error) -> Failed {
        Failed::Other(e)
    }
}

impl Store for PgStore {
    fn receipt(&self, id: &str) -> Result<Option<Receipt>, Error> {
        self.receipt_where("id", id)
    }

    fn receipt_by_number(&self, number: &str) -> Result<Option<Receipt>, Error> {
        self.receipt_where("registration_number", number)
    }

    fn bytes(&self, id: &str) -> Result<Option<Vec<u8>>, Error> {
        let row = self.client()?.query_opt("SELECT bytes FROM bundles WHERE id = $1", &[&id])?;
        Ok(row.map(|r| r.get(0)))
    }

    fn by_key(&self, key: &str) -> Result<Option<(Receipt, String)>, Error> {
        receipt_and_sha(&mut *self.client()?, "idempotency_key", key)
    }

    fn count(&self) -> Result<i64, Error> {
        Ok(self.client()?.query_one("SELECT COUNT(*) FROM bundles", &[])?.get(0))
    }

    fn register(
        &self,
        draft: &Draft,
        key: Option<&str>,
        bytes: &[u8],
        regulation: &Regulation,
    ) -> Result<Registered, Error> {
        let receipt = draft.receipt(regulation, String::new());
        let year = receipt.registered_on.year();
        let outcome = (|| -> Result<Registered, Failed> {
            let mut c = self.client()?;
            let mut tx = c.transaction()?;
            tx.execute(
                "INSERT INTO registration_counters (year, last) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING",
                &[&year],
            )?;
            let last: i64 = tx
                .query_one("SELECT last FROM registration_counters WHERE year = $1 FOR UPDATE", &[&year])?
                .get(0);
            let by_key = key.map(|k| receipt_and_sha(&mut tx, "idempotency_key", k)).transpose()?.flatten();
            let by_id = receipt_and_sha(&mut tx, "id", &draft.id)?;
            if let Some(found) = earlier(draft, by_key, by_id) {
                return Ok(found);
            }
            let receipt = numbered(receipt.clone(), last + 1);
            let json = serde_json::to_string(&receipt).expect("a receipt is plain data");
            tx.execute("UPDATE registration_counters SET last = $2 WHERE year = $1", &[&year, &(last + 1)])?;
            tx.execute(
                "INSERT INTO bundles (id, idempotency_key, registration_number, received_at, registered_on,
                     expected_decision, kind, rules_version, sha256, size, bytes, receipt_json)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[
                    &receipt.id,
                    &key,
                    &receipt.registration_number,
                    &receipt.received_at,
                    &receipt.registered_on.to_string(),
                    &receipt.expected_decision.map(|d| d.to_string()),
                    &receipt.kind,
                    &receipt.rules_version,
                    &receipt.sha256,
                    &(receipt.size as i64),
                    &bytes,
                    &json,
                ],
            )?;
            tx.commit()?;
            Ok(Registered::Created(receipt))
        })();
        match outcome {
            Ok(r) => Ok(r),
            Err(Failed::Unique(e)) => {
                self.earlier_of(draft, key)?.ok_or_else(|| Error(format!("{e}, but no earlier row is found")))
            }
            Err(Failed::Other(e)) => Err(e),
        }
    }

    fn list(&self, q: &ListQuery) -> Result<Vec<Listed>, Error> {
        let (from, to, after) = bounds(q);
        let rows = self.client()?.query(
            "SELECT receipt_json, status FROM bundles
             WHERE registered_on >= $1 AND registered_on <= $2 AND ($3::TEXT IS NULL OR status = $3)
               AND registration_number > $4
             ORDER BY registration_number LIMIT $5",
            &[&from, &to, &q.status, &after, &i64::from(q.limit)],
        )?;
        rows.iter()
            .map(|r| Ok(Listed { receipt: parse(&r.get::<_, String>(0))?, status: r.get(1) }))
            .collect()
    }

    fn add_officer(&self, name: &str, token_sha256: &str, at: &str) -> Result<bool, Error> {
        let n = self.client()?.execute(
            "INSERT INTO officers (name, token_sha256, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&name, &token_sha256, &at],
        )?;
        Ok(n == 1)
    }

    fn revoke_officer(&self, name: &str, at: &str) -> Result<bool, Error> {
        let n = self.client()?.execute(
            "UPDATE officers SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL",
            &[&name, &at],
        )?;
        Ok(n == 1)
    }

    fn officers(&self) -> Result<Vec<Officer>, Error> {
        let rows = self
            .client()?
            .query("SELECT name, token_sha256, created_at, revoked_at FROM officers ORDER BY name", &[])?;
        Ok(rows
            .iter()
            .map(|r| Officer {
                name: r.get(0),
                token_sha256: r.get(1),
                created_at: r.get(2),
                revoked_at: r.get(3),
            })
            .collect())
    }

    fn audit(&self, e: &AuditEntry) -> Result<(), Error> {
        self.client()?.execute(
            "INSERT INTO audit (at, officer, action, target, peer) VALUES ($1, $2, $3, $4, $5)",
            &[&e.at, &e.officer, &e.action, &e.target, &e.peer],
        )?;
        Ok(())
    }

    fn audit_log(&self) -> Result<Vec<AuditEntry>, Error> {
        let rows =
            self.client()?.query("SELECT at, officer, action, target, peer FROM audit ORDER BY id", &[])?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at: r.get(0),
                officer: r.get(1),
                action: r.get(2),
                target: r.get(3),
                peer: r.get(4),
            })
            .collect())
    }

    fn migrations(&self) -> Result<Vec<i64>, Error> {
        let rows = self.client()?.query("SELECT version FROM schema_migrations ORDER BY version", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}

/// For tests and benchmarks: creates the empty database `name` (letters, digits, `_`) on the
/// server `admin_url` connects to, and returns the URL of the new database.
pub fn create_database(admin_url: &str, name: &str) -> Result<String, Error> {
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
        return Err(Error(format!("not a database name: {name:?}")));
    }
    let (base, query) = admin_url.split_once('?').map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let no_database = || Error(format!("no /database in {admin_url:?}"));
    let host = base.find("://").ok_or_else(no_database)? + 3;
    let server = &base[..host + base[host..].find('/').ok_or_else(no_database)?];
    // On a thread of its own: the client's runtime may not be dropped inside an async context.
    let admin = admin_url.to_string();
    let create = format!("CREATE DATABASE {name}");
    std::thread::spawn(move || -> Result<(), Error> {
        Client::connect(&admin, NoTls)?.batch_execute(&create)?;
        Ok(())
    })
    .join()
    .map_err(|_| Error("the thread creating the database panicked".into()))??;
    Ok(match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    })
}
