//! The enrollment journey's decisions, pure and natively tested, shared by
//! the two places that make them:
//!
//! - the SPA's **Enroll** page (`src/pages/enroll/`), which reads the
//!   device from `navigator`, feeds what happens into [`Step::next`] and
//!   renders each [`Step`];
//! - the server's first paint of `/enroll`
//!   (`portal-server/src/first_paint/`), which draws the first step the
//!   page will show when the `User-Agent` header alone decides it
//!   ([`first_step_from_user_agent`]), so the page paints with the HTML.
//!
//! One implementation for both is what keeps the first paint and the app
//! from disagreeing.

pub mod platform;
pub mod step;

pub use platform::{Browser, Device, InAppBrowser, Platform};
pub use step::*;
