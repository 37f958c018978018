//! The frame around every page: a "Skip to main content" link, the header
//! with the organization's name, the signed-in person and **Sign out**, the
//! navigation once signed in (**My devices**, **Enroll**, **Notifications**,
//! **Help**; a tab bar at the bottom on phones), the
//! offline and update banners, the `<main>` that holds the page, and the
//! footer (privacy, language). It also moves focus to each new page's heading.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::api::{self, ClientError};
use crate::components::app_banners::{ConnectivityBanner, UpdateBanner};
use crate::components::error_panel::ErrorPanel;
use crate::components::language_picker::LanguagePicker;
use crate::components::sliced::Sliced;
use crate::context::{use_organization, use_session};
use crate::format::{product_name, web_url};
use crate::return_to::SIGN_IN_PATH;
use crate::t;

/// The id of `<main>`, the target of "Skip to main content".
pub const MAIN_ID: &str = "main";
/// Pages shown in Settings' sheet during account-driven enrollment.
const SHEET_PATHS: &str = "/account-enrollment/";

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    let organization = use_organization();
    let location = use_location();
    let navigate = use_navigate();

    // After a client-side navigation, move focus to the new page's <h1>, so
    // a screen reader announces it and keyboard users start at the top of
    // the new content. Not on the first page load (nor its redirects, such
    // as `/` to the sign-in page): there the browser's own focus handling is
    // what people expect, and they may be typing into the first paint.
    Effect::new(move |previous_path: Option<String>| {
        let path = location.pathname.get();
        if previous_path.is_some_and(|previous_path| previous_path != path)
            && !crate::start::is_starting()
        {
            request_animation_frame(focus_main_heading);
        }
        path
    });

    let signing_out = RwSignal::new(false);
    let sign_out_error = RwSignal::new(None::<ClientError>);
    let sign_out = Callback::new(move |()| {
        if signing_out.get_untracked() {
            return;
        }
        signing_out.set(true);
        sign_out_error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::sign_out().await;
            signing_out.set(false);
            match result {
                // Not signed in any more is what signing out is for.
                Err(error) if !error.is_not_signed_in() => sign_out_error.set(Some(error)),
                // Signed in through the identity provider: end its session
                // too; it sends the browser back to the sign-in page.
                Ok(portal_api::SignedOut {
                    provider_sign_out_url: Some(url),
                }) => {
                    session.signed_out();
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().assign(&url);
                    }
                }
                _ => {
                    session.signed_out();
                    navigate(SIGN_IN_PATH, NavigateOptions::default());
                }
            }
        });
    });

    let shows_nav =
        move || session.user().is_some() && !location.pathname.get().starts_with(SHEET_PATHS);
    let organization_name = move || organization.name().unwrap_or_else(product_name);
    let privacy_statement = move || {
        organization.state().and_then(|state| {
            state
                .ok()?
                .privacy_statement_url
                .as_deref()
                .and_then(web_url)
                .map(str::to_owned)
        })
    };

    view! {
        <a
            class="skip-link"
            href=format!("#{MAIN_ID}")
            on:click=move |ev| {
                ev.prevent_default();
                focus_main_heading();
            }
        >
            {t!("shell-skip-to-main")}
        </a>
        <header class="site-header">
            <div class="site-header-bar">
                <a class="site-name" href="/devices">
                    {organization_name}
                </a>
                {move || {
                    session
                        .user()
                        .map(|user| {
                            view! {
                                <div class="account">
                                    <span class="account-name">
                                        <span class="visually-hidden">{t!("shell-signed-in-as")}" "</span>
                                        {user.display_name}
                                    </span>
                                    <button
                                        type="button"
                                        class="button button-quiet"
                                        disabled=move || signing_out.get()
                                        on:click=move |_| sign_out.run(())
                                    >
                                        {move || {
                                            if signing_out.get() {
                                                t!("shell-signing-out")
                                            } else {
                                                t!("shell-sign-out")
                                            }
                                        }}
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
        </header>
        // Nothing to navigate to before signing in. On a phone the same
        // navigation is a tab bar at the bottom, in the thumb's reach.
        // Nor in Settings' sign-in sheet of account-driven enrollment, which
        // has one thing to do.
        // The navigation and the footer in later slices while the app takes
        // over, so its first render is not one long task on a phone.
        <Sliced>{move || shows_nav().then(SiteNav)}</Sliced>
        {move || {
            sign_out_error
                .get()
                .map(|error| {
                    view! {
                        <div class="banner">
                            <ErrorPanel error title=t!("shell-sign-out-failed") on_retry=sign_out />
                        </div>
                    }
                })
        }}
        <ConnectivityBanner />
        <UpdateBanner />
        <main id=MAIN_ID class="page" tabindex="-1">
            {children()}
        </main>
        <Sliced>
            <footer
                class="site-footer"
                class:above-tab-bar=shows_nav
            >
                <a href="/privacy">{move || t!("shell-privacy-link", org = organization_name())}</a>
                <a href="/help">{t!("shell-nav-help")}</a>
                {move || {
                    privacy_statement()
                        .map(|url| {
                            view! {
                                <a href=url rel="external">
                                    {t!("shell-privacy-statement")}
                                </a>
                            }
                        })
                }}
                <LanguagePicker />
            </footer>
        </Sliced>
    }
}

/// **My devices**, **Enroll**, **Notifications**, **Help**: a row under the
/// header on wide screens, a tab bar with icons on phones.
#[component]
fn SiteNav() -> impl IntoView {
    let item = |href: &'static str, icon: &'static str, label: String| {
        view! {
            <li>
                <A href=href>
                    <svg class="tab-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d=icon />
                    </svg>
                    <span class="tab-label">{label}</span>
                </A>
            </li>
        }
    };
    view! {
        <nav class="site-nav" aria-label=t!("shell-nav-label")>
            <ul>
                {item("/devices", ICON_DEVICES, t!("shell-nav-devices"))}
                {item("/enroll", ICON_ENROLL, t!("shell-nav-enroll"))}
                {item("/notifications", ICON_NOTIFICATIONS, t!("shell-nav-notifications"))}
                {item("/help", ICON_HELP, t!("shell-nav-help"))}
            </ul>
        </nav>
    }
}

// Outline icons drawn with a stroke (see `.tab-icon`), 24×24.
const ICON_DEVICES: &str = "M8 2.5h8a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5zM10.5 18.5h3";
const ICON_ENROLL: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 8v8M8 12h8";
const ICON_NOTIFICATIONS: &str = "M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 1.5h-15zM10 20.5a2 2 0 0 0 4 0";
const ICON_HELP: &str = "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7M12 17h.01";

/// Focuses the page's `<h1>` (every page gives it `tabindex="-1"`), or
/// `<main>` when a page has none.
pub fn focus_main_heading() {
    let document = document();
    let target = document
        .query_selector(&format!("#{MAIN_ID} h1"))
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id(MAIN_ID));
    if let Some(element) =
        target.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
