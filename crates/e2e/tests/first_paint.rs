//! The first paint: each entry page comes from the server already drawn
//! (`crates/portal-server/src/first_paint`), and the app that takes over
//! draws the same thing, so nothing moves; it starts from the page's start
//! data, without asking the API; and what someone typed before it started
//! is still there after. In Chromium as an iPhone and in WebKit.

use device_sim::DeviceFacts;
use e2e::browser::FIRST_PAINT_ID;
use e2e::journeys::enroll_this_device;
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread")]
async fn the_app_draws_what_the_server_drew_in_chromium_as_an_iphone() {
    the_app_draws_what_the_server_drew(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_app_draws_what_the_server_drew_in_webkit() {
    the_app_draws_what_the_server_drew(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_page_is_drawn_complete_in_chromium_as_an_iphone() {
    a_device_page_is_drawn_complete(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_page_is_drawn_complete_in_webkit() {
    a_device_page_is_drawn_complete(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn what_was_typed_before_the_app_started_stays_in_chromium() {
    let portal = PortalServer::start_demo();
    let browser = chromium_without_the_app(&portal, "/").await;

    // The server's sign-in page is there, and takes typing.
    type_into_the_first_paint(&browser, "sign-in-email", ALEX.0).await;
    type_into_the_first_paint(&browser, "sign-in-password", &portal.demo_password).await;

    start_the_app(&browser).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser.wait_for_path("/sign-in?return_to=%2Fdevices").await;

    // The app's fields have what was typed, and the password keeps the focus.
    assert!(
        wait_until(
            &browser,
            "return document.getElementById('sign-in-email').value === arguments[0] \
           && document.activeElement && document.activeElement.id === 'sign-in-password';",
            vec![json!(ALEX.0)],
        )
        .await
    );
    browser.click_button("Sign in").await;
    browser.wait_for_heading("My devices").await;
    browser.close().await;
}

/// Lets the WebAssembly load again (Chromium) and starts the app, as its
/// loader would have: the module and the wasm it names.
async fn start_the_app(browser: &Browser) {
    browser
        .cdp("Network.setBlockedURLs", json!({"urls": []}))
        .await;
    let started = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const loader = [...document.querySelectorAll('script[type=module]')]\
               .map(s => s.textContent).join('\\n');\
             const js = loader.match(/[\"'`]([^\"'`]+\\.js)[\"'`]/)[1];\
             const wasm = loader.match(/[\"'`]([^\"'`]+_bg\\.wasm)[\"'`]/)[1];\
             import(js).then(m => m.default({ module_or_path: wasm }))\
               .then(() => done('started'), e => done(String(e)));",
            vec![],
        )
        .await
        .expect("start the app");
    assert_eq!(started, json!("started"));
}

/// Chromium as an iPhone at `path`, where the app cannot start: its
/// WebAssembly does not load (a slow or broken network).
async fn chromium_without_the_app(portal: &PortalServer, path: &str) -> Browser {
    let browser = Browser::launch(Engine::ChromiumIphone).await;
    browser.cdp("Network.enable", json!({})).await;
    browser
        .cdp("Network.setBlockedURLs", json!({"urls": ["*.wasm"]}))
        .await;
    browser.goto(&portal.url(path)).await;
    browser
}

/// Types `value` into the server's field `id` (in place of what it had).
async fn type_into_the_first_paint(browser: &Browser, id: &str, value: &str) {
    let field = browser
        .client
        .find(fantoccini::Locator::Css(&format!(
            "#{FIRST_PAINT_ID} #{id}"
        )))
        .await
        .expect("the first paint's field");
    field.clear().await.expect("clear the field");
    field.send_keys(value).await.expect("type");
}

/// Types into the server's sign-in form (the app has not started) and sends it.
async fn sign_in_with_the_first_paint(browser: &Browser, email: &str, password: &str) {
    type_into_the_first_paint(browser, "sign-in-email", email).await;
    type_into_the_first_paint(browser, "sign-in-password", password).await;
    browser
        .client
        .find(fantoccini::Locator::Css(&format!(
            "#{FIRST_PAINT_ID} .sign-in-form button[type=submit]"
        )))
        .await
        .expect("the first paint's Sign in button")
        .click()
        .await
        .expect("send the form");
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_works_before_the_app_has_started_in_chromium() {
    let portal = PortalServer::start_demo();
    let browser = chromium_without_the_app(&portal, "/devices").await;

    // A wrong password: the server's page says why, keeps the address and
    // puts the focus on the password.
    sign_in_with_the_first_paint(&browser, ALEX.0, "not the password").await;
    let refused = "That email address and password don't match an account.";
    assert!(
        wait_until(
            &browser,
            "const alert = document.querySelector('#first-paint .form-alert');\
             return !!alert && alert.textContent.includes(arguments[0])\
               && document.getElementById('sign-in-email').value === arguments[1]\
               && document.activeElement && document.activeElement.id === 'sign-in-password'\
               && document.getElementById(document.activeElement.getAttribute('aria-describedby'))\
                    ?.textContent.includes(arguments[0]);",
            vec![json!(refused), json!(ALEX.0)],
        )
        .await,
        "the refusal in the first paint, read out by the focused password"
    );
    browser
        .assert_accessible("the refused sign-in form, without the app")
        .await;
    assert_eq!(
        browser.path_and_query().await,
        "/sign-in?return_to=%2Fdevices"
    );

    // The right one: signed in, on the page the person was going to, still
    // without the app.
    sign_in_with_the_first_paint(&browser, ALEX.0, &portal.demo_password).await;
    browser.wait_for_path("/devices").await;
    assert!(
        wait_until(
            &browser,
            "const h1 = document.querySelector('#first-paint h1');\
             return !!h1 && h1.textContent.trim() === 'My devices';",
            vec![],
        )
        .await,
        "My devices from the server"
    );

    // Signed out again, a refusal the app takes over keeps its words and
    // the address typed.
    browser
        .client
        .delete_all_cookies()
        .await
        .expect("forget the session");
    browser.goto(&portal.url("/sign-in")).await;
    sign_in_with_the_first_paint(&browser, ALEX.0, "still not it").await;
    assert!(
        wait_until(
            &browser,
            "const alert = document.querySelector('#first-paint .form-alert');\
             return !!alert && alert.textContent.includes(arguments[0]);",
            vec![json!(refused)],
        )
        .await,
        "the second refusal in the first paint"
    );
    start_the_app(&browser).await;
    assert!(
        wait_until(
            &browser,
            "const alert = document.querySelector('.form-alert:not(#first-paint *)');\
             return !document.getElementById('first-paint') && !!alert\
               && alert.textContent.includes(arguments[0])\
               && document.getElementById('sign-in-email').value === arguments[1];",
            vec![json!(refused), json!(ALEX.0)],
        )
        .await,
        "the app keeps the refusal and the address"
    );
    browser
        .fill("#sign-in-password", &portal.demo_password)
        .await;
    browser.click_button("Sign in").await;
    browser.wait_for_heading("My devices").await;
    browser.close().await;
}

/// Safari's engine sends the form as the server expects (its `Origin` and
/// fetch metadata pass the anti-forgery check) and follows the answer with
/// the session: the form as the browser itself sends it, built beside the
/// app (WebKit's driver cannot keep the app from starting).
#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_form_sent_by_webkit_itself_signs_in() {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(Engine::WebKitIphone).await;
    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser
        .client
        .execute(
            "const form = Object.assign(document.createElement('form'),\
               { method: 'post', action: '/sign-in?return_to=%2Fdevices' });\
             for (const [name, value] of [['email', arguments[0]], ['password', arguments[1]]])\
               form.append(Object.assign(document.createElement('input'), { name, value }));\
             document.body.append(form);\
             HTMLFormElement.prototype.submit.call(form);",
            vec![json!(ALEX.0), json!(portal.demo_password)],
        )
        .await
        .expect("send the form");
    browser.wait_for_path("/devices").await;
    browser.wait_for_heading("My devices").await;
    browser.close().await;
}

async fn the_app_draws_what_the_server_drew(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;

    // Signed out, `/` is the sign-in page, drawn completely by the server.
    browser.goto(&portal.url("/")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser.wait_for_path("/sign-in?return_to=%2Fdevices").await;
    assert_same(&browser, "/", Part::Everything, "sign-in").await;
    assert_no_api_request(&browser, "sign-in").await;

    browser.goto(&portal.url("/help")).await;
    browser.wait_for_heading("Help").await;
    assert_same(&browser, "/help", Part::Everything, "help").await;
    assert_no_api_request(&browser, "help").await;

    browser.goto(&portal.url("/privacy")).await;
    browser.wait_for_heading("What can Contoso see?").await;
    assert_same(&browser, "/privacy", Part::Everything, "privacy").await;
    assert_no_api_request(&browser, "privacy").await;

    // Signed in: the frame is the same, and My devices' heading; the page
    // starts from the data that came with it.
    browser.goto(&portal.url("/sign-in")).await;
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("My devices").await;
    browser.goto(&portal.url("/devices")).await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text("Enroll this device").await;
    assert_same(&browser, "/devices", Part::FrameAndHeading, "my devices").await;
    assert_no_api_request(&browser, "my devices").await;

    // The enrollment's first step, which an iPhone's Safari user agent
    // decides: drawn by the server, the same in the app.
    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_heading("Who owns this device?").await;
    assert_same(&browser, "/enroll", Part::Everything, "enroll").await;
    assert_no_api_request(&browser, "enroll").await;

    browser.close().await;
}

/// A device's page, from the server complete: the app draws the same (but
/// for "This device", which only the browser knows: forgotten here).
async fn a_device_page_is_drawn_complete(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    let _device = enroll_this_device(&browser, &portal, DeviceFacts::iphone()).await;
    browser.goto(&portal.url("/devices")).await;
    let href = browser.property_of("a[href^='/devices/']", "href").await;
    browser
        .client
        .execute(
            "localStorage.removeItem('company-portal.this-device'); return true;",
            vec![],
        )
        .await
        .expect("forget this device");
    let path = url_path(&href);
    browser.goto(&portal.url(&path)).await;
    browser.wait_for_css(".device-facts").await;
    assert_same(&browser, &path, Part::Everything, "device").await;
    browser.close().await;
}

/// `/devices/abc` of `https://127.0.0.1:1234/devices/abc`.
fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or_else(|| "/".to_owned(), |at| after_scheme[at..].to_owned())
}

/// What of the page the server's drawing and the app's must share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Everything,
    /// The frame and the page's `<h1>` (the app has filled in the rest).
    FrameAndHeading,
}

/// Outlines the elements under the first argument (tags, the attributes
/// that show or mean something, and text), leaving out `<main>`'s content
/// when the second is true.
const OUTLINE: &str = "const outline = (root, skipMain) => {\
  const kept = ['id','class','role','href','type','for','lang','value','selected','tabindex',\
    'aria-current','aria-label','aria-labelledby','aria-hidden','rel','name','autocomplete','d'];\
  const out = [];\
  const walk = (node, depth) => {\
    let text = '';\
    const flush = () => { const t = text.replace(/\\s+/g, ' ').trim(); if (t) out.push(depth + ' \"' + t + '\"'); text = ''; };\
    for (const child of node.childNodes) {\
      if (child.nodeType === 3) { text += child.textContent; continue; }\
      if (child.nodeType !== 1) continue;\
      const tag = child.tagName.toLowerCase();\
      if (tag === 'script' || tag === 'noscript') continue;\
      flush();\
      const attrs = kept.filter(a => child.hasAttribute(a)).map(a => a + '=' + child.getAttribute(a));\
      out.push(depth + ' <' + tag + (attrs.length ? ' ' + attrs.join(' ') : '') + '>');\
      if (!(skipMain && tag === 'main')) walk(child, depth + 1);\
    }\
    flush();\
  };\
  walk(root, 0);\
  return out;\
};";

/// Asserts that the server's first paint of `path` (fetched as this
/// browser, with its cookies and languages) outlines like what the app
/// shows now.
async fn assert_same(browser: &Browser, path: &str, part: Part, what: &str) {
    let skip_main = part != Part::Everything;
    let script = format!(
        "{OUTLINE}\
         const done = arguments[arguments.length - 1];\
         fetch(arguments[0], {{credentials: 'same-origin'}}).then(r => r.text()).then(html => {{\
           const served = new DOMParser().parseFromString(html, 'text/html').getElementById('{FIRST_PAINT_ID}');\
           const heading = root => {{ const h = root.querySelector('main h1'); return h ? h.textContent.trim() : null; }};\
           done({{\
             served: served ? outline(served, arguments[1]) : null,\
             live: outline(document.body, arguments[1]),\
             servedHeading: served ? heading(served) : null,\
             liveHeading: heading(document.body),\
           }});\
         }}, e => done({{error: String(e)}}));"
    );
    let result = browser
        .client
        .execute_async(&script, vec![json!(path), json!(skip_main)])
        .await
        .unwrap_or_else(|e| panic!("{:?} {what}: outline: {e}", browser.engine));
    let lines = |key: &str| -> Vec<String> {
        serde_json::from_value(result[key].clone())
            .unwrap_or_else(|_| panic!("{:?} {what}: {key} is {}", browser.engine, result[key]))
    };
    let (served, live) = (lines("served"), lines("live"));
    assert!(
        served.len() > 20 && served.iter().any(|line| line.starts_with("0 <main")),
        "{:?} {what}: the first paint outlines as {served:?}",
        browser.engine
    );
    assert_eq!(
        served.join("\n"),
        live.join("\n"),
        "{:?} {what}: the first paint (left) is not what the app draws (right)",
        browser.engine
    );
    if part == Part::FrameAndHeading {
        assert_eq!(
            result["servedHeading"], result["liveHeading"],
            "{:?} {what}",
            browser.engine
        );
        assert_ne!(result["liveHeading"], Value::Null);
    }
}

/// Asserts the page asked the API nothing while starting (it came with
/// what it needs).
async fn assert_no_api_request(browser: &Browser, what: &str) {
    let asked = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource')\
               .map(e => new URL(e.name).pathname).filter(p => p.startsWith('/api/'));",
            vec![],
        )
        .await
        .expect("read the resource timings");
    assert_eq!(asked, json!([]), "{:?} {what}", browser.engine);
}

/// Runs `script` until it returns true, for the usual patience.
async fn wait_until(browser: &Browser, script: &str, arguments: Vec<Value>) -> bool {
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    loop {
        let value = browser.client.execute(script, arguments.clone()).await;
        if matches!(value, Ok(Value::Bool(true))) {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
