//! The databases the store and access suites run against: each test gets a fresh one, an
//! SQLite file in a temporary folder or a new database on the PostgreSQL server of
//! `ANYQTAMA_TEST_PG` (`scripts/pg.sh start` makes one; `scripts/test.sh` runs the suites with
//! it). Without that variable the PostgreSQL tests say loudly that they were skipped — unless
//! `ANYQTAMA_REQUIRE_PG` is set (as in `scripts/test.sh`), where they fail.
#![allow(dead_code)]

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database: `spec` is what `--db` takes (a file path or a `postgres://` URL).
pub struct Db {
    pub spec: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
}

/// The PostgreSQL server of the tests, or `None` after saying loudly that they are skipped.
pub fn pg_url(test: &str) -> Option<String> {
    match std::env::var("ANYQTAMA_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("ANYQTAMA_REQUIRE_PG").is_none(),
                "ANYQTAMA_REQUIRE_PG is set but ANYQTAMA_TEST_PG is not: start PostgreSQL with scripts/pg.sh"
            );
            // Straight to the terminal (not through the test harness's capture).
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED (PostgreSQL): {test}: ANYQTAMA_TEST_PG is not set; \
                 run `eval \"$(scripts/pg.sh start)\"` first ***"
            );
            None
        }
    }
}

impl Db {
    /// A fresh database of `backend`; `None` when PostgreSQL is not available (skipped).
    pub fn new(backend: Backend, test: &str) -> Option<Db> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let spec = dir.path().join("intake.sqlite").to_string_lossy().into_owned();
                Some(Db { spec, backend, _dir: Some(dir) })
            }
            Backend::Postgres => {
                let admin = pg_url(test)?;
                static N: AtomicU64 = AtomicU64::new(0);
                let nanos =
                    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
                let name = format!(
                    "t_{}_{}_{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::Relaxed),
                    nanos % 1_000_000_000
                );
                let spec = anyqtama_server::store::postgres::create_database(&admin, &name)
                    .expect("CREATE DATABASE");
                Some(Db { spec, backend, _dir: None })
            }
        }
    }

    pub fn open(&self) -> Box<dyn anyqtama_server::store::Store> {
        anyqtama_server::store::open(&self.spec).expect("open the store")
    }
}

/// Instantiates each test function `fn name(db: &Db)` twice: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() {
                let db = $crate::common::db::Db::new($crate::common::db::Backend::Sqlite, stringify!($name)).unwrap();
                super::$name(&db)
            } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if let Some(db) = $crate::common::db::Db::new($crate::common::db::Backend::Postgres, stringify!($name)) {
                    super::$name(&db)
                }
            } )*
        }
    };
}
