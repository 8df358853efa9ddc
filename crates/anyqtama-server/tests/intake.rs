//! The intake server end to end: a real server on 127.0.0.1:0 with a real SQLite file in a
//! temporary folder, spoken to over TCP. The clock is injected (the core has none).

mod common;

use anyqtama_server::{Config, FixedClock, Running};
use common::*;
use std::sync::Arc;

/// Wednesday 25 Nov 2026, 10:00 in Astana: a working day, in hours, the bundles' bagging date.
const IN_HOURS: &str = "2026-11-25T10:00:00+05:00";

struct Setup {
    server: Running,
    dir: tempfile::TempDir,
    /// An officer's token (`access`): reading receipts and bundles needs one.
    token: String,
}

impl Setup {
    fn new(now: &str) -> Setup {
        Setup::with(now, |_| {})
    }

    fn with(now: &str, f: impl FnOnce(&mut Config)) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::new("127.0.0.1:0".parse().unwrap(), dir.path().join("intake.sqlite"));
        config.clock = Arc::new(FixedClock::parse(now).unwrap());
        f(&mut config);
        let store = anyqtama_server::store::open(&config.db.to_string_lossy()).unwrap();
        let token = anyqtama_server::access::new_officer(&*store, "officer", "2026-11-25T05:00:00Z")
            .unwrap()
            .unwrap();
        drop(store);
        Setup { server: Running::start(config).unwrap(), dir, token }
    }

    fn addr(&self) -> std::net::SocketAddr {
        self.server.addr
    }

    /// Rows in the table, read through a second connection to the file.
    fn rows(&self) -> i64 {
        anyqtama_server::store::open(&self.dir.path().join("intake.sqlite").to_string_lossy())
            .unwrap()
            .count()
            .unwrap()
    }

    /// `GET` as the officer.
    fn get(&self, path: &str) -> Response {
        get_as(self.addr(), path, &self.token)
    }
}

#[test]
fn a_valid_bundle_is_registered_once() {
    let s = Setup::new(IN_HOURS);
    let (id, bytes) = valid_bundle();
    let r = post(s.addr(), &bytes, &[("Idempotency-Key", "key-1")]);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let receipt = r.json();
    assert_eq!(receipt["id"], id.as_str());
    assert_eq!(receipt["kind"], "issue");
    assert_eq!(receipt["rules_version"], "2026.1");
    assert_eq!(receipt["registration_number"], "ANQ-2026-000001");
    assert_eq!(receipt["received_at"], "2026-11-25T05:00:00Z");
    assert_eq!(receipt["registered_on"], "2026-11-25");
    assert!(receipt["expected_decision"].as_str().unwrap() > "2026-11-25");
    assert_eq!(receipt["size"], bytes.len());
    assert_eq!(r.header("location"), Some("/api/receipts/ANQ-2026-000001"));
    let token = receipt["status_token"].as_str().unwrap();
    assert!(token.len() >= 32 && token != id, "a random status token: {token}");
    assert_eq!(s.rows(), 1);

    // Again, under the same key or none: the same receipt, nothing new stored.
    for extra in [&[("Idempotency-Key", "key-1")][..], &[], &[("Idempotency-Key", "key-2")]] {
        let again = post(s.addr(), &bytes, extra);
        assert_eq!(again.status, 200);
        assert_eq!(again.json(), receipt);
        assert_eq!(again.header("idempotent-replayed"), Some("true"));
    }
    assert_eq!(s.rows(), 1);

    // Another bundle under a used key: a conflict.
    let (_, other) = valid_bundle();
    let conflict = post(s.addr(), &other, &[("Idempotency-Key", "key-1")]);
    assert_eq!(conflict.status, 409);
    assert_eq!(conflict.json()["error"], "idempotency_conflict");
    assert_eq!(s.rows(), 1);

    // The receipt (without the applicant's token) and the bytes by id, for an officer; an
    // unknown id is 404.
    let by_id = s.get(&format!("/api/bundles/{id}"));
    assert_eq!(by_id.status, 200);
    let mut officers_view = receipt.clone();
    officers_view.as_object_mut().unwrap().remove("status_token");
    assert_eq!(by_id.json(), officers_view);
    let zip = s.get(&format!("/api/bundles/{}/zip", id.to_uppercase()));
    assert_eq!(zip.status, 200);
    assert_eq!(zip.header("content-type"), Some("application/zip"));
    assert_eq!(zip.body, bytes);
    assert_eq!(s.get(&format!("/api/bundles/{}", uuid())).status, 404);
    assert_eq!(s.get("/api/bundles/not-a-uuid").status, 404);

    // The next one gets the next number.
    let next = post(s.addr(), &other, &[]);
    assert_eq!(next.status, 201);
    assert_eq!(next.json()["registration_number"], "ANQ-2026-000002");
    assert_eq!(s.rows(), 2);
}

#[test]
fn the_same_bundle_sent_at_once_many_times_is_stored_once() {
    let s = Setup::new(IN_HOURS);
    let (_, bytes) = valid_bundle();
    let receipts: Vec<(u16, serde_json::Value)> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..8).map(|_| scope.spawn(|| post(s.addr(), &bytes, &[("Idempotency-Key", "same")]))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).map(|r| (r.status, r.json())).collect()
    });
    assert_eq!(receipts.iter().filter(|(status, _)| *status == 201).count(), 1);
    assert!(receipts.iter().all(|(status, r)| [200, 201].contains(status) && *r == receipts[0].1));
    assert_eq!(s.rows(), 1);
}

#[test]
fn after_hours_on_friday_is_registered_on_monday() {
    let s = Setup::new("2026-11-27T19:00:00+05:00");
    let (_, bytes) = valid_bundle();
    let r = post(s.addr(), &bytes, &[]);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let receipt = r.json();
    assert_eq!(receipt["received_at"], "2026-11-27T14:00:00Z");
    assert_eq!(receipt["registered_on"], "2026-11-30");
    let decision = receipt["expected_decision"].as_str().unwrap().to_string();
    assert!(decision.as_str() > "2026-11-30", "{decision}");

    // 18:29 the same day is still Friday.
    let s = Setup::new("2026-11-27T18:29:59+05:00");
    let r = post(s.addr(), &valid_bundle().1, &[]);
    assert_eq!(r.json()["registered_on"], "2026-11-27");
}

#[test]
fn a_changed_bundle_is_refused_with_its_reasons() {
    let s = Setup::new(IN_HOURS);
    let (_, bytes) = valid_bundle();
    let document = "data/documents/identity-document/";
    let doc_name = anyqtama_bundle::zip::read(&bytes, &Default::default())
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.name)
        .find(|n| n.starts_with(document))
        .unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "document",
            replace_entry(&bytes, &doc_name, |d| *d.last_mut().unwrap() ^= 1),
            "bag.manifest_mismatch",
        ),
        (
            "application.json",
            replace_entry(&bytes, "data/application.json", |d| {
                let i = d.iter().position(|&c| c == b'I').unwrap();
                d[i] = b'J';
            }),
            "bag.manifest_mismatch",
        ),
        (
            "signature",
            replace_entry(&bytes, "signature.jws", |d| {
                let i = d.len() - 5;
                d[i] = if d[i] == b'A' { b'B' } else { b'A' };
            }),
            "signature.invalid",
        ),
        ("a byte of the ZIP", flip_in_payload(&bytes), "zip.crc"),
        ("not a zip", b"this is not a zip file".to_vec(), "zip.not_zip"),
        ("cut short", bytes[..bytes.len() / 2].to_vec(), "zip.truncated"),
    ];
    for (what, body, code) in cases {
        let r = post(s.addr(), &body, &[("Accept-Language", "en")]);
        assert_eq!(r.status, 400, "{what}: {}", String::from_utf8_lossy(&r.body));
        let codes = r.codes();
        assert!(codes.iter().any(|c| c == code), "{what}: {codes:?}");
        let v = r.json();
        assert_eq!(v["error"], "invalid");
        assert!(v["errors"][0]["message"].as_str().unwrap().len() > 10, "{what}: {v}");
        assert!(v["message"].as_str().unwrap().starts_with("The bundle was refused"), "{v}");
    }
    assert_eq!(s.rows(), 0);

    // The messages come in the language asked for; Kazakh by default.
    let ru = post(s.addr(), b"nope", &[("Accept-Language", "ru-RU,ru;q=0.9")]).json();
    assert_eq!(ru["errors"][0]["message"], "Файл не является ZIP-архивом.");
    let kk = post(s.addr(), b"nope", &[]).json();
    assert_eq!(kk["errors"][0]["message"], "Файл ZIP мұрағаты емес.");
}

/// The ZIP with one byte of a stored document flipped in place (its CRC no longer matches).
fn flip_in_payload(bytes: &[u8]) -> Vec<u8> {
    let needle = b"test document identity-document";
    let i = bytes.windows(needle.len()).position(|w| w == needle).unwrap();
    let mut b = bytes.to_vec();
    b[i] ^= 0x20;
    b
}

#[test]
fn an_application_with_a_blocker_is_422_with_the_findings() {
    let s = Setup::new(IN_HOURS);
    let mut app = issue();
    app.documents.retain(|d| d.item != "identity-document");
    let docs = documents(&app, 0);
    let bytes = bundle_of(&app, &docs, &uuid());
    let r = post(s.addr(), &bytes, &[("Accept-Language", "en")]);
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    let v = r.json();
    assert_eq!(v["error"], "blocked");
    assert_eq!(r.codes(), ["check.blockers"]);
    assert_eq!(v["report"]["may_submit"], false);
    let findings = v["report"]["findings"].as_array().unwrap();
    let blocker = findings.iter().find(|f| f["severity"] == "blocker").expect("a blocker");
    assert!(blocker["message"].as_str().unwrap().len() > 10, "{blocker}");
    assert!(v.to_string().contains("identity-document"), "{v}");
    assert_eq!(s.rows(), 0);
}

#[test]
fn a_body_over_the_limit_is_413_before_it_is_read() {
    let s = Setup::with(IN_HOURS, |c| c.max_body_bytes = 64 << 10);
    // The declared length alone is refused: no body is sent.
    let length = (110u64 << 20) + 1;
    let r = request(
        s.addr(),
        "POST",
        "/api/bundles",
        &[("Content-Type", "application/zip"), ("Content-Length", &length.to_string())],
        b"",
    )
    .unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"], "too_large");
    // A body over the limit without a declared length (chunked) is cut off at the limit.
    let mut chunked = Vec::new();
    for _ in 0..3 {
        chunked.extend_from_slice(format!("{:x}\r\n", 32 << 10).as_bytes());
        chunked.extend(std::iter::repeat_n(b'x', 32 << 10));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut raw = b"POST /api/bundles HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
Content-Type: application/zip\r\nTransfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    raw.extend_from_slice(&chunked);
    let r = send_raw(s.addr(), &raw).unwrap();
    assert_eq!(r.status, 413);
    // The real server's limit is 110 MiB.
    let builtin = anyqtama_core::Regulation::builtin();
    assert_eq!(anyqtama_server::limits::max_body_bytes(&builtin), 110 << 20);
    assert_eq!(s.rows(), 0);
}

#[test]
fn other_requests_are_refused_plainly() {
    let s = Setup::new(IN_HOURS);
    let (_, bytes) = valid_bundle();
    let r =
        request(s.addr(), "POST", "/api/bundles", &[("Content-Type", "application/json")], &bytes).unwrap();
    assert_eq!(r.status, 415);
    let long = "k".repeat(300);
    for bad in ["", "with space", long.as_str()] {
        let r = post(s.addr(), &bytes, &[("Idempotency-Key", bad)]);
        assert_eq!(r.status, 400, "{bad:?}");
        assert_eq!(r.json()["error"], "idempotency_key");
    }
    let r = request(s.addr(), "DELETE", "/api/bundles", &[], b"").unwrap();
    assert_eq!(r.status, 405);
    // Without dist/, nothing but the API.
    assert_eq!(get(s.addr(), "/").status, 404);
    assert_eq!(s.rows(), 0);
}

#[test]
fn the_widget_is_served_with_its_policy() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>w</title><style>p{color:red}</style>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.path().join("app.js"), "export {}").unwrap();
    let s = Setup::with(IN_HOURS, |c| c.dist = Some(dist.path().to_path_buf()));
    let index = get(s.addr(), "/");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    // A page's inline style is allowed by its hash (static_files::page_policy); other files get
    // the policy with nothing inline.
    let with_style = anyqtama_server::static_files::CSP.replace(
        "style-src 'self'",
        "style-src 'self' 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64='",
    );
    assert_eq!(index.header("content-security-policy"), Some(with_style.as_str()));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    let wasm = get(s.addr(), "/app_bg.wasm");
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    assert_eq!(wasm.header("content-security-policy"), Some(anyqtama_server::static_files::CSP));
    assert_eq!(get(s.addr(), "/app.js").header("content-type"), Some("text/javascript; charset=utf-8"));
    // A route of the widget falls back to index.html; a missing file does not.
    let route = get(s.addr(), "/check/answers");
    assert_eq!((route.status, route.body.as_slice()), (200, index.body.as_slice()));
    assert_eq!(get(s.addr(), "/missing.js").status, 404);
    assert_eq!(get(s.addr(), "/%2e%2e/%2e%2e/etc/passwd").status, 403);
    assert_eq!(get(s.addr(), "/api/unknown").status, 404);
    // A folder with its own index.html (the example portal) is served as that page, with the
    // same policy; a folder without one falls back to the widget.
    std::fs::create_dir_all(dist.path().join("examples/portal")).unwrap();
    std::fs::write(dist.path().join("examples/portal/index.html"), "<title>portal</title>").unwrap();
    let portal = get(s.addr(), "/examples/portal/");
    assert_eq!((portal.status, portal.body.as_slice()), (200, &b"<title>portal</title>"[..]));
    assert_eq!(portal.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(portal.header("content-security-policy"), Some(anyqtama_server::static_files::CSP));
    assert_eq!(get(s.addr(), "/examples/").body, index.body);
}

#[test]
fn the_service_worker_and_the_page_are_never_taken_from_a_cache_unasked() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>w</title><style>p{color:red}</style>",
    )
    .unwrap();
    std::fs::write(dist.path().join("sw.js"), "const VERSION = \"1\";").unwrap();
    std::fs::create_dir(dist.path().join("locales")).unwrap();
    std::fs::write(dist.path().join("locales/ru.ftl"), "app-title = Анықтама").unwrap();
    let s = Setup::with(IN_HOURS, |c| c.dist = Some(dist.path().to_path_buf()));
    // A browser looks for a new version by fetching sw.js again: it must be JavaScript (or the
    // registration fails) and revalidated every time (or updates are found a day late).
    let sw = get(s.addr(), "/sw.js");
    assert_eq!(sw.status, 200);
    assert_eq!(sw.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(sw.header("cache-control"), Some("no-cache"));
    for page in ["/", "/index.html"] {
        assert_eq!(get(s.addr(), page).header("cache-control"), Some("no-cache"), "{page}");
    }
    let ru = get(s.addr(), "/locales/ru.ftl");
    assert_eq!(ru.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(String::from_utf8(ru.body).unwrap(), "app-title = Анықтама");
}

#[test]
fn cors_only_for_the_configured_origins() {
    let s = Setup::with(IN_HOURS, |c| c.allow_origins = vec!["https://portal.example".into()]);
    let preflight = request(
        s.addr(),
        "OPTIONS",
        "/api/bundles",
        &[("Origin", "https://portal.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    )
    .unwrap();
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("https://portal.example"));
    assert!(preflight.header("access-control-allow-headers").unwrap().contains("idempotency-key"));
    let (_, bytes) = valid_bundle();
    let r = post(s.addr(), &bytes, &[("Origin", "https://portal.example")]);
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin"), Some("https://portal.example"));
    let elsewhere = post(s.addr(), &bytes, &[("Origin", "https://evil.example")]);
    assert_eq!(elsewhere.header("access-control-allow-origin"), None);
}
