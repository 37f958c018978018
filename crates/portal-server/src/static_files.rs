//! The SPA's files, as Trunk built them into `--static-dir`.
//!
//! - The browser gets the `.br` or `.gz` sibling when it accepts one
//!   (`Vary: Accept-Encoding`).
//! - Fingerprinted files (`company-portal-3f9c0a1b2c3d4e5f.js`,
//!   `company-portal-3f9c0a1b2c3d4e5f_bg.wasm`) never change, so browsers
//!   keep them for a year; everything else, `index.html` first, is revalidated.
//! - A path without a file extension that is not a file is a page of the SPA
//!   (`/devices`, `/help`) and gets `index.html`; a missing path with an
//!   extension is a plain 404.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// Trunk's hashes are a u64 in hex without leading zeros, so usually 16
/// digits, occasionally fewer; 12 keeps ordinary names like `inter-400.woff2`
/// out while catching all but one in 65,536 of Trunk's.
const MIN_FINGERPRINT_DIGITS: usize = 12;

/// The file services for `--static-dir`.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    files: ServeDir,
    index: ServeFile,
}

impl StaticFiles {
    pub fn new(static_dir: &Path) -> Self {
        Self {
            files: ServeDir::new(static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(true),
            index: ServeFile::new(static_dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        }
    }
}

/// The router's fallback: every path that is not an API route.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    // Kept to ask for index.html if the path turns out to be an SPA page.
    let page_request = (is_read && !has_file_extension(&path)).then(|| {
        let mut page = Request::new(Body::empty());
        *page.method_mut() = request.method().clone();
        *page.headers_mut() = request.headers().clone();
        page
    });

    let Ok(response) = state.static_files.files.clone().oneshot(request).await;
    let mut response = response.map(Body::new);
    let mut cache_control = if is_fingerprinted(last_segment(&path)) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    if response.status() == StatusCode::NOT_FOUND {
        cache_control = REVALIDATE;
        if let Some(page) = page_request {
            let Ok(index) = state.static_files.index.clone().oneshot(page).await;
            response = index.map(Body::new);
        }
    }
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, REVALIDATE)]).into_response();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether the path's last segment has an extension (`app.js`, not
/// `devices` or `.well-known`).
pub fn has_file_extension(path: &str) -> bool {
    last_segment(path)
        .rfind('.')
        .is_some_and(|dot| dot > 0 && dot + 1 < last_segment(path).len())
}

/// Whether a file name carries Trunk's content hash right before its
/// extension: `name-<hex>.ext`, or `name-<hex>_bg.wasm` for the WebAssembly.
pub fn is_fingerprinted(file_name: &str) -> bool {
    let Some((stem, extension)) = file_name.rsplit_once('.') else {
        return false;
    };
    if extension.is_empty() {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && hash.len() >= MIN_FINGERPRINT_DIGITS
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_trunks_fingerprinted_names() {
        assert!(is_fingerprinted("company-portal-3f9c0a1b2c3d4e5f.js"));
        assert!(is_fingerprinted("company-portal-3f9c0a1b2c3d4e5f_bg.wasm"));
        assert!(is_fingerprinted("main-0123456789abcdef.css"));
        // Trunk drops leading zeros from its hash.
        assert!(is_fingerprinted("main-123456789abcdef.css"));
    }

    #[test]
    fn ordinary_names_are_not_fingerprinted() {
        assert!(!is_fingerprinted("index.html"));
        assert!(!is_fingerprinted("favicon.ico"));
        assert!(!is_fingerprinted("inter-400.woff2"));
        assert!(!is_fingerprinted("company-portal.js"));
        assert!(!is_fingerprinted("-3f9c0a1b2c3d4e5f.js"));
        assert!(!is_fingerprinted("company-portal-3f9c0a1b2c3d4e5g.js"));
        assert!(!is_fingerprinted("company-portal-3f9c0a1b2c3d4e5f"));
        assert!(!is_fingerprinted("manifest-3f9c0a1b2c3d4e5f."));
    }

    #[test]
    fn spa_pages_have_no_extension() {
        assert!(!has_file_extension("/"));
        assert!(!has_file_extension("/devices"));
        assert!(!has_file_extension("/devices/abc-123"));
        assert!(!has_file_extension("/.well-known"));
        assert!(has_file_extension("/company-portal-3f9c0a1b2c3d4e5f.js"));
        assert!(has_file_extension("/assets/logo.svg"));
    }
}
