//! Real browsers through WebDriver: Chromium as an iPhone, and WebKit
//! (MiniBrowser, Safari's engine) with an iPhone user agent.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

use crate::{required_env, PATIENCE};

/// The portal's session cookie (portal_api::routes::SESSION_COOKIE).
const SESSION_COOKIE: &str = "__Host-portal_session";

/// Safari on an iPhone running iOS 17.4.
pub const IPHONE_SAFARI_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
/// The iPhone 14/15 viewport in CSS pixels.
pub const IPHONE_VIEWPORT: (u32, u32) = (390, 844);

const DEFAULT_MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/// What the simulated person has set in the system settings, from the start
/// of the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Preferences {
    /// `prefers-color-scheme: dark` (Chromium: CDP media emulation; WebKit:
    /// GTK's dark theme variant, which WebKitGTK reports as the scheme).
    pub dark: bool,
    /// `prefers-reduced-motion: reduce` (Chromium: CDP media emulation;
    /// WebKit: GTK's `gtk-enable-animations=0`, which WebKitGTK reports).
    pub reduced_motion: bool,
    /// The system's language, a BCP 47 tag such as "de" (what
    /// `navigator.languages` reports). Chromium only (`--lang` and the
    /// accept-languages preference): WebKitGTK's MiniBrowser takes its
    /// languages from the system locale, which this machine lacks.
    pub language: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Headless Chromium with a phone viewport and an iPhone Safari UA.
    ChromiumIphone,
    /// WebKitGTK's MiniBrowser under Xvfb with an iPhone Safari UA.
    WebKitIphone,
}

pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts the engine as Safari on an iPhone.
    pub async fn launch(engine: Engine) -> Self {
        Self::launch_as(engine, IPHONE_SAFARI_UA).await
    }

    /// Starts a driver on a free port and opens a session with a fresh
    /// profile that accepts the server's self-signed certificate, sending
    /// `user_agent` (with the phone viewport either way).
    pub async fn launch_as(engine: Engine, user_agent: &str) -> Self {
        Self::launch_with(engine, user_agent, Preferences::default()).await
    }

    /// The same, with the system's colour scheme and motion preferences.
    pub async fn launch_with(engine: Engine, user_agent: &str, preferences: Preferences) -> Self {
        let profile = tempfile::tempdir().expect("browser profile directory");
        let port = free_port();
        let (driver_bin, capabilities) = match engine {
            Engine::ChromiumIphone => (
                required_env("CHROMEDRIVER"),
                chromium_capabilities(&profile, user_agent, preferences.language),
            ),
            Engine::WebKitIphone => (
                required_env("WEBKIT_DRIVER"),
                webkit_capabilities(user_agent),
            ),
        };
        let mut driver = Command::new(driver_bin);
        if engine == Engine::WebKitIphone {
            // MiniBrowser inherits the driver's environment: GTK's settings
            // are where WebKitGTK takes both media features from.
            if preferences.dark {
                driver.env("GTK_THEME", "Adwaita:dark");
            }
            if preferences.reduced_motion {
                let gtk = profile.path().join("config").join("gtk-3.0");
                std::fs::create_dir_all(&gtk).expect("GTK settings directory");
                std::fs::write(
                    gtk.join("settings.ini"),
                    "[Settings]\ngtk-enable-animations=0\n",
                )
                .expect("GTK settings");
                driver.env("XDG_CONFIG_HOME", profile.path().join("config"));
            }
        }
        let driver = driver
            .arg(format!("--port={port}"))
            // Its own process group, so dropping the Browser can end the
            // driver and every browser process it started, even mid-panic.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the WebDriver server");

        let webdriver_url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let attempt = ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&webdriver_url)
                .await;
            match attempt {
                Ok(client) => break client,
                // The driver is still starting up: it has not bound its port.
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(error) => panic!("no WebDriver session for {engine:?}: {error}"),
            }
        };
        if engine == Engine::WebKitIphone {
            let (width, height) = IPHONE_VIEWPORT;
            // In the top-left corner: away from the X pointer in the middle
            // of the screen, which gives keyboard focus to the window under
            // it (see `Browser::take_keyboard_focus`).
            client
                .set_window_rect(0, 0, width, height)
                .await
                .expect("resize MiniBrowser to a phone viewport");
        }
        let browser = Self {
            client,
            engine,
            driver,
            _profile: profile,
        };
        if engine == Engine::ChromiumIphone && preferences != Preferences::default() {
            browser.emulate_media(preferences).await;
        }
        browser
    }

    /// Chromium only: sets `prefers-color-scheme` and
    /// `prefers-reduced-motion` for this tab (DevTools'
    /// `Emulation.setEmulatedMedia`), from now on, across navigations.
    pub async fn emulate_media(&self, preferences: Preferences) {
        let scheme = if preferences.dark { "dark" } else { "light" };
        let motion = if preferences.reduced_motion {
            "reduce"
        } else {
            "no-preference"
        };
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({"features": [
                {"name": "prefers-color-scheme", "value": scheme},
                {"name": "prefers-reduced-motion", "value": motion},
            ]}),
        )
        .await;
    }

    /// Chromium only: a Chrome DevTools Protocol command through
    /// ChromeDriver's `goog/cdp/execute`; returns its result.
    pub async fn cdp(&self, method: &str, params: Value) -> Value {
        assert_eq!(
            self.engine,
            Engine::ChromiumIphone,
            "the DevTools protocol is Chromium's"
        );
        self.client
            .issue_cmd(CdpCommand {
                method: method.to_owned(),
                params,
            })
            .await
            .unwrap_or_else(|e| panic!("CDP {method}: {e}"))
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// The current URL's path and query, e.g. `/sign-in?return_to=%2Fdevices`.
    pub async fn path_and_query(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the address bar shows exactly `expected` (path and query).
    pub async fn wait_for_path(&self, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let current = self.path_and_query().await;
            if current == expected {
                return;
            }
            if Instant::now() >= deadline {
                self.fail(&format!("expected to be at {expected}, still at {current}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element matching the XPath and returns it.
    pub async fn wait_for(&self, xpath: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(PATIENCE)
            // Check often, so measured delays (see the enrollment journey)
            // are not mostly polling.
            .every(Duration::from_millis(50))
            .for_element(Locator::XPath(xpath))
            .await;
        match found {
            Ok(element) => element,
            Err(error) => {
                self.fail(&format!("nothing matches {xpath}: {error}"))
                    .await
            }
        }
    }

    /// Waits for an element matching the CSS selector and returns it.
    pub async fn wait_for_css(&self, css: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(PATIENCE)
            .every(Duration::from_millis(50))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(error) => self.fail(&format!("nothing matches {css}: {error}")).await,
        }
    }

    /// Panics with `what` went wrong and what the page showed then (its
    /// address, heading, text and whether it had the keyboard focus), so a
    /// failure on a loaded CI machine can be told from a slow one.
    pub async fn fail(&self, what: &str) -> ! {
        let page = self
            .client
            .execute(
                "const squash = t => (t || '').replace(/\\s+/g, ' ').trim();\
                 const h1 = document.querySelector('h1');\
                 return {url: location.href, readyState: document.readyState,\
                   focused: document.hasFocus(), h1: h1 ? squash(h1.textContent) : null,\
                   active: document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : null,\
                   fields: [...document.querySelectorAll('input, select, textarea')]\
                     .map(f => (f.id || f.name) + '=' + String(f.value).slice(0, 80)),\
                   text: squash(document.body && document.body.innerText).slice(0, 2000)};",
                vec![],
            )
            .await
            .map_or_else(
                |e| format!("(could not read the page: {e})"),
                |v| v.to_string(),
            );
        panic!(
            "{:?}: {what}\n  after {PATIENCE:?}; the page then: {page}",
            self.engine
        )
    }

    /// Waits for the page's main heading to read `text`.
    pub async fn wait_for_heading(&self, text: &str) -> Element {
        self.wait_for(&format!("//h1[normalize-space()={}]", xpath_literal(text)))
            .await
    }

    /// Waits for a visible text anywhere in the page body.
    pub async fn wait_for_text(&self, text: &str) -> Element {
        self.wait_for(&format!(
            "//body//*[contains(normalize-space(), {})][not(*[contains(normalize-space(), {0})])]",
            xpath_literal(text)
        ))
        .await
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self.wait_for_css(css).await;
        field.clear().await.expect("clear field");
        field.send_keys(value).await.expect("type into field");
    }

    pub async fn value_of(&self, css: &str) -> String {
        let field = self.client.find(Locator::Css(css)).await.expect("field");
        field
            .prop("value")
            .await
            .expect("value property")
            .unwrap_or_default()
    }

    /// Signs in on the sign-in page the browser is showing.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.fill("input[type=email]", email).await;
        self.fill("input[type=password]", password).await;
        self.click_button("Sign in").await;
    }

    /// The session cookie as a `Cookie` header value (`name=value`), for a
    /// simulated device to download a profile the way Safari would.
    pub async fn session_cookie(&self) -> String {
        let cookies = self.client.get_all_cookies().await.expect("read cookies");
        cookies
            .iter()
            .find(|cookie| cookie.name() == SESSION_COOKIE)
            .map(|cookie| format!("{}={}", cookie.name(), cookie.value()))
            .unwrap_or_else(|| panic!("{:?}: no {SESSION_COOKIE} cookie", self.engine))
    }

    /// Waits for an element matching the CSS selector and clicks it.
    pub async fn click_css(&self, css: &str) {
        self.click_when_ready(Locator::Css(css), css).await;
    }

    /// Clicks the element `locator` finds once a person could tap it: a
    /// button can be in the page a moment before it can be used (a closing
    /// dialog still makes the page inert, a re-render replaces the node), so
    /// "not interactable", "intercepted" and "stale" mean "not yet" until
    /// the usual patience runs out.
    async fn click_when_ready(&self, locator: Locator<'_>, what: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = self
                .client
                .wait()
                .at_most(deadline.saturating_duration_since(Instant::now()))
                .every(Duration::from_millis(50))
                .for_element(locator)
                .await;
            let element = match found {
                Ok(element) => element,
                Err(error) => self.fail(&format!("nothing matches {what}: {error}")).await,
            };
            let error = match element.click().await {
                Ok(()) => return,
                Err(error) => error,
            };
            let not_yet = matches!(
                &error,
                fantoccini::error::CmdError::Standard(e) if matches!(
                    e.error,
                    fantoccini::error::ErrorStatus::ElementNotInteractable
                        | fantoccini::error::ErrorStatus::ElementClickIntercepted
                        | fantoccini::error::ErrorStatus::StaleElementReference
                )
            );
            if !not_yet || Instant::now() >= deadline {
                self.fail(&format!("cannot click {what}: {error}")).await;
            }
            // On a phone the tab bar fixed to the bottom covers a button in
            // the last few lines of the viewport, and WebDriver scrolls only
            // elements out of view: scroll it clear, as a person would.
            let intercepted = matches!(
                &error,
                fantoccini::error::CmdError::Standard(e)
                    if e.error == fantoccini::error::ErrorStatus::ElementClickIntercepted
            );
            if intercepted {
                if let Ok(element) = serde_json::to_value(&element) {
                    let _ = self
                        .client
                        .execute(
                            "arguments[0].scrollIntoView({block: 'center'});",
                            vec![element],
                        )
                        .await;
                }
            }
            // Poll again at the pace of the waits above.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A property of the first element matching the CSS selector (e.g. the
    /// absolute `href` of a link).
    pub async fn property_of(&self, css: &str, property: &str) -> String {
        self.wait_for_css(css)
            .await
            .prop(property)
            .await
            .expect("read property")
            .unwrap_or_default()
    }

    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space()={}]", xpath_literal(text));
        self.click_when_ready(Locator::XPath(&xpath), &xpath).await;
    }

    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space()={}]", xpath_literal(text));
        self.click_when_ready(Locator::XPath(&xpath), &xpath).await;
    }

    /// The HTTP status of a same-origin `fetch` made by the page itself, with
    /// the page's cookies: what the server thinks of this browser's session.
    pub async fn fetch_status(&self, path: &str) -> u16 {
        let status = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 fetch(arguments[0], {credentials: 'same-origin'})\
                   .then(r => done(r.status), e => done(String(e)));",
                vec![json!(path)],
            )
            .await
            .expect("run fetch in the page");
        status
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or_else(|| panic!("fetch {path} failed in the page: {status}"))
    }

    /// Saves what the browser shows as `target/e2e-screenshots/<engine>-<name>.png`,
    /// for people to look at; nothing asserts on pixels.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("take a screenshot");
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        let engine = match self.engine {
            Engine::ChromiumIphone => "chromium",
            Engine::WebKitIphone => "webkit",
        };
        std::fs::write(dir.join(format!("{engine}-{name}.png")), png).expect("save screenshot");
    }

    /// Picks the language tagged `tag` ("ar") in the footer's language
    /// picker, as a person would.
    pub async fn choose_language(&self, tag: &str) {
        self.wait_for("//select[@id='language']")
            .await
            .select_by_value(tag)
            .await
            .unwrap_or_else(|e| panic!("{:?}: choose {tag}: {e}", self.engine));
    }

    /// Saves what the browser shows at one CSS pixel per pixel (390×844, an
    /// iPhone's screen) as `tests/screenshots/<name>.png`, the README's
    /// pictures: every e2e run takes them anew, so they never go stale.
    /// Chromium only (it can set the pixel ratio for the picture).
    pub async fn readme_screenshot(&self, name: &str) {
        let (width, height) = IPHONE_VIEWPORT;
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": true}),
        )
        .await;
        let png = self.client.screenshot().await.expect("take a screenshot");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot directory");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("save screenshot");
        self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
            .await;
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// ChromeDriver's `POST /session/{id}/goog/cdp/execute`.
#[derive(Debug)]
struct CdpCommand {
    method: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let session = session_id.unwrap_or_default();
        base_url.join(&format!("session/{session}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.method, "params": self.params});
        (http::Method::POST, Some(body.to_string()))
    }
}

fn chromium_capabilities(
    profile: &tempfile::TempDir,
    user_agent: &str,
    language: Option<&str>,
) -> Map<String, Value> {
    let (width, height) = IPHONE_VIEWPORT;
    let mut capabilities = json!({
        "browserName": "chrome",
        "acceptInsecureCerts": true,
        "goog:chromeOptions": {
            "binary": required_env("CHROMIUM"),
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "mobileEmulation": {
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 3.0, "touch": true},
                "userAgent": user_agent,
            },
        },
    });
    if let Some(language) = language {
        let options = &mut capabilities["goog:chromeOptions"];
        if let Some(args) = options["args"].as_array_mut() {
            args.push(json!(format!("--lang={language}")));
        }
        options["prefs"] = json!({"intl": {"accept_languages": language}});
    }
    as_map(capabilities)
}

fn webkit_capabilities(user_agent: &str) -> Map<String, Value> {
    let binary = std::env::var("MINIBROWSER").unwrap_or_else(|_| DEFAULT_MINIBROWSER.into());
    let capabilities = json!({
        "browserName": "MiniBrowser",
        "acceptInsecureCerts": true,
        "webkitgtk:browserOptions": {
            "binary": binary,
            "args": ["--automation", format!("--user-agent={user_agent}")],
        },
    });
    as_map(capabilities)
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are written as an object"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free local port")
}

/// `text` as an XPath string literal (XPath 1.0 has no escapes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

#[cfg(test)]
mod tests {
    use super::xpath_literal;

    #[test]
    fn xpath_literals_survive_quotes() {
        assert_eq!(xpath_literal("Help"), "'Help'");
        assert_eq!(xpath_literal("You're set"), "\"You're set\"");
        assert_eq!(xpath_literal(r#"a'b"c"#), r#"concat('a', "'", 'b"c')"#);
    }
}
