//! The Company Portal website: a single-page app where people sign in,
//! see **My devices** and enroll their iPhone or iPad.
//!
//! A data path reads in one direction: browser event → page (`pages/`) →
//! `api.rs` → HTTP → `portal-server`, and back. Wire types, route paths and
//! input parsers come from `portal-api`, shared with the server.

pub mod api;
pub mod components;
pub mod connectivity;
pub mod context;
pub mod device_page_state;
pub mod device_updates;
pub mod dom;
pub mod format;
pub mod i18n;
pub mod lazy_page;
pub mod page_return;
pub mod pages;
pub mod return_to;
pub mod scheduling;
pub mod server_events;
pub mod service_worker;
pub mod start;
pub mod startup_executor;
pub mod this_device;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, NavigateOptions};
use portal_api::routes;

use crate::components::shell::Shell;
use crate::context::{OrganizationProfile, Session};
use crate::lazy_page::LoadPage;
use crate::pages::account_enrollment_sign_in::AccountEnrollmentSignInPage;
use crate::pages::device::DevicePage;
use crate::pages::devices::DevicesPage;
use crate::pages::enroll::EnrollPage;
use crate::pages::help::HelpPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::privacy::PrivacyPage;
use crate::pages::sign_in::SignInPage;
use crate::return_to::DEFAULT_RETURN_PATH;

/// The whole app: shared state, the shell and the route table.
#[component]
pub fn App() -> impl IntoView {
    // Fetched once and shared by every page through context.
    OrganizationProfile::provide();
    Session::provide();
    // Offline and update signals, for banners and disabled actions.
    connectivity::Connectivity::provide();
    service_worker::AppUpdate::provide();

    // Every page is rendered anew in a newly picked language: messages are
    // read with plain calls, and a language change is rare enough that
    // re-rendering beats making every word a signal.
    view! {
        <Router>
            {move || {
                i18n::current_language();
                view! { <AppShell /> }
            }}
        </Router>
    }
}

// Each page's code is its own module, downloaded when the page is first
// opened (src/lazy_page.rs); the names after `:` are the modules' names in
// xtask's route table (xtask/src/app_wasm.rs).
lazy_page!(sign_in_view: sign_in_page => SignInPage);
lazy_page!(help_view: help_page => HelpPage);
lazy_page!(privacy_view: privacy_page => PrivacyPage);
lazy_page!(devices_view: devices_page => DevicesPage);
lazy_page!(device_view: device_page => DevicePage);
lazy_page!(notifications_view: notifications_page => NotificationsPage);
lazy_page!(enroll_view: enroll_page => EnrollPage);
lazy_page!(account_enrollment_sign_in_view: account_enrollment_sign_in_page => AccountEnrollmentSignInPage);

/// The page modules the app needs to draw what the server's first paint
/// shows at `path`, by the route table below: the page's own, and, for a
/// protected page opened without a session (`signed_out`), the sign-in
/// page's too, since the page's `RequireSignIn` sends the person there
/// (the first paint already shows it). `/` opens **My devices**. The loader
/// in index.html preloads the same (xtask/src/app_wasm.rs).
pub fn first_page_modules(path: &str, signed_out: bool) -> Vec<(&'static str, LoadPage)> {
    let path = if path == "/" {
        DEFAULT_RETURN_PATH
    } else {
        path
    };
    let (page, protected): ((&'static str, LoadPage), bool) = match path {
        "/sign-in" => (("sign_in_page", sign_in_page), false),
        "/help" => (("help_page", help_page), false),
        "/privacy" => (("privacy_page", privacy_page), false),
        "/devices" => (("devices_page", devices_page), true),
        "/notifications" => (("notifications_page", notifications_page), true),
        "/enroll" => (("enroll_page", enroll_page), true),
        routes::ACCOUNT_ENROLLMENT_SIGN_IN => (
            (
                "account_enrollment_sign_in_page",
                account_enrollment_sign_in_page,
            ),
            true,
        ),
        path if path
            .strip_prefix("/devices/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/')) =>
        {
            (("device_page", device_page), true)
        }
        _ => return Vec::new(),
    };
    let mut modules = vec![page];
    if protected && signed_out {
        modules.push(("sign_in_page", sign_in_page));
    }
    modules
}

/// The shell and the route table, in the current language.
#[component]
fn AppShell() -> impl IntoView {
    view! {
        <Shell>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomeRedirect />
                // Public
                <Route path=path!("/sign-in") view=sign_in_view />
                <Route path=path!("/help") view=help_view />
                <Route path=path!("/privacy") view=privacy_view />
                // Protected: each page wraps its content in `RequireSignIn`.
                <Route path=path!("/devices") view=devices_view />
                <Route path=path!("/devices/:id") view=device_view />
                <Route path=path!("/notifications") view=notifications_view />
                <Route path=path!("/enroll") view=enroll_view />
                // Settings' sheet of account-driven enrollment
                // (`portal_api::routes::ACCOUNT_ENROLLMENT_SIGN_IN`).
                <Route path=path!("/account-enrollment/sign-in") view=account_enrollment_sign_in_view />
            </Routes>
        </Shell>
    }
}

/// `/` is **My devices**.
#[component]
fn HomeRedirect() -> impl IntoView {
    view! {
        <Redirect
            path=DEFAULT_RETURN_PATH
            options=NavigateOptions {
                replace: true,
                ..Default::default()
            }
        />
    }
}
