//! Anti-forgery for the API: a state-changing request (POST, PUT, PATCH,
//! DELETE) is answered only when it visibly comes from the portal's own pages.
//!
//! - It carries the `x-portal-request` header. A cross-site form cannot set
//!   custom headers, and a cross-site `fetch` with one needs a CORS preflight
//!   this server never grants.
//! - `Origin`, when sent, is the portal's own origin.
//! - `Sec-Fetch-Site`, when sent, is `same-origin`.
//! - At least one of `Origin` and `Sec-Fetch-Site` is sent (every browser the
//!   portal supports sends them on such requests).
//!
//! The sign-in form the browser sends itself before the app has started
//! (`POST /sign-in`, `first_paint::posted_sign_in`) cannot carry the header;
//! it is checked by `Origin` and `Sec-Fetch-Site` alone ([`check_same_origin`]).
//!
//! Future MDM check-in endpoints (called by devices, not browsers) live
//! outside `/api` and so outside this check.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_api::routes::ANTI_FORGERY_HEADER;

use crate::config::PublicUrl;
use crate::error::AppError;
use crate::AppState;

const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// Why a state-changing request was refused (logged, not shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    MissingPortalHeader,
    ForeignOrigin,
    NotSameOrigin,
    NoOriginOrFetchMetadata,
}

/// Middleware for the API routes.
pub async fn require_portal_request(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !is_state_changing(request.method()) {
        return next.run(request).await;
    }
    let authority = request_authority(&request);
    match check(
        request.headers(),
        authority.as_deref(),
        &state.config.public_url,
    ) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            tracing::warn!(
                ?refusal,
                method = %request.method(),
                path = request.uri().path(),
                "refused a state-changing request"
            );
            AppError::forbidden().into_response()
        }
    }
}

pub fn is_state_changing(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// The host (and port) the browser addressed: `Host` in HTTP/1.1, the
/// `:authority` (request URI) in HTTP/2.
fn request_authority(request: &Request) -> Option<String> {
    authority_of(request.headers(), request.uri())
}

/// The host (and port) the browser addressed, from a request's parts.
pub fn authority_of(headers: &HeaderMap, uri: &Uri) -> Option<String> {
    headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .map(str::to_owned)
        .or_else(|| uri.authority().map(|a| a.as_str().to_owned()))
}

/// Decides whether a state-changing request came from the portal's pages.
/// `authority` is the `Host` the request was sent to.
pub fn check(
    headers: &HeaderMap,
    authority: Option<&str>,
    public_url: &PublicUrl,
) -> Result<(), Refusal> {
    if !headers.contains_key(ANTI_FORGERY_HEADER) {
        return Err(Refusal::MissingPortalHeader);
    }
    check_same_origin(headers, authority, public_url)
}

/// Decides whether a form the browser sent itself (it cannot add the
/// portal's header) came from the portal's own page: by `Origin` and
/// `Sec-Fetch-Site`, which a browser sets on every form it posts and a page
/// cannot change.
pub fn check_same_origin(
    headers: &HeaderMap,
    authority: Option<&str>,
    public_url: &PublicUrl,
) -> Result<(), Refusal> {
    let origin = headers.get(header::ORIGIN);
    let fetch_site = headers.get(SEC_FETCH_SITE);
    if origin.is_none() && fetch_site.is_none() {
        return Err(Refusal::NoOriginOrFetchMetadata);
    }
    if let Some(origin) = origin {
        let origin = origin.to_str().map_err(|_| Refusal::ForeignOrigin)?;
        if !is_own_origin(origin, authority, public_url) {
            return Err(Refusal::ForeignOrigin);
        }
    }
    if let Some(site) = fetch_site {
        if site.as_bytes() != b"same-origin" {
            return Err(Refusal::NotSameOrigin);
        }
    }
    Ok(())
}

/// The public URL's origin, or the same scheme with the `Host` the request
/// was sent to (so a portal reached by another name still works).
pub fn is_own_origin(origin: &str, authority: Option<&str>, public_url: &PublicUrl) -> bool {
    if origin.eq_ignore_ascii_case(&public_url.origin()) {
        return true;
    }
    authority.is_some_and(|authority| {
        let expected = format!("{}://{authority}", public_url.scheme().as_str());
        origin.eq_ignore_ascii_case(&expected)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn public_url() -> PublicUrl {
        PublicUrl::parse("https://portal.contoso.example").unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn only_writes_are_checked() {
        assert!(is_state_changing(&Method::POST));
        assert!(is_state_changing(&Method::DELETE));
        assert!(is_state_changing(&Method::PUT));
        assert!(is_state_changing(&Method::PATCH));
        assert!(!is_state_changing(&Method::GET));
        assert!(!is_state_changing(&Method::HEAD));
        assert!(!is_state_changing(&Method::OPTIONS));
    }

    #[test]
    fn accepts_the_portals_own_requests() {
        let same_origin = headers(&[
            ("x-portal-request", "1"),
            ("origin", "https://portal.contoso.example"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert_eq!(check(&same_origin, None, &public_url()), Ok(()));
        let origin_only = headers(&[
            ("x-portal-request", "1"),
            ("origin", "https://portal.contoso.example"),
        ]);
        assert_eq!(check(&origin_only, None, &public_url()), Ok(()));
        let fetch_site_only =
            headers(&[("x-portal-request", "1"), ("sec-fetch-site", "same-origin")]);
        assert_eq!(check(&fetch_site_only, None, &public_url()), Ok(()));
    }

    #[test]
    fn refuses_requests_without_the_portal_header() {
        let request = headers(&[("origin", "https://portal.contoso.example")]);
        assert_eq!(
            check(&request, None, &public_url()),
            Err(Refusal::MissingPortalHeader)
        );
    }

    #[test]
    fn refuses_other_origins() {
        let request = headers(&[
            ("x-portal-request", "1"),
            ("origin", "https://evil.example"),
        ]);
        assert_eq!(
            check(&request, None, &public_url()),
            Err(Refusal::ForeignOrigin)
        );
        let null = headers(&[("x-portal-request", "1"), ("origin", "null")]);
        assert_eq!(
            check(&null, None, &public_url()),
            Err(Refusal::ForeignOrigin)
        );
    }

    #[test]
    fn refuses_cross_site_fetches() {
        let request = headers(&[("x-portal-request", "1"), ("sec-fetch-site", "cross-site")]);
        assert_eq!(
            check(&request, None, &public_url()),
            Err(Refusal::NotSameOrigin)
        );
        let same_site = headers(&[("x-portal-request", "1"), ("sec-fetch-site", "same-site")]);
        assert_eq!(
            check(&same_site, None, &public_url()),
            Err(Refusal::NotSameOrigin)
        );
    }

    #[test]
    fn refuses_requests_without_any_origin_information() {
        let request = headers(&[("x-portal-request", "1")]);
        assert_eq!(
            check(&request, None, &public_url()),
            Err(Refusal::NoOriginOrFetchMetadata)
        );
    }

    #[test]
    fn the_host_the_browser_used_counts_as_own_origin() {
        let url = public_url();
        assert!(is_own_origin("https://portal.contoso.example", None, &url));
        assert!(is_own_origin("HTTPS://PORTAL.contoso.example", None, &url));
        assert!(is_own_origin(
            "https://127.0.0.1:8443",
            Some("127.0.0.1:8443"),
            &url
        ));
        assert!(!is_own_origin(
            "http://127.0.0.1:8443",
            Some("127.0.0.1:8443"),
            &url
        ));
        assert!(!is_own_origin(
            "https://evil.example",
            Some("127.0.0.1:8443"),
            &url
        ));
        assert!(!is_own_origin(
            "https://portal.contoso.example.evil.example",
            None,
            &url
        ));
    }
}
