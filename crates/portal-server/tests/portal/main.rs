//! End-to-end tests of the server: the real router against a real SQLite
//! file, one fresh portal per test, time moved by a manual clock.

mod support;

mod anti_forgery;
mod api;
mod checkin;
mod device;
mod enrollment;
mod oidc;
mod profile_signing;
mod push_certificate;
mod push;
mod scep;
mod self_service;
mod sessions;
mod sign_in;
mod static_files;
mod storage;
mod web_clip;
