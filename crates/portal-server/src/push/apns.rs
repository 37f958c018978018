//! The APNs HTTP/2 client (to be built).
