//! The Company Portal's API contract.
//!
//! Every type that crosses the wire between the SPA and `portal-server`, every
//! route path and header name, and every parser for user input lives here, so
//! both sides agree by construction ("parse, don't validate").

pub mod account_enrollment;
pub mod device;
pub mod device_model;
pub mod device_name;
pub mod email;
pub mod enrollment;
pub mod error;
pub mod organization;
pub mod os_version;
pub mod password;
pub mod return_to;
pub mod routes;
pub mod session;
pub mod sign_in_options;
pub mod start;

pub use account_enrollment::{
    AccountEnrollmentConsent, AccountEnrollmentConsented, AccountEnrollmentSession,
    RemoteManagementServer, RemoteManagementServers,
};
pub use device::{
    ActionState, ActionStatus, CommandFailure, CommandFailureReason, ComplianceIssue,
    ComplianceReport, ComplianceRule, ComplianceState, DeviceAction, DeviceDetails, DeviceId,
    DeviceList, DeviceReach, DeviceSummary, EnrollmentType, Notification, NotificationDetails,
    NotificationKind, NotificationList, Ownership, RenameDevice,
};
pub use device_name::DeviceName;
pub use email::EmailAddress;
pub use enrollment::{
    supports_account_driven_device_enrollment, supports_account_driven_user_enrollment,
    supports_legacy_user_enrollment,
};
pub use enrollment::{
    DeviceKind, Enrollment, EnrollmentId, EnrollmentProblem, EnrollmentProblemCode,
    EnrollmentProfileType, EnrollmentRules, EnrollmentState, ProfileDownload, StartEnrollment,
};
pub use error::{ApiError, ErrorBody, ErrorCode, InvalidValue, RefusalDetails};
pub use organization::{Organization, PrivacyMessages, SupportContact};
pub use os_version::{OsVersion, VersionRange, VersionRuleViolation};
pub use password::{NewPassword, Password};
pub use session::{CurrentUser, SessionInfo, SignInRequest};
pub use sign_in_options::{safe_return_to, OidcSignInError, SignInOptions, SignedOut};
pub use start::{EnrollmentStart, StartData};
