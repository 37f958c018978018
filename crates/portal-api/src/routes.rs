//! Route paths and header names of the HTTP API.

/// Liveness: `GET` answers `{"status":"ok"}` once the server accepts requests.
pub const HEALTH: &str = "/api/health";
/// The organization's public profile: `GET` (no sign-in needed).
pub const ORGANIZATION: &str = "/api/organization";
/// Sign in with `POST`, sign out with `DELETE`.
pub const SESSION: &str = "/api/session";
/// The signed-in user: `GET`.
pub const ME: &str = "/api/me";
/// The signed-in user's devices: `GET`.
pub const DEVICES: &str = "/api/devices";

/// Every state-changing request must carry this header (with any value; the
/// SPA sends [`ANTI_FORGERY_VALUE`]). A cross-site form cannot set custom
/// headers, and a cross-site `fetch` with one needs a CORS preflight the server
/// never grants.
pub const ANTI_FORGERY_HEADER: &str = "x-portal-request";
pub const ANTI_FORGERY_VALUE: &str = "1";

/// The session cookie. `__Host-` makes browsers insist on Secure, Path=/ and no
/// Domain attribute.
pub const SESSION_COOKIE: &str = "__Host-portal_session";
