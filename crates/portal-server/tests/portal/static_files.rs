use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::support::{index_html, Portal, JS, LOADER, MANIFEST, SERVICE_WORKER, WASM};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

async fn get_accepting(portal: &Portal, path: &str, encoding: &str) -> crate::support::Reply {
    portal
        .send(
            Request::get(path)
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .unwrap(),
        )
        .await
}

#[tokio::test]
async fn fingerprinted_assets_are_cached_for_a_year() {
    let portal = Portal::start().await;

    let js = portal.get(&format!("/{JS}")).await;
    assert_eq!(js.status, StatusCode::OK);
    assert_eq!(js.header("cache-control"), IMMUTABLE);
    assert!(js.header("content-type").contains("javascript"));
    assert_eq!(js.header("vary").to_ascii_lowercase(), "accept-encoding");

    let wasm = portal.get(&format!("/{WASM}")).await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header("content-type"), "application/wasm");
    assert_eq!(wasm.header("cache-control"), IMMUTABLE);
    assert_eq!(&wasm.body[..], b"\0asm\x01\0\0\0");
}

#[tokio::test]
async fn index_html_is_always_revalidated() {
    let portal = Portal::start().await;
    // The file itself: the service worker's offline shell, nobody's data.
    let reply = portal.get("/index.html").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-cache");
    assert!(reply.header("content-type").starts_with("text/html"));
    assert_eq!(reply.text(), index_html());
    // The home page is a page of the SPA, with its first paint
    // (tests/portal/first_paint.rs).
    let reply = portal.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-cache");
    assert!(reply.header("content-type").starts_with("text/html"));
    assert!(reply.text().contains(LOADER));
}

#[tokio::test]
async fn browsers_that_accept_brotli_get_the_br_file() {
    let portal = Portal::start().await;

    let js = get_accepting(&portal, &format!("/{JS}"), "gzip, deflate, br").await;
    assert_eq!(js.status, StatusCode::OK);
    assert_eq!(js.header("content-encoding"), "br");
    assert_eq!(&js.body[..], b"brotli js");
    assert!(js.header("content-type").contains("javascript"));
    assert_eq!(js.header("cache-control"), IMMUTABLE);

    let index = get_accepting(&portal, "/index.html", "gzip").await;
    assert_eq!(index.header("content-encoding"), "gzip");
    assert_eq!(&index.body[..], b"gzip index");

    // No .gz beside the wasm: the plain file.
    let wasm = get_accepting(&portal, &format!("/{WASM}"), "gzip").await;
    assert!(wasm.headers.get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn spa_pages_get_index_html_with_their_first_paint() {
    let portal = Portal::start().await;
    for path in ["/devices", "/help", "/devices/abc-123", "/privacy"] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.text().contains(LOADER), "{path}");
        assert!(reply.text().contains("id=\"portal-start\""), "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache");
        assert!(reply.header("content-type").starts_with("text/html"));
    }
    // Made per request, and compressed as it goes.
    let compressed = get_accepting(&portal, "/devices", "br").await;
    assert_eq!(compressed.header("content-encoding"), "br");
    assert_ne!(&compressed.body[..], b"brotli index");
}

#[tokio::test]
async fn without_a_template_pages_get_index_html_as_it_is() {
    let portal = Portal::start().await;
    // An index.html without a <body> to draw into (not Trunk's), read at
    // start-up.
    let plain = "<!DOCTYPE html><html><head><title>Portal</title></head></html>";
    std::fs::write(portal.dir.path().join("dist").join("index.html"), plain).unwrap();
    let restarted = portal.restarted();
    let reply = crate::support::send_to(
        &restarted,
        Request::get("/devices").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.text(), plain);
    assert_eq!(reply.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn a_missing_file_is_a_plain_404() {
    let portal = Portal::start().await;
    for path in [
        "/company-portal-ffffffffffffffff.js",
        "/favicon.ico",
        "/assets/logo.svg",
    ] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_ne!(reply.text(), index_html());
    }
}

#[tokio::test]
async fn the_service_worker_is_javascript_and_always_revalidated() {
    let portal = Portal::start().await;
    let plain = portal.get("/sw.js").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(&plain.body[..], SERVICE_WORKER);
    assert_eq!(
        plain.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(plain.header("cache-control"), "no-cache");

    // Compressed, it is still JavaScript and still revalidated.
    let compressed = get_accepting(&portal, "/sw.js", "br").await;
    assert_eq!(compressed.header("content-encoding"), "br");
    assert_eq!(
        compressed.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(compressed.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn a_missing_service_worker_is_a_404_never_the_spa() {
    let portal = Portal::start().await;
    std::fs::remove_file(portal.dir.path().join("dist").join("sw.js")).unwrap();
    std::fs::remove_file(portal.dir.path().join("dist").join("sw.js.br")).unwrap();
    for encoding in ["identity", "br, gzip"] {
        let reply = get_accepting(&portal, "/sw.js", encoding).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{encoding}");
        assert_ne!(reply.text(), index_html());
        assert!(
            !reply
                .headers
                .get(header::CONTENT_TYPE)
                .is_some_and(|t| t.to_str().unwrap().contains("javascript")),
            "{:?}",
            reply.headers
        );
        assert_eq!(reply.header("cache-control"), "no-cache");
    }
    // The same for the manifest and icons.
    for path in ["/manifest-missing.webmanifest", "/icons/icon-512.png"] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_ne!(reply.text(), index_html(), "{path}");
    }
}

#[tokio::test]
async fn the_web_app_manifest_and_its_icons() {
    let portal = Portal::start().await;
    let manifest = portal.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status, StatusCode::OK);
    assert_eq!(&manifest.body[..], MANIFEST);
    assert_eq!(manifest.header("content-type"), "application/manifest+json");
    assert_eq!(manifest.header("cache-control"), "no-cache");

    let icon = portal.get("/icons/icon-192.png").await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header("content-type"), "image/png");
    assert_eq!(icon.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn the_csp_allows_the_manifest_and_a_same_origin_service_worker() {
    let portal = Portal::start().await;
    for path in ["/", "/devices", "/sw.js", "/manifest.webmanifest"] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let csp = reply.header("content-security-policy");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        for directive in ["manifest-src 'self'", "worker-src 'self'"] {
            assert!(
                directives.contains(&directive),
                "{directive} missing in {csp}"
            );
        }
    }
}

#[tokio::test]
async fn the_csp_allows_exactly_the_inline_loader() {
    let portal = Portal::start().await;
    let loader_hash = format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(LOADER.as_bytes()))
    );

    for path in ["/", "/devices", "/api/health"] {
        let reply = portal.get(path).await;
        let csp = reply.header("content-security-policy");
        let script_src = csp
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with("script-src "))
            .unwrap_or_else(|| panic!("no script-src in {csp}"));
        assert_eq!(
            script_src,
            format!("script-src 'self' 'wasm-unsafe-eval' {loader_hash}"),
            "{path}"
        );
        assert!(!csp.contains("'unsafe-inline'"), "{csp}");
        assert!(!csp.contains("'unsafe-eval'"), "{csp}");
        for directive in [
            "default-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(directive), "{directive} missing in {csp}");
        }
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        assert_eq!(
            reply.header("strict-transport-security"),
            "max-age=31536000"
        );
    }
}
