//! "Where am I?": which device, iOS version and browser the visitor is using,
//! from what the page can read — `navigator.userAgent`,
//! `navigator.maxTouchPoints` and Safari's `navigator.standalone`.
//!
//! Pure functions over plain inputs (no `web-sys`), so they are tested
//! natively against a corpus of real user-agent strings
//! (`platform/user_agents.txt`). Reading the three values from the browser
//! is the caller's job.
//!
//! The classification decides what the enrollment pages say, never what the
//! organization allows: the server decides at check-in with the version the
//! device itself reports. So when the user agent cannot be trusted, the
//! answer is "unknown" rather than a guess.
//!
//! Known limits of reading a user agent:
//! - iPadOS 13+ sends a Mac user agent by default. An iPad is told from a Mac
//!   only by `maxTouchPoints > 1`, and its user agent carries no OS version.
//! - On iOS/iPadOS 26 and later, WebKit freezes the OS token at the last
//!   iOS 18 release ("CPU iPhone OS 18_6", later "18_7") while Safari's
//!   `Version/` token carries the real version (WebKit, "WebKit Features in
//!   Safari 26.0"; whatwg/compat#283). Firefox for iOS sends the frozen token
//!   on every iOS version. See [`Platform::os_version`].
//! - In-app browsers are recognized only by the marker the app adds to the
//!   user agent. Outlook for iOS opens links in a web view that often adds no
//!   marker at all, and SFSafariViewController (which many iOS apps use to
//!   open links) sends exactly Safari's user agent; the first looks like a
//!   plain web view, the second like Safari. "Outlook-iOS/" is
//!   the token Outlook sends on its own requests; it is recognized in case its
//!   link browser carries it too.

use portal_api::os_version::OsVersion;

/// The kind of device the visitor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Device {
    /// An iPhone, and also an iPod touch: it runs the same iOS, reports
    /// "CPU iPhone OS" and installs enrollment profiles the same way.
    IPhone,
    /// An iPad, including iPadOS's desktop-class browsing (a Mac user agent
    /// with more than one touch point).
    IPad,
    Mac,
    Android,
    Windows,
    /// Linux, ChromeOS, Windows Phone, crawlers and anything unrecognized.
    Other,
}

/// An app whose own browser the page is open in. Such browsers keep a
/// downloaded profile to themselves, so the person has to move to Safari.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InAppBrowser {
    Outlook,
    Teams,
    Facebook,
    Messenger,
    Instagram,
    LinkedIn,
    WeChat,
    Line,
    /// X, formerly Twitter; its user agent still says Twitter.
    Twitter,
    /// The Google app ("GSA/" in the user agent).
    GoogleApp,
    Snapchat,
    TikTok,
    Slack,
    /// An app with a known in-app marker that has no variant of its own
    /// (NAVER, KakaoTalk, Klarna, Yahoo! JAPAN, Weibo, Baidu, Alipay, QQ).
    Other,
}

impl InAppBrowser {
    /// The app's name as people know it (the same in every language), or
    /// None for an app we cannot name (the page then says "this app").
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::Outlook => "Outlook",
            Self::Teams => "Microsoft Teams",
            Self::Facebook => "Facebook",
            Self::Messenger => "Messenger",
            Self::Instagram => "Instagram",
            Self::LinkedIn => "LinkedIn",
            Self::WeChat => "WeChat",
            Self::Line => "LINE",
            Self::Twitter => "X",
            Self::GoogleApp => "Google",
            Self::Snapchat => "Snapchat",
            Self::TikTok => "TikTok",
            Self::Slack => "Slack",
            Self::Other => return None,
        })
    }
}

/// The browser the page is open in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Browser {
    /// Safari, or a home-screen web clip (see [`Platform::web_clip`]).
    Safari,
    /// Chrome, including Chrome for iOS ("CriOS").
    Chrome,
    /// Firefox, including Firefox for iOS ("FxiOS").
    Firefox,
    /// Edge: "EdgiOS" on iOS, "EdgA" on Android, "Edg" on desktops
    /// ("Edge" for the old EdgeHTML version).
    Edge,
    DuckDuckGo,
    /// An app's own browser, recognized by the app's marker.
    InApp(InAppBrowser),
    /// An app's web view without a marker we know: on iOS, WebKit with
    /// `Mobile/` but no `Safari/` token; on Android, the System WebView
    /// ("; wv)").
    WebView,
    /// Any other browser (Opera, Samsung Internet, Yandex...), a crawler, or
    /// nothing recognizable.
    Other,
}

impl Browser {
    /// The browser's name as people know it (the same in every language),
    /// or None for one we cannot name (the page then says "this app" or
    /// "this browser").
    pub const fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::Safari => "Safari",
            Self::Chrome => "Chrome",
            Self::Firefox => "Firefox",
            Self::Edge => "Edge",
            Self::DuckDuckGo => "DuckDuckGo",
            Self::InApp(app) => return app.name(),
            Self::WebView | Self::Other => return None,
        })
    }
}

/// What the page knows about where it is running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub device: Device,
    /// The iOS/iPadOS version, when the user agent states it reliably.
    ///
    /// `None` for non-Apple devices and Macs, for desktop-class iPads (no OS
    /// token), and when the OS token may be Apple's frozen value: a token
    /// from 18.6 up to (not including) 19 is trusted only when Safari's
    /// `Version/18.x` confirms it, because iOS 26+ reports 18.6/18.7 there.
    pub os_version: Option<OsVersion>,
    /// The OS token exactly as the user agent states it ("CPU iPhone OS
    /// 18_7" gives 18.7), before the frozen-token check above.
    pub reported_os_version: Option<OsVersion>,
    /// Safari's `Version/17.4` token on Apple devices. It follows the OS
    /// version in Safari, but other browsers and apps set it as they like:
    /// show it as a hint, never decide with it.
    pub safari_version_hint: Option<OsVersion>,
    pub browser: Browser,
    /// Launched from a home-screen web clip (`navigator.standalone`).
    pub web_clip: bool,
}

impl Platform {
    /// Classifies the visitor from `navigator.userAgent`,
    /// `navigator.maxTouchPoints` and `navigator.standalone` (`None` where
    /// the browser does not have it).
    pub fn detect(user_agent: &str, max_touch_points: u32, standalone: Option<bool>) -> Self {
        let web_clip = standalone == Some(true);
        if is_crawler(user_agent) {
            return Self {
                device: Device::Other,
                os_version: None,
                reported_os_version: None,
                safari_version_hint: None,
                browser: Browser::Other,
                web_clip,
            };
        }
        let platform_token = first_parenthesized(user_agent);
        let device = device(platform_token, max_touch_points);
        let apple = matches!(device, Device::IPhone | Device::IPad | Device::Mac);
        let apple_mobile = matches!(device, Device::IPhone | Device::IPad);

        let safari_version_hint = if apple {
            token_after(user_agent, "Version/").and_then(|t| OsVersion::parse(t).ok())
        } else {
            None
        };
        let reported_os_version = if apple_mobile {
            ios_version_token(platform_token)
        } else {
            None
        };
        let os_version = match &reported_os_version {
            Some(reported) if is_possibly_frozen(reported) => {
                let confirmed = safari_version_hint
                    .as_ref()
                    .is_some_and(|hint| hint.major() == reported.major());
                confirmed.then(|| reported.clone())
            }
            other => other.clone(),
        };

        Self {
            device,
            os_version,
            reported_os_version,
            safari_version_hint,
            browser: browser(user_agent, device, web_clip),
            web_clip,
        }
    }

    /// An iPhone (or iPod touch) or an iPad.
    pub fn is_apple_mobile(&self) -> bool {
        matches!(self.device, Device::IPhone | Device::IPad)
    }

    /// Whether a downloaded enrollment profile will reach Settings from here:
    /// only Safari itself hands it over, and not from a home-screen web clip.
    pub fn can_install_profile(&self) -> bool {
        self.is_apple_mobile() && self.browser == Browser::Safari && !self.web_clip
    }

    /// Whether an `x-safari-https://` link can be expected to open the page in
    /// Safari: iOS/iPadOS 17 or later, known from the user agent. False when
    /// the version is unknown (desktop-class iPads), except that a frozen
    /// iOS 26-era token proves at least 18.6 — but not in Firefox, which
    /// sends the frozen token on every iOS version. The scheme is
    /// undocumented (some reports say 17.5+), so always offer "copy link" too.
    pub fn supports_open_in_safari_scheme(&self) -> bool {
        if !self.is_apple_mobile() {
            return false;
        }
        match (&self.os_version, &self.reported_os_version) {
            (Some(version), _) => *version >= IOS_17,
            (None, Some(reported)) => {
                is_possibly_frozen(reported) && self.browser != Browser::Firefox
            }
            (None, None) => false,
        }
    }
}

const IOS_17: OsVersion = OsVersion::new(17, 0, 0);
/// The first OS token WebKit froze to on iOS 26 (later moved to 18.6.2, 18.7).
const FROZEN_FROM: OsVersion = OsVersion::new(18, 6, 0);
const FROZEN_BEFORE: OsVersion = OsVersion::new(19, 0, 0);

fn is_possibly_frozen(version: &OsVersion) -> bool {
    FROZEN_FROM <= *version && *version < FROZEN_BEFORE
}

/// The text inside the first parentheses: the platform part of
/// "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) ...". Later
/// parentheses belong to apps (Instagram's "(iPad4,4; iOS 10_3_1; ...)")
/// and are not the device's word.
fn first_parenthesized(user_agent: &str) -> &str {
    let Some(start) = user_agent.find('(') else {
        return "";
    };
    let rest = &user_agent[start + 1..];
    rest.find(')').map_or(rest, |end| &rest[..end])
}

/// The text after `marker`, up to the next space, ';' or ')'.
fn token_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let start = text.find(marker)? + marker.len();
    text[start..]
        .split(|c: char| c.is_whitespace() || c == ';' || c == ')')
        .next()
        .filter(|token| !token.is_empty())
}

fn device(platform_token: &str, max_touch_points: u32) -> Device {
    if platform_token.contains("iPad") {
        Device::IPad
    } else if platform_token.contains("iPhone") || platform_token.contains("iPod") {
        Device::IPhone
    } else if platform_token.contains("Macintosh") {
        // iPadOS 13+ asks for desktop sites with a Mac user agent; only the
        // touch screen gives it away (Macs report 0).
        if max_touch_points > 1 {
            Device::IPad
        } else {
            Device::Mac
        }
    } else if platform_token.contains("Windows Phone") {
        Device::Other
    } else if platform_token.contains("Android") {
        Device::Android
    } else if platform_token.contains("Windows") {
        Device::Windows
    } else {
        Device::Other
    }
}

/// "CPU iPhone OS 17_4_1 like Mac OS X" or "CPU OS 16_6 like Mac OS X".
fn ios_version_token(platform_token: &str) -> Option<OsVersion> {
    // "iPhone OS " also covers KakaoTalk's "CPU; iPhone OS 15_4_1";
    // "CPU iPhone " covers Yandex's "CPU iPhone 16_4_1" on an iPod.
    ["iPhone OS ", "CPU OS ", "CPU iPhone "]
        .iter()
        .find_map(|marker| token_after(platform_token, marker))
        .and_then(|token| OsVersion::parse(token).ok())
}

/// Markers in-app browsers add. Checked before any browser token: many of
/// these user agents also contain "Safari/" (the Google app, NAVER,
/// Snapchat's "like Safari/", WeChat on iPad). Order matters where one
/// marker contains another: Messenger before Facebook.
const IN_APP_MARKERS: &[(&str, InAppBrowser)] = &[
    ("Outlook-iOS/", InAppBrowser::Outlook),
    ("Outlook-Android/", InAppBrowser::Outlook),
    ("TeamsMobile-", InAppBrowser::Teams),
    (" Teams/", InAppBrowser::Teams),
    ("FBAN/Messenger", InAppBrowser::Messenger),
    ("FB_IAB/MESSENGER", InAppBrowser::Messenger),
    ("FBAN/", InAppBrowser::Facebook),
    ("FBAV/", InAppBrowser::Facebook),
    ("FB_IAB/", InAppBrowser::Facebook),
    ("Instagram ", InAppBrowser::Instagram),
    ("LinkedInApp", InAppBrowser::LinkedIn),
    ("MicroMessenger/", InAppBrowser::WeChat),
    (" Line/", InAppBrowser::Line),
    ("Twitter for iP", InAppBrowser::Twitter),
    ("TwitterAndroid", InAppBrowser::Twitter),
    ("GSA/", InAppBrowser::GoogleApp),
    ("Snapchat/", InAppBrowser::Snapchat),
    ("musical_ly", InAppBrowser::TikTok),
    ("BytedanceWebview", InAppBrowser::TikTok),
    (" Slack/", InAppBrowser::Slack),
    ("NAVER(inapp", InAppBrowser::Other),
    ("KAKAOTALK", InAppBrowser::Other),
    ("KAKAOSTORY", InAppBrowser::Other),
    ("Klarna/", InAppBrowser::Other),
    ("YJApp-", InAppBrowser::Other),
    ("Weibo", InAppBrowser::Other),
    ("baiduboxapp/", InAppBrowser::Other),
    ("AlipayClient/", InAppBrowser::Other),
    (" QQ/", InAppBrowser::Other),
];

/// Browsers that are none of the named ones but borrow their tokens
/// ("Safari/", "Chrome/", "Firefox/"), so they must be ruled out first.
const OTHER_BROWSER_MARKERS: &[&str] = &[
    "OPiOS/",
    "OPT/",
    "OPR/",
    "OPX/",
    "Opera",
    "Coast/",
    "YaBrowser/",
    "MXiOS/",
    "SamsungBrowser/",
    "UCBrowser",
    "MQQBrowser/",
    "QQBrowser",
    "QHBrowser",
    "SogouMobileBrowser",
    "Vivaldi/",
    "Whale/",
    "MiuiBrowser",
    "HuaweiBrowser/",
    "Silk/",
    "Puffin/",
    "Focus/",
    "SeaMonkey/",
    "Electron/",
];

/// Lower-case fragments of crawler and tool user agents. Kept specific:
/// "bot" alone would match phones such as the Cubot X30.
const CRAWLER_MARKERS: &[&str] = &[
    "bot/",
    "bot;",
    "crawler",
    "spider",
    "slurp",
    "headlesschrome",
    "facebookexternalhit",
    "curl/",
    "python-requests",
];

fn is_crawler(user_agent: &str) -> bool {
    let lower = user_agent.to_ascii_lowercase();
    CRAWLER_MARKERS.iter().any(|marker| lower.contains(marker))
}

fn browser(user_agent: &str, device: Device, web_clip: bool) -> Browser {
    let has = |marker: &str| user_agent.contains(marker);

    if let Some((_, app)) = IN_APP_MARKERS.iter().find(|(marker, _)| has(marker)) {
        return Browser::InApp(*app);
    }
    // Each of these also claims "Safari/" and most claim "Chrome/".
    if has("Ddg/") || has("DuckDuckGo/") {
        return Browser::DuckDuckGo;
    }
    if ["EdgiOS/", "EdgA/", "Edg/", "Edge/"].iter().any(|m| has(m)) {
        return Browser::Edge;
    }
    if has("FxiOS/") {
        return Browser::Firefox;
    }
    if OTHER_BROWSER_MARKERS.iter().any(|m| has(m)) {
        return Browser::Other;
    }
    if has("Firefox/") {
        return Browser::Firefox;
    }
    if has("CriOS/") {
        return Browser::Chrome;
    }
    // Android System WebView also says "Chrome/".
    if has("; wv)") {
        return Browser::WebView;
    }
    if has("Chrome/") || has("Chromium/") {
        return Browser::Chrome;
    }
    let apple = matches!(device, Device::IPhone | Device::IPad | Device::Mac);
    // Android's old stock browser and Safari for Windows also say "Safari/".
    if apple && has("Safari/") {
        return Browser::Safari;
    }
    if matches!(device, Device::IPhone | Device::IPad) && has("AppleWebKit/") && has("Mobile/") {
        // A home-screen web clip drops "Version/" and "Safari/" exactly like
        // an app's web view; `navigator.standalone` tells them apart.
        return if web_clip {
            Browser::Safari
        } else {
            Browser::WebView
        };
    }
    Browser::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus: one real user agent per line with what it must give.
    const CORPUS: &str = include_str!("platform/user_agents.txt");

    struct Case {
        line: usize,
        device: Device,
        os: Option<String>,
        hint: Option<String>,
        browser: Browser,
        touch: u32,
        standalone: Option<bool>,
        user_agent: String,
    }

    fn parse_device(text: &str) -> Device {
        match text {
            "iphone" => Device::IPhone,
            "ipad" => Device::IPad,
            "mac" => Device::Mac,
            "android" => Device::Android,
            "windows" => Device::Windows,
            "other" => Device::Other,
            _ => panic!("unknown device {text:?}"),
        }
    }

    fn parse_browser(text: &str) -> Browser {
        if let Some(app) = text.strip_prefix("in-app:") {
            return Browser::InApp(match app {
                "outlook" => InAppBrowser::Outlook,
                "teams" => InAppBrowser::Teams,
                "facebook" => InAppBrowser::Facebook,
                "messenger" => InAppBrowser::Messenger,
                "instagram" => InAppBrowser::Instagram,
                "linkedin" => InAppBrowser::LinkedIn,
                "wechat" => InAppBrowser::WeChat,
                "line" => InAppBrowser::Line,
                "twitter" => InAppBrowser::Twitter,
                "google" => InAppBrowser::GoogleApp,
                "snapchat" => InAppBrowser::Snapchat,
                "tiktok" => InAppBrowser::TikTok,
                "slack" => InAppBrowser::Slack,
                "other" => InAppBrowser::Other,
                _ => panic!("unknown app {app:?}"),
            });
        }
        match text {
            "safari" => Browser::Safari,
            "chrome" => Browser::Chrome,
            "firefox" => Browser::Firefox,
            "edge" => Browser::Edge,
            "duckduckgo" => Browser::DuckDuckGo,
            "webview" => Browser::WebView,
            "other" => Browser::Other,
            _ => panic!("unknown browser {text:?}"),
        }
    }

    fn optional(text: &str) -> Option<String> {
        (text != "-").then(|| text.to_owned())
    }

    fn corpus() -> Vec<Case> {
        CORPUS
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
            .map(|(index, line)| {
                let fields: Vec<&str> = line.splitn(7, '|').map(str::trim).collect();
                assert_eq!(fields.len(), 7, "line {}: {line}", index + 1);
                Case {
                    line: index + 1,
                    device: parse_device(fields[0]),
                    os: optional(fields[1]),
                    hint: optional(fields[2]),
                    browser: parse_browser(fields[3]),
                    touch: fields[4].parse().expect("touch points"),
                    standalone: match fields[5] {
                        "-" => None,
                        "no" => Some(false),
                        "yes" => Some(true),
                        other => panic!("line {}: standalone {other:?}", index + 1),
                    },
                    user_agent: fields[6].to_owned(),
                }
            })
            .collect()
    }

    #[test]
    fn classifies_every_user_agent_in_the_corpus() {
        let cases = corpus();
        assert!(cases.len() >= 45, "only {} corpus entries", cases.len());
        let mut mismatches = Vec::new();
        for case in &cases {
            let got = Platform::detect(&case.user_agent, case.touch, case.standalone);
            let os = got.os_version.as_ref().map(ToString::to_string);
            let hint = got.safari_version_hint.as_ref().map(ToString::to_string);
            let mut wrong = Vec::new();
            if got.device != case.device {
                wrong.push(format!(
                    "device {:?}, expected {:?}",
                    got.device, case.device
                ));
            }
            if os != case.os {
                wrong.push(format!("os {os:?}, expected {:?}", case.os));
            }
            if hint != case.hint {
                wrong.push(format!("hint {hint:?}, expected {:?}", case.hint));
            }
            if got.browser != case.browser {
                wrong.push(format!(
                    "browser {:?}, expected {:?}",
                    got.browser, case.browser
                ));
            }
            if got.web_clip != (case.standalone == Some(true)) {
                wrong.push(format!("web_clip {}", got.web_clip));
            }
            if !wrong.is_empty() {
                mismatches.push(format!(
                    "line {}: {}\n    {}",
                    case.line,
                    wrong.join("; "),
                    case.user_agent
                ));
            }
        }
        assert!(
            mismatches.is_empty(),
            "{} of {} user agents misclassified:\n{}",
            mismatches.len(),
            cases.len(),
            mismatches.join("\n")
        );
    }

    const IPHONE_SAFARI_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1";
    const IPHONE_SAFARI_16: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1";
    const IPHONE_CHROME_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1";
    const DESKTOP_CLASS_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    /// Safari 26.2: the OS token is frozen, `Version/` is real.
    const IPHONE_SAFARI_26: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1";
    const IPHONE_SAFARI_18_6: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1";
    const LINKEDIN_FROZEN: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.32.2485";
    const FIREFOX_FROZEN: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/143.0 Mobile/15E148 Safari/605.1.15";
    /// The web view user agent of an app, and of a home-screen web clip.
    const IOS_WEBVIEW: &str = "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";

    fn v(text: &str) -> OsVersion {
        OsVersion::parse(text).unwrap()
    }

    #[test]
    fn a_mac_user_agent_is_an_ipad_only_with_more_than_one_touch_point() {
        for (touch, device) in [
            (0, Device::Mac),
            (1, Device::Mac),
            (2, Device::IPad),
            (5, Device::IPad),
        ] {
            let platform = Platform::detect(DESKTOP_CLASS_SAFARI, touch, None);
            assert_eq!(platform.device, device, "{touch} touch points");
            assert_eq!(platform.browser, Browser::Safari);
            // No OS token: never guessed from Version/.
            assert_eq!(platform.os_version, None);
            assert_eq!(platform.reported_os_version, None);
            assert_eq!(platform.safari_version_hint, Some(v("17.5")));
        }
        assert!(Platform::detect(DESKTOP_CLASS_SAFARI, 5, Some(false)).can_install_profile());
        assert!(!Platform::detect(DESKTOP_CLASS_SAFARI, 0, None).can_install_profile());
    }

    #[test]
    fn touch_points_do_not_turn_other_devices_into_ipads() {
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.113 Mobile Safari/537.36";
        assert_eq!(Platform::detect(android, 5, None).device, Device::Android);
        let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
        assert_eq!(Platform::detect(windows, 10, None).device, Device::Windows);
        assert_eq!(
            Platform::detect(IPHONE_SAFARI_17, 0, None).device,
            Device::IPhone
        );
    }

    #[test]
    fn a_frozen_os_token_is_trusted_only_when_safari_confirms_it() {
        let safari_26 = Platform::detect(IPHONE_SAFARI_26, 5, Some(false));
        assert_eq!(safari_26.os_version, None);
        assert_eq!(safari_26.reported_os_version, Some(v("18.7")));
        assert_eq!(safari_26.safari_version_hint, Some(v("26.2")));

        let safari_18_6 = Platform::detect(IPHONE_SAFARI_18_6, 5, Some(false));
        assert_eq!(safari_18_6.os_version, Some(v("18.6")));

        let linkedin = Platform::detect(LINKEDIN_FROZEN, 5, None);
        assert_eq!(linkedin.os_version, None);
        assert_eq!(linkedin.reported_os_version, Some(v("18.7")));

        // Below the frozen range the token is what the device runs.
        let teams = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 TeamsMobile-iOS";
        assert_eq!(Platform::detect(teams, 5, None).os_version, Some(v("18.5")));
    }

    #[test]
    fn the_safari_scheme_needs_ios_17_known_from_the_user_agent() {
        assert!(Platform::detect(IPHONE_CHROME_17, 5, None).supports_open_in_safari_scheme());
        assert!(Platform::detect(IPHONE_SAFARI_17, 5, None).supports_open_in_safari_scheme());
        assert!(!Platform::detect(IPHONE_SAFARI_16, 5, None).supports_open_in_safari_scheme());
        let ios_17_0 = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert!(Platform::detect(ios_17_0, 5, None).supports_open_in_safari_scheme());
        // Unknown version on a desktop-class iPad.
        assert!(!Platform::detect(DESKTOP_CLASS_SAFARI, 5, None).supports_open_in_safari_scheme());
        // A frozen token proves 18.6 or later...
        assert!(Platform::detect(LINKEDIN_FROZEN, 5, None).supports_open_in_safari_scheme());
        assert!(Platform::detect(IPHONE_SAFARI_26, 5, None).supports_open_in_safari_scheme());
        // ...except from Firefox, which sends it on every iOS version.
        assert!(!Platform::detect(FIREFOX_FROZEN, 5, None).supports_open_in_safari_scheme());
        // Not on other devices, whatever they say.
        let mac = Platform::detect(DESKTOP_CLASS_SAFARI, 0, None);
        assert!(!mac.supports_open_in_safari_scheme());
    }

    #[test]
    fn a_web_clip_is_safari_but_cannot_install_a_profile() {
        let clip = Platform::detect(IOS_WEBVIEW, 5, Some(true));
        assert!(clip.web_clip);
        assert_eq!(clip.browser, Browser::Safari);
        assert!(clip.is_apple_mobile());
        assert!(!clip.can_install_profile());

        let app = Platform::detect(IOS_WEBVIEW, 5, Some(false));
        assert!(!app.web_clip);
        assert_eq!(app.browser, Browser::WebView);
        assert!(!app.can_install_profile());

        let unknown = Platform::detect(IOS_WEBVIEW, 5, None);
        assert_eq!(unknown.browser, Browser::WebView);

        // A web clip is a web clip whatever its user agent says.
        let safari_clip = Platform::detect(IPHONE_SAFARI_17, 5, Some(true));
        assert!(safari_clip.web_clip);
        assert!(!safari_clip.can_install_profile());
    }

    #[test]
    fn only_safari_on_an_iphone_or_ipad_can_install_a_profile() {
        assert!(Platform::detect(IPHONE_SAFARI_17, 5, Some(false)).can_install_profile());
        assert!(Platform::detect(IPHONE_SAFARI_26, 5, None).can_install_profile());
        assert!(!Platform::detect(IPHONE_CHROME_17, 5, None).can_install_profile());
        assert!(!Platform::detect(LINKEDIN_FROZEN, 5, None).can_install_profile());
        assert!(!Platform::detect(FIREFOX_FROZEN, 5, None).can_install_profile());
        let ddg = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1 Ddg/26.0";
        assert!(!Platform::detect(ddg, 5, None).can_install_profile());
    }

    #[test]
    fn in_app_markers_win_over_the_safari_token() {
        let snapchat = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Snapchat/12.33.0.36 (like Safari/8614.1.25.0.31, panda)";
        assert_eq!(
            Platform::detect(snapchat, 5, None).browser,
            Browser::InApp(InAppBrowser::Snapchat)
        );
        let google = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/334.0.674067880 Mobile/15E148 Safari/604.1";
        assert_eq!(
            Platform::detect(google, 5, None).browser,
            Browser::InApp(InAppBrowser::GoogleApp)
        );
    }

    /// Outlook's link browser is usually an unmarked web view; the
    /// "Outlook-iOS/" token (seen on Outlook's own requests) is recognized in
    /// case it is there. This string is the web view user agent with that
    /// token appended, as a third-party fixture composed it, not a capture.
    #[test]
    fn outlook_is_recognized_only_by_its_token() {
        let marked = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Outlook-iOS/749.4.prod.iphone (4.2534.0)";
        assert_eq!(
            Platform::detect(marked, 5, None).browser,
            Browser::InApp(InAppBrowser::Outlook)
        );
        let unmarked = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
        assert_eq!(
            Platform::detect(unmarked, 5, None).browser,
            Browser::WebView
        );
    }

    #[test]
    fn nothing_recognizable_is_other() {
        for user_agent in ["", "   ", "Mozilla/5.0", "some random string", ")("] {
            let platform = Platform::detect(user_agent, 0, None);
            assert_eq!(platform.device, Device::Other, "{user_agent:?}");
            assert_eq!(platform.browser, Browser::Other, "{user_agent:?}");
            assert_eq!(platform.os_version, None);
            assert!(!platform.is_apple_mobile());
        }
    }

    #[test]
    fn a_malformed_os_token_gives_no_version() {
        let odd = "Mozilla/5.0 (iPhone; CPU iPhone OS x_y like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.x Mobile/15E148 Safari/604.1";
        let platform = Platform::detect(odd, 5, None);
        assert_eq!(platform.device, Device::IPhone);
        assert_eq!(platform.os_version, None);
        assert_eq!(platform.safari_version_hint, None);
        assert_eq!(platform.browser, Browser::Safari);
    }

    #[test]
    fn names_are_the_ones_people_know_and_unknown_ones_have_none() {
        assert_eq!(Browser::Safari.name(), Some("Safari"));
        assert_eq!(
            Browser::InApp(InAppBrowser::Teams).name(),
            Some("Microsoft Teams")
        );
        assert_eq!(
            Browser::InApp(InAppBrowser::GoogleApp).name(),
            Some("Google")
        );
        assert_eq!(Browser::InApp(InAppBrowser::Other).name(), None);
        assert_eq!(Browser::WebView.name(), None);
        assert_eq!(Browser::Other.name(), None);
    }
}
