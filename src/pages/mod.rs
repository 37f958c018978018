//! One module per screen, named like the screen.

pub mod account_enrollment_sign_in;
pub mod device;
pub mod devices;
pub mod enroll;
pub mod help;
pub mod not_found;
pub mod notifications;
pub mod privacy;
pub mod sign_in;
