//! `anyqtama token new|revoke|list` and `anyqtama audit`: the officers' tokens and the audit
//! table in the intake server's database (`--db`: the same SQLite file or PostgreSQL URL as
//! `anyqtama serve`). A new token is printed once; the database keeps only its SHA-256.

use crate::{data_error, Failure};
use anyqtama_i18n::Localizer;
use anyqtama_server::store::{self, Store};
use anyqtama_server::{access, clock};
use serde_json::json;
use std::path::Path;

/// A failure of the database `db`, named without a URL's password.
fn db_error(t: &Localizer, db: &str, e: store::Error) -> Failure {
    data_error(t, Path::new(&store::display(db)), e)
}

fn open(t: &Localizer, db: &str) -> Result<Box<dyn Store>, Failure> {
    store::open(db).map_err(|e| db_error(t, db, e))
}

fn now() -> String {
    use anyqtama_server::Clock;
    clock::rfc3339_utc(anyqtama_server::SystemClock.now_unix())
}

pub fn token_new(json: bool, t: &Localizer, db: &str, name: &str) -> Result<(), Failure> {
    if !access::valid_name(name) {
        return Err(Failure(t.format("cli-token-bad-name", &[("name", name.into())])));
    }
    let store = open(t, db)?;
    let token = access::new_officer(&*store, name, &now()).map_err(|e| db_error(t, db, e))?;
    let Some(token) = token else {
        return Err(Failure(t.format("cli-token-taken", &[("name", name.into())])));
    };
    if json {
        out!("{}", json!({"name": name, "token": token}));
    } else {
        eprintln!("{}", t.format("cli-token-new", &[("name", name.into())]));
        out!("{token}");
    }
    Ok(())
}

pub fn token_revoke(json: bool, t: &Localizer, db: &str, name: &str) -> Result<(), Failure> {
    let store = open(t, db)?;
    if !store.revoke_officer(name, &now()).map_err(|e| db_error(t, db, e))? {
        return Err(Failure(t.format("cli-token-not-found", &[("name", name.into())])));
    }
    if json {
        out!("{}", json!({"name": name, "revoked": true}));
    } else {
        out!("{}", t.format("cli-token-revoked", &[("name", name.into())]));
    }
    Ok(())
}

pub fn token_list(json: bool, t: &Localizer, db: &str) -> Result<(), Failure> {
    let officers = open(t, db)?.officers().map_err(|e| db_error(t, db, e))?;
    if json {
        let rows: Vec<_> = officers
            .iter()
            .map(|o| json!({"name": o.name, "created_at": o.created_at, "revoked_at": o.revoked_at}))
            .collect();
        out!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    if officers.is_empty() {
        out!("{}", t.format("cli-token-none", &[]));
    }
    for o in &officers {
        let (name, created) = (o.name.as_str(), o.created_at.as_str());
        match &o.revoked_at {
            None => out!(
                "{}",
                t.format("cli-token-row-active", &[("name", name.into()), ("created", created.into())])
            ),
            Some(r) => {
                let args =
                    [("name", name.into()), ("created", created.into()), ("revoked", r.as_str().into())];
                out!("{}", t.format("cli-token-row-revoked", &args));
            }
        }
    }
    Ok(())
}

pub fn audit(json: bool, t: &Localizer, db: &str) -> Result<(), Failure> {
    let rows = open(t, db)?.audit_log().map_err(|e| db_error(t, db, e))?;
    if json {
        let rows: Vec<_> = rows
            .iter()
            .map(|e| json!({"at": e.at, "officer": e.officer, "action": e.action, "target": e.target, "peer": e.peer}))
            .collect();
        out!("{}", serde_json::Value::Array(rows));
        return Ok(());
    }
    if rows.is_empty() {
        out!("{}", t.format("cli-audit-none", &[]));
        return Ok(());
    }
    out!("{}", t.format("cli-audit-heading", &[]));
    for e in &rows {
        out!("{}\t{}\t{}\t{}\t{}", e.at, e.officer, e.action, e.target, e.peer);
    }
    Ok(())
}
