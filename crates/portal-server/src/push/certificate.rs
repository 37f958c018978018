//! The MDM push certificate (to be built: request, install, show).
