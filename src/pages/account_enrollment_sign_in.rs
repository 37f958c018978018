//! The web sign-in sheet of account-driven enrollment
//! (`/account-enrollment/sign-in`): Settings opens it in a small Safari
//! sheet after the person typed their work account in *Sign In to Work or
//! School Account*. Signed out, [`RequireSignIn`] sends them to sign in and
//! back here; signed in, it shows whose organization this is, the account,
//! what the organization can and can't see, and **Continue** gives consent
//! and sends the sheet to the server's finish address, whose `308` hands
//! Settings the access token.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use portal_api::{AccountEnrollmentConsent, AccountEnrollmentSession, EnrollmentType, Ownership};

use crate::api::{self, ClientError};
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::privacy_lists::PrivacyLists;
use crate::components::require_sign_in::{redirect_if_session_expired, RequireSignIn};
use crate::context::{reload, use_session};
use crate::t;

/// The query parameter Settings adds: the account the person typed.
const USER_IDENTIFIER_PARAM: &str = "user-identifier";

#[component]
pub fn AccountEnrollmentSignInPage() -> impl IntoView {
    view! {
        <PageTitle page=t!("account-enrollment-page-title") />
        <RequireSignIn>
            <AccountEnrollmentConsentView />
        </RequireSignIn>
    }
}

/// What the signed-in person sees: the session, then consent.
#[component]
fn AccountEnrollmentConsentView() -> impl IntoView {
    let query = use_query_map();
    let user_identifier = Memo::new(move |_| {
        query.with(|query| {
            query
                .get_str(USER_IDENTIFIER_PARAM)
                .map(str::trim)
                .filter(|account| !account.is_empty())
                .map(str::to_owned)
        })
    });
    let session_answer =
        LocalResource::new(move || api::account_enrollment_session(user_identifier.get()));
    redirect_if_session_expired(session_answer);
    let retry = Callback::new(move |()| reload(session_answer));

    view! {
        {move || match session_answer.get() {
            None => view! {
                <h1 tabindex="-1">{t!("account-enrollment-heading-generic")}</h1>
                <Loading label=t!("account-enrollment-loading") />
            }
            .into_any(),
            Some(Err(error)) if error.is_not_signed_in() => {
                view! { <Loading label=t!("enroll-to-sign-in") /> }.into_any()
            }
            Some(Err(error)) => view! {
                <h1 tabindex="-1">{t!("account-enrollment-heading-generic")}</h1>
                <ErrorPanel error title=t!("account-enrollment-load-failed") on_retry=retry />
            }
            .into_any(),
            Some(Ok(session)) => view! { <ConsentScreen session /> }.into_any(),
        }}
    }
}

/// The loaded sheet: the wrong account, a refusal, or consent.
#[component]
fn ConsentScreen(session: AccountEnrollmentSession) -> impl IntoView {
    let org = session.organization_name.clone();
    let typed = session
        .user_identifier
        .clone()
        .unwrap_or_else(|| session.managed_apple_account.clone());
    if !session.account_matches {
        return view! { <WrongAccount org typed signed_in=session.managed_apple_account /> }
            .into_any();
    }
    let Some(enrollment_type) = session.enrollment_type else {
        return view! {
            <h1 tabindex="-1">{t!("account-enrollment-not-allowed-heading")}</h1>
            <p class="lead">{t!("account-enrollment-not-allowed", org = &org)}</p>
            <p>{t!("account-enrollment-not-allowed-next")}</p>
        }
        .into_any();
    };
    let user_identifier = session.user_identifier.clone();
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let user_session = use_session();
    let consent = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        let user_identifier = user_identifier.clone();
        spawn_local(async move {
            match api::account_enrollment_consent(AccountEnrollmentConsent { user_identifier })
                .await
            {
                // Leaving the page: the server's 308 ends Settings' sheet.
                Ok(consented) => {
                    if window().location().assign(&consented.finish_url).is_err() {
                        pending.set(false);
                    }
                }
                Err(failure) => {
                    pending.set(false);
                    if failure.is_not_signed_in() {
                        user_session.expired();
                    } else {
                        error.set(Some(failure));
                    }
                }
            }
        });
    };
    let (user_enrollment, lead) = match enrollment_type {
        EnrollmentType::UserEnrollment => (true, t!("account-enrollment-lead-user", org = &org)),
        EnrollmentType::DeviceEnrollment => {
            (false, t!("account-enrollment-lead-device", org = &org))
        }
    };
    view! {
        <h1 tabindex="-1">{t!("account-enrollment-heading", org = &org)}</h1>
        <p class="lead">{lead}</p>
        <p class="work-account" data-testid="work-account">
            {t!("account-enrollment-account")}
            " "
            <strong>{typed}</strong>
        </p>
        <PrivacyLists
            org=org.clone()
            ownership=if user_enrollment { Ownership::Personal } else { Ownership::Corporate }
            user_enrollment
            top_level=true
        />
        <div class="alert-slot" role="alert">
            {move || {
                error
                    .get()
                    .map(|error| {
                        view! {
                            <div class="alert alert-error">
                                <p>{error.message()}</p>
                            </div>
                        }
                    })
            }}
        </div>
        <div class="actions">
            <button
                type="button"
                class="button button-primary button-block"
                disabled=move || pending.get()
                on:click=consent
            >
                {move || {
                    if pending.get() { t!("account-enrollment-continuing") } else { t!("enroll-continue") }
                }}
            </button>
        </div>
    }
    .into_any()
}

/// Signed in as someone else than the account typed in Settings: sign out
/// here, then sign in with that account (and come back here).
#[component]
fn WrongAccount(org: String, typed: String, signed_in: String) -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let sign_out = move |_| {
        if signing_out.get_untracked() {
            return;
        }
        signing_out.set(true);
        spawn_local(async move {
            match api::sign_out().await {
                // `RequireSignIn` sends the person to sign in and back here
                // (with Settings' `user-identifier`).
                Ok(_) => session.expired(),
                Err(failure) if failure.is_not_signed_in() => session.expired(),
                Err(failure) => {
                    signing_out.set(false);
                    error.set(Some(failure));
                }
            }
        });
    };
    view! {
        <h1 tabindex="-1">{t!("account-enrollment-wrong-account-heading")}</h1>
        <p class="lead">
            {t!("account-enrollment-wrong-account", typed = &typed, signed_in = &signed_in, org = &org)}
        </p>
        <div class="alert-slot" role="alert">
            {move || error.get().map(|error| view! { <div class="alert alert-error"><p>{error.message()}</p></div> })}
        </div>
        <div class="actions">
            <button
                type="button"
                class="button button-primary button-block"
                disabled=move || signing_out.get()
                on:click=sign_out
            >
                {t!("account-enrollment-sign-out-and-in")}
            </button>
        </div>
    }
}
