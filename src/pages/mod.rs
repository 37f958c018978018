//! One module per screen, named like the screen.

pub mod devices;
pub mod enroll;
pub mod help;
pub mod not_found;
pub mod sign_in;
