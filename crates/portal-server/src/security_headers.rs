//! Security headers on every response: API, static files and errors alike.
//!
//! The Content-Security-Policy allows scripts only from the portal itself,
//! WebAssembly compilation (`'wasm-unsafe-eval'`), and, by SHA-256 hash, the
//! inline `<script>`s found in `index.html` at start-up (Trunk injects an
//! inline module loader). So `'unsafe-inline'` is never needed.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::AppState;

const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=()";
const HSTS: &str = "max-age=31536000";

/// The headers added to every response, computed once at start-up.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    content_security_policy: HeaderValue,
    strict_transport_security: bool,
}

impl SecurityHeaders {
    /// Reads `<static_dir>/index.html` for its inline scripts. Without one,
    /// the policy simply allows no inline script.
    pub fn for_static_dir(static_dir: &Path, https: bool) -> Self {
        let index = static_dir.join("index.html");
        let hashes = match std::fs::read_to_string(&index) {
            Ok(html) => inline_script_hashes(&html),
            Err(error) => {
                tracing::warn!(
                    path = %index.display(),
                    %error,
                    "cannot read index.html; the Content-Security-Policy allows no inline script"
                );
                Vec::new()
            }
        };
        Self::new(&hashes, https)
    }

    /// `script_hashes` are CSP source expressions like `'sha256-…'`.
    pub fn new(script_hashes: &[String], https: bool) -> Self {
        let policy = content_security_policy(script_hashes);
        let content_security_policy = HeaderValue::from_str(&policy)
            .unwrap_or_else(|_| HeaderValue::from_static(CSP_WITHOUT_INLINE_SCRIPTS));
        Self {
            content_security_policy,
            strict_transport_security: https,
        }
    }

    pub fn content_security_policy(&self) -> &HeaderValue {
        &self.content_security_policy
    }
}

/// Middleware: sets the headers on every response.
pub async fn add_security_headers(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let settings = &state.security_headers;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        settings.content_security_policy.clone(),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // No address of the portal (some hold single-use tokens) goes to
    // another site. Not `no-referrer`: under it, browsers send `Origin: null`
    // with a form's POST, and the sign-in form is checked by its `Origin`.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if settings.strict_transport_security {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

const CSP_WITHOUT_INLINE_SCRIPTS: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The policy, with `script_hashes` added to `script-src`.
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// `'sha256-<base64>'` of the text of every inline `<script>` (one without a
/// `src` attribute) in `html`, in document order, without duplicates.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes: Vec<String> = Vec::new();
    for script in inline_scripts(html) {
        let hash = format!(
            "'sha256-{}'",
            STANDARD.encode(Sha256::digest(script.as_bytes()))
        );
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    hashes
}

/// The exact text between `<script …>` and `</script>` of each script
/// without `src`. Browsers hash exactly this text, whitespace included.
fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lower-casing keeps byte offsets, so positions found in `lower`
    // index `html` too.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let tag_start = from + found;
        let after_name = tag_start + "<script".len();
        from = after_name;
        // `<scripts>` or `<script-x>` are other elements.
        match lower.as_bytes().get(after_name) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => {}
            _ => continue,
        }
        let Some(tag_end) = end_of_tag(&lower, after_name) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        let body_start = tag_end + 1;
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        let body_end = body_start + body_len;
        from = body_end;
        if !has_attribute(attributes, "src") {
            let body = &html[body_start..body_end];
            if !body.is_empty() {
                scripts.push(body);
            }
        }
    }
    scripts
}

/// The index of the `>` closing a start tag, skipping quoted attribute values.
fn end_of_tag(html: &str, from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (offset, byte) in html.as_bytes()[from..].iter().enumerate() {
        match (quote, *byte) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(*byte),
            (None, b'>') => return Some(from + offset),
            (None, _) => {}
        }
    }
    None
}

/// Whether a start tag's attribute text names `wanted` (lower-case).
fn has_attribute(attributes: &str, wanted: &str) -> bool {
    let bytes = attributes.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        if &attributes[name_start..i] == wanted {
            return true;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256_source(text: &str) -> String {
        format!(
            "'sha256-{}'",
            STANDARD.encode(Sha256::digest(text.as_bytes()))
        )
    }

    #[test]
    fn hashes_trunks_inline_loader_exactly() {
        let loader = "\nimport init from '/company-portal-3f9c0a1b2c3d4e5f.js';\nconst wasm = await init('/company-portal-3f9c0a1b2c3d4e5f_bg.wasm');\n";
        let html = format!(
            "<!DOCTYPE html><html><head>\
             <link rel=\"modulepreload\" href=\"/company-portal-3f9c0a1b2c3d4e5f.js\">\
             <script type=\"module\">{loader}</script></head><body></body></html>"
        );
        assert_eq!(inline_script_hashes(&html), vec![sha256_source(loader)]);
    }

    #[test]
    fn skips_scripts_with_src_and_other_elements() {
        let html = r#"<script src="/app.js"></script>
            <SCRIPT TYPE="module" SRC='/x.js' defer></SCRIPT>
            <scripts>not a script</scripts>
            <script data-note="a > b">one()</script>
            <script data-src="x">two()</script>
            <script></script>"#;
        assert_eq!(
            inline_script_hashes(html),
            vec![sha256_source("one()"), sha256_source("two()")]
        );
    }

    #[test]
    fn a_page_without_scripts_has_no_hashes() {
        assert!(inline_script_hashes("<html><body>Hi</body></html>").is_empty());
        assert!(inline_script_hashes("<script>unterminated").is_empty());
    }

    #[test]
    fn policy_is_strict_and_lists_the_hashes() {
        let policy = content_security_policy(&["'sha256-abc='".to_owned()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; "));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert_eq!(content_security_policy(&[]), CSP_WITHOUT_INLINE_SCRIPTS);
    }
}
