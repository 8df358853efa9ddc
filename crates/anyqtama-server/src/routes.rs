//! HTTP: the routes, and what each answers.
//!
//! `POST /api/bundles` (the raw ZIP, `Content-Type: application/zip`, optional
//! `Idempotency-Key`) → 201 with a [`Receipt`], 200 with the original receipt for a bundle or key
//! seen before, 400 (damaged or changed: problem codes and messages), 422 (intact, but the
//! core's check finds blockers: the findings), 409 (a key or id reused for other bytes), 413,
//! 415. `GET /api/bundles/{id}` → the receipt, `GET /api/bundles/{id}/zip` → the bytes, 404 if
//! unknown. Anything else `GET` is the widget ([`static_files`]). Every request is logged on
//! one line to stderr; CORS only for the configured origins.

use crate::receipt::{Draft, Receipt};
use crate::store::{Registered, Store};
use crate::texts::{negotiate, Texts};
use crate::{limits, static_files, texts, Config};
use anyqtama_bundle::crypto::{P256Verifier, Sha256};
use anyqtama_bundle::encoding::hex;
use anyqtama_bundle::{Digest, Options, VerifyReport};
use anyqtama_core::{Lang, Regulation};
use anyqtama_i18n::mini::Arg;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Request, State as Extract};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::sync::Arc;

/// What the handlers share.
#[derive(Clone)]
pub struct State(Arc<Inner>);

struct Inner {
    config: Config,
    store: Store,
    texts: [Texts; 3],
}

impl State {
    pub fn new(config: Config, store: Store) -> State {
        let texts = [Texts::new(Lang::Kk), Texts::new(Lang::Ru), Texts::new(Lang::En)];
        State(Arc::new(Inner { config, store, texts }))
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
        // The body limit is ours (`read_body`), checked before the body is read.
        .route("/api/bundles", post(post_bundle).layer(DefaultBodyLimit::disable()))
        .route("/api/bundles/{id}", get(get_receipt))
        .route("/api/bundles/{id}/zip", get(get_zip))
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
    if let Ok(v) = HeaderValue::from_str(&format!("/api/bundles/{}", receipt.id)) {
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

/// The body, at most `limit` bytes: a declared `Content-Length` over it is refused before a
/// byte of the body is read; a chunked body when it gets past it.
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, StatusCode> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let source = std::error::Error::source(&e);
        if source.is_some_and(|s| s.is::<http_body_util::LengthLimitError>()) {
            StatusCode::PAYLOAD_TOO_LARGE
        } else {
            StatusCode::BAD_REQUEST
        }
    })
}

async fn post_bundle(Extract(state): Extract<State>, headers: HeaderMap, body: Body) -> Response {
    let t = state.texts(&headers);
    let limit = state.0.config.max_body_bytes;
    let body = match read_body(&headers, body, limit).await {
        Ok(b) => b,
        Err(StatusCode::PAYLOAD_TOO_LARGE) => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                t.server("server-too-large", &[("limit", Arg::Num(limit as i64))]),
                json!({"limit": limit}),
            );
        }
        Err(status) => return error(status, "bad_request", t.server("server-content-type", &[]), json!({})),
    };
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
    let lang = t.lang();
    let s = state.clone();
    let outcome = blocking(move || intake(&s, &body, key.as_deref())).await;
    let t = state.texts_for(lang);
    match outcome {
        Err(e) | Ok(Outcome::Failed(e)) => internal(t, e),
        Ok(Outcome::Refused(report)) => refusal(t, &state.0.config.regulation, &report),
        Ok(Outcome::Registered(r)) => match r {
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
    Registered(Registered),
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
                return Outcome::Registered(Registered::Existing(receipt))
            }
            Ok(Some(_)) => return Outcome::Registered(Registered::KeyConflict),
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
    let draft = Draft {
        id: id.to_ascii_lowercase(),
        received_at_unix: now,
        kind: checked.kind.clone().unwrap_or_default(),
        rules_version: checked.rules_version.clone().unwrap_or_default(),
        sha256,
        size: bytes.len() as u64,
    };
    match store.register(&draft, key, bytes, &config.regulation) {
        Ok(r) => Outcome::Registered(r),
        Err(e) => Outcome::Failed(e.to_string()),
    }
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

/// A stored bundle's receipt, or its bytes.
async fn lookup(state: State, headers: HeaderMap, id: String, zip: bool) -> Response {
    let t = state.texts(&headers);
    let id = id.to_ascii_lowercase();
    if !anyqtama_bundle::build::is_uuid(&id) {
        return not_found(t);
    }
    let s = state.clone();
    let found = blocking(move || {
        if zip {
            s.0.store.bytes(&id).map(|b| b.map(|b| (Body::from(b), "application/zip")))
        } else {
            s.0.store.receipt(&id).map(|r| {
                r.map(|r| (Body::from(serde_json::to_vec(&r).unwrap_or_default()), "application/json"))
            })
        }
    })
    .await;
    match found {
        Ok(Ok(Some((body, media_type)))) => ([(header::CONTENT_TYPE, media_type)], body).into_response(),
        Ok(Ok(None)) => not_found(t),
        Ok(Err(e)) => internal(t, e),
        Err(e) => internal(t, e),
    }
}

async fn get_receipt(Extract(state): Extract<State>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    lookup(state, headers, id, false).await
}

async fn get_zip(Extract(state): Extract<State>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    lookup(state, headers, id, true).await
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
                HeaderValue::from_static("content-type, idempotency-key, accept-language"),
            );
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        } else {
            h.insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("location, idempotent-replayed"),
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
