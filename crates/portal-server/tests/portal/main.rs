//! End-to-end tests of the server: the real router against a real SQLite
//! file, one fresh portal per test, time moved by a manual clock.

mod support;

mod account_device_enrollment;
mod account_enrollment;
mod anti_forgery;
mod api;
mod checkin;
mod connection_limits;
mod device;
mod enrollment;
mod enrollment_types;
mod event_stream_sessions;
mod first_paint;
mod legacy_user_enrollment;
mod oidc;
mod profile_signing;
mod push;
mod push_certificate;
mod scep;
mod self_service;
mod sessions;
mod sign_in;
mod static_files;
mod storage;
mod storage_conformance;
mod user_enrollment;
mod web_clip;
