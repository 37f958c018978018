//! Account-driven enrollment: the person signs in to their work account in
//! Settings; the device discovers the portal at
//! [`crate::routes::WELL_KNOWN_REMOTE_MANAGEMENT`], is challenged, and opens
//! the portal's web sign-in page ([`crate::routes::ACCOUNT_ENROLLMENT_SIGN_IN`])
//! in a small Safari sheet. The page reads an [`AccountEnrollmentSession`],
//! signs the person in if needed, asks for consent, posts an
//! [`AccountEnrollmentConsent`] and navigates to the
//! [`AccountEnrollmentConsented::finish_url`], which hands the device its
//! access token (a `308` to `apple-remotemanagement-user-login://…`).

use serde::{Deserialize, Serialize};

use crate::EnrollmentType;

/// `GET /api/account-enrollment/session?user-identifier=…` (signed in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEnrollmentSession {
    pub organization_name: String,
    /// The account Settings was given (`user-identifier`), when it sent one.
    pub user_identifier: Option<String>,
    /// The signed-in person's Managed Apple Account.
    pub managed_apple_account: String,
    /// False when `user_identifier` is someone else's account: the page
    /// asks the person to sign in with the account they typed in Settings.
    pub account_matches: bool,
    /// What this enrollment will be (user enrollment: only work apps and
    /// data; device enrollment: the entire device). The page shows what the
    /// organization can and can't see for it. `None`: the person's
    /// enrollment profile allows no account-driven enrollment.
    pub enrollment_type: Option<EnrollmentType>,
}

/// `POST /api/account-enrollment/consent` (signed in, anti-forgery): the
/// person agrees to enroll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEnrollmentConsent {
    pub user_identifier: Option<String>,
}

/// The answer to [`AccountEnrollmentConsent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEnrollmentConsented {
    /// `apple-remotemanagement-user-login://authentication-results?access-token=…`
    pub location: String,
    /// Where the page navigates to end the sheet: answers `308` with
    /// [`Self::location`].
    pub finish_url: String,
}

/// `GET /.well-known/com.apple.remotemanagement`: where the device enrolls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteManagementServers {
    #[serde(rename = "Servers")]
    pub servers: Vec<RemoteManagementServer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteManagementServer {
    /// `mdm-byod` (user enrollment) or `mdm-adde` (device enrollment).
    #[serde(rename = "Version")]
    pub version: String,
    #[serde(rename = "BaseURL")]
    pub base_url: String,
}

/// The discovery `Version` of account-driven user enrollment.
pub const VERSION_USER_ENROLLMENT: &str = "mdm-byod";
/// The discovery `Version` of account-driven device enrollment.
pub const VERSION_DEVICE_ENROLLMENT: &str = "mdm-adde";
/// The scheme and host the sheet ends on.
pub const AUTHENTICATION_RESULTS: &str =
    "apple-remotemanagement-user-login://authentication-results";
