//! What the server puts into the page it serves for a route of the SPA, so
//! the app draws its first screen without asking the API anything: the
//! organization, who is signed in, the sign-in choices, and the data of the
//! page that was opened.
//!
//! It travels as JSON in `<script type="application/json" id="portal-start">`,
//! a data block the browser never runs (so the Content-Security-Policy needs
//! no hash for it). It can hold personal data, so the server sends such a
//! page with `Cache-Control: no-store`, and the service worker never stores it.

use serde::{Deserialize, Serialize};

use crate::{
    ApiError, DeviceDetails, DeviceList, Enrollment, EnrollmentRules, NotificationList,
    Organization, SessionInfo, SignInOptions,
};

/// The `id` of the `<script type="application/json">` holding [`StartData`].
pub const START_DATA_ID: &str = "portal-start";

/// The `id` of the element holding the server's rendering of the page (the
/// first paint), which the app replaces with its own when it starts.
pub const FIRST_PAINT_ID: &str = "first-paint";

/// The cookie that mirrors the language a person picked in the portal (the
/// app keeps the choice in local storage, which the server cannot read), so
/// the server renders the first paint in it.
pub const LANGUAGE_COOKIE: &str = "portal_language";

/// The cookie that mirrors the id of the enrollment this browser started
/// (the app keeps it in local storage as a hint to resume it), so the
/// server's first paint of `/enroll` resumes what the app will. Only sent
/// to `/enroll`; a hint, never a credential: the server only compares it
/// with the person's own enrollment.
pub const ENROLLMENT_HINT_COOKIE: &str = "portal_enrollment";
/// The path [`ENROLLMENT_HINT_COOKIE`] is set for.
pub const ENROLLMENT_HINT_COOKIE_PATH: &str = "/enroll";

/// The names of [`StartData`]'s page parts in its JSON. The app reads the
/// frame's parts (the organization, the session) when it starts and each
/// page's part only when that page asks for it, by name, so the page's
/// types are parsed by the page's own module, not the main one (a test
/// below keeps these names those of the fields).
pub mod part {
    pub const SIGN_IN_OPTIONS: &str = "sign_in_options";
    pub const SIGN_IN_ATTEMPT: &str = "sign_in_attempt";
    pub const DEVICES: &str = "devices";
    pub const DEVICE: &str = "device";
    pub const ENROLLMENT: &str = "enrollment";
    pub const NOTIFICATIONS: &str = "notifications";
    /// Every page part.
    pub const ALL: [&str; 6] = [
        SIGN_IN_OPTIONS,
        SIGN_IN_ATTEMPT,
        DEVICES,
        DEVICE,
        ENROLLMENT,
        NOTIFICATIONS,
    ];
}

/// Everything the app needs before its first render. Each field is `None`
/// when the server left it out (the app then asks the API as usual).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartData {
    /// `GET /api/organization`
    #[serde(default)]
    pub organization: Option<Organization>,
    /// `GET /api/session`
    #[serde(default)]
    pub session: Option<SessionInfo>,
    /// `GET /api/sign-in/options`
    #[serde(default)]
    pub sign_in_options: Option<SignInOptions>,
    /// The sign-in form the browser sent itself (before the app took over)
    /// and the server refused, so the app's form keeps what it says.
    #[serde(default)]
    pub sign_in_attempt: Option<SignInAttempt>,
    /// `GET /api/devices`, when **My devices** was opened.
    #[serde(default)]
    pub devices: Option<DeviceList>,
    /// `GET /api/devices/{id}`, when a device's page was opened.
    #[serde(default)]
    pub device: Option<DeviceDetails>,
    /// The enrollment's rules and the enrollment to resume, when **Enroll**
    /// was opened.
    #[serde(default)]
    pub enrollment: Option<EnrollmentStart>,
    /// `GET /api/notifications`, when **Notifications** was opened.
    #[serde(default)]
    pub notifications: Option<NotificationList>,
}

/// A sign-in form the server refused: the email address as typed (never
/// the password) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInAttempt {
    pub email: String,
    pub error: ApiError,
}

/// What **Enroll** loads before it knows its first step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrollmentStart {
    /// `GET /api/enrollment/rules`
    pub rules: EnrollmentRules,
    /// `GET /api/enrollments/current` (`None`: it answered 404).
    pub current: Option<Enrollment>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_parts_are_named_as_the_fields() {
        let json = serde_json::to_value(StartData::default()).expect("serializes");
        let fields: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .filter(|field| !["organization", "session"].contains(field))
            .collect();
        let mut parts = part::ALL.to_vec();
        parts.sort_unstable();
        let mut fields = fields;
        fields.sort_unstable();
        assert_eq!(parts, fields);
    }
}
