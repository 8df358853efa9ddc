//! The built widget (`dist/`): files with their media type (`application/wasm`, so browsers
//! compile while downloading), `index.html` for `/`, a folder's own `index.html` (the example
//! portal at `/examples/portal/`), and `index.html` for other paths without an extension (the
//! widget's own routes), and the same strict Content-Security-Policy as
//! `scripts/serve-dist.mjs`, which the end-to-end tests use.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use std::path::{Path, PathBuf};

/// The policy every file is served with: nothing inline, no eval (WebAssembly compilation only),
/// nothing from other origins but NCALayer's WebSocket on the applicant's own computer (for the
/// electronic signature, docs/EMBEDDING.md). A page's own inline script and style are added by
/// [`page_policy`]. Equal to `CSP` in `scripts/serve-dist.mjs`.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self'; connect-src 'self' wss://127.0.0.1:13579; manifest-src 'self'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// The policy of a page: [`CSP`], with the hash of each inline `<script>` (one without `src`) in
/// `script-src` and of each `<style>` in `style-src`. The standalone `index.html` carries two, put
/// there by `scripts/bundle-start.mjs`: the line that starts compiling the wasm, and the style
/// sheet. Computed from the file served, so that the policy allows exactly what that file carries
/// and nothing else; `policyFor` in `scripts/serve-dist.mjs` does the same.
pub fn page_policy(html: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = |text: &str| {
        format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text)))
    };
    let (mut scripts, mut styles) = (String::new(), String::new());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let element = ["script", "style"].into_iter().find(|name| {
            rest[1..].starts_with(name)
                && rest[1 + name.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
        });
        let Some(name) = element else {
            rest = &rest[1..];
            continue;
        };
        let close = format!("</{name}>");
        let (Some(open_end), Some(end)) = (rest.find('>'), rest.find(&close)) else { break };
        if open_end < end {
            let (tag, text) = (&rest[..open_end], &rest[open_end + 1..end]);
            if name == "style" {
                styles.push_str(&hash(text));
            } else if !tag.split_ascii_whitespace().any(|attribute| attribute.starts_with("src=")) {
                scripts.push_str(&hash(text));
            }
        }
        rest = &rest[end + close.len()..];
    }
    CSP.replace(
        "script-src 'self' 'wasm-unsafe-eval'",
        &format!("script-src 'self' 'wasm-unsafe-eval'{scripts}"),
    )
    .replace("style-src 'self'", &format!("style-src 'self'{styles}"))
}

/// The media type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        // The texts the widget fetches when the applicant switches language (locales/ru.ftl).
        "txt" | "ftl" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%XX` decoded; `None` for bad escapes or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file under `root` a URL path names, refusing anything that could leave `root`
/// (`..`, `.`, backslashes, NUL, colons).
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = root.to_path_buf();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." || part.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

async fn file(path: &Path) -> Option<Vec<u8>> {
    match tokio::fs::metadata(path).await {
        Ok(m) if m.is_file() => tokio::fs::read(path).await.ok(),
        _ => None,
    }
}

/// The response to `GET`/`HEAD` of `url_path` from `root`.
pub async fn serve(root: &Path, url_path: &str, head: bool) -> Response<Body> {
    let Some(mut path) = resolve(root, url_path) else {
        return plain(StatusCode::FORBIDDEN, "forbidden\n");
    };
    // A folder with an index.html of its own (the example portal, /examples/portal/).
    if tokio::fs::metadata(&path).await.is_ok_and(|m| m.is_dir()) {
        path.push("index.html");
    }
    let mut bytes = file(&path).await;
    let routable = url_path.ends_with('/') || Path::new(url_path).extension().is_none();
    if bytes.is_none() && routable {
        path = root.join("index.html");
        bytes = file(&path).await;
    }
    let Some(bytes) = bytes else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let len = bytes.len();
    // (Only a page is read as text: not the wasm, on every request.)
    let page = path.extension().is_some_and(|e| e == "html").then(|| std::str::from_utf8(&bytes).ok());
    let policy = page.flatten().and_then(|html| HeaderValue::from_str(&page_policy(html)).ok());
    let mut r = Response::new(if head { Body::empty() } else { Body::from(bytes) });
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
    h.insert(header::CONTENT_SECURITY_POLICY, policy.unwrap_or_else(|| HeaderValue::from_static(CSP)));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    // Always asked again (a 304 when unchanged): index.html and sw.js must be, or a browser would
    // not find a new version of the widget (docs/OFFLINE.md); offline, the service worker answers.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_equals_the_node_servers() {
        let js = include_str!("../../../scripts/serve-dist.mjs");
        let start = js.find("export const CSP = [").expect("CSP in serve-dist.mjs");
        let end = start + js[start..].find("].join").expect("the end of the CSP");
        let parts: Vec<&str> = js[start..end]
            .lines()
            .skip(1)
            .map(|l| l.trim().trim_end_matches(',').trim_matches('"'))
            .collect();
        assert_eq!(parts.join("; "), CSP);
    }

    /// The hashes are those browsers compute (here from `openssl dgst -sha256 -binary | base64`;
    /// the first is the standalone page's compile line, which Chromium runs under this policy in
    /// tests/e2e/smoke.mjs), in the order of the page; a script with `src`, text in a comment and
    /// an element that only starts with "script" or "style" add none.
    #[test]
    fn a_pages_policy_adds_the_hash_of_each_inline_script_and_style() {
        let compile = "self.anyqtamaWasm=WebAssembly.compileStreaming(fetch(document.currentScript.dataset.compile)).catch(()=>null)";
        let html = format!(
            "<!doctype html><head><!-- <script>not()</script> --><style>p{{color:red}}</style>\
             <script type=\"module\" async src=\"/start.js\"></script><scripts></scripts><stylex>\
             <script data-compile=\"/a.wasm\">{compile}</script></head><body><script>self.x=1</script></body>"
        );
        let policy = page_policy(&html);
        assert_eq!(
            policy,
            CSP.replace(
                "script-src 'self' 'wasm-unsafe-eval'",
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-wXkwYILVF7cY/EgCR12uN1EipJdEjDNGhoGh/OJYYUs=' \
                 'sha256-OeQ5f9lOMes7jOc0cGCXX08CnAERweUkLpVXXpflaLg='"
            )
            .replace(
                "style-src 'self'",
                "style-src 'self' 'sha256-p0bF+un5yUb9MBO6xRb8kPHlY2BdpHVtLiFkDrZPF64='"
            )
        );
        // Two style sheets, in order (hashes from Node's crypto, scripts/serve-dist.mjs's policyFor).
        assert!(page_policy("<style>a</style><style >b</style><script\nsrc=x></script>").contains(
            "style-src 'self' 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=' \
             'sha256-PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0=';"
        ));
        // Nothing inline: the policy of every file; an unclosed element adds nothing.
        assert_eq!(
            page_policy("<title>portal</title><script type=\"module\" src=\"portal.js\"></script>"),
            CSP
        );
        assert_eq!(page_policy("<style>p{}"), CSP);
        assert!(
            !CSP.contains("sha256-") && !CSP.contains("'unsafe-inline'") && !CSP.contains("'unsafe-eval'")
        );
    }

    #[test]
    fn resolves_inside_the_root_only() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/a/b.js"), Some(root.join("a/b.js")));
        assert_eq!(resolve(root, "/%D0%B0.txt"), Some(root.join("а.txt")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/a%5c..%5cb"), None);
        assert_eq!(resolve(root, "/%zz"), None);
        assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
    }
}
