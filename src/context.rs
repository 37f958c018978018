//! App-wide state shared through Leptos context: the signed-in user
//! ([`Session`]) and the organization that runs the portal
//! ([`OrganizationProfile`]). Both come with the page (the server's start
//! data, see `start.rs`), or are fetched once by `App` when the page has
//! none (the offline shell), and are read by any page or component with
//! [`use_session`] / [`use_organization`].

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_api::{CurrentUser, Organization, SessionInfo};

use crate::api::{self, ClientError};
use crate::start;

/// Who is signed in, as far as the portal told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    SignedIn(CurrentUser),
    /// Nobody is signed in, or the session expired: protected pages send the
    /// person to sign in and back.
    NotSignedIn,
    /// The person just chose **Sign out**; they go to the sign-in page
    /// without a way back.
    SignedOut,
}

/// The session: `None` while `/api/session` is loading, then the session
/// state or why it could not be loaded. Known from the start when the page
/// came with it, so the first render already shows the right frame.
#[derive(Clone, Copy)]
pub struct Session {
    current_user: RwSignal<Option<Result<SessionState, ClientError>>>,
}

impl Session {
    /// Makes the session available to the app: the page's, else loaded
    /// from `/api/session`.
    pub fn provide() -> Self {
        let seeded = start::take_session().map(|info| Ok(state_of(info)));
        let session = Session {
            current_user: RwSignal::new(seeded.clone()),
        };
        if seeded.is_none() {
            session.fetch();
        }
        provide_context(session);
        session
    }

    fn fetch(&self) {
        load_into(self.current_user, async {
            match api::current_session().await {
                Ok(info) => Ok(state_of(info)),
                Err(error) if error.is_not_signed_in() => Ok(SessionState::NotSignedIn),
                Err(error) => Err(error),
            }
        });
    }

    /// The session state (reactive): `None` while loading.
    pub fn state(&self) -> Option<Result<SessionState, ClientError>> {
        self.current_user.get()
    }

    /// The signed-in user, if any (reactive).
    pub fn user(&self) -> Option<CurrentUser> {
        match self.state() {
            Some(Ok(SessionState::SignedIn(user))) => Some(user),
            _ => None,
        }
    }

    /// Records a successful sign-in.
    pub fn signed_in(&self, user: CurrentUser) {
        self.current_user
            .set(Some(Ok(SessionState::SignedIn(user))));
    }

    /// Records a deliberate sign-out.
    pub fn signed_out(&self) {
        self.current_user.set(Some(Ok(SessionState::SignedOut)));
    }

    /// Records that an API call answered `not_signed_in`: the session
    /// expired (or was ended elsewhere). Protected pages react by sending the
    /// person to sign in.
    pub fn expired(&self) {
        let already = self.current_user.with_untracked(|state| {
            matches!(
                state,
                Some(Ok(SessionState::NotSignedIn | SessionState::SignedOut))
            )
        });
        if !already {
            self.current_user.set(Some(Ok(SessionState::NotSignedIn)));
        }
    }

    /// Loads `/api/session` again (after it failed), showing the loading state meanwhile.
    pub fn reload(&self) {
        self.current_user.set(None);
        self.fetch();
    }
}

fn state_of(info: SessionInfo) -> SessionState {
    match info.user {
        Some(user) => SessionState::SignedIn(user),
        None => SessionState::NotSignedIn,
    }
}

/// The organization's public profile (`/api/organization`): the page's,
/// else fetched once.
#[derive(Clone, Copy)]
pub struct OrganizationProfile {
    organization: RwSignal<Option<Result<Organization, ClientError>>>,
}

impl OrganizationProfile {
    /// Makes the profile available to the app: the page's, else loaded
    /// from `/api/organization`.
    pub fn provide() -> Self {
        let seeded = start::take_organization().map(Ok);
        let profile = OrganizationProfile {
            organization: RwSignal::new(seeded.clone()),
        };
        if seeded.is_none() {
            load_into(profile.organization, api::organization());
        }
        provide_context(profile);
        profile
    }

    /// The profile (reactive): `None` while loading.
    pub fn state(&self) -> Option<Result<Organization, ClientError>> {
        self.organization.get()
    }

    /// The organization's name once known (reactive).
    pub fn name(&self) -> Option<String> {
        self.organization.with(|state| match state {
            Some(Ok(organization)) => Some(organization.name.clone()),
            _ => None,
        })
    }

    /// Loads the profile again (after it failed), showing the loading state meanwhile.
    pub fn reload(&self) {
        self.organization.set(None);
        load_into(self.organization, api::organization());
    }
}

/// Runs `request` and puts its answer into `signal` (unless the app has
/// gone meanwhile).
fn load_into<T: Send + Sync + 'static>(
    signal: RwSignal<Option<Result<T, ClientError>>>,
    request: impl Future<Output = Result<T, ClientError>> + 'static,
) {
    spawn_local(async move {
        let answer = request.await;
        let _ = signal.try_set(Some(answer));
    });
}

/// The session provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The organization profile provided by `App`.
pub fn use_organization() -> OrganizationProfile {
    expect_context::<OrganizationProfile>()
}

/// Runs a resource's request again. Clears its value first, so the page
/// shows its loading state instead of the old answer while it waits.
pub fn reload<T: 'static>(resource: LocalResource<T>) {
    resource.set(None);
    resource.refetch();
}
