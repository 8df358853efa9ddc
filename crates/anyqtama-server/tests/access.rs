//! Who may read what, over HTTP, against both stores (`common/db.rs`): every rule of
//! `docs/SERVER.md` "Access" — no credential, a wrong one, a revoked one, an applicant's status
//! token used for another receipt or for the documents: each refused; an officer reads, and the
//! audit table has the row.

mod common;

use anyqtama_server::{access, Config, FixedClock, Running};
use common::db::Db;
use common::*;
use std::sync::Arc;

on_both_stores!(
    officers_read_and_every_read_is_audited,
    every_other_credential_is_refused,
    lists_are_paged_and_checked
);

struct Server {
    running: Running,
    db: String,
    officer: String,
}

fn start(db: &Db) -> Server {
    let store = db.open();
    let officer = access::new_officer(&*store, "aigerim", "2026-11-25T05:00:00Z").unwrap().unwrap();
    drop(store);
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), db.spec.clone().into());
    config.clock = Arc::new(FixedClock::parse("2026-11-25T10:00:00+05:00").unwrap());
    Server { running: Running::start(config).unwrap(), db: db.spec.clone(), officer }
}

impl Server {
    fn addr(&self) -> std::net::SocketAddr {
        self.running.addr
    }

    /// Registers a fresh bundle: its id, bytes and receipt.
    fn register(&self) -> (String, Vec<u8>, serde_json::Value) {
        let (id, bytes) = valid_bundle();
        let r = post(self.addr(), &bytes, &[]);
        assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        (id, bytes, r.json())
    }

    fn audit(&self) -> Vec<anyqtama_server::store::AuditEntry> {
        anyqtama_server::store::open(&self.db).unwrap().audit_log().unwrap()
    }
}

fn officers_read_and_every_read_is_audited(db: &Db) {
    let s = start(db);
    let (id, bytes, receipt) = s.register();
    let token = receipt["status_token"].as_str().unwrap();
    assert_eq!(token.len(), 64, "256 random bits in hex");
    assert!(!token.contains(&id));
    assert!(s.audit().is_empty());

    let zip = get_as(s.addr(), &format!("/api/bundles/{id}/zip"), &s.officer);
    assert_eq!(zip.status, 200);
    assert_eq!(zip.body, bytes);
    let by_id = get_as(s.addr(), &format!("/api/bundles/{id}"), &s.officer);
    assert_eq!(by_id.status, 200);
    assert_eq!(by_id.json()["registration_number"], receipt["registration_number"]);
    assert!(by_id.json().get("status_token").is_none(), "officers are not shown the applicant's token");

    let audit = s.audit();
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(
        (
            audit[0].officer.as_str(),
            audit[0].action.as_str(),
            audit[0].target.as_str(),
            audit[0].peer.as_str()
        ),
        ("aigerim", "bundle.zip", id.as_str(), "127.0.0.1")
    );
    assert_eq!(audit[0].at, "2026-11-25T05:00:00Z");
    assert_eq!(audit[1].action, "bundle.receipt");

    // The applicant reads their receipt back with its status token.
    let number = receipt["registration_number"].as_str().unwrap();
    let mine = get_as(s.addr(), &format!("/api/receipts/{number}"), token);
    assert_eq!(mine.status, 200);
    assert_eq!(mine.json(), receipt);
}

fn every_other_credential_is_refused(db: &Db) {
    let s = start(db);
    let (id, _, a) = s.register();
    let (_, _, b) = s.register();
    let unknown = uuid();
    let store = anyqtama_server::store::open(&s.db).unwrap();
    let revoked = access::new_officer(&*store, "bolat", "2026-11-25T05:00:00Z").unwrap().unwrap();
    assert!(store.revoke_officer("bolat", "2026-11-25T06:00:00Z").unwrap());
    let a_token = a["status_token"].as_str().unwrap();
    let b_token = b["status_token"].as_str().unwrap();
    let (a_number, b_number) =
        (a["registration_number"].as_str().unwrap(), b["registration_number"].as_str().unwrap());

    for path in [
        format!("/api/bundles/{id}/zip"),
        format!("/api/bundles/{id}"),
        format!("/api/bundles/{unknown}/zip"),
        format!("/api/bundles/{unknown}"),
        "/api/bundles/not-a-uuid".to_string(),
        "/api/bundles".to_string(),
        "/api/bundles?from=2026-01-01".to_string(),
    ] {
        // No credential: 401, whether or not the bundle exists, with a localized message.
        let none = request(s.addr(), "GET", &path, &[("Accept-Language", "ru")], b"").unwrap();
        assert_eq!(none.status, 401, "{path}");
        assert_eq!(none.header("www-authenticate"), Some("Bearer"));
        assert_eq!(none.json()["error"], "unauthorized");
        assert!(none.json()["message"].as_str().unwrap().contains("токен"), "{path}: in Russian");
        // Another scheme, a wrong token, the applicant's status token: 401.
        let basic = request(s.addr(), "GET", &path, &[("Authorization", "Basic YWlnZXJpbTp4")], b"").unwrap();
        assert_eq!(basic.status, 401, "{path}");
        // The officer's token with its last character changed (always changed, never kept).
        let last = if s.officer.ends_with('0') { '1' } else { '0' };
        let wrong = format!("{}{last}", &s.officer[..63]);
        assert_ne!(wrong, s.officer);
        assert_eq!(get_as(s.addr(), &path, &wrong).status, 401, "{path}");
        assert_eq!(get_as(s.addr(), &path, a_token).status, 401, "{path} with a status token");
        // A revoked officer's token: 403.
        let r = get_as(s.addr(), &path, &revoked);
        assert_eq!(r.status, 403, "{path}");
        assert_eq!(r.json()["error"], "revoked");
    }
    // A receipt by number: only with its own status token.
    assert_eq!(get(s.addr(), &format!("/api/receipts/{a_number}")).status, 401);
    assert_eq!(get_as(s.addr(), &format!("/api/receipts/{a_number}"), b_token).status, 401);
    assert_eq!(get_as(s.addr(), &format!("/api/receipts/{b_number}"), a_token).status, 401);
    assert_eq!(get_as(s.addr(), &format!("/api/receipts/{a_number}"), &s.officer).status, 401);
    assert_eq!(get_as(s.addr(), "/api/receipts/ANQ-2026-999999", a_token).status, 401);
    assert_eq!(get_as(s.addr(), &format!("/api/receipts/{b_number}"), b_token).status, 200);
    assert!(s.audit().is_empty(), "nothing was read: {:?}", s.audit());
}

fn lists_are_paged_and_checked(db: &Db) {
    let s = start(db);
    let receipts: Vec<_> = (0..3).map(|_| s.register().2).collect();
    let list = |q: &str| get_as(s.addr(), &format!("/api/bundles{q}"), &s.officer);
    let page = list("?from=2026-11-25&to=2026-11-25&status=registered&limit=2");
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    let v = page.json();
    let rows = v["bundles"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["registration_number"], receipts[0]["registration_number"]);
    assert_eq!(rows[0]["expected_decision"], receipts[0]["expected_decision"]);
    assert!(rows[0]["expected_decision"].is_string());
    assert_eq!(rows[0]["status"], "registered");
    assert!(rows[0].get("status_token").is_none());
    let next = v["next"].as_str().unwrap();
    let rest = list(&format!("?limit=2&after={next}")).json();
    assert_eq!(rest["bundles"].as_array().unwrap().len(), 1);
    assert_eq!(rest["bundles"][0]["registration_number"], receipts[2]["registration_number"]);
    assert!(rest["next"].is_null());
    assert_eq!(list("?from=2026-11-26").json()["bundles"].as_array().unwrap().len(), 0);
    for bad in ["?from=yesterday", "?status=lost", "?limit=0", "?limit=501", "?colour=red"] {
        let r = list(bad);
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(r.json()["error"], "bad_query");
    }
    let audit = s.audit();
    assert_eq!(audit.iter().filter(|e| e.action == "bundles.list").count(), 3, "the three lists answered");
    assert_eq!(audit[0].target, "from=2026-11-25&to=2026-11-25&status=registered&limit=2");
}
