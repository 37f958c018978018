//! The frame around every page, as the SPA's `Shell` draws it
//! (`src/components/shell.rs`): the skip link, the header with the
//! organization's name and the signed-in person, the navigation once signed
//! in, the (empty) banners, `<main>` and the footer. Same elements, classes
//! and words, so the app's frame takes its place without anything moving.

use portal_api::organization::web_url;
use portal_api::{CurrentUser, Organization};
use portal_i18n::Language;

use super::html::{some, Html};
use super::messages::Messages;
use super::route::is_current;

/// The id of `<main>` (the SPA's `MAIN_ID`).
pub const MAIN_ID: &str = "main";
/// Pages shown in Settings' sheet (the SPA's `SHEET_PATHS`).
const SHEET_PATHS: &str = "/account-enrollment/";

/// What the frame shows around a page.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub messages: Messages,
    pub organization: Option<&'a Organization>,
    /// The signed-in person; `None` shows no account and no navigation.
    pub user: Option<&'a CurrentUser>,
    /// The path the SPA will show (for the current navigation link).
    pub path: &'a str,
}

impl Frame<'_> {
    /// The organization's name, or the product's until one is set.
    pub fn organization_name(&self) -> String {
        self.organization
            .map(|organization| organization.name.trim())
            .filter(|name| !name.is_empty())
            .map_or_else(|| self.messages.t("product-name", &[]), str::to_owned)
    }

    /// Whether the navigation (the phone's tab bar) is drawn: once signed
    /// in, except in Settings' sheet of account-driven enrollment, which
    /// has one thing to do (the SPA's `shows_nav`).
    fn shows_nav(&self) -> bool {
        self.user.is_some() && !self.path.starts_with(SHEET_PATHS)
    }

    /// The frame with `main` writing the page inside `<main>`.
    pub fn write(&self, html: &mut Html, main: impl FnOnce(&mut Html)) {
        let m = &self.messages;
        let organization_name = self.organization_name();
        html.element(
            "a",
            &[("class", some("skip-link")), ("href", some("#main"))],
            &m.t("shell-skip-to-main", &[]),
        );
        html.open("header", &[("class", some("site-header"))])
            .open("div", &[("class", some("site-header-bar"))])
            .element(
                "a",
                &[("class", some("site-name")), ("href", some("/devices"))],
                &organization_name,
            );
        if let Some(user) = self.user {
            html.open("div", &[("class", some("account"))])
                .open("span", &[("class", some("account-name"))])
                .element(
                    "span",
                    &[("class", some("visually-hidden"))],
                    &format!("{} ", m.t("shell-signed-in-as", &[])),
                )
                .text(&user.display_name)
                .close("span")
                .element(
                    "button",
                    &[
                        ("type", some("button")),
                        ("class", some("button button-quiet")),
                    ],
                    &m.t("shell-sign-out", &[]),
                )
                .close("div");
        }
        html.close("div").close("header");
        if self.shows_nav() {
            self.write_navigation(html);
        }
        // The banners are always in the page (live regions), empty until
        // the app has something to say.
        html.open(
            "div",
            &[
                ("class", some("connectivity-banner")),
                ("role", some("status")),
            ],
        )
        .close("div")
        .open("div", &[("role", some("status"))])
        .close("div");
        html.open(
            "main",
            &[
                ("id", some(MAIN_ID)),
                ("class", some("page")),
                ("tabindex", some("-1")),
            ],
        );
        main(html);
        html.close("main");
        self.write_footer(html, &organization_name);
    }

    fn write_navigation(&self, html: &mut Html) {
        let m = &self.messages;
        html.open(
            "nav",
            &[
                ("class", some("site-nav")),
                ("aria-label", some(&m.t("shell-nav-label", &[]))),
            ],
        )
        .open("ul", &[]);
        for (href, icon, key) in NAVIGATION {
            let current = is_current(href, self.path).then_some("page");
            html.open("li", &[])
                .open("a", &[("href", some(href)), ("aria-current", current)])
                .open(
                    "svg",
                    &[
                        ("class", some("tab-icon")),
                        ("viewBox", some("0 0 24 24")),
                        ("aria-hidden", some("true")),
                        ("focusable", some("false")),
                    ],
                )
                .open("path", &[("d", some(icon))])
                .close("path")
                .close("svg")
                .element("span", &[("class", some("tab-label"))], &m.t(key, &[]))
                .close("a")
                .close("li");
        }
        html.close("ul").close("nav");
    }

    fn write_footer(&self, html: &mut Html, organization_name: &str) {
        let m = &self.messages;
        let class = if self.shows_nav() {
            "site-footer above-tab-bar"
        } else {
            "site-footer"
        };
        html.open("footer", &[("class", some(class))])
            .element(
                "a",
                &[("href", some("/privacy"))],
                &m.t1("shell-privacy-link", "org", organization_name),
            )
            .element("a", &[("href", some("/help"))], &m.t("shell-nav-help", &[]));
        let statement = self
            .organization
            .and_then(|organization| organization.privacy_statement_url.as_deref())
            .and_then(web_url);
        if let Some(url) = statement {
            html.element(
                "a",
                &[("href", some(url)), ("rel", some("external"))],
                &m.t("shell-privacy-statement", &[]),
            );
        }
        html.open("div", &[("class", some("language-picker"))])
            .element(
                "label",
                &[("for", some("language"))],
                &m.t("language-picker-label", &[]),
            )
            .open("select", &[("id", some("language"))]);
        for language in Language::ALL {
            let selected = (language == m.language()).then_some("");
            html.element(
                "option",
                &[
                    ("value", some(language.tag())),
                    ("lang", some(language.tag())),
                    ("selected", selected),
                ],
                language.autonym(),
            );
        }
        html.close("select").close("div").close("footer");
    }
}

/// The navigation's pages, icons and labels (`SiteNav` in the SPA; the
/// icons are its `ICON_*` paths).
const NAVIGATION: [(&str, &str, &str); 4] = [
    (
        "/devices",
        "M8 2.5h8a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5zM10.5 18.5h3",
        "shell-nav-devices",
    ),
    (
        "/enroll",
        "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 8v8M8 12h8",
        "shell-nav-enroll",
    ),
    (
        "/notifications",
        "M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15zM10 20.5a2 2 0 0 0 4 0",
        "shell-nav-notifications",
    ),
    (
        "/help",
        "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7M12 17h.01",
        "shell-nav-help",
    ),
];
