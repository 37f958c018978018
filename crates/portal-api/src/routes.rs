//! Route paths and header names of the HTTP API.

/// Liveness: `GET` answers `{"status":"ok"}` once the server accepts requests.
pub const HEALTH: &str = "/api/health";
/// The organization's public profile: `GET` (no sign-in needed).
pub const ORGANIZATION: &str = "/api/organization";
/// Sign in with `POST`, sign out with `DELETE`.
pub const SESSION: &str = "/api/session";
/// What the sign-in page offers: `GET` (no sign-in needed).
pub const SIGN_IN_OPTIONS: &str = "/api/sign-in/options";
/// Starts a sign-in through the identity provider: `GET ?return_to=/path`
/// answers 302 to the provider (a browser navigation, not `fetch`).
pub const OIDC_START: &str = "/api/sign-in/oidc/start";
/// Where the identity provider sends the browser back (the redirect URI to
/// register at the provider is the public URL followed by this path).
pub const OIDC_CALLBACK: &str = "/api/sign-in/oidc/callback";
/// The sign-in page (the SPA's route), where failed provider sign-ins land
/// with `?error=<code>`.
pub const SIGN_IN_PAGE: &str = "/sign-in";
/// The signed-in user: `GET`.
pub const ME: &str = "/api/me";
/// The signed-in user's devices: `GET`.
pub const DEVICES: &str = "/api/devices";

/// One device: `GET` its details, `PATCH` a `RenameDevice`, `DELETE` to
/// remove (unenroll) it. Another user's device answers 404.
pub fn device(id: &str) -> String {
    format!("{DEVICES}/{id}")
}
/// Remote lock: `POST` (no body). A second request while one is pending
/// queues nothing and answers the pending state.
pub fn device_remote_lock(id: &str) -> String {
    format!("{DEVICES}/{id}/remote-lock")
}
/// Check status: `POST` (no body) asks the device for fresh facts.
pub fn device_check_status(id: &str) -> String {
    format!("{DEVICES}/{id}/check-status")
}
/// The device's details as server-sent events: `GET`.
pub fn device_events(id: &str) -> String {
    format!("{DEVICES}/{id}/events")
}
/// The signed-in user's notifications: `GET`.
pub const NOTIFICATIONS: &str = "/api/notifications";

/// The organization's enrollment rules: `GET`.
pub const ENROLLMENT_RULES: &str = "/api/enrollment/rules";
/// Start an enrollment: `POST` a `StartEnrollment`.
pub const ENROLLMENTS: &str = "/api/enrollments";
/// The signed-in user's newest enrollment, to resume: `GET` (404 if none).
pub const CURRENT_ENROLLMENT: &str = "/api/enrollments/current";

/// One enrollment: `GET`.
pub fn enrollment(id: &str) -> String {
    format!("{ENROLLMENTS}/{id}")
}
/// A fresh single-use profile download link: `POST`.
pub fn enrollment_profile(id: &str) -> String {
    format!("{ENROLLMENTS}/{id}/profile")
}
/// The enrollment's state as server-sent events: `GET`
/// (`text/event-stream`, one `Enrollment` JSON per `data:` line).
pub fn enrollment_events(id: &str) -> String {
    format!("{ENROLLMENTS}/{id}/events")
}
/// Where a profile download link points (a navigation, not under /api).
pub const ENROLLMENT_PROFILES: &str = "/enrollment-profiles";

/// Account-driven enrollment's discovery document: `GET
/// ?user-identifier=<account>&model-family=<iPhone|iPad>`. Serve it (or
/// redirect to it) from `https://<the accounts' email domain>`.
pub const WELL_KNOWN_REMOTE_MANAGEMENT: &str = "/.well-known/com.apple.remotemanagement";
/// Account-driven enrollment's BaseURL: `POST` the device's signed
/// MachineInfo; 401 with the `apple-as-web` challenge until it sends
/// `Authorization: Bearer <token>`, then the enrollment profile.
pub const MDM_ACCOUNT_ENROLLMENT: &str = "/mdm/account-enrollment";
/// The web sign-in page the challenge points to (the SPA's route; the
/// device adds `?user-identifier=<account>`).
pub const ACCOUNT_ENROLLMENT_SIGN_IN: &str = "/account-enrollment/sign-in";
/// What the sign-in page shows: `GET ?user-identifier=…` (signed in).
pub const ACCOUNT_ENROLLMENT_SESSION: &str = "/api/account-enrollment/session";
/// Consent: `POST` an `AccountEnrollmentConsent` (signed in).
pub const ACCOUNT_ENROLLMENT_CONSENT: &str = "/api/account-enrollment/consent";
/// Ends the sheet: `GET ?access-token=…` answers `308` to the device's
/// `apple-remotemanagement-user-login://` URL (a navigation, not `fetch`).
pub const ACCOUNT_ENROLLMENT_FINISH: &str = "/account-enrollment/finish";

/// MDM check-in (`Authenticate`, `TokenUpdate`, `CheckOut`): the profile's
/// CheckInURL. Plists over PUT, signed by the device.
pub const MDM_CHECKIN: &str = "/mdm/checkin";
/// MDM command channel (`Idle` and command results): the profile's ServerURL.
pub const MDM_CONNECT: &str = "/mdm/connect";
/// The SCEP server (RFC 8894) devices get their identity certificate from:
/// `GET ?operation=GetCACaps`, `GET ?operation=GetCACert`,
/// `POST ?operation=PKIOperation` (or `GET` with `message=`).
pub const MDM_SCEP: &str = "/mdm/scep";

/// Every state-changing request must carry this header (with any value; the
/// SPA sends [`ANTI_FORGERY_VALUE`]). A cross-site form cannot set custom
/// headers, and a cross-site `fetch` with one needs a CORS preflight the server
/// never grants.
pub const ANTI_FORGERY_HEADER: &str = "x-portal-request";
pub const ANTI_FORGERY_VALUE: &str = "1";

/// The session cookie. `__Host-` makes browsers insist on Secure, Path=/ and no
/// Domain attribute.
pub const SESSION_COOKIE: &str = "__Host-portal_session";
/// Binds a pending provider sign-in to the browser that started it.
pub const PENDING_SIGN_IN_COOKIE: &str = "__Host-portal_oidc";
