//! The MDM push certificate: request, install, renewal, expiry, and
//! enrollment without one.

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use der::DecodePem;
use portal_api::{routes, DeviceKind, EnrollmentRules, ErrorCode, Ownership, StartEnrollment};
use portal_server::push::certificate::{
    self as push_certificate, DemoPushCa, Expiry, PushCertificateError, PushFiles,
};
use portal_server::Clock;
use rsa::pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use x509_cert::request::CertReq;

use crate::device::payload;
use crate::enrollment::{downloaded, link, start};
use crate::support::{portal_request, push_files, Portal, ALEX, START};

const DAY: i64 = 24 * 60 * 60;

fn files_in(dir: &Path) -> PushFiles {
    PushFiles::beside(&dir.join("portal.db"))
}

/// What Apple would issue for the request's key, by the stand-in CA.
fn issued_for_request(files: &PushFiles, ca: &DemoPushCa, topic: &str, now: i64) -> String {
    let key = RsaPrivateKey::from_pkcs8_pem(&std::fs::read_to_string(&files.key).unwrap()).unwrap();
    let spki = push_certificate::public_key_info(&key.to_public_key()).unwrap();
    ca.issue(spki, topic, now).unwrap()
}

#[test]
fn request_makes_an_owner_only_key_and_a_signing_request_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let files = files_in(dir.path());
    push_certificate::request(&files, false).unwrap();

    let csr_pem = std::fs::read_to_string(&files.csr).unwrap();
    let csr = CertReq::from_pem(csr_pem.as_bytes()).unwrap();
    let key = RsaPrivateKey::from_pkcs8_pem(&std::fs::read_to_string(&files.key).unwrap()).unwrap();
    assert_eq!(
        csr.info.public_key,
        push_certificate::public_key_info(&key.to_public_key()).unwrap()
    );
    // The request's own signature verifies (openssl is the referee).
    if let Ok(output) = Command::new("openssl")
        .args(["req", "-verify", "-noout", "-in"])
        .arg(&files.csr)
        .output()
    {
        let said = String::from_utf8_lossy(&output.stderr).to_string()
            + &String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{said}");
        assert!(
            said.contains("verify OK")
                || said.contains("Certificate request self-signature verify OK"),
            "{said}"
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files.key).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0);
    }
    let steps = push_certificate::request_instructions(&files);
    for words in [
        "MDM vendor",
        "https://identity.apple.com",
        "push-cert install",
    ] {
        assert!(steps.contains(words), "{words}: {steps}");
    }
}

#[test]
fn install_takes_the_topic_and_expiry_of_a_matching_push_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let files = files_in(dir.path());
    let ca = DemoPushCa::load_or_create(dir.path(), START).unwrap();
    push_certificate::request(&files, false).unwrap();
    let topic = "com.apple.mgmt.External.2c5b6d3e-0000-4000-8000-000000000001";
    let pem = issued_for_request(&files, &ca, topic, START);

    let installed = push_certificate::install(&files, &pem, false, START).unwrap();
    assert_eq!(installed.certificate.topic, topic);
    assert_eq!(installed.certificate.not_after, START + 365 * DAY);
    assert_eq!(installed.replaced_topic, None);
    let loaded = push_certificate::load(&files).unwrap().unwrap();
    assert_eq!(loaded.topic, topic);
    assert_eq!(loaded.not_after, START + 365 * DAY);
    assert!(loaded.key_pem.contains("PRIVATE KEY"));
    assert!(!format!("{loaded:?}").contains("PRIVATE KEY"));

    // A new request now would orphan the installed certificate.
    let refused = push_certificate::request(&files, false).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::KeyInUse { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains(topic), "{refused}");
    assert_eq!(
        push_certificate::load(&files).unwrap().unwrap().topic,
        topic
    );
    push_certificate::request(&files, true).unwrap();
    assert!(matches!(
        push_certificate::load(&files),
        Err(PushCertificateError::KeyMismatch { .. })
    ));
}

#[test]
fn a_certificate_for_another_key_or_not_for_mdm_push_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = files_in(dir.path());
    let ca = DemoPushCa::load_or_create(dir.path(), START).unwrap();
    push_certificate::request(&files, false).unwrap();

    let other = tempfile::tempdir().unwrap();
    let other_files = files_in(other.path());
    push_certificate::request(&other_files, false).unwrap();
    let for_other_key =
        issued_for_request(&other_files, &ca, &push_certificate::random_topic(), START);
    let refused = push_certificate::install(&files, &for_other_key, false, START).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::KeyMismatch { .. }),
        "{refused}"
    );

    let wrong_topic = issued_for_request(&files, &ca, "com.example.not-mdm", START);
    let refused = push_certificate::install(&files, &wrong_topic, false, START).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::NotPushCertificate(_)),
        "{refused}"
    );

    // A certificate for the right key without a UID: a TLS certificate.
    let key_pem = std::fs::read_to_string(&files.key).unwrap();
    let key = rcgen::KeyPair::from_pem(&key_pem).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["portal.contoso.example".into()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "portal.contoso.example");
    let tls = params.self_signed(&key).unwrap().pem();
    let refused = push_certificate::install(&files, &tls, false, START).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::NotPushCertificate(_)),
        "{refused}"
    );

    let expired = issued_for_request(&files, &ca, &push_certificate::random_topic(), START);
    let refused =
        push_certificate::install(&files, &expired, false, START + 400 * DAY).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::Expired { .. }),
        "{refused}"
    );
    assert!(push_certificate::load(&files).unwrap().is_none());
}

#[test]
fn a_renewal_with_another_topic_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let files = files_in(dir.path());
    let ca = DemoPushCa::load_or_create(dir.path(), START).unwrap();
    push_certificate::request(&files, false).unwrap();
    let topic = push_certificate::random_topic();
    let first = issued_for_request(&files, &ca, &topic, START);
    push_certificate::install(&files, &first, false, START).unwrap();

    // The same topic a year on: a renewal.
    let renewal = issued_for_request(&files, &ca, &topic, START + 340 * DAY);
    let renewed = push_certificate::install(&files, &renewal, false, START + 340 * DAY).unwrap();
    assert_eq!(renewed.replaced_topic.as_deref(), Some(topic.as_str()));
    assert_eq!(renewed.certificate.not_after, START + 705 * DAY);

    let other_topic = push_certificate::random_topic();
    let changed = issued_for_request(&files, &ca, &other_topic, START + 340 * DAY);
    let refused =
        push_certificate::install(&files, &changed, false, START + 340 * DAY).unwrap_err();
    assert!(
        matches!(refused, PushCertificateError::TopicChanged { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains("enrolled device"), "{refused}");
    assert_eq!(
        push_certificate::load(&files).unwrap().unwrap().topic,
        topic
    );

    let forced = push_certificate::install(&files, &changed, true, START + 340 * DAY).unwrap();
    assert_eq!(forced.certificate.topic, other_topic);
    assert_eq!(
        push_certificate::load(&files).unwrap().unwrap().topic,
        other_topic
    );
}

#[test]
fn expiry_is_warned_from_thirty_days_before_and_an_error_after() {
    let dir = tempfile::tempdir().unwrap();
    let files = files_in(dir.path());
    let demo = push_certificate::set_up_demo(&files, START).unwrap();
    let certificate = demo.certificate;
    let expires = certificate.not_after;
    assert_eq!(push_certificate::expiry_warning(&certificate, START), None);
    assert_eq!(
        push_certificate::expiry_warning(&certificate, expires - 31 * DAY),
        None
    );
    let soon = push_certificate::expiry_warning(&certificate, expires - 30 * DAY).unwrap();
    assert!(
        soon.contains("30 days") && soon.contains("same Apple Account"),
        "{soon}"
    );
    assert_eq!(
        push_certificate::expiry(expires, expires),
        Expiry::Soon { days_left: 0 }
    );
    assert_eq!(
        push_certificate::expiry(expires, expires + 1),
        Expiry::Expired
    );
    let expired = push_certificate::expiry_warning(&certificate, expires + 1).unwrap();
    assert!(expired.contains("expired"), "{expired}");
}

#[tokio::test]
async fn without_a_push_certificate_no_profile_is_handed_out() {
    let portal = Portal::start_without_push_certificate().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let rules: EnrollmentRules = portal
        .get_signed_in(routes::ENROLLMENT_RULES, &cookie)
        .await
        .json();
    assert!(!rules.enrollment_set_up);

    let body = serde_json::to_vec(&StartEnrollment {
        ownership: Ownership::Personal,
        device: DeviceKind::Iphone,
        os_version: None,
        enrollment_type: portal_api::EnrollmentType::DeviceEnrollment,
    })
    .unwrap();
    let reply = portal
        .send(
            portal_request(Method::POST, routes::ENROLLMENTS)
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let error = reply.error();
    assert_eq!(error.code, ErrorCode::EnrollmentNotSetUp);
    assert!(error.message.contains("IT support"), "{}", error.message);
}

#[tokio::test]
async fn a_link_issued_before_the_certificate_went_away_waits_for_it() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Personal).await;
    let download = link(&portal, &cookie, &started.id.0).await;

    let files = push_files(portal.dir.path());
    let certificate = std::fs::read(&files.certificate).unwrap();
    std::fs::remove_file(&files.certificate).unwrap();
    let without = portal.restarted();
    let request = || {
        portal_request(Method::GET, &download.url)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap()
    };
    let reply = crate::support::send_to(&without, request()).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.text().contains("IT support"), "{}", reply.text());
    let reply = crate::support::send_to(
        &without,
        portal_request(Method::POST, &routes::enrollment_profile(&started.id.0))
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.error().code, ErrorCode::EnrollmentNotSetUp);

    // Installed again: the same link still works (it was not used up).
    std::fs::write(&files.certificate, certificate).unwrap();
    let reply = crate::support::send_to(&portal.restarted(), request()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

#[tokio::test]
async fn the_profile_names_the_push_certificates_topic() {
    let portal = Portal::start().await;
    let (_, _, device) = downloaded(&portal, Ownership::Corporate).await;
    let installed = push_certificate::load(&push_files(portal.dir.path()))
        .unwrap()
        .unwrap();
    let mdm = payload(&device.profile, "com.apple.mdm");
    assert_eq!(mdm["Topic"].as_string(), Some(installed.topic.as_str()));
    assert!(installed.topic.starts_with("com.apple.mgmt.External."));
}

#[test]
fn the_command_line_requests_installs_and_shows() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("portal.db");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_portal-server"))
            .arg("push-cert")
            .args(args)
            .arg("--database")
            .arg(&database)
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, said) = run(&["show"]);
    assert!(!ok && said.contains("push-cert request"), "{said}");
    let (ok, said) = run(&["request"]);
    assert!(ok && said.contains("https://identity.apple.com"), "{said}");

    let files = files_in(dir.path());
    let ca = DemoPushCa::load_or_create(dir.path(), START).unwrap();
    let now = portal_server::SystemClock.now();
    let topic = push_certificate::random_topic();
    let cert_path = dir.path().join("from-apple.pem");
    std::fs::write(&cert_path, issued_for_request(&files, &ca, &topic, now)).unwrap();
    let cert_arg = cert_path.to_str().unwrap();
    let (ok, said) = run(&["install", cert_arg]);
    assert!(ok, "{said}");
    assert!(said.contains(&format!("Topic: {topic}")), "{said}");
    assert!(
        said.contains(&format!(
            "Expires: {}",
            push_certificate::date(now + 365 * DAY)
        )),
        "{said}"
    );

    let (ok, said) = run(&["request"]);
    assert!(!ok && said.contains("--force"), "{said}");
    let (ok, said) = run(&["show"]);
    assert!(ok, "{said}");
    assert!(
        said.contains(&topic) && said.contains("Enrolled devices using it: 0"),
        "{said}"
    );
}
