//! Web-based enrollment of the iPhone or iPad the user is holding.
//!
//! The journey, as the SPA walks it: read the organization's
//! [`EnrollmentRules`], start an [`Enrollment`] with the user's choices, ask
//! for a [`ProfileDownload`] and navigate Safari to its URL, then follow the
//! enrollment's state (pushed as server-sent events) until the device checks
//! in. The server is the source of truth; the SPA only keeps a hint of the
//! enrollment id in local storage to resume.

use serde::{Deserialize, Serialize};

use crate::{DeviceId, EnrollmentType, OsVersion, Ownership, RefusalDetails, VersionRange};

/// Which kinds of Apple device an organization lets its users enroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceKind {
    Iphone,
    Ipad,
}

/// `GET /api/enrollment/rules`: what the organization allows, and what the
/// SPA must check and ask before a download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentRules {
    /// "Determine based on user choice": the user says who owns the device.
    pub ownership_choice: bool,
    /// The ownership recorded when the user is not asked.
    pub default_ownership: Ownership,
    /// The iOS/iPadOS versions allowed (both ends inclusive, either open).
    pub os_versions: VersionRange,
    pub allowed_devices: Vec<DeviceKind>,
    /// How many enrolled devices one user may have.
    pub device_limit: u32,
    /// How many the signed-in user has now.
    pub devices_enrolled: u32,
    /// How long iOS keeps a downloaded profile before deleting it (8 minutes
    /// on real devices; shorter in demos and tests).
    pub install_window_seconds: u32,
    /// False while the organization has not finished setting up enrollment
    /// (no MDM push certificate): the page explains instead of asking.
    #[serde(default = "set_up_by_default")]
    pub enrollment_set_up: bool,
    /// Which enrollment the person's enrollment type profile offers: the web
    /// journey, account-driven user enrollment (Settings › Sign In to Work
    /// or School Account), or their choice between the two.
    #[serde(default)]
    pub enrollment_profile_type: EnrollmentProfileType,
    /// The Managed Apple Account the person types in Settings for
    /// account-driven enrollment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_apple_account: Option<String>,
    /// The organization also offers legacy user enrollment: "only work apps
    /// and data" by downloading a profile (Apple's profile-based user
    /// enrollment, iOS/iPadOS 13.1 to 17; see
    /// [`supports_legacy_user_enrollment`]). Off unless the organization
    /// turns it on.
    #[serde(default)]
    pub legacy_user_enrollment: bool,
}

/// What an enrollment type profile offers the people it is assigned to.
/// Without one, a person gets [`EnrollmentProfileType::WebDeviceEnrollment`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentProfileType {
    /// Web-based device enrollment: the portal's download journey.
    #[default]
    WebDeviceEnrollment,
    /// User enrollment, account-driven: "only work apps and data", started
    /// from Settings with the person's Managed Apple Account.
    AccountDrivenUserEnrollment,
    /// "Determine based on user choice": the person picks "the entire
    /// device" (web device enrollment) or "only work apps and data".
    UserChoice,
}

impl EnrollmentProfileType {
    pub const ALL: [Self; 3] = [
        Self::WebDeviceEnrollment,
        Self::AccountDrivenUserEnrollment,
        Self::UserChoice,
    ];

    /// The JSON, database and command-line spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WebDeviceEnrollment => "web_device_enrollment",
            Self::AccountDrivenUserEnrollment => "account_driven_user_enrollment",
            Self::UserChoice => "user_choice",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// Whether the web journey (device enrollment) may be used.
    pub fn allows_web_device_enrollment(self) -> bool {
        matches!(self, Self::WebDeviceEnrollment | Self::UserChoice)
    }

    /// Whether account-driven user enrollment may be used.
    pub fn allows_user_enrollment(self) -> bool {
        matches!(self, Self::AccountDrivenUserEnrollment | Self::UserChoice)
    }
}

fn set_up_by_default() -> bool {
    true
}

/// Legacy user enrollment (Apple's profile-based user enrollment: a
/// downloaded profile whose MDM payload carries `ManagedAppleID`) works
/// from iOS/iPadOS 13.1, where Apple's schema introduces the key, until 18,
/// which removed it.
pub fn supports_legacy_user_enrollment(version: &OsVersion) -> bool {
    OsVersion::new(13, 1, 0) <= *version && *version < OsVersion::new(18, 0, 0)
}

/// Account-driven user enrollment (`mdm-byod`) needs iOS/iPadOS 15.
pub fn supports_account_driven_user_enrollment(version: &OsVersion) -> bool {
    *version >= OsVersion::new(15, 0, 0)
}

/// Account-driven device enrollment (`mdm-adde`) needs iOS/iPadOS 17.
pub fn supports_account_driven_device_enrollment(version: &OsVersion) -> bool {
    *version >= OsVersion::new(17, 0, 0)
}

fn device_enrollment() -> EnrollmentType {
    EnrollmentType::DeviceEnrollment
}

/// `POST /api/enrollments`: start enrolling this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartEnrollment {
    /// Ignored (the organization's default is used) unless
    /// [`EnrollmentRules::ownership_choice`] is on.
    pub ownership: Ownership,
    /// What the SPA detected. Informational: the device's own check-in is
    /// what the rules are enforced on.
    pub device: DeviceKind,
    /// The version the user agent carries, when it carries one.
    pub os_version: Option<OsVersion>,
    /// Device enrollment (the entire device), or legacy user enrollment
    /// (only work apps and data, by a downloaded profile), which needs the
    /// organization's [`EnrollmentRules::legacy_user_enrollment`] and an
    /// `os_version` that [`supports_legacy_user_enrollment`].
    #[serde(default = "device_enrollment")]
    pub enrollment_type: EnrollmentType,
}

/// An enrollment's id: opaque, unguessable, in URLs and local storage.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EnrollmentId(pub String);

/// Where an enrollment is. The happy path runs
/// `Created → Downloaded → Authenticated → Enrolled`; `Expired`,
/// `Rejected` and `Replaced` end it early (Enroll again starts over from
/// the download, keeping the choices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentState {
    /// Choices made; no profile downloaded yet.
    Created,
    /// The profile was downloaded; the install window is running.
    Downloaded,
    /// The device sent `Authenticate`: the user is installing the profile.
    Authenticated,
    /// The device sent `TokenUpdate`: it is managed. Done.
    Enrolled,
    /// The install window passed without the device checking in.
    Expired,
    /// The device checked in and the organization's rules refused it.
    Rejected,
    /// A newer download on another enrollment took over.
    Replaced,
}

impl EnrollmentState {
    /// No further check-in can change it; only Enroll again moves on.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Enrolled | Self::Expired | Self::Rejected | Self::Replaced
        )
    }
}

/// Why an enrollment (or a check-in for it) did not go through, for the SPA
/// to explain with a way forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentProblemCode {
    /// The device's iOS/iPadOS is older than the minimum.
    OsTooOld,
    /// The device's iOS/iPadOS is newer than the maximum.
    OsTooNew,
    /// iPhone or iPad not allowed by the organization.
    DeviceNotAllowed,
    /// The user already has as many devices as allowed.
    DeviceLimitReached,
    /// The profile's download link was used already.
    ProfileAlreadyUsed,
    /// The device installed a profile that a newer download replaced.
    ProfileReplaced,
    /// The device installed a profile after its install window.
    ProfileExpired,
    /// The device's check-in did not say which iOS version it runs or which
    /// model it is, so the rules cannot be checked.
    DeviceNotIdentified,
    #[serde(other)]
    Other,
}

/// A problem: its code, the numbers and names its words need, and the
/// server's English explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentProblem {
    pub code: EnrollmentProblemCode,
    /// English, for logs and API clients; the SPA words the problem from
    /// `code` and `details`, and shows this only when `details` is absent.
    pub message: String,
    /// What the words of this problem need (the version the device runs and
    /// the one allowed, the device limit, …). Absent only on problems
    /// recorded before the server kept details; `Some` with nothing in it
    /// when the code says it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<RefusalDetails>,
}

impl EnrollmentProblem {
    pub fn new(
        code: EnrollmentProblemCode,
        message: impl Into<String>,
        details: RefusalDetails,
    ) -> Self {
        Self {
            code,
            message: message.into(),
            details: Some(details),
        }
    }
}

/// `GET /api/enrollments/{id}`, `GET /api/enrollments/current`, and each
/// event of `GET /api/enrollments/{id}/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrollment {
    pub id: EnrollmentId,
    pub state: EnrollmentState,
    pub ownership: Ownership,
    pub enrollment_type: EnrollmentType,
    pub device: DeviceKind,
    /// When the current profile was downloaded (seconds since the epoch).
    pub downloaded_at: Option<i64>,
    /// How many of this enrollment's profiles were downloaded. It changes
    /// with every download, even two in one second, so the page can tell
    /// news of the download of a fresh link from news of an older one.
    #[serde(default)]
    pub profiles_downloaded: u32,
    /// When iOS will delete the downloaded profile if it is not installed.
    pub install_deadline_at: Option<i64>,
    /// The server's clock when this was sent, so a countdown is right even
    /// on a phone whose clock is off.
    pub server_now: i64,
    /// Set in `Rejected`, and when a check-in with an old or used profile
    /// was refused while this enrollment goes on.
    pub problem: Option<EnrollmentProblem>,
    /// The new device, once `Enrolled`.
    pub device_id: Option<DeviceId>,
    /// Made by Settings' Sign In to Work or School Account (account-driven
    /// enrollment): nothing to download or follow in the browser.
    #[serde(default)]
    pub account_driven: bool,
}

impl Enrollment {
    /// Seconds left in the install window, by the server's clock.
    pub fn seconds_left(&self) -> Option<i64> {
        self.install_deadline_at
            .map(|deadline| (deadline - self.server_now).max(0))
    }
}

/// `POST /api/enrollments/{id}/profile`: a fresh single-use download link.
/// Issuing one makes every earlier profile of this user unusable. Also
/// what **Enroll again** calls on an expired enrollment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDownload {
    /// Same-origin path (`/enrollment-profiles/<token>`) to navigate to, so
    /// Safari shows its "Allow" prompt and hands the profile to Settings.
    pub url: String,
    pub enrollment: Enrollment,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enrollment(state: EnrollmentState) -> Enrollment {
        Enrollment {
            id: EnrollmentId("e1".into()),
            state,
            ownership: Ownership::Personal,
            enrollment_type: EnrollmentType::DeviceEnrollment,
            device: DeviceKind::Iphone,
            downloaded_at: Some(1_000),
            profiles_downloaded: 1,
            install_deadline_at: Some(1_480),
            server_now: 1_100,
            problem: None,
            device_id: None,
            account_driven: false,
        }
    }

    #[test]
    fn seconds_left_counts_by_the_server_clock_and_stops_at_zero() {
        let mut e = enrollment(EnrollmentState::Downloaded);
        assert_eq!(e.seconds_left(), Some(380));
        e.server_now = 2_000;
        assert_eq!(e.seconds_left(), Some(0));
        e.install_deadline_at = None;
        assert_eq!(e.seconds_left(), None);
    }

    #[test]
    fn only_finished_states_are_final() {
        assert!(!EnrollmentState::Downloaded.is_final());
        assert!(!EnrollmentState::Authenticated.is_final());
        assert!(EnrollmentState::Enrolled.is_final());
        assert!(EnrollmentState::Expired.is_final());
    }

    #[test]
    fn which_ios_versions_enroll_which_way() {
        let v = |text: &str| OsVersion::parse(text).unwrap();
        for (version, legacy, user, device) in [
            ("13.0", false, false, false),
            ("13.1", true, false, false),
            ("14.8", true, false, false),
            ("15.0", true, true, false),
            ("16.7.2", true, true, false),
            ("17.0", true, true, true),
            ("17.7", true, true, true),
            ("18.0", false, true, true),
            ("26.1", false, true, true),
        ] {
            let version = v(version);
            assert_eq!(
                supports_legacy_user_enrollment(&version),
                legacy,
                "{version}"
            );
            assert_eq!(
                supports_account_driven_user_enrollment(&version),
                user,
                "{version}"
            );
            assert_eq!(
                supports_account_driven_device_enrollment(&version),
                device,
                "{version}"
            );
        }
    }

    #[test]
    fn an_older_start_request_is_device_enrollment() {
        let start: StartEnrollment =
            serde_json::from_str(r#"{"ownership":"personal","device":"iphone","os_version":null}"#)
                .unwrap();
        assert_eq!(start.enrollment_type, EnrollmentType::DeviceEnrollment);
    }

    #[test]
    fn wire_spelling_is_snake_case() {
        let json = serde_json::to_string(&enrollment(EnrollmentState::Downloaded)).unwrap();
        assert!(json.contains(r#""state":"downloaded""#), "{json}");
        assert!(json.contains(r#""device":"iphone""#), "{json}");
        let problem: EnrollmentProblem =
            serde_json::from_str(r#"{"code":"os_too_old","message":"Update iOS."}"#).unwrap();
        assert_eq!(problem.code, EnrollmentProblemCode::OsTooOld);
        assert_eq!(problem.details, None);
    }

    #[test]
    fn a_problem_carries_the_versions_its_words_need() {
        let problem = EnrollmentProblem::new(
            EnrollmentProblemCode::OsTooOld,
            "This device needs iOS 16.0 or later. It runs iOS 15.7.",
            RefusalDetails {
                os_version: Some(OsVersion::new(15, 7, 0)),
                minimum_os_version: Some(OsVersion::new(16, 0, 0)),
                ..RefusalDetails::default()
            },
        );
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(
            json["details"],
            serde_json::json!({"os_version": "15.7", "minimum_os_version": "16.0"})
        );
        let back: EnrollmentProblem = serde_json::from_value(json).unwrap();
        assert_eq!(back, problem);
        // A code that says it all still says the details are known.
        let replaced = EnrollmentProblem::new(
            EnrollmentProblemCode::ProfileReplaced,
            "A newer download replaced this profile.",
            RefusalDetails::default(),
        );
        let json = serde_json::to_string(&replaced).unwrap();
        assert!(json.ends_with(r#""details":{}}"#), "{json}");
    }
}
