//! HTTP: the routes, and what each answers.
//!
//! `POST /api/bundles` (the raw ZIP, `Content-Type: application/zip`, optional
//! `Idempotency-Key`) → 201 with a [`Receipt`], 200 with the original receipt for a bundle or key
//! seen before, 400 (damaged or changed: problem codes and messages), 422 (intact, but the
//! core's check finds blockers: the findings), 409 (a key or id reused for other bytes), 413,
//! 415; past the limits under load ([`limits`]) 503 (too many in flight) or 429 (too many from
//! one address), with `Retry-After`, and 408 for a body too slow. For officers only
//! (`Authorization: Bearer`, [`access`]; 401 without a valid token
//! whether or not the bundle exists, 403 for a revoked one; every answer recorded in `audit`):
//! `GET /api/bundles/{id}` → the receipt, `GET /api/bundles/{id}/zip` → the bytes (404 if
//! unknown), `GET /api/bundles?from=&to=&status=&after=&limit=` → a page of receipts. For the
//! applicant: `GET /api/receipts/{registration_number}` with the receipt's status token as
//! `Authorization: Bearer` → that receipt (401 otherwise). Anything else `GET` is the widget
//! ([`static_files`]). Every request is logged on
//! one line to stderr; CORS only for the configured origins.

use crate::access::{self, Access};
use crate::receipt::{Draft, Receipt, Signer};
use crate::store::{AuditEntry, ListQuery, Registered, Store};
use crate::texts::{negotiate, Texts};
use crate::{limits, spool, static_files, texts, Config};
use anyqtama_bundle::crypto::{P256Verifier, Sha256};
use anyqtama_bundle::encoding::hex;
use anyqtama_bundle::{Digest, Options, VerifyReport};
use anyqtama_core::{Lang, Regulation};
use anyqtama_i18n::mini::Arg;
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Request, State as Extract};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

/// What the handlers share.
#[derive(Clone)]
pub struct State(Arc<Inner>);

struct Inner {
    config: Config,
    store: Box<dyn Store>,
    texts: [Texts; 3],
    admission: limits::Admission,
    rate: limits::RateLimiter,
}

impl State {
    pub fn new(config: Config, store: Box<dyn Store>) -> State {
        let texts = [Texts::new(Lang::Kk), Texts::new(Lang::Ru), Texts::new(Lang::En)];
        let admission = limits::Admission::new(&config.limits);
        let rate = limits::RateLimiter::new(&config.limits);
        State(Arc::new(Inner { config, store, texts, admission, rate }))
    }

    fn texts(&self, headers: &HeaderMap) -> &Texts {
        self.texts_for(negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())))
    }

    fn texts_for(&self, lang: Lang) -> &Texts {
        match lang {
            Lang::Kk => &self.0.texts[0],
            Lang::Ru => &self.0.texts[1],
            Lang::En => &self.0.texts[2],
        }
    }
}

pub fn router(state: State) -> Router {
    Router::new()
        // The body limit is ours (`spool`), checked before and while the body is read.
        .route("/api/bundles", post(post_bundle).layer(DefaultBodyLimit::disable()).get(list_bundles))
        .route("/api/bundles/{id}", get(get_receipt))
        .route("/api/bundles/{id}/zip", get(get_zip))
        .route("/api/receipts/{number}", get(get_status))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), cors))
        .layer(middleware::from_fn(log))
        .with_state(state)
}

/// A JSON error: `{error, message, …}`.
fn error(status: StatusCode, code: &str, message: String, extra: Value) -> Response {
    let mut body = json!({"error": code, "message": message});
    if let (Value::Object(b), Value::Object(e)) = (&mut body, extra) {
        b.extend(e);
    }
    (status, Json(body)).into_response()
}

fn internal(t: &Texts, e: impl std::fmt::Display) -> Response {
    eprintln!("anyqtama serve: error: {e}");
    error(StatusCode::INTERNAL_SERVER_ERROR, "internal", t.server("server-internal", &[]), json!({}))
}

/// Runs `f` on the blocking pool (verification is CPU-bound, SQLite blocks).
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    tokio::task::spawn_blocking(f).await.map_err(|e| e.to_string())
}

fn receipt_response(status: StatusCode, receipt: &Receipt) -> Response {
    let mut r = (status, Json(receipt)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/receipts/{}", receipt.registration_number)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let Some(v) = headers.get("idempotency-key") else { return Ok(None) };
    let s = v.to_str().map_err(|_| ())?;
    let ok =
        !s.is_empty() && s.len() <= limits::MAX_IDEMPOTENCY_KEY && s.bytes().all(|c| c.is_ascii_graphic());
    if ok {
        Ok(Some(s.to_string()))
    } else {
        Err(())
    }
}

/// A refusal the client may try again after `wait`: `Retry-After` in whole seconds, and the
/// connection closed (the body may not have been read).
fn try_later(status: StatusCode, code: &str, t: &Texts, id: &str, wait: std::time::Duration) -> Response {
    let secs = limits::retry_after_secs(wait);
    let message = t.server(id, &[("seconds", Arg::Num(secs as i64))]);
    let mut r = error(status, code, message, json!({"retry_after": secs}));
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
    r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

async fn post_bundle(Extract(state): Extract<State>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let headers = parts.headers;
    let t = state.texts(&headers);
    let config = &state.0.config;
    // The rate limit first: a client past it costs nothing more.
    if let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() {
        if let Err(wait) = state.0.rate.check(peer.ip(), std::time::Instant::now()) {
            return try_later(StatusCode::TOO_MANY_REQUESTS, "rate_limited", t, "server-rate-limited", wait);
        }
    }
    let limit = config.max_body_bytes;
    let too_large = || {
        let msg = t.server("server-too-large", &[("limit", Arg::Num(limit as i64))]);
        let mut r = error(StatusCode::PAYLOAD_TOO_LARGE, "too_large", msg, json!({"limit": limit}));
        r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        r
    };
    // What the headers say is checked before a byte of the body is read.
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    let is_zip = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/zip"));
    if !is_zip {
        let msg = t.server("server-content-type", &[]);
        return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "content_type", msg, json!({}));
    }
    let Ok(key) = idempotency_key(&headers) else {
        let msg = t.server("server-idempotency-key", &[]);
        return error(StatusCode::BAD_REQUEST, "idempotency_key", msg, json!({}));
    };
    let busy = || {
        let wait = config.limits.busy_retry_after;
        try_later(StatusCode::SERVICE_UNAVAILABLE, "busy", t, "server-busy", wait)
    };
    let Ok(mut ticket) = state.0.admission.admit(declared.unwrap_or(0)) else { return busy() };
    let spooled = match spool::spool(body, &config.limits, limit as u64, &mut ticket).await {
        Ok(s) => s,
        Err(spool::Error::TooLarge) => return too_large(),
        Err(spool::Error::Busy) => return busy(),
        Err(spool::Error::Slow) => {
            let mut r =
                error(StatusCode::REQUEST_TIMEOUT, "timeout", t.server("server-timeout", &[]), json!({}));
            r.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
            return r;
        }
        Err(spool::Error::Broken(_)) => {
            return error(
                StatusCode::BAD_REQUEST,
                "bad_request",
                t.server("server-content-type", &[]),
                json!({}),
            )
        }
        Err(spool::Error::Io(e)) => return internal(t, e),
    };
    // A turn to verify: at most `max_verifying` bundles are mapped and checked at once.
    let _turn = state.0.admission.verify_turn().await;
    let lang = t.lang();
    let s = state.clone();
    let outcome = blocking(move || match spool::Mapped::new(&spooled) {
        Ok(bytes) => intake(&s, &bytes, key.as_deref()),
        Err(e) => Outcome::Failed(e.to_string()),
    })
    .await;
    drop(ticket);
    let t = state.texts_for(lang);
    match outcome {
        Err(e) | Ok(Outcome::Failed(e)) => internal(t, e),
        Ok(Outcome::Refused(report)) => refusal(t, &state.0.config.regulation, &report),
        Ok(Outcome::EdsRefused(r)) => {
            let (status, code) = match &r {
                EdsRefusal::Invalid(code) => (StatusCode::BAD_REQUEST, *code),
                EdsRefusal::IinMismatch => (StatusCode::UNPROCESSABLE_ENTITY, "eds-iin-mismatch"),
            };
            error(status, code, t.localizer.text(code), json!({}))
        }
        Ok(Outcome::Registered(r)) => match *r {
            Registered::Created(receipt) => receipt_response(StatusCode::CREATED, &receipt),
            Registered::Existing(receipt) => {
                let mut r = receipt_response(StatusCode::OK, &receipt);
                r.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
                r
            }
            Registered::KeyConflict => error(
                StatusCode::CONFLICT,
                "idempotency_conflict",
                t.server("server-idempotency-conflict", &[]),
                json!({}),
            ),
            Registered::IdConflict => {
                error(StatusCode::CONFLICT, "id_conflict", t.server("server-id-conflict", &[]), json!({}))
            }
        },
    }
}

enum Outcome {
    Registered(Box<Registered>),
    /// The electronic signature: 400 with its code, or 422 for an IIN other than the
    /// application's.
    EdsRefused(EdsRefusal),
    Refused(Box<VerifyReport>),
    Failed(String),
}

/// Verifies and registers one bundle (on the blocking pool).
fn intake(state: &State, bytes: &[u8], key: Option<&str>) -> Outcome {
    let config = &state.0.config;
    let store = &state.0.store;
    let sha256 = hex(&Sha256.sha256(bytes));
    // A key seen before is answered from the store, without verifying again.
    if let Some(k) = key {
        match store.by_key(k) {
            Ok(Some((receipt, sha))) if sha == sha256 => {
                return Outcome::Registered(Box::new(Registered::Existing(receipt)))
            }
            Ok(Some(_)) => return Outcome::Registered(Box::new(Registered::KeyConflict)),
            Ok(None) => {}
            Err(e) => return Outcome::Failed(e.to_string()),
        }
    }
    let now = config.clock.now_unix();
    let offset = config.regulation.rules.latest().map_or(300, |r| r.working_hours.utc_offset_minutes);
    let Some((today, _)) = anyqtama_core::date::local_date_time(now, offset) else {
        return Outcome::Failed(format!("the clock says {now}"));
    };
    let options = Options { today, regulation: &config.regulation, limits: limits::zip_limits() };
    let report = anyqtama_bundle::verify(bytes, &options, &Sha256, &P256Verifier);
    if !report.is_valid() {
        return Outcome::Refused(Box::new(report));
    }
    let (Some(id), Some(checked)) = (report.id.clone(), report.report.as_ref()) else {
        return Outcome::Failed("a valid bundle without id or report".into());
    };
    let signer = match eds_signer(config, bytes, now, report.application.as_ref()) {
        Ok(signer) => signer,
        Err(refused) => return Outcome::EdsRefused(refused),
    };
    let status_token = match access::random_token() {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let draft = Draft {
        id: id.to_ascii_lowercase(),
        status_token,
        received_at_unix: now,
        kind: checked.kind.clone().unwrap_or_default(),
        rules_version: checked.rules_version.clone().unwrap_or_default(),
        sha256,
        size: bytes.len() as u64,
        signer,
    };
    match store.register(&draft, key, bytes, &config.regulation) {
        Ok(r) => Outcome::Registered(Box::new(r)),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Why a bundle's electronic signature is refused.
enum EdsRefusal {
    /// Missing (when required: `eds-missing`), unreadable or invalid: the first error's code.
    Invalid(&'static str),
    /// The signer's IIN is not the application's.
    IinMismatch,
}

/// The bundle's electronic signature (`signature.p7s`), verified against the configured trust
/// anchors and CRLs at the server's time: its signer for the receipt, `None` when the bundle
/// has none and none is required.
fn eds_signer(
    config: &Config,
    bytes: &[u8],
    now: i64,
    application: Option<&anyqtama_core::Application>,
) -> Result<Option<Box<Signer>>, EdsRefusal> {
    let opts = anyqtama_eds::Options { now: u64::try_from(now).unwrap_or(0), ..config.eds.clone() };
    let report = match anyqtama_bundle::eds::verify(bytes, &limits::zip_limits(), &opts) {
        None if config.require_eds => return Err(EdsRefusal::Invalid("eds-missing")),
        None => return Ok(None),
        Some(Err(e)) => return Err(EdsRefusal::Invalid(e.code.code())),
        Some(Ok(report)) => report,
    };
    let Some(first) = report.signers.iter().find(|s| !s.valid) else {
        let s = &report.signers[0];
        let Some(summary) = s.summary.clone() else {
            return Err(EdsRefusal::Invalid("eds-signer-certificate-missing"));
        };
        // The rule `anyqtama check` and `verify` apply too.
        if application.and_then(|a| anyqtama_bundle::eds::iin_mismatch(&report, a)).is_some() {
            return Err(EdsRefusal::IinMismatch);
        }
        return Ok(Some(Box::new(Signer {
            iin: summary.iin,
            bin: summary.bin,
            name: summary.name,
            certificate_serial: summary.certificate_serial,
            algorithm: s.algorithm.map(|a| a.name()).unwrap_or_default().to_string(),
        })));
    };
    Err(EdsRefusal::Invalid(first.errors.first().map_or("eds-signature-invalid", |c| c.code())))
}

/// 400 for a damaged or changed bundle (every reason), 422 when the only reason is the check's
/// blockers (with the findings).
fn refusal(t: &Texts, regulation: &Regulation, r: &VerifyReport) -> Response {
    let errors = texts::errors_json(&t.localizer, r);
    let report = texts::report_json(&t.localizer, regulation, r);
    let blocked_only = r.readable && r.errors.iter().all(|p| p.code == "check.blockers");
    let extra = json!({"id": r.id, "errors": errors, "report": report});
    if blocked_only {
        let n = r.report.as_ref().map_or(0, |rep| rep.blockers as i64);
        let msg = t.server("server-blocked", &[("count", Arg::Num(n))]);
        error(StatusCode::UNPROCESSABLE_ENTITY, "blocked", msg, extra)
    } else {
        let msg = t.server("server-invalid", &[("count", Arg::Num(r.errors.len() as i64))]);
        error(StatusCode::BAD_REQUEST, "invalid", msg, extra)
    }
}

fn not_found(t: &Texts) -> Response {
    error(StatusCode::NOT_FOUND, "not_found", t.server("server-not-found", &[]), json!({}))
}

/// 401 with `WWW-Authenticate: Bearer`.
fn unauthorized(t: &Texts, id: &str) -> Response {
    let mut r = error(StatusCode::UNAUTHORIZED, "unauthorized", t.server(id, &[]), json!({}));
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    r
}

/// The officer whose token the request carries, or the refusal: 401 without a valid token,
/// 403 for a revoked one. Checked before anything about the request's bundle is looked up.
async fn officer(state: &State, headers: &HeaderMap) -> Result<String, Response> {
    let t = state.texts(headers);
    let token = access::bearer(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()));
    let Some(token) = token.map(str::to_string) else { return Err(unauthorized(t, "server-unauthorized")) };
    let s = state.clone();
    match blocking(move || s.0.store.officers().map(|o| access::check(&o, Some(&token)))).await {
        Ok(Ok(Access::Officer(name))) => Ok(name),
        Ok(Ok(Access::Revoked)) => {
            Err(error(StatusCode::FORBIDDEN, "revoked", t.server("server-revoked", &[]), json!({})))
        }
        Ok(Ok(Access::Unauthenticated)) => Err(unauthorized(t, "server-unauthorized")),
        Ok(Err(e)) => Err(internal(t, e)),
        Err(e) => Err(internal(t, e)),
    }
}

/// The audit row of an officer's read: now, from the peer's address.
fn audit_entry(state: &State, ext: &Extensions, officer: String, action: &str, target: String) -> AuditEntry {
    let peer = ext
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "-".to_string(), |c| c.0.ip().to_string());
    let at = crate::clock::rfc3339_utc(state.0.config.clock.now_unix());
    AuditEntry { at, officer, action: action.to_string(), target, peer }
}

/// A receipt as officers see it: without the applicant's status token.
fn officer_view(mut r: Receipt) -> Receipt {
    r.status_token.clear();
    r
}

/// A stored bundle's receipt, or its bytes, for an officer; the read is recorded before a
/// byte is sent (a read that cannot be recorded is not answered).
async fn lookup(state: State, headers: HeaderMap, ext: Extensions, id: String, zip: bool) -> Response {
    let who = match officer(&state, &headers).await {
        Ok(who) => who,
        Err(r) => return r,
    };
    let t = state.texts(&headers);
    let id = id.to_ascii_lowercase();
    if !anyqtama_bundle::build::is_uuid(&id) {
        return not_found(t);
    }
    let action = if zip { "bundle.zip" } else { "bundle.receipt" };
    let entry = audit_entry(&state, &ext, who, action, id.clone());
    let s = state.clone();
    let found = blocking(move || {
        let store = &s.0.store;
        let found = if zip {
            store.bytes(&id)?.map(|b| (Body::from(b), "application/zip"))
        } else {
            store.receipt(&id)?.map(|r| {
                (Body::from(serde_json::to_vec(&officer_view(r)).unwrap_or_default()), "application/json")
            })
        };
        if found.is_some() {
            store.audit(&entry)?;
        }
        Ok::<_, crate::store::Error>(found)
    })
    .await;
    match found {
        Ok(Ok(Some((body, media_type)))) => ([(header::CONTENT_TYPE, media_type)], body).into_response(),
        Ok(Ok(None)) => not_found(t),
        Ok(Err(e)) => internal(t, e),
        Err(e) => internal(t, e),
    }
}

async fn get_receipt(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    ext: Extensions,
    Path(id): Path<String>,
) -> Response {
    lookup(state, headers, ext, id, false).await
}

async fn get_zip(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    ext: Extensions,
    Path(id): Path<String>,
) -> Response {
    lookup(state, headers, ext, id, true).await
}

/// The most rows a page of `GET /api/bundles` has, and how many without `limit`.
pub const MAX_PAGE: u32 = 500;
pub const DEFAULT_PAGE: u32 = 100;

/// `from`, `to` (YYYY-MM-DD, registration dates, inclusive), `status`, `after` (the last
/// registration number of the previous page), `limit` (1 to [`MAX_PAGE`]).
pub fn list_query(query: Option<&str>) -> Result<ListQuery, String> {
    let mut q = ListQuery { limit: DEFAULT_PAGE, ..ListQuery::default() };
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let date = |v: &str| anyqtama_core::Date::parse(v).map_err(|_| k.to_string());
        match k {
            "from" => q.from = Some(date(v)?),
            "to" => q.to = Some(date(v)?),
            "status" if v == crate::store::REGISTERED => q.status = Some(v.to_string()),
            "after" if v.len() <= 32 && v.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') => {
                q.after = Some(v.to_string())
            }
            "limit" => {
                q.limit =
                    v.parse().ok().filter(|n| (1..=MAX_PAGE).contains(n)).ok_or_else(|| k.to_string())?
            }
            _ => return Err(k.to_string()),
        }
    }
    Ok(q)
}

/// `GET /api/bundles?…`: a page of registered bundles for an officer — each receipt (with its
/// expected decision date) and status — and `next`, the `after` of the next page (null at the
/// end).
async fn list_bundles(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    ext: Extensions,
    request: Request,
) -> Response {
    let who = match officer(&state, &headers).await {
        Ok(who) => who,
        Err(r) => return r,
    };
    let t = state.texts(&headers);
    let raw = request.uri().query().map(str::to_string);
    let query = match list_query(raw.as_deref()) {
        Ok(q) => q,
        Err(param) => {
            let msg = t.server("server-bad-query", &[("name", Arg::Str(&param))]);
            return error(StatusCode::BAD_REQUEST, "bad_query", msg, json!({"parameter": param}));
        }
    };
    let entry = audit_entry(&state, &ext, who, "bundles.list", raw.unwrap_or_default());
    let s = state.clone();
    let limit = query.limit as usize;
    let listed = blocking(move || {
        let rows = s.0.store.list(&query)?;
        s.0.store.audit(&entry)?;
        Ok::<_, crate::store::Error>(rows)
    })
    .await;
    match listed {
        Ok(Ok(rows)) => {
            let next =
                (rows.len() == limit).then(|| rows.last().map(|r| r.receipt.registration_number.clone()));
            let bundles: Vec<Value> = rows
                .into_iter()
                .map(|row| {
                    let mut v = serde_json::to_value(officer_view(row.receipt)).unwrap_or_default();
                    v["status"] = Value::String(row.status);
                    v
                })
                .collect();
            Json(json!({"bundles": bundles, "next": next.flatten()})).into_response()
        }
        Ok(Err(e)) => internal(t, e),
        Err(e) => internal(t, e),
    }
}

/// `GET /api/receipts/{registration_number}` with the receipt's status token as
/// `Authorization: Bearer`: that receipt, never the documents. 401 for no token, another
/// receipt's token or an unknown number alike.
async fn get_status(
    Extract(state): Extract<State>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let t = state.texts(&headers);
    let token = access::bearer(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()));
    let Some(token) = token.map(str::to_string) else { return unauthorized(t, "server-status-token") };
    if number.len() > 32 {
        return unauthorized(t, "server-status-token");
    }
    let s = state.clone();
    match blocking(move || s.0.store.receipt_by_number(&number)).await {
        Ok(Ok(Some(r)))
            if !r.status_token.is_empty()
                && access::constant_time_eq(r.status_token.as_bytes(), token.as_bytes()) =>
        {
            Json(r).into_response()
        }
        Ok(Ok(_)) => unauthorized(t, "server-status-token"),
        Ok(Err(e)) => internal(t, e),
        Err(e) => internal(t, e),
    }
}

/// The widget, for `GET` and `HEAD` outside `/api/`.
async fn fallback(Extract(state): Extract<State>, request: Request) -> Response {
    let t = state.texts(request.headers());
    let path = request.uri().path().to_string();
    let head = request.method() == Method::HEAD;
    if request.method() != Method::GET && !head {
        let mut r =
            error(StatusCode::METHOD_NOT_ALLOWED, "method", t.server("server-method", &[]), json!({}));
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    match (&state.0.config.dist, path.starts_with("/api/")) {
        (Some(dist), false) => static_files::serve(dist, &path, head).await,
        _ => not_found(t),
    }
}

/// CORS for the configured origins only (`--allow-origin`); without any, the API is for its
/// own origin (the widget served from `dist/`), and a browser elsewhere is refused by default.
async fn cors(Extract(state): Extract<State>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let allowed = origin
        .as_ref()
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| state.0.config.allow_origins.iter().any(|a| a == "*" || a.eq_ignore_ascii_case(o)));
    let origin = origin.filter(|_| allowed);
    if let Some(origin) = origin {
        let preflight = request.method() == Method::OPTIONS
            && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        let mut r = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(request).await };
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
        if preflight {
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST"));
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type, idempotency-key, accept-language, authorization"),
            );
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        } else {
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("location, idempotent-replayed, retry-after"),
            );
        }
        return r;
    }
    next.run(request).await
}

/// One line a request on stderr: peer, method, path, status, bytes in, milliseconds.
async fn log(request: Request, next: Next) -> Response {
    let start = std::time::Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "-".to_string(), |c| c.0.ip().to_string());
    let size = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let response = next.run(request).await;
    eprintln!(
        "{peer} {method} {path} {} in={size} {:.1}ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}
