//! The store suite: the same tests against both implementations of [`Store`] — SQLite, and
//! PostgreSQL when `ANYQTAMA_TEST_PG` names a server (`common/db.rs`). "Two nodes" are two
//! stores opened on the same database.

mod common;

use anyqtama_core::Regulation;
use anyqtama_server::receipt::{Draft, Receipt};
use anyqtama_server::store::{AuditEntry, ListQuery, Registered};
use common::db::Db;
use std::collections::BTreeSet;

on_both_stores!(
    registers_once_with_gap_free_numbers,
    two_nodes_racing_register_each_bundle_once,
    migrations_are_versioned_and_run_once,
    officers_and_the_audit_table,
    lists_by_date_status_and_page,
);

/// 25 Nov 2026, 10:00 in Astana (a working day): registered that day.
const WEDNESDAY: i64 = 1_795_582_800;

fn draft(n: u32, sha: &str, at: i64) -> Draft {
    Draft {
        id: format!("6f1c2a3e-0000-4000-8000-{n:012}"),
        received_at_unix: at,
        kind: "issue".into(),
        rules_version: "2026.1".into(),
        sha256: sha.into(),
        size: 3,
        signer: None,
        status_token: format!("{n:064}"),
    }
}

fn created(r: Registered) -> Receipt {
    match r {
        Registered::Created(r) => r,
        other => panic!("not created: {other:?}"),
    }
}

fn registers_once_with_gap_free_numbers(db: &Db) {
    let store = db.open();
    let reg = Regulation::builtin();
    let a = draft(1, "aa", WEDNESDAY);
    let first = created(store.register(&a, Some("key-a"), b"zip", &reg).unwrap());
    assert_eq!(first.registration_number, "ANQ-2026-000001");
    assert_eq!(first.registered_on.to_string(), "2026-11-25");
    assert_eq!(first.status_token, a.status_token);
    // The same bundle again, by key or by id: the first receipt, nothing stored.
    assert_eq!(store.register(&a, Some("key-a"), b"zip", &reg).unwrap(), Registered::Existing(first.clone()));
    assert_eq!(store.register(&a, None, b"zip", &reg).unwrap(), Registered::Existing(first.clone()));
    // The key or the id with other bytes: refused, and no number used.
    assert_eq!(
        store.register(&draft(2, "bb", WEDNESDAY), Some("key-a"), b"zip", &reg).unwrap(),
        Registered::KeyConflict
    );
    assert_eq!(
        store.register(&draft(1, "cc", WEDNESDAY), None, b"zip", &reg).unwrap(),
        Registered::IdConflict
    );
    for n in 2..=5 {
        let r = created(store.register(&draft(n, "dd", WEDNESDAY), None, b"zip", &reg).unwrap());
        assert_eq!(r.registration_number, format!("ANQ-2026-{n:06}"));
    }
    // A new year starts at 1 (2 Feb 2027, 10:00 in Astana).
    let next_year = created(store.register(&draft(6, "ee", 1_801_544_400), None, b"zip", &reg).unwrap());
    assert_eq!(next_year.registration_number, "ANQ-2027-000001");
    assert_eq!(store.count().unwrap(), 6);
    assert_eq!(store.receipt(&a.id).unwrap(), Some(first.clone()));
    assert_eq!(store.receipt_by_number("ANQ-2026-000001").unwrap(), Some(first.clone()));
    assert_eq!(store.receipt_by_number("ANQ-2026-000099").unwrap(), None);
    assert_eq!(store.bytes(&a.id).unwrap().as_deref(), Some(&b"zip"[..]));
    assert_eq!(store.by_key("key-a").unwrap(), Some((first, "aa".into())));
    assert_eq!(store.bytes("6f1c2a3e-0000-4000-8000-999999999999").unwrap(), None);
    // A second store on the same database (a restart, another node) continues the numbers.
    drop(store);
    let again = db.open();
    let r = created(again.register(&draft(7, "ff", WEDNESDAY), None, b"zip", &reg).unwrap());
    assert_eq!(r.registration_number, "ANQ-2026-000006");
}

fn two_nodes_racing_register_each_bundle_once(db: &Db) {
    let nodes = [db.open(), db.open()];
    let reg = Regulation::builtin();
    let drafts: Vec<Draft> = (1..=12).map(|n| draft(n, &format!("{n:02x}"), WEDNESDAY)).collect();
    // Four clients a node, each sending every bundle (under its key) in its own order.
    let results: Vec<Vec<(String, Receipt)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|client| {
                let (node, drafts, reg) = (&nodes[client % 2], &drafts, &reg);
                s.spawn(move || {
                    let mut out = Vec::new();
                    for i in 0..drafts.len() {
                        let d = &drafts[(i * 5 + client) % drafts.len()];
                        let key = format!("key-{}", d.id);
                        match node.register(d, Some(&key), b"zip", reg).unwrap() {
                            Registered::Created(r) | Registered::Existing(r) => out.push((d.id.clone(), r)),
                            other => panic!("{other:?}"),
                        }
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(nodes[0].count().unwrap(), 12, "each bundle stored once");
    for (id, receipt) in results.iter().flatten() {
        assert_eq!(
            nodes[1].receipt(id).unwrap().as_ref(),
            Some(receipt),
            "every client got the stored receipt"
        );
    }
    let numbers: BTreeSet<String> =
        drafts.iter().map(|d| nodes[0].receipt(&d.id).unwrap().unwrap().registration_number).collect();
    let expected: BTreeSet<String> = (1..=12).map(|n| format!("ANQ-2026-{n:06}")).collect();
    assert_eq!(numbers, expected, "unique and gap-free");
}

fn migrations_are_versioned_and_run_once(db: &Db) {
    // Two nodes starting at once on an empty database.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| db.open());
        let b = s.spawn(|| db.open());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(a.migrations().unwrap(), vec![1, 2]);
    assert_eq!(b.migrations().unwrap(), vec![1, 2]);
    drop((a, b));
    assert_eq!(db.open().migrations().unwrap(), vec![1, 2]);
}

fn officers_and_the_audit_table(db: &Db) {
    let store = db.open();
    assert!(store.add_officer("aigerim", "11", "2026-11-25T05:00:00Z").unwrap());
    assert!(!store.add_officer("aigerim", "22", "2026-11-25T05:00:00Z").unwrap(), "a name is taken once");
    assert!(store.add_officer("bolat", "33", "2026-11-25T05:00:00Z").unwrap());
    assert!(store.revoke_officer("bolat", "2026-11-26T05:00:00Z").unwrap());
    assert!(!store.revoke_officer("bolat", "2026-11-27T05:00:00Z").unwrap(), "revoked once");
    assert!(!store.revoke_officer("nobody", "2026-11-27T05:00:00Z").unwrap());
    let officers = store.officers().unwrap();
    assert_eq!(officers.len(), 2);
    assert_eq!((officers[0].name.as_str(), officers[0].token_sha256.as_str()), ("aigerim", "11"));
    assert_eq!(officers[0].revoked_at, None);
    assert_eq!(officers[1].revoked_at.as_deref(), Some("2026-11-26T05:00:00Z"));
    let rows: Vec<AuditEntry> = (0..3)
        .map(|i| AuditEntry {
            at: format!("2026-11-25T05:00:0{i}Z"),
            officer: "aigerim".into(),
            action: "bundle.zip".into(),
            target: format!("id-{i}"),
            peer: "127.0.0.1".into(),
        })
        .collect();
    for r in &rows {
        store.audit(r).unwrap();
    }
    assert_eq!(db.open().audit_log().unwrap(), rows);
}

fn lists_by_date_status_and_page(db: &Db) {
    let store = db.open();
    let reg = Regulation::builtin();
    // Wednesday, Thursday, Friday of one week, two bundles a day.
    for n in 0..6u32 {
        let at = WEDNESDAY + i64::from(n / 2) * 86_400;
        store.register(&draft(n + 1, "aa", at), None, b"zip", &reg).unwrap();
    }
    let q = |from: Option<&str>, to: Option<&str>, after: Option<&str>, limit: u32| ListQuery {
        from: from.map(|d| anyqtama_core::Date::parse(d).unwrap()),
        to: to.map(|d| anyqtama_core::Date::parse(d).unwrap()),
        status: Some("registered".into()),
        after: after.map(str::to_string),
        limit,
    };
    let numbers = |q: ListQuery| -> Vec<String> {
        store.list(&q).unwrap().into_iter().map(|l| l.receipt.registration_number).collect()
    };
    assert_eq!(numbers(q(None, None, None, 100)).len(), 6);
    assert_eq!(
        numbers(q(Some("2026-11-26"), Some("2026-11-26"), None, 100)),
        ["ANQ-2026-000003", "ANQ-2026-000004"]
    );
    assert_eq!(numbers(q(None, None, None, 4)).last().unwrap(), "ANQ-2026-000004");
    assert_eq!(numbers(q(None, None, Some("ANQ-2026-000004"), 4)), ["ANQ-2026-000005", "ANQ-2026-000006"]);
    let listed = store.list(&q(None, None, None, 1)).unwrap();
    assert_eq!(listed[0].status, "registered");
    assert!(listed[0].receipt.expected_decision.is_some());
    let none = ListQuery { status: Some("decided".into()), limit: 100, ..ListQuery::default() };
    assert!(store.list(&none).unwrap().is_empty());
}

/// An SQLite file of the first release (`bundles` only, no `schema_migrations`) adopts
/// version 1 as it is, gets version 2, and its numbers continue.
#[test]
fn an_sqlite_file_from_before_migrations_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let old = rusqlite::Connection::open(&path).unwrap();
    old.execute_batch(
        "CREATE TABLE bundles (id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE,
            registration_number TEXT NOT NULL UNIQUE, received_at TEXT NOT NULL, registered_on TEXT NOT NULL,
            expected_decision TEXT, kind TEXT NOT NULL, rules_version TEXT NOT NULL, sha256 TEXT NOT NULL,
            size INTEGER NOT NULL, bytes BLOB NOT NULL, receipt_json TEXT NOT NULL);",
    )
    .unwrap();
    let mut receipt = draft(1, "aa", WEDNESDAY).receipt(&Regulation::builtin(), "ANQ-2026-000007".into());
    receipt.status_token.clear();
    old.execute(
        "INSERT INTO bundles VALUES (?1, NULL, ?2, ?3, ?4, NULL, 'issue', '2026.1', 'aa', 3, x'00', ?5)",
        rusqlite::params![
            receipt.id,
            receipt.registration_number,
            receipt.received_at,
            receipt.registered_on.to_string(),
            serde_json::to_string(&receipt).unwrap()
        ],
    )
    .unwrap();
    drop(old);
    let store = anyqtama_server::store::open(&path.to_string_lossy()).unwrap();
    assert_eq!(store.migrations().unwrap(), vec![1, 2]);
    assert_eq!(store.receipt(&receipt.id).unwrap(), Some(receipt));
    let listed = store.list(&ListQuery { limit: 10, ..ListQuery::default() }).unwrap();
    assert_eq!(listed[0].status, "registered");
    let next =
        created(store.register(&draft(2, "bb", WEDNESDAY), None, b"zip", &Regulation::builtin()).unwrap());
    assert_eq!(next.registration_number, "ANQ-2026-000008");
}
