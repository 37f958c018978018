//! The pages of the SPA as the server sends them: drawn already (the first
//! paint), in the person's language, with the app's start data, and never
//! stored anywhere when they hold someone's data.

use portal_server::storage::OrganizationStore;
use std::io::Read as _;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use enrollment_flow::{first_step, Platform};
use portal_api::start::{ENROLLMENT_HINT_COOKIE, FIRST_PAINT_ID, START_DATA_ID};
use portal_api::StartData;

use crate::self_service::enrolled;
use std::net::SocketAddr;

use axum::extract::ConnectInfo;

use crate::support::{Portal, Reply, ALEX, LOADER, PASSWORD, PUBLIC_URL, START};

const ALEX_NAME: &str = "Alex Wilber";

async fn get_with(portal: &Portal, path: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    portal.send(request.body(Body::empty()).unwrap()).await
}

/// The JSON in the page's start data block.
fn start_data(page: &str) -> StartData {
    let open = format!("<script type=\"application/json\" id=\"{START_DATA_ID}\">");
    let from = page
        .find(&open)
        .unwrap_or_else(|| panic!("no start data in {page}"))
        + open.len();
    let to = from
        + page[from..]
            .find("</script>")
            .expect("the end of the start data");
    serde_json::from_str(&page[from..to]).unwrap_or_else(|e| panic!("{e}: {}", &page[from..to]))
}

/// The server's drawing of the page.
fn first_paint(page: &str) -> &str {
    let open = format!("<div id=\"{FIRST_PAINT_ID}\" class=\"first-paint\">");
    let from = page
        .find(&open)
        .unwrap_or_else(|| panic!("no first paint in {page}"));
    let to = page
        .find(&format!(
            "<script type=\"application/json\" id=\"{START_DATA_ID}\">"
        ))
        .unwrap();
    &page[from..to]
}

#[tokio::test]
async fn the_home_page_of_a_visitor_is_the_sign_in_page() {
    let portal = Portal::start().await;
    let reply = portal.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("content-type").starts_with("text/html"));
    // Nobody's data: may be kept, but always revalidated.
    assert_eq!(reply.header("cache-control"), "no-cache");
    let vary = reply.header("vary").to_ascii_lowercase();
    for header in ["cookie", "accept-language", "accept-encoding"] {
        assert!(vary.contains(header), "{vary}");
    }
    let page = reply.text();
    // Trunk's loader, untouched, so the CSP's hash still allows it.
    assert!(page.contains(LOADER));
    assert!(page.contains("<title>Sign in · Contoso</title>"), "{page}");
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
    let drawn = first_paint(&page);
    assert!(
        drawn.contains("<h1 tabindex=\"-1\">Sign in to Contoso</h1>"),
        "{drawn}"
    );
    assert!(drawn.contains("<main id=\"main\" class=\"page\" tabindex=\"-1\">"));
    assert!(drawn.contains("id=\"sign-in-email\""));
    // The form works before the app has started: the browser sends it to
    // `POST /sign-in`, which returns to My devices.
    assert!(drawn.contains("method=\"post\" action=\"/sign-in?return_to=%2Fdevices\""));
    assert!(drawn.contains("<button type=\"submit\" class=\"button button-primary button-block\">"));
    // The help desk, which is the largest text of the page.
    assert!(drawn.contains("Your help desk can reset your password"));
    // No navigation before signing in.
    assert!(!drawn.contains("site-nav"));

    let start = start_data(&page);
    assert_eq!(start.session.expect("the session").user, None);
    assert_eq!(
        start.organization.expect("the organization").name,
        "Contoso"
    );
    assert_eq!(
        start
            .sign_in_options
            .expect("the options")
            .organization_name,
        "Contoso"
    );
    assert!(start.devices.is_none());
}

#[tokio::test]
async fn a_protected_page_without_a_session_is_the_sign_in_page_without_an_error() {
    let portal = Portal::start().await;
    for path in ["/devices", "/enroll?x=1", "/devices/abc", "/notifications"] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("cache-control"), "no-cache", "{path}");
        let page = reply.text();
        assert!(first_paint(&page).contains("Sign in to Contoso"), "{path}");
        assert_eq!(start_data(&page).session.unwrap().user, None, "{path}");
    }
    // A session cookie the portal does not know is nobody's.
    let reply = portal
        .get_signed_in(
            "/devices",
            &format!("{}={}", portal_api::routes::SESSION_COOKIE, "a".repeat(43)),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(first_paint(&reply.text()).contains("Sign in to Contoso"));
}

#[tokio::test]
async fn a_signed_in_page_is_never_stored_and_carries_its_data() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = portal.get_signed_in("/devices", &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-store");
    let page = reply.text();
    assert!(page.contains("<title>My devices · Contoso</title>"));
    let drawn = first_paint(&page);
    assert!(
        drawn.contains("<h1 tabindex=\"-1\">My devices</h1>"),
        "{drawn}"
    );
    assert!(drawn.contains(ALEX_NAME));
    assert!(
        drawn.contains("<a href=\"/devices\" aria-current=\"page\">"),
        "{drawn}"
    );
    assert!(drawn.contains("<a href=\"/enroll\">"));
    assert!(drawn.contains("Loading your devices…"));
    let start = start_data(&page);
    assert_eq!(start.session.unwrap().user.unwrap().display_name, ALEX_NAME);
    assert_eq!(start.devices.expect("the device list").devices.len(), 0);

    let reply = portal.get_signed_in("/enroll", &cookie).await;
    assert_eq!(reply.header("cache-control"), "no-store");
    let page = reply.text();
    assert!(first_paint(&page).contains("data-step=\"check-device\""));
    let enrollment = start_data(&page)
        .enrollment
        .expect("the enrollment's rules");
    assert!(enrollment.current.is_none());

    let reply = portal.get_signed_in("/notifications", &cookie).await;
    assert!(start_data(&reply.text()).notifications.is_some());

    // Settings' sign-in sheet has one thing to do: no navigation, as the
    // app draws it.
    let reply = portal
        .get_signed_in("/account-enrollment/sign-in", &cookie)
        .await;
    let page = reply.text();
    let drawn = first_paint(&page);
    assert!(!drawn.contains("site-nav"), "{drawn}");
    assert!(!drawn.contains("above-tab-bar"), "{drawn}");
}

#[tokio::test]
async fn a_device_page_carries_the_device() {
    let portal = Portal::start().await;
    let (cookie, id, _device) = enrolled(&portal, ALEX).await;
    let reply = portal
        .get_signed_in(&format!("/devices/{}", id.0), &cookie)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-store");
    let page = reply.text();
    let title = format!("<title>{} · Contoso</title>", crate::device::DEVICE_NAME);
    assert!(page.contains(&title), "{page}");
    assert_eq!(start_data(&page).device.expect("the device").summary.id, id);
    // Drawn complete: the name, the access, the actions, the facts.
    let drawn = first_paint(&page);
    assert!(!drawn.contains("Loading this device…"), "{drawn}");
    assert!(drawn.contains(&format!(
        "<h1 tabindex=\"-1\">{}</h1>",
        crate::device::DEVICE_NAME
    )));
    assert!(drawn.contains("<h2 id=\"compliance-heading\">Access to company resources</h2>"));
    assert!(
        drawn.contains("id=\"device-action-remote-lock\""),
        "{drawn}"
    );
    assert!(drawn.contains("<h2 id=\"facts-heading\">What Contoso can see</h2>"));
    assert!(drawn.contains("<dt>Serial number</dt>"), "{drawn}");
    assert!(
        drawn.contains("<time datetime=\"2026-01-01T00:00:00Z\">now</time>"),
        "{drawn}"
    );

    // Someone else's device, or none: left to the app, which says so.
    let reply = portal.get_signed_in("/devices/nope", &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(start_data(&reply.text()).device.is_none());
}

#[tokio::test]
async fn signed_in_the_home_and_sign_in_pages_lead_on() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    for (path, to) in [
        ("/", "/devices"),
        ("/sign-in", "/devices"),
        ("/sign-in?return_to=%2Fenroll%3Fstep%3D1", "/enroll?step=1"),
        ("/sign-in?return_to=https%3A%2F%2Fevil.example", "/devices"),
        ("/sign-in?return_to=%2F%2Fevil.example", "/devices"),
    ] {
        let reply = portal.get_signed_in(path, &cookie).await;
        assert!(reply.status.is_redirection(), "{path}: {}", reply.status);
        assert_eq!(reply.header("location"), to, "{path}");
        assert_eq!(reply.header("cache-control"), "no-store", "{path}");
    }
}

#[tokio::test]
async fn the_organizations_name_is_text_everywhere() {
    let portal = Portal::start().await;
    let mut organization = portal_server::demo::demo_organization();
    organization.name = "</script><script>alert(1)</script> & \"Co\"".into();
    portal
        .storage
        .save_organization(&organization, START)
        .await
        .unwrap();

    let page = portal.get("/sign-in").await.text();
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(first_paint(&page).contains(
        "Sign in to &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\"</h1>"
    ));
    assert!(page.contains(
        "<title>Sign in · &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\"</title>"
    ));
    // In the start data too, where it reads back exactly.
    assert!(page.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
    assert_eq!(
        start_data(&page).organization.unwrap().name,
        organization.name
    );
}

#[tokio::test]
async fn the_first_paint_is_in_the_persons_language() {
    let portal = Portal::start().await;
    let german = get_with(
        &portal,
        "/sign-in",
        &[(header::ACCEPT_LANGUAGE, "fr, de-CH;q=0.9, en;q=0.5")],
    )
    .await;
    let page = german.text();
    assert!(page.contains("<html lang=\"de\" dir=\"ltr\">"));
    assert!(
        first_paint(&page).contains("<option value=\"de\" lang=\"de\" selected>Deutsch</option>")
    );
    assert!(!first_paint(&page).contains("Sign in to Contoso"));
    // Its catalog loads beside the app.
    assert!(
        page.contains("<link rel=\"preload\" href=\"/locales/de.json\" as=\"fetch\" crossorigin>")
    );

    // The language picked in the portal wins over the browser's.
    let arabic = get_with(
        &portal,
        "/sign-in",
        &[
            (header::ACCEPT_LANGUAGE, "de"),
            (header::COOKIE, "portal_language=ar"),
        ],
    )
    .await;
    assert!(arabic.text().contains("<html lang=\"ar\" dir=\"rtl\">"));

    let english = portal.get("/sign-in").await.text();
    assert!(!english.contains("rel=\"preload\" href=\"/locales/"));
}

#[tokio::test]
async fn the_first_paint_comes_compressed() {
    let portal = Portal::start().await;
    let reply = get_with(
        &portal,
        "/sign-in",
        &[(header::ACCEPT_ENCODING, "gzip, br")],
    )
    .await;
    assert_eq!(reply.header("content-encoding"), "br");
    let mut page = String::new();
    brotli::Decompressor::new(&reply.body[..], 4096)
        .read_to_string(&mut page)
        .unwrap();
    assert!(page.contains("Sign in to Contoso"));

    let reply = get_with(&portal, "/sign-in", &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(reply.header("content-encoding"), "gzip");
    let mut page = String::new();
    flate2::read::GzDecoder::new(&reply.body[..])
        .read_to_string(&mut page)
        .unwrap();
    assert!(page.contains("Sign in to Contoso"));
}

#[tokio::test]
async fn help_and_privacy_are_drawn_complete_and_other_pages_are_left_to_the_app() {
    let portal = Portal::start().await;
    let page = portal.get("/help").await.text();
    let drawn = first_paint(&page);
    assert!(drawn.contains("<h2 id=\"help-desk-heading\">"));
    assert!(drawn.contains("href=\"mailto:"), "{drawn}");

    // What the organization can see, public: a personal and a corporate
    // device, each list under its section's heading.
    let reply = portal.get("/privacy").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("cache-control"), "no-cache");
    let page = reply.text();
    assert!(
        page.contains("<title>What can Contoso see? · Contoso</title>"),
        "{page}"
    );
    let drawn = first_paint(&page);
    assert!(
        drawn.contains("<h1 tabindex=\"-1\">What can Contoso see?</h1>"),
        "{drawn}"
    );
    for section in ["personal-heading", "corporate-heading"] {
        assert!(
            drawn.contains(&format!(
                "<section class=\"privacy-ownership\" aria-labelledby=\"{section}\"><h2 id=\"{section}\">"
            )),
            "{section}: {drawn}"
        );
    }
    assert!(
        drawn.contains("<h3 id=\"personal-can-see-heading\">"),
        "{drawn}"
    );
    assert!(
        drawn.contains("<h3 id=\"corporate-never-see-heading\">"),
        "{drawn}"
    );
    assert!(start_data(&page).organization.is_some());

    // A path the server does not know is the app's ("Page not found").
    let page = portal.get("/nowhere").await.text();
    assert!(!page.contains(FIRST_PAINT_ID));
    assert!(start_data(&page).organization.is_some());
}

const IPHONE_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
/// A Mac's Safari, or an iPad's asking for the desktop site.
const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";

async fn enroll_page(portal: &Portal, cookie: &str, user_agent: &str, language: &str) -> String {
    get_with(
        portal,
        "/enroll",
        &[
            (header::COOKIE, cookie),
            (header::USER_AGENT, user_agent),
            (header::ACCEPT_LANGUAGE, language),
        ],
    )
    .await
    .text()
}

#[tokio::test]
async fn an_iphone_in_safari_gets_the_enrollments_first_step_drawn() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let page = enroll_page(&portal, &cookie, IPHONE_SAFARI, "en").await;
    let drawn = first_paint(&page);

    // The step the app arrives at from the same start data in Safari.
    let start = start_data(&page)
        .enrollment
        .expect("the enrollment's start");
    let platform = Platform::detect(IPHONE_SAFARI, 5, Some(false));
    let step = first_step(&platform, &start.rules, start.current, false);
    assert_eq!(step.name(), "choose-ownership");
    assert!(
        drawn.contains(
            "<fieldset class=\"enroll-step\" data-step=\"choose-ownership\" aria-busy=\"false\">"
        ),
        "{drawn}"
    );
    assert!(
        drawn.contains("<h1 tabindex=\"-1\" id=\"ownership-heading\">Who owns this device?</h1>"),
        "{drawn}"
    );
    assert!(drawn.contains("<input type=\"radio\" id=\"ownership-personal\" name=\"ownership\" aria-describedby=\"ownership-personal-hint\">"), "{drawn}");
    assert!(
        drawn.contains("<label for=\"ownership-corporate\">"),
        "{drawn}"
    );
    assert!(!drawn.contains("Checking this device"), "{drawn}");

    // In the person's language.
    let page = enroll_page(&portal, &cookie, IPHONE_SAFARI, "de").await;
    let drawn = first_paint(&page);
    assert!(drawn.contains("Wem gehört dieses Gerät?"), "{drawn}");
    assert!(drawn.contains("data-step=\"choose-ownership\""), "{drawn}");
}

#[tokio::test]
async fn what_only_the_browser_knows_leaves_the_enrollment_to_the_app() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    // A Mac, or an iPad that asks as one: only its touch points tell.
    let page = enroll_page(&portal, &cookie, MAC_SAFARI, "en").await;
    let drawn = first_paint(&page);
    assert!(
        drawn.contains(
            "<fieldset class=\"enroll-step\" data-step=\"check-device\" aria-busy=\"true\"><h1 tabindex=\"-1\">Enroll this device</h1>"
        ),
        "{drawn}"
    );
    assert!(drawn.contains("Checking this device…"), "{drawn}");
    assert!(start_data(&page).enrollment.is_some());
}

#[tokio::test]
async fn a_finished_enrollment_is_drawn_as_the_browser_that_started_it_resumes_it() {
    let portal = Portal::start().await;
    // Alex's iPhone is enrolled. Another browser (no hint of it) is asked
    // who owns the device it is on, as the app would.
    let (cookie, _id, _device) = enrolled(&portal, ALEX).await;
    let page = enroll_page(&portal, &cookie, IPHONE_SAFARI, "en").await;
    let current = start_data(&page).enrollment.unwrap().current.unwrap();
    let drawn = first_paint(&page);
    assert!(drawn.contains("data-step=\"choose-ownership\""), "{drawn}");

    // The browser that started it (its hint mirrored in the cookie) shows
    // it finished: the app's to draw.
    let cookies = format!("{cookie}; {ENROLLMENT_HINT_COOKIE}={}", current.id.0);
    let page = enroll_page(&portal, &cookies, IPHONE_SAFARI, "en").await;
    let drawn = first_paint(&page);
    assert!(drawn.contains("data-step=\"check-device\""), "{drawn}");
}

#[tokio::test]
async fn an_organization_not_set_up_for_enrollment_says_so_on_any_device() {
    let portal = Portal::start_without_push_certificate().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    for user_agent in [IPHONE_SAFARI, MAC_SAFARI] {
        let page = enroll_page(&portal, &cookie, user_agent, "en").await;
        let drawn = first_paint(&page);
        assert!(drawn.contains("data-step=\"not-set-up\""), "{drawn}");
        assert!(
            drawn.contains("<a class=\"button button-primary button-block\" href=\"/devices\">"),
            "{drawn}"
        );
    }
}

/// The sign-in form as the browser sends it itself (before the app has
/// taken over, or without it): from the portal's own page, url-encoded.
fn form_sign_in(path: &str, body: &str, client: [u8; 4]) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::ORIGIN, PUBLIC_URL)
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((client, 50_000))));
    request
}

fn form_body(email: &str, password: &str) -> String {
    serde_urlencoded::to_string([("email", email), ("password", password)]).unwrap()
}

#[tokio::test]
async fn the_sign_in_form_works_before_the_app_has_started() {
    let portal = Portal::start().await;
    let reply = portal
        .send(form_sign_in(
            "/sign-in?return_to=%2Fdevices%3Fshow%3Dall",
            &form_body(ALEX, PASSWORD),
            [10, 0, 0, 1],
        ))
        .await;
    // Signed in: the page the person was going to, with the session.
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    assert_eq!(reply.header("location"), "/devices?show=all");
    let cookie = reply.session_cookie_pair();
    let set_cookie = reply.header("set-cookie");
    for part in ["__Host-", "HttpOnly", "Secure", "SameSite"] {
        assert!(set_cookie.contains(part), "{set_cookie}");
    }
    let page = portal.get_signed_in("/devices", &cookie).await.text();
    assert!(first_paint(&page).contains("My devices"), "{page}");
    assert_eq!(
        start_data(&page)
            .session
            .unwrap()
            .user
            .unwrap()
            .email
            .as_str(),
        ALEX
    );

    // Nowhere to return to that is not the portal's own.
    let reply = portal
        .send(form_sign_in(
            "/sign-in?return_to=https%3A%2F%2Fevil.example%2F",
            &form_body(ALEX, PASSWORD),
            [10, 0, 0, 1],
        ))
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.header("location"), "/devices");
}

#[tokio::test]
async fn a_refused_sign_in_form_is_the_sign_in_page_again_with_why_and_the_email_kept() {
    let portal = Portal::start().await;
    let reply = portal
        .send(form_sign_in(
            "/sign-in?return_to=%2Fenroll",
            &form_body(ALEX, "not the password"),
            [10, 0, 0, 2],
        ))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.headers.get("set-cookie").is_none());
    // What was typed is in it: never stored.
    assert_eq!(reply.header("cache-control"), "no-store");
    let page = reply.text();
    let drawn = first_paint(&page);
    assert!(
        drawn.contains(
            "<div class=\"form-alert\" role=\"alert\"><div class=\"alert alert-error\">\
             <p id=\"sign-in-alert-text\">That email address and password don't match an \
             account. Check them and try again.</p></div></div>"
        ),
        "{drawn}"
    );
    assert!(drawn.contains(&format!("value=\"{ALEX}\"")), "{drawn}");
    assert!(!page.contains("not the password"));
    // The password has the focus, to be typed again, and reads out why
    // (an alert in a page as it arrives is not announced); the form still
    // returns to where the person was going.
    assert!(
        drawn.contains(
            "name=\"password\" type=\"password\" autocomplete=\"current-password\" required \
             aria-describedby=\"sign-in-alert-text\" autofocus>"
        ),
        "{drawn}"
    );
    assert_eq!(drawn.matches("aria-describedby").count(), 1, "{drawn}");
    assert!(drawn.contains("action=\"/sign-in?return_to=%2Fenroll\""));
    // The app starts from the same: it keeps the words and the address.
    let attempt = start_data(&page).sign_in_attempt.expect("the attempt");
    assert_eq!(attempt.email, ALEX);
    assert_eq!(
        attempt.error.code,
        portal_api::ErrorCode::InvalidCredentials
    );

    // A field the parser refuses: said beside it, in the person's language.
    let mut request = form_sign_in("/sign-in", &form_body("alex@", "x"), [10, 0, 0, 2]);
    request
        .headers_mut()
        .insert(header::ACCEPT_LANGUAGE, "de".parse().unwrap());
    let reply = portal.send(request).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = reply.text();
    let drawn = first_paint(&page);
    assert!(
        drawn.contains("<div class=\"field field-invalid\">"),
        "{drawn}"
    );
    assert!(drawn.contains("<p class=\"field-error\" id=\"sign-in-email-error\">"));
    assert!(
        drawn.contains("aria-invalid=\"true\" aria-describedby=\"sign-in-email-error\" autofocus")
    );
    assert!(drawn.contains("Geben Sie eine E-Mail-Adresse"), "{drawn}");
    assert!(drawn.contains("value=\"alex@\""));
}

#[tokio::test]
async fn a_sign_in_form_from_another_site_is_refused_before_it_is_read() {
    let portal = Portal::start().await;
    for (origin, site) in [
        (Some("https://evil.example"), Some("cross-site")),
        (None, Some("cross-site")),
        (Some("https://evil.example"), None),
        (None, None),
    ] {
        let mut request = form_sign_in("/sign-in", &form_body(ALEX, PASSWORD), [10, 0, 0, 3]);
        let headers = request.headers_mut();
        headers.remove(header::ORIGIN);
        headers.remove("sec-fetch-site");
        if let Some(origin) = origin {
            headers.insert(header::ORIGIN, origin.parse().unwrap());
        }
        if let Some(site) = site {
            headers.insert("sec-fetch-site", site.parse().unwrap());
        }
        let reply = portal.send(request).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{origin:?} {site:?}");
        assert!(reply.headers.get("set-cookie").is_none());
    }
}

#[tokio::test]
async fn a_sign_in_form_is_throttled_as_the_api_is_and_an_oversized_one_is_not_read() {
    let portal = Portal::start().await;
    let mut last = None;
    for _ in 0..12 {
        let reply = portal
            .send(form_sign_in(
                "/sign-in",
                &form_body(ALEX, "wrong again"),
                [10, 0, 0, 4],
            ))
            .await;
        let throttled = reply.status == StatusCode::TOO_MANY_REQUESTS;
        last = Some(reply);
        if throttled {
            break;
        }
    }
    let reply = last.unwrap();
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.header("retry-after").parse::<u64>().unwrap() > 0);
    assert!(
        first_paint(&reply.text()).contains("Too many attempts to sign in. Wait "),
        "{}",
        reply.text()
    );

    let huge = format!("email={}&password=x", "a".repeat(20_000));
    let reply = portal
        .send(form_sign_in("/sign-in", &huge, [10, 0, 0, 5]))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = reply.text();
    assert!(!page.contains(&"a".repeat(100)));
    assert!(first_paint(&page).contains("field-invalid"));
}
