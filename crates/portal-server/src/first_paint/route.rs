//! The SPA's routes as the server knows them (the SPA's route table is in
//! `src/lib.rs`): which page a path opens, and whether it needs a session.

use portal_api::routes::ACCOUNT_ENROLLMENT_SIGN_IN;
use portal_api::DeviceId;

/// A page of the SPA the server renders a first paint for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: **My devices** once signed in.
    Home,
    SignIn,
    /// **What can <Org> see?**, public.
    Privacy,
    Help,
    Devices,
    /// `/devices/{id}`; the id as it appears in the path.
    Device(DeviceId),
    Notifications,
    Enroll,
    /// Settings' sheet of account-driven enrollment.
    AccountEnrollmentSignIn,
    /// Any other path: the SPA renders it ("Page not found") without a
    /// first paint from the server.
    Other,
}

impl Route {
    pub fn parse(path: &str) -> Route {
        match path {
            "/" => Route::Home,
            "/sign-in" => Route::SignIn,
            "/help" => Route::Help,
            "/privacy" => Route::Privacy,
            "/devices" => Route::Devices,
            "/notifications" => Route::Notifications,
            "/enroll" => Route::Enroll,
            path if path == ACCOUNT_ENROLLMENT_SIGN_IN => Route::AccountEnrollmentSignIn,
            path => match path.strip_prefix("/devices/") {
                // Device ids are base64url; anything else is left to the SPA.
                Some(id)
                    if !id.is_empty()
                        && id
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
                {
                    Route::Device(DeviceId(id.to_owned()))
                }
                _ => Route::Other,
            },
        }
    }

    /// Pages that only a signed-in person sees (the SPA wraps them in
    /// `RequireSignIn`, or redirects `/` to one).
    pub fn is_protected(&self) -> bool {
        matches!(
            self,
            Route::Home
                | Route::Devices
                | Route::Device(_)
                | Route::Notifications
                | Route::Enroll
                | Route::AccountEnrollmentSignIn
        )
    }
}

/// Whether the navigation link to `href` is the current page's, as the
/// SPA's router decides (`aria-current="page"`): the path is `href` or
/// inside it (`/devices/abc` is inside **My devices**).
pub fn is_current(href: &str, path: &str) -> bool {
    path == href
        || path
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_of_the_spa() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse("/sign-in"), Route::SignIn);
        assert_eq!(
            Route::parse("/devices/PyH_Fxt0-Cx"),
            Route::Device(DeviceId("PyH_Fxt0-Cx".into()))
        );
        assert_eq!(
            Route::parse("/account-enrollment/sign-in"),
            Route::AccountEnrollmentSignIn
        );
        assert_eq!(Route::parse("/privacy"), Route::Privacy);
        for other in [
            "/privacy/",
            "/devices/",
            "/devices/a/b",
            "/devices/%41",
            "/nope",
        ] {
            assert_eq!(Route::parse(other), Route::Other, "{other}");
        }
        assert!(Route::parse("/enroll").is_protected());
        assert!(Route::Home.is_protected());
        assert!(!Route::SignIn.is_protected());
        assert!(!Route::Help.is_protected());
        assert!(!Route::Privacy.is_protected());
    }

    #[test]
    fn the_current_link_is_the_page_or_a_page_inside_it() {
        assert!(is_current("/devices", "/devices"));
        assert!(is_current("/devices", "/devices/abc"));
        assert!(!is_current("/devices", "/devices-old"));
        assert!(!is_current("/enroll", "/devices"));
    }
}
