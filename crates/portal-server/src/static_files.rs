//! The SPA's files, as Trunk built them into `--static-dir`.
//!
//! - The browser gets the `.br` or `.gz` sibling when it accepts one
//!   (`Vary: Accept-Encoding`).
//! - Fingerprinted files (`company-portal-3f9c0a1b2c3d4e5f.js`,
//!   `company-portal-3f9c0a1b2c3d4e5f_bg.wasm`) never change, so browsers
//!   keep them for a year; everything else, `index.html` first, is revalidated.
//! - A path without a file extension that is not a file is a page of the SPA
//!   (`/`, `/devices`, `/help`) and gets `index.html` with its first paint
//!   (`first_paint`; plain `index.html` when there is none); a missing path
//!   with an extension is a plain 404 (so a missing `sw.js` is never
//!   `index.html`, which a browser would refuse to register as a service
//!   worker anyway). `/index.html` itself is the plain file: what the
//!   service worker keeps as the offline shell, with nobody's data in it.
//! - The service worker (`sw.js`) and the web app manifest (`.webmanifest`)
//!   are always revalidated, whatever their names, with their exact types
//!   (`text/javascript`, `application/manifest+json`): a browser must see a
//!   new service worker as soon as it is deployed.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{first_paint, AppState};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The service worker's script, at the root so its scope is the whole portal.
pub const SERVICE_WORKER: &str = "sw.js";
pub const SERVICE_WORKER_CONTENT_TYPE: &str = "text/javascript; charset=utf-8";
pub const MANIFEST_EXTENSION: &str = ".webmanifest";
pub const MANIFEST_CONTENT_TYPE: &str = "application/manifest+json";

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
    let is_page = is_read && !has_file_extension(&path);
    // The home page is a page of the SPA, not the directory's index.html.
    if is_page && path == "/" {
        if let Some(page) = first_paint::page(&state, request.uri(), request.headers()).await {
            return page;
        }
    }
    // Kept to ask for index.html if the path turns out to be an SPA page.
    let page_request = is_page.then(|| {
        let mut page = Request::new(Body::empty());
        *page.method_mut() = request.method().clone();
        *page.uri_mut() = request.uri().clone();
        *page.headers_mut() = request.headers().clone();
        page
    });

    let Ok(response) = state.static_files.files.clone().oneshot(request).await;
    let mut response = response.map(Body::new);
    let file_name = last_segment(&path);
    let content_type = exact_content_type(file_name);
    let mut cache_control = if is_fingerprinted(file_name) && content_type.is_none() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    if response.status() == StatusCode::NOT_FOUND {
        cache_control = REVALIDATE;
        if let Some(page) = page_request {
            if let Some(first_paint) = first_paint::page(&state, page.uri(), page.headers()).await {
                return first_paint;
            }
            let Ok(index) = state.static_files.index.clone().oneshot(page).await;
            response = index.map(Body::new);
        }
    }
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, REVALIDATE)]).into_response();
    }
    let headers = response.headers_mut();
    if let Some(content_type) = content_type {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// The type a file must be served with, where the generic guess by
/// extension is not enough: the service worker and the web app manifest.
/// These are also never cached without revalidation.
pub fn exact_content_type(file_name: &str) -> Option<&'static str> {
    if file_name == SERVICE_WORKER {
        Some(SERVICE_WORKER_CONTENT_TYPE)
    } else if file_name.len() > MANIFEST_EXTENSION.len() && file_name.ends_with(MANIFEST_EXTENSION)
    {
        Some(MANIFEST_CONTENT_TYPE)
    } else {
        None
    }
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
    fn the_service_worker_and_the_manifest_get_their_exact_types() {
        assert_eq!(
            exact_content_type("sw.js"),
            Some(SERVICE_WORKER_CONTENT_TYPE)
        );
        assert_eq!(
            exact_content_type("manifest.webmanifest"),
            Some(MANIFEST_CONTENT_TYPE)
        );
        assert_eq!(
            exact_content_type("manifest-3f9c0a1b2c3d4e5f.webmanifest"),
            Some(MANIFEST_CONTENT_TYPE)
        );
        assert_eq!(exact_content_type(".webmanifest"), None);
        assert_eq!(exact_content_type("app.js"), None);
        assert_eq!(exact_content_type("sw.js.map"), None);
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
