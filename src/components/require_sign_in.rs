//! The guard of protected pages: shows them only to a signed-in person and
//! sends everyone else to sign in, and back here afterwards.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::ClientError;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::context::{use_session, SessionState};
use crate::return_to::{path_and_query, sign_in_href, SIGN_IN_PATH};
use crate::t;

/// Shows `children` once `/api/session` says someone is signed in. While it
/// loads, shows the loading state; when nobody is signed in (or the session
/// expired), replaces the current history entry with
/// `/sign-in?return_to=<this page>` (after **Sign out**, plain `/sign-in`);
/// when `/api/session` fails, says why and
/// offers **Try again**.
#[component]
pub fn RequireSignIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();

    Effect::new(move || {
        let to = match session.state() {
            Some(Ok(SessionState::NotSignedIn)) => sign_in_href(&path_and_query(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            )),
            // After **Sign out** (or Back to a protected page after it).
            Some(Ok(SessionState::SignedOut)) => SIGN_IN_PATH.to_owned(),
            _ => return,
        };
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });

    // What to show; a memo, so the page is not rebuilt when the session is
    // merely set again to the same kind of state.
    let gate = Memo::new(move |_| match session.state() {
        None => Gate::Checking,
        Some(Ok(SessionState::SignedIn(_))) => Gate::Open,
        Some(Ok(SessionState::NotSignedIn | SessionState::SignedOut)) => Gate::ToSignIn,
        Some(Err(error)) => Gate::Failed(error),
    });

    view! {
        <div
            class="guarded"
            aria-busy=move || {
                if matches!(gate.get(), Gate::Checking | Gate::ToSignIn) { "true" } else { "false" }
            }
        >
            {move || match gate.get() {
                Gate::Checking => {
                    view! { <Loading label=t!("require-sign-in-checking") /> }.into_any()
                }
                Gate::Open => children().into_any(),
                Gate::ToSignIn => view! { <Loading label=t!("taking-you-to-sign-in") /> }.into_any(),
                Gate::Failed(error) => {
                    view! {
                        <ErrorPanel
                            error
                            title=t!("require-sign-in-failed")
                            on_retry=Callback::new(move |()| session.reload())
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Gate {
    Checking,
    Open,
    ToSignIn,
    Failed(ClientError),
}

/// For a request made by a protected page: when it answers `not_signed_in`
/// (the session expired while the page was open), mark the session expired,
/// so [`RequireSignIn`] sends the person to sign in and back here.
pub fn redirect_if_session_expired<T>(resource: LocalResource<Result<T, ClientError>>)
where
    T: 'static,
{
    let session = use_session();
    Effect::new(move || {
        let expired =
            resource.with(|answer| matches!(answer, Some(Err(error)) if error.is_not_signed_in()));
        if expired {
            session.expired();
        }
    });
}
