//! The store: one interface ([`Store`]), two implementations — [`sqlite`] (one file, the
//! embedded default: `--db intake.sqlite`) and [`postgres`] (`--db postgres://…`, for several
//! nodes on one database). [`open`] picks one by the `--db` value.
//!
//! The tables are the same in both: `bundles` (one row per registered bundle: its receipt, its
//! idempotency key, the ZIP's bytes, its status), `registration_counters` (the last registration
//! number given in each year), `officers` (the name and the SHA-256 of each officer's token,
//! never the token), `audit` (every officer's read) and `schema_migrations` (the versions of
//! [`MIGRATIONS`] applied; they run at start).
//!
//! Registration (the same in both): in one transaction, the year's counter row is locked
//! first, then the earlier registrations of the same bundle or idempotency key are looked up
//! (so a copy committed by another node is seen), then the counter is advanced and the row
//! inserted. A receipt is returned only after the commit; a transaction that fails advances no
//! counter, so the numbers of a year are gap-free and unique across nodes.

pub mod postgres;
pub mod sqlite;

use crate::receipt::{Draft, Receipt};
use anyqtama_core::{Date, Regulation};

/// A store's failure, as text (the database's own message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error(e.to_string())
    }
}

impl From<::postgres::Error> for Error {
    fn from(e: ::postgres::Error) -> Error {
        Error(e.to_string())
    }
}

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

/// The status every registered bundle has (no decision is recorded by this server yet).
pub const REGISTERED: &str = "registered";

/// What `GET /api/bundles` asks for: registration dates `from..=to`, a status, the page after
/// the registration number `after`, at most `limit` rows, in registration-number order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub status: Option<String>,
    pub after: Option<String>,
    pub limit: u32,
}

/// One row of a list: the receipt and the bundle's status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub receipt: Receipt,
    pub status: String,
}

/// An officer's token as stored: the name, the SHA-256 of the token (lowercase hex), when it
/// was made and revoked (RFC 3339, UTC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Officer {
    pub name: String,
    pub token_sha256: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// One officer's read: who, what (`bundle.zip`, `bundle.receipt`, `bundles.list`), which
/// bundle or query, when (RFC 3339, UTC), from which address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub officer: String,
    pub action: String,
    pub target: String,
    pub peer: String,
}

/// What the server and the CLI need of a database. Every method blocks (call it on the
/// blocking pool); a registration is durable when [`Store::register`] returns.
pub trait Store: Send + Sync {
    /// The receipt of the bundle `id`.
    fn receipt(&self, id: &str) -> Result<Option<Receipt>, Error>;
    /// The receipt registered under a registration number.
    fn receipt_by_number(&self, number: &str) -> Result<Option<Receipt>, Error>;
    /// The bytes of the bundle `id`, as received.
    fn bytes(&self, id: &str) -> Result<Option<Vec<u8>>, Error>;
    /// The receipt and SHA-256 of the bundle registered under an idempotency key.
    fn by_key(&self, key: &str) -> Result<Option<(Receipt, String)>, Error>;
    /// How many bundles are stored.
    fn count(&self) -> Result<i64, Error>;
    /// Registers a verified bundle, or finds the earlier registration of the same bundle.
    fn register(
        &self,
        draft: &Draft,
        key: Option<&str>,
        bytes: &[u8],
        regulation: &Regulation,
    ) -> Result<Registered, Error>;
    /// Registered bundles, in registration-number order.
    fn list(&self, query: &ListQuery) -> Result<Vec<Listed>, Error>;
    /// Adds an officer's token (its hash); `false` if the name is taken (revoked names too).
    fn add_officer(&self, name: &str, token_sha256: &str, at: &str) -> Result<bool, Error>;
    /// Revokes the officer's token; `false` if there is no such token not yet revoked.
    fn revoke_officer(&self, name: &str, at: &str) -> Result<bool, Error>;
    /// Every officer's token, revoked ones too, by name.
    fn officers(&self) -> Result<Vec<Officer>, Error>;
    /// Records one read; it is durable when this returns.
    fn audit(&self, entry: &AuditEntry) -> Result<(), Error>;
    /// The audit table, oldest first.
    fn audit_log(&self) -> Result<Vec<AuditEntry>, Error>;
    /// The migration versions applied, in order.
    fn migrations(&self) -> Result<Vec<i64>, Error>;
}

/// Whether a `--db` value names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens the store `db` names — a PostgreSQL URL or an SQLite file (created if missing) — and
/// runs its migrations. Blocks: from async code, call it on the blocking pool.
pub fn open(db: &str) -> Result<Box<dyn Store>, Error> {
    if is_postgres(db) {
        Ok(Box::new(postgres::PgStore::open(db)?))
    } else {
        Ok(Box::new(sqlite::SqliteStore::open(std::path::Path::new(db))?))
    }
}

/// `--db` as the user wrote it, without a PostgreSQL URL's password (for logs).
pub fn display(db: &str) -> String {
    if !is_postgres(db) {
        return db.to_string();
    }
    match db
        .split_once("://")
        .and_then(|(scheme, rest)| rest.split_once('@').map(|(who, at)| (scheme, who, at)))
    {
        Some((scheme, who, at)) => {
            let user = who.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{at}")
        }
        None => db.to_string(),
    }
}

/// The migrations, by version, for both stores: `INT64`, `BYTES` and `SERIAL_KEY` become each
/// database's own types (`dialect`). Version 1 is the table of the first release (an SQLite
/// file made before `schema_migrations` existed adopts it as is).
pub const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        "CREATE TABLE IF NOT EXISTS bundles (
            id                  TEXT PRIMARY KEY,
            idempotency_key     TEXT UNIQUE,
            registration_number TEXT NOT NULL UNIQUE,
            received_at         TEXT NOT NULL,
            registered_on       TEXT NOT NULL,
            expected_decision   TEXT,
            kind                TEXT NOT NULL,
            rules_version       TEXT NOT NULL,
            sha256              TEXT NOT NULL,
            size                INT64 NOT NULL,
            bytes               BYTES NOT NULL,
            receipt_json        TEXT NOT NULL
        );",
    ),
    (
        2,
        "ALTER TABLE bundles ADD COLUMN status TEXT NOT NULL DEFAULT 'registered';
         CREATE INDEX bundles_registered_on ON bundles (registered_on);
         CREATE TABLE registration_counters (year INTEGER PRIMARY KEY, last INT64 NOT NULL);
         INSERT INTO registration_counters (year, last)
             SELECT CAST(substr(registration_number, 5, 4) AS INTEGER),
                    MAX(CAST(substr(registration_number, 10) AS INT64))
             FROM bundles GROUP BY 1;
         CREATE TABLE officers (
             name         TEXT PRIMARY KEY,
             token_sha256 TEXT NOT NULL UNIQUE,
             created_at   TEXT NOT NULL,
             revoked_at   TEXT
         );
         CREATE TABLE audit (
             id      SERIAL_KEY,
             at      TEXT NOT NULL,
             officer TEXT NOT NULL,
             action  TEXT NOT NULL,
             target  TEXT NOT NULL,
             peer    TEXT NOT NULL
         );",
    ),
];

/// The two SQL dialects of [`MIGRATIONS`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A migration in one dialect.
pub(crate) fn dialect(sql: &str, d: Dialect) -> String {
    let (int64, bytes, serial) = match d {
        Dialect::Sqlite => ("INTEGER", "BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        Dialect::Postgres => ("BIGINT", "BYTEA", "BIGSERIAL PRIMARY KEY"),
    };
    sql.replace("SERIAL_KEY", serial).replace("INT64", int64).replace("BYTES", bytes)
}

/// What a registration finds before it numbers anything: the earlier registration under the
/// key (its receipt and SHA-256) and under the id. `None`: nothing earlier, register.
pub(crate) fn earlier(
    draft: &Draft,
    by_key: Option<(Receipt, String)>,
    by_id: Option<(Receipt, String)>,
) -> Option<Registered> {
    if let Some((receipt, sha)) = by_key {
        return Some(if sha == draft.sha256 {
            Registered::Existing(receipt)
        } else {
            Registered::KeyConflict
        });
    }
    by_id.map(
        |(receipt, sha)| {
            if sha == draft.sha256 {
                Registered::Existing(receipt)
            } else {
                Registered::IdConflict
            }
        },
    )
}

pub(crate) fn parse(json: &str) -> Result<Receipt, Error> {
    serde_json::from_str(json).map_err(|e| Error(format!("a stored receipt does not parse: {e}")))
}

/// The year of a receipt's registration, and its counter's next number as a registration number.
pub(crate) fn numbered(mut receipt: Receipt, n: i64) -> Receipt {
    receipt.registration_number = crate::receipt::registration_number(receipt.registered_on.year(), n);
    receipt
}

/// The lower and upper bounds of a list query's dates and cursor, as the SQL compares them
/// (text: `YYYY-MM-DD`, `ANQ-YYYY-NNNNNN` sort as they read).
pub(crate) fn bounds(q: &ListQuery) -> (String, String, String) {
    (
        q.from.map_or_else(|| "0000-00-00".to_string(), |d| d.to_string()),
        q.to.map_or_else(|| "9999-99-99".to_string(), |d| d.to_string()),
        q.after.clone().unwrap_or_default(),
    )
}

/// Now, RFC 3339 UTC, for the migrations table.
pub(crate) fn now() -> String {
    use crate::clock::Clock;
    crate::clock::rfc3339_utc(crate::clock::SystemClock.now_unix())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(super::display("postgres://app:secret@db:5432/intake"), "postgres://app@db:5432/intake");
        assert_eq!(super::display("postgresql://app@db/intake"), "postgresql://app@db/intake");
        assert_eq!(super::display("intake.sqlite"), "intake.sqlite");
        assert!(super::is_postgres("postgres://x/y") && !super::is_postgres("postgres.sqlite"));
    }
}
