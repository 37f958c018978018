//! Where to send a person after they sign in: shared with the server,
//! which renders the sign-in page's first paint with the same links.

pub use portal_api::return_to::*;
