//! App-wide state shared through Leptos context: the signed-in user
//! ([`Session`]) and the organization that runs the portal
//! ([`OrganizationProfile`]). Both are fetched once by `App` and read by any
//! page or component with [`use_session`] / [`use_organization`].

use leptos::prelude::*;
use portal_api::{CurrentUser, Organization, SessionInfo};

use crate::api::{self, ClientError};

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

/// The current-user resource: `None` while `/api/session` is loading, then the
/// session state or why it could not be loaded.
#[derive(Clone, Copy)]
pub struct Session {
    current_user: LocalResource<Result<SessionState, ClientError>>,
}

impl Session {
    /// Starts loading `/api/session` and makes the session available to the app.
    pub fn provide() -> Self {
        let session = Session {
            current_user: LocalResource::new(|| async {
                match api::current_session().await {
                    Ok(SessionInfo { user: Some(user) }) => Ok(SessionState::SignedIn(user)),
                    Ok(SessionInfo { user: None }) => Ok(SessionState::NotSignedIn),
                    Err(error) if error.is_not_signed_in() => Ok(SessionState::NotSignedIn),
                    Err(error) => Err(error),
                }
            }),
        };
        provide_context(session);
        session
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
        reload(self.current_user);
    }
}

/// The organization's public profile (`/api/organization`), fetched once.
#[derive(Clone, Copy)]
pub struct OrganizationProfile {
    organization: LocalResource<Result<Organization, ClientError>>,
}

impl OrganizationProfile {
    /// Starts loading `/api/organization` and makes it available to the app.
    pub fn provide() -> Self {
        let profile = OrganizationProfile {
            organization: LocalResource::new(api::organization),
        };
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
        reload(self.organization);
    }
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
