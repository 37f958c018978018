//! The first paint: the page the server sends for a route of the SPA is
//! already that page, drawn as the app will draw it, so it paints with the
//! HTML instead of after the WebAssembly has loaded and asked the API.
//!
//! - The page is Trunk's `index.html` with, at the start of `<body>`, the
//!   frame and the page in `<div id="first-paint">` (the app removes it and
//!   mounts itself in the same task, so there is never a blank frame and
//!   nothing moves), in the person's language, and the [`StartData`] (the
//!   organization, the session, the page's data) as a JSON data block, so
//!   the app starts without a single request.
//! - Sign-in, Help, the privacy page and a device's page are drawn
//!   complete, and Enroll's first step when the `User-Agent` header decides it (the app decides
//!   with the same `enrollment_flow`, and what it resumes with the same
//!   hint, mirrored in a cookie; not when an iPad may be asking as a Mac or
//!   a web clip may be the browser: then its heading and "Checking…"); the other
//!   protected pages with their heading and loading state, their data in
//!   the start data. A protected
//!   page without a session is the sign-in page, as the app would show it
//!   (it then sets the address to `/sign-in?return_to=…`), which saves the
//!   round trip of a redirect on the way in. Signed in, `/` and `/sign-in`
//!   redirect to where the app would go.
//! - A page with personal data (a session) is `Cache-Control: no-store`;
//!   others `no-cache`. Both vary on the cookie and the language.
//! - Whatever goes wrong here (no organization yet, the database) gives the
//!   plain `index.html`: the app then loads as it always could.

mod device;
mod enroll;
mod frame;
mod html;
mod messages;
mod pages;
pub mod posted_sign_in;
mod route;
mod template;

use std::io::Write as _;
use std::path::Path;

use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use enrollment_flow::{first_step_from_user_agent, Step};
use portal_api::return_to::{
    path_and_query, safe_return_path, DEFAULT_RETURN_PATH, RETURN_TO_PARAM,
};
use portal_api::routes::ACCOUNT_ENROLLMENT_SIGN_IN;
use portal_api::start::{SignInAttempt, ENROLLMENT_HINT_COOKIE, FIRST_PAINT_ID, START_DATA_ID};
use portal_api::{
    EnrollmentStart, ErrorCode, OidcSignInError, Organization, SessionInfo, StartData,
};
use portal_i18n::Language;

use crate::error::AppError;
use crate::sign_in::{self, session};
use crate::{api, devices, enrollment, AppState};

use frame::Frame;
use html::{escape_text, Html};
use messages::{request_language, Messages};
use pages::{ProtectedPage, SignIn};
use route::Route;
use template::{Filling, Template};

/// `Cache-Control` of a first paint with personal data in it.
pub const PERSONAL: &str = "no-store";
/// `Cache-Control` of one without.
pub const PUBLIC: &str = "no-cache";
/// A first paint depends on these request headers.
const VARY: &str = "accept-encoding, accept-language, cookie";

/// `index.html` as a template, read once at start-up (like the CSP's hashes
/// of its inline script, so a new deployment means a restart).
#[derive(Debug, Clone)]
pub struct FirstPaint {
    template: Option<Template>,
    /// The languages whose catalog is in `<static_dir>/locales/`, to preload.
    catalogs: Vec<Language>,
}

impl FirstPaint {
    pub fn for_static_dir(static_dir: &Path) -> Self {
        let index = static_dir.join("index.html");
        let template = match std::fs::read_to_string(&index) {
            Ok(html) => Template::parse(&html).or_else(|| {
                tracing::warn!(path = %index.display(), "index.html has no <html>, <title> or <body>: pages get no first paint");
                None
            }),
            // The static files log this already (and answer 404).
            Err(_) => None,
        };
        let catalogs = Language::ALL
            .into_iter()
            .filter(|language| {
                static_dir
                    .join("locales")
                    .join(format!("{}.json", language.tag()))
                    .is_file()
            })
            .collect();
        Self { template, catalogs }
    }

    /// Whether pages get a first paint (else plain `index.html`).
    pub fn is_available(&self) -> bool {
        self.template.is_some()
    }
}

/// The page at `uri`, with its first paint; `None` when there is none to
/// give (the caller serves `index.html` as it is).
pub async fn page(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Option<Response> {
    page_with_attempt(state, uri, headers, None).await
}

/// The sign-in page at `uri` again, after the browser sent its form itself
/// (`posted_sign_in`) and the server refused it: what was typed and why in
/// the page and in its start data, so the app keeps both.
pub async fn refused_sign_in(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    attempt: SignInAttempt,
) -> Option<Response> {
    page_with_attempt(state, uri, headers, Some(attempt)).await
}

async fn page_with_attempt(
    state: &AppState,
    uri: &Uri,
    headers: &HeaderMap,
    attempt: Option<SignInAttempt>,
) -> Option<Response> {
    let template = state.first_paint.template.as_ref()?;
    match render(state, template, uri, headers, attempt).await {
        Ok(response) => Some(response),
        Err(error) => {
            tracing::warn!(%error, path = uri.path(), "no first paint for this page");
            None
        }
    }
}

/// What a page is, before it is written into the template.
struct Rendered {
    title: String,
    body: String,
    start: StartData,
}

async fn render(
    state: &AppState,
    template: &Template,
    uri: &Uri,
    headers: &HeaderMap,
    attempt: Option<SignInAttempt>,
) -> Result<Response, AppError> {
    let messages = Messages::new(request_language(headers));
    let route = Route::parse(uri.path());
    let query = query_of(uri);
    let query_value = |name: &str| query_value(&query, name);
    let signed_in = match session::token_from_headers(headers) {
        Some(token) => match sign_in::signed_in_user(state, &token).await {
            Ok(signed_in) => Some(signed_in),
            Err(AppError::Api(_)) => None,
            Err(error) => return Err(error),
        },
        None => None,
    };

    // Signed in, these pages only lead elsewhere: go there at once.
    match (&route, &signed_in) {
        (Route::Home, Some(_)) => return Ok(redirect(DEFAULT_RETURN_PATH)),
        (Route::SignIn, Some(_)) => {
            return Ok(redirect(&safe_return_path(query_value(RETURN_TO_PARAM))));
        }
        _ => {}
    }

    let organization = api::organization_profile(state).await?;
    let mut start = StartData {
        organization: organization.clone(),
        session: Some(SessionInfo {
            user: signed_in.as_ref().map(|signed_in| signed_in.user.clone()),
        }),
        ..StartData::default()
    };
    let user = signed_in.as_ref().map(|signed_in| &signed_in.user);
    let frame = |path: &'static str| Frame {
        messages,
        organization: organization.as_ref(),
        user,
        path,
    };
    let title = |page: &str| document_title(&messages, page, organization.as_ref());
    let mut html = Html::new();

    let shows_sign_in = route == Route::SignIn || (route.is_protected() && signed_in.is_none());
    let rendered_title = if shows_sign_in {
        // The sign-in page: opened, or where a protected page sends a
        // person without a session (as `RequireSignIn` does).
        let return_path = if route == Route::SignIn {
            safe_return_path(query_value(RETURN_TO_PARAM))
        } else {
            let path = match route {
                Route::Home => DEFAULT_RETURN_PATH,
                _ => uri.path(),
            };
            safe_return_path(Some(&path_and_query(path, uri.query().unwrap_or_default())))
        };
        let provider_error = if route == Route::SignIn {
            query_value("error").map(OidcSignInError::parse)
        } else {
            None
        };
        if let Some(organization) = &organization {
            start.sign_in_options =
                Some(api::sign_in_options_of(state, organization.name.clone()).await?);
        }
        start.sign_in_attempt = attempt;
        let page = SignIn {
            organization: organization.as_ref(),
            options: start.sign_in_options.as_ref(),
            return_path: &return_path,
            provider_error,
            attempt: start.sign_in_attempt.as_ref(),
        };
        frame("/sign-in").write(&mut html, |html| pages::sign_in(html, &messages, &page));
        Some(title(&messages.t("sign-in-heading", &[])))
    } else if route == Route::Privacy {
        let page_heading = match &organization {
            Some(organization) => messages.t1("shell-privacy-link", "org", &organization.name),
            None => messages.t("privacy-page-heading-generic", &[]),
        };
        frame("/privacy").write(&mut html, |html| match &organization {
            Some(organization) => pages::privacy(html, &messages, organization),
            None => {
                pages::heading(html, &page_heading);
                pages::loading(html, &messages.t("privacy-page-loading", &[]));
            }
        });
        Some(title(&page_heading))
    } else if route == Route::Help {
        frame("/help").write(&mut html, |html| match &organization {
            Some(organization) => pages::help(html, &messages, organization),
            None => {
                pages::heading(html, &messages.t("help-heading", &[]));
                pages::loading(html, &messages.t("sign-in-trouble-loading", &[]));
            }
        });
        Some(title(&messages.t("help-heading", &[])))
    } else if let Some(signed_in) = &signed_in {
        let user_agent = headers
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        let request = Request {
            user_agent,
            enrollment_hint: messages::cookie(headers, ENROLLMENT_HINT_COOKIE),
        };
        match protected_page(state, &messages, &route, signed_in, &request, &mut start).await? {
            Some(Protected {
                page,
                path,
                title: page_title,
                first_step,
            }) => {
                let organization_name = organization.as_ref().map(|o| o.name.as_str());
                let enroll_url = enroll_url(state, uri, headers);
                frame(path).write(&mut html, |html| match (page, &start) {
                    // The device's page complete: its sections are what a
                    // person looks at first (and the largest text).
                    (
                        ProtectedPage::Device,
                        StartData {
                            device: Some(details),
                            ..
                        },
                    ) if device::is_drawn(details) => {
                        device::device(html, &messages, details, organization_name);
                    }
                    // The step the journey arrives at, its largest text.
                    (
                        ProtectedPage::Enroll,
                        StartData {
                            enrollment: Some(enrollment),
                            ..
                        },
                    ) => {
                        let journey = enroll::Journey {
                            organization: organization.as_ref(),
                            rules: &enrollment.rules,
                            email: signed_in.user.email.as_str(),
                            enroll_url: enroll_url.as_deref(),
                        };
                        enroll::enroll(html, &messages, &journey, first_step.as_ref());
                    }
                    _ => pages::protected_loading(html, &messages, page),
                });
                Some(title(&page_title))
            }
            None => None,
        }
    } else {
        None
    };

    let rendered = Rendered {
        // A page the server does not draw is left to the app (which has
        // the start data); the title is the template's until then.
        title: rendered_title.unwrap_or_else(|| messages.t("product-name", &[])),
        body: html.into_string(),
        start,
    };
    Ok(respond(state, template, &messages, rendered, headers))
}

/// The query string's pairs, decoded (none when it does not parse).
fn query_of(uri: &Uri) -> Vec<(String, String)> {
    Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map(|Query(pairs)| pairs)
        .unwrap_or_default()
}

/// The value of the first pair named `name`.
fn query_value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// A protected page's first paint for a signed-in person.
struct Protected {
    page: ProtectedPage,
    /// The path its navigation link marks as current.
    path: &'static str,
    title: String,
    /// Enroll's first step, when the user agent decides it.
    first_step: Option<Step>,
}

/// What of the request a protected page's first paint depends on besides
/// the session.
struct Request<'a> {
    /// The `User-Agent` header (empty without one).
    user_agent: &'a str,
    /// The id of the enrollment this browser started, as the app mirrors
    /// it ([`ENROLLMENT_HINT_COOKIE`]).
    enrollment_hint: Option<&'a str>,
}

/// This page's `/enroll` address as the browser has it: the portal's
/// public address, when the request came to it (behind another name the
/// app's own links would differ, so the steps showing them are left to it).
fn enroll_url(state: &AppState, uri: &Uri, headers: &HeaderMap) -> Option<String> {
    let origin = state.config.public_url.origin();
    let public_authority = origin.split_once("://").map(|(_, authority)| authority)?;
    let authority = uri
        .authority()
        .map(|authority| authority.as_str())
        .or_else(|| {
            headers
                .get(header::HOST)
                .and_then(|value| value.to_str().ok())
        })?;
    authority
        .eq_ignore_ascii_case(public_authority)
        .then(|| format!("{origin}/enroll"))
}

/// Which protected page `route` is, with its data put into `start`.
async fn protected_page(
    state: &AppState,
    messages: &Messages,
    route: &Route,
    signed_in: &sign_in::SignedIn,
    request: &Request<'_>,
    start: &mut StartData,
) -> Result<Option<Protected>, AppError> {
    let user_id = signed_in.user_id;
    let protected = |page, path, title: String| {
        Some(Protected {
            page,
            path,
            title,
            first_step: None,
        })
    };
    Ok(match route {
        Route::Devices => {
            start.devices = Some(devices::list(state, user_id).await?);
            protected(
                ProtectedPage::Devices,
                "/devices",
                messages.t("devices-heading", &[]),
            )
        }
        Route::Device(id) => {
            // A device that is not the person's (or not there) is left to
            // the app, which says so.
            start.device = or_not_found(devices::get(state, user_id, id).await)?;
            let title = match &start.device {
                Some(device) => device.summary.display_name.clone(),
                None => messages.t("device-page-title", &[]),
            };
            protected(ProtectedPage::Device, "/devices", title)
        }
        Route::Notifications => {
            start.notifications = Some(devices::notifications(state, user_id).await?);
            protected(
                ProtectedPage::Notifications,
                "/notifications",
                messages.t("notifications-heading", &[]),
            )
        }
        Route::Enroll => {
            let rules = enrollment::rules(state, user_id, &signed_in.user.email).await?;
            let current = or_not_found(enrollment::current(state, user_id).await)?;
            let started_here = current
                .as_ref()
                .is_some_and(|current| request.enrollment_hint == Some(current.id.0.as_str()));
            let first_step = first_step_from_user_agent(
                request.user_agent,
                &rules,
                current.as_ref(),
                started_here,
            );
            start.enrollment = Some(EnrollmentStart { rules, current });
            Some(Protected {
                page: ProtectedPage::Enroll,
                path: "/enroll",
                title: messages.t("enroll-page-title", &[]),
                first_step,
            })
        }
        Route::AccountEnrollmentSignIn => protected(
            ProtectedPage::AccountEnrollmentSignIn,
            ACCOUNT_ENROLLMENT_SIGN_IN,
            messages.t("account-enrollment-page-title", &[]),
        ),
        Route::Home | Route::SignIn | Route::Help | Route::Privacy | Route::Other => None,
    })
}

/// `Ok(None)` for a 404 answer.
fn or_not_found<T>(result: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::Api(error)) if error.code == ErrorCode::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// "My devices · Contoso", as the SPA's `document_title`.
fn document_title(messages: &Messages, page: &str, organization: Option<&Organization>) -> String {
    let site = organization
        .map(|organization| organization.name.trim())
        .filter(|name| !name.is_empty())
        .map_or_else(|| messages.t("product-name", &[]), str::to_owned);
    format!("{page} · {site}")
}

fn redirect(to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PERSONAL));
    response
}

/// The page: the template filled in, compressed as the browser accepts.
fn respond(
    state: &AppState,
    template: &Template,
    messages: &Messages,
    rendered: Rendered,
    headers: &HeaderMap,
) -> Response {
    let language = messages.language();
    // Someone's data, or what they typed into the sign-in form.
    let personal = rendered
        .start
        .session
        .as_ref()
        .is_some_and(|session| session.user.is_some())
        || rendered.start.sign_in_attempt.is_some();
    let mut body = String::new();
    if !rendered.body.is_empty() {
        body.push_str(&format!(
            "<div id=\"{FIRST_PAINT_ID}\" class=\"first-paint\">{}</div>",
            rendered.body
        ));
    }
    match start_data_text(&rendered.start) {
        Ok(json) => body.push_str(&format!(
            "<script type=\"application/json\" id=\"{START_DATA_ID}\">{json}</script>"
        )),
        Err(error) => tracing::warn!(%error, "the start data does not serialize"),
    }
    // Another language's catalog loads beside the app, not after it.
    let head = if language != Language::SOURCE && state.first_paint.catalogs.contains(&language) {
        format!(
            "<link rel=\"preload\" href=\"/locales/{}.json\" as=\"fetch\" crossorigin>",
            language.tag()
        )
    } else {
        String::new()
    };
    let page = template.fill(&Filling {
        lang: language.tag(),
        dir: language.direction().as_attribute(),
        title: &escape_text(&rendered.title),
        head: &head,
        body: &body,
    });
    let (encoding, bytes) = compress(page.into_bytes(), headers);
    let mut response = bytes.into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if personal { PERSONAL } else { PUBLIC }),
    );
    response_headers.insert(header::VARY, HeaderValue::from_static(VARY));
    if let Some(encoding) = encoding {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// The start data as the text of a `<script>` element: `<`, `>` and `&`
/// as `\u003c` and friends, so no value can end the element.
fn start_data_text(start: &StartData) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(start)?;
    Ok(json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

/// Brotli, else gzip, else as it is, by `Accept-Encoding`.
fn compress(raw: Vec<u8>, headers: &HeaderMap) -> (Option<&'static str>, Vec<u8>) {
    let accepted = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let accepts = |name: &str| {
        accepted.split(',').any(|item| {
            let mut parts = item.split(';');
            parts.next().is_some_and(|coding| coding.trim() == name)
                && !parts.any(|parameter| {
                    parameter
                        .trim()
                        .strip_prefix("q=")
                        .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q == 0.0))
                })
        })
    };
    if accepts("br") {
        let mut out = Vec::new();
        {
            // Quality 5: a few kilobytes per request, far under a millisecond.
            let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
            if writer.write_all(&raw).is_ok() && writer.flush().is_ok() {
                drop(writer);
                return (Some("br"), out);
            }
        }
    } else if accepts("gzip") {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        if encoder.write_all(&raw).is_ok() {
            if let Ok(out) = encoder.finish() {
                return (Some("gzip"), out);
            }
        }
    }
    (None, raw)
}
