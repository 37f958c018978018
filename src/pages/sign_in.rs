//! **Sign in** (`/sign-in`): the form, the help desk for people who cannot
//! sign in, and the way back to where the person was going.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_api::{OidcSignInError, SignInOptions, SignInRequest};

use crate::api::{self, ClientError};
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::sign_in_form::SignInForm;
use crate::components::support_contact::SupportContactDetails;
use crate::context::{use_organization, use_session, SessionState};
use crate::return_to::{oidc_start_href, safe_return_path, RETURN_TO_PARAM};
use crate::start;
use crate::t;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let organization = use_organization();
    let query = use_query_map();
    let navigate = use_navigate();

    let return_path =
        Memo::new(move |_| query.with(|query| safe_return_path(query.get_str(RETURN_TO_PARAM))));
    // A sign-in with the identity provider that came back without success.
    let provider_error =
        Memo::new(move |_| query.with(|query| query.get_str("error").map(OidcSignInError::parse)));
    let options = start::seeded_resource(start::take_sign_in_options(), api::sign_in_options);
    // Until the options load (or if they fail), the password form is
    // offered as before.
    let options = Signal::derive(move || options.get().and_then(Result::ok));

    // Signed in (already, or just now): go where the person was going.
    // Replacing the history entry keeps Back from returning to this form.
    Effect::new(move || {
        if matches!(session.state(), Some(Ok(SessionState::SignedIn(_)))) {
            navigate(
                &return_path.get_untracked(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    // A form the browser sent itself before the app started, refused: the
    // app keeps saying why, with the address that was typed.
    let attempt = start::take_sign_in_attempt();
    let typed_email = attempt.as_ref().map(|attempt| attempt.email.clone());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(attempt.map(|attempt| ClientError::Api(attempt.error)));
    let on_submit = Callback::new(move |request: SignInRequest| {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match api::sign_in(request).await {
                // The effect above navigates away; the button keeps saying
                // "Signing in…" until then.
                Ok(user) => session.signed_in(user),
                Err(failure) => {
                    error.set(Some(failure));
                    pending.set(false);
                }
            }
        });
    });

    // What to show; a memo, so the form (and what was typed in it) is not
    // rebuilt unless the phase really changes.
    let phase = Memo::new(move |_| match session.state() {
        None => Phase::Checking,
        Some(Ok(SessionState::SignedIn(_))) => Phase::SignedIn,
        // Not signed in, signed out, or `/api/session` failed: the form is the
        // way forward in every case (a failure shows again on submit).
        Some(_) => Phase::Form,
    });

    let heading = move || match organization.name() {
        Some(name) => t!("sign-in-heading-organization", org = name),
        None => t!("sign-in-heading"),
    };

    view! {
        <PageTitle page=t!("sign-in-heading") />
        <h1 tabindex="-1">{heading}</h1>
        {move || match phase.get() {
            Phase::Checking => {
                view! { <Loading label=t!("sign-in-checking") /> }.into_any()
            }
            Phase::SignedIn => view! { <Loading label=t!("sign-in-opening") /> }.into_any(),
            Phase::Form => {
                view! {
                    <SignInChoices
                        options=options
                        return_path=return_path
                        provider_error=provider_error
                        pending=pending
                        error=error
                        on_submit=on_submit
                        email=typed_email.clone()
                    />
                }
                    .into_any()
            }
        }}
        <TroubleSigningIn />
    }
}

/// The ways in the organization offers: "Sign in with <Organization>"
/// first when it has an identity provider, the password form unless local
/// accounts are off (or while `options` is unknown), and above them why the
/// last sign-in with the provider did not work.
#[component]
pub fn SignInChoices(
    #[prop(into)] options: Signal<Option<SignInOptions>>,
    /// The page to open after signing in (checked by `safe_return_path`).
    #[prop(into)]
    return_path: Signal<String>,
    /// The `error` code the provider's round trip came back with.
    #[prop(into)]
    provider_error: Signal<Option<OidcSignInError>>,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ClientError>>,
    on_submit: Callback<SignInRequest>,
    /// What the email field starts with (see `SignInForm`).
    #[prop(optional_no_strip)]
    email: Option<String>,
) -> impl IntoView {
    // Memos, so the form (and what is typed in it) is never rebuilt when
    // the options arrive (WebKit lost the field being typed into).
    let oidc = Memo::new(move |_| options.with(|o| o.as_ref().is_some_and(|o| o.oidc)));
    let local = Memo::new(move |_| options.with(|o| o.as_ref().is_none_or(|o| o.local_accounts)));
    let organization_name = Memo::new(move |_| {
        options.with(|o| {
            o.as_ref()
                .map(|o| o.organization_name.clone())
                .unwrap_or_default()
        })
    });
    view! {
        {move || provider_error.get().map(|code| view! { <ProviderError code /> })}
        <Show when=move || oidc.get()>
            <p class="lead">{t!("sign-in-oidc-lead")}</p>
            <a
                class="button button-primary button-block sign-in-oidc"
                href=move || oidc_start_href(&return_path.get())
                rel="external"
            >
                {move || t!("sign-in-with-organization", org = organization_name.get())}
            </a>
        </Show>
        <Show when=move || local.get()>
            <Show when=move || oidc.get()>
                <p class="sign-in-or">{t!("sign-in-or-password")}</p>
            </Show>
            <Show when=move || !oidc.get()>
                <p class="lead">{t!("sign-in-lead")}</p>
            </Show>
            <SignInForm
                pending=pending
                error=error
                on_submit=on_submit
                email=email.clone()
            />
        </Show>
    }
}

/// Why the sign-in with the identity provider did not work, in the
/// person's language, with the way forward.
#[component]
fn ProviderError(code: OidcSignInError) -> impl IntoView {
    let message = match code {
        OidcSignInError::Cancelled => t!("sign-in-oidc-error-cancelled"),
        OidcSignInError::ProviderUnavailable => t!("sign-in-oidc-error-provider-unavailable"),
        OidcSignInError::EmailNotVerified => t!("sign-in-oidc-error-email-not-verified"),
        OidcSignInError::EmailMissing => t!("sign-in-oidc-error-email-missing"),
        OidcSignInError::InvalidResponse => t!("sign-in-oidc-error-invalid-response"),
        OidcSignInError::Expired => t!("sign-in-oidc-error-expired"),
        OidcSignInError::NotConfigured => t!("sign-in-oidc-error-not-configured"),
        OidcSignInError::Unknown => t!("sign-in-oidc-error-unknown"),
    };
    view! {
        <div class="notice notice-error sign-in-oidc-error" role="alert">
            <p>{message}</p>
        </div>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Checking,
    SignedIn,
    Form,
}

/// "Trouble signing in?" with the organization's help desk.
#[component]
fn TroubleSigningIn() -> impl IntoView {
    let organization = use_organization();
    view! {
        <section class="trouble" aria-labelledby="trouble-heading">
            <h2 id="trouble-heading">{t!("sign-in-trouble-heading")}</h2>
            {move || match organization.state() {
                None => view! { <Loading label=t!("sign-in-trouble-loading") /> }.into_any(),
                Some(Ok(organization)) if !organization.support.is_empty() => {
                    view! {
                        <p>{t!("sign-in-trouble-help-desk")}</p>
                        <SupportContactDetails support=organization.support />
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title=t!("sign-in-trouble-load-failed")
                            on_retry=Callback::new(move |()| organization.reload())
                        />
                    }
                        .into_any()
                }
                Some(Ok(_)) => {
                    view! { <p>{t!("sign-in-trouble-it-department")}</p> }
                        .into_any()
                }
            }}
            <p class="standalone-link">
                <a href="/help">{t!("sign-in-more-help")}</a>
            </p>
        </section>
    }
}
