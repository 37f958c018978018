//! The SCEP server: issuance against the real router, and every way a
//! request is refused; then the identity's validity at check-in.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use device_sim::scep::{generate_key, ScepPayload, ScepRequest};
use device_sim::scep_message::{
    self as scep, ContentEncryption, DigestAlgorithm, FailInfo, MessageType, Nonce, PkiMessage,
    PkiStatus,
};
use device_sim::{Profile, SimError};
use portal_api::{routes, Enrollment, EnrollmentState, Ownership};

use crate::device::{self, ca_certificate, device_key, pki_operation, scep_identity_with, Device};
use crate::enrollment::{link, start};
use crate::support::{Portal, ALEX, START};

/// Alex's new enrollment with a downloaded profile (no SCEP yet).
pub async fn downloaded(portal: &Portal) -> (String, Enrollment, Vec<u8>) {
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(portal, &cookie, Ownership::Corporate).await;
    let download = link(portal, &cookie, &started.id.0).await;
    let profile = portal.get_signed_in(&download.url, &cookie).await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.text());
    (cookie, started, profile.body.to_vec())
}

fn scep_payload(profile: &[u8]) -> ScepPayload {
    Profile::parse(profile).unwrap().scep
}

fn refused_with(result: Result<device_sim::Identity, SimError>, fail_info: FailInfo) {
    match result {
        Err(SimError::ScepFailure { fail_info: found }) => assert_eq!(found, Some(fail_info)),
        other => panic!("expected a SCEP FAILURE, got {other:?}"),
    }
}

#[tokio::test]
async fn a_device_gets_its_identity_by_scep_and_signs_with_it() {
    let portal = Portal::start().await;
    let caps = portal
        .get(&format!("{}?operation=GetCACaps", routes::MDM_SCEP))
        .await;
    assert_eq!(caps.status, StatusCode::OK);
    assert!(caps.text().lines().any(|l| l == "POSTPKIOperation"));
    assert!(caps.text().lines().any(|l| l == "SCEPStandard"));
    let ca = ca_certificate(&portal).await;

    let (cookie, started, profile) = downloaded(&portal).await;
    let device = Device::from_profile(&portal, &profile).await;
    let certificate = &device.identity.certificate.tbs_certificate;
    assert_eq!(certificate.issuer, ca.tbs_certificate.subject);
    let subject = certificate.subject.to_string();
    assert!(
        subject.contains(&format!("CN={}", started.id.0)),
        "{subject}"
    );
    assert!(subject.contains("O=Contoso"), "{subject}");
    let seconds = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    assert_eq!(seconds(&certificate.validity.not_before), START - 86_400);
    assert_eq!(
        seconds(&certificate.validity.not_after),
        START + 365 * 86_400
    );
    assert_eq!(certificate.serial_number.as_bytes().len(), 16);
    let extensions = certificate.extensions.as_ref().unwrap();
    let client_auth = der::oid::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
    let eku = extensions
        .iter()
        .find(|e| e.extn_id == der::oid::ObjectIdentifier::new_unwrap("2.5.29.37"))
        .unwrap();
    let eku: x509_cert::ext::pkix::ExtendedKeyUsage =
        der::Decode::from_der(eku.extn_value.as_bytes()).unwrap();
    assert_eq!(eku.0, [client_auth]);
    // The CA came along in the CertRep.
    assert_eq!(device.identity.chain, [ca]);

    // The identity is bound to the enrollment: check-in finds it.
    let reply = device.authenticate(&portal, "17.4").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let enrollment: Enrollment = portal
        .get_signed_in(&routes::enrollment(&started.id.0), &cookie)
        .await
        .json();
    assert_eq!(enrollment.state, EnrollmentState::Authenticated);
}

#[tokio::test]
async fn sha1_and_3des_requests_and_get_requests_are_answered() {
    let portal = Portal::start().await;
    let (_, _, profile) = downloaded(&portal).await;
    let scep = scep_payload(&profile);
    let identity = scep_identity_with(
        &portal,
        &scep,
        scep.challenge.as_deref(),
        device_key(),
        ContentEncryption::DesEde3Cbc,
        DigestAlgorithm::Sha1,
    )
    .await
    .unwrap();
    assert!(identity
        .certificate
        .tbs_certificate
        .subject
        .to_string()
        .contains("O=Contoso"));

    // GET with the message in the query: a refusal (the challenge is used)
    // comes back as a CertRep too.
    let ca = ca_certificate(&portal).await;
    let request = ScepRequest::new(
        &ca,
        &scep.subject_name().unwrap(),
        scep.challenge.as_deref(),
        device_key(),
        ContentEncryption::Aes256Cbc,
        DigestAlgorithm::Sha256,
    )
    .unwrap();
    use base64::Engine;
    let message = base64::engine::general_purpose::STANDARD.encode(request.message());
    let message: String = message
        .chars()
        .map(|c| match c {
            '+' => "%2B".to_owned(),
            '/' => "%2F".to_owned(),
            '=' => "%3D".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let reply = portal
        .get(&format!(
            "{}?operation=PKIOperation&message={message}",
            routes::MDM_SCEP
        ))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    refused_with(request.read_reply(&reply.body), FailInfo::BadRequest);
}

#[tokio::test]
async fn a_challenge_works_once() {
    let portal = Portal::start().await;
    let (_, _, profile) = downloaded(&portal).await;
    let scep = scep_payload(&profile);
    let aes = ContentEncryption::Aes128Cbc;
    let sha256 = DigestAlgorithm::Sha256;
    let challenge = scep.challenge.as_deref();
    scep_identity_with(&portal, &scep, challenge, device_key(), aes, sha256)
        .await
        .unwrap();
    let again = scep_identity_with(&portal, &scep, challenge, device_key(), aes, sha256).await;
    refused_with(again, FailInfo::BadRequest);
}

#[tokio::test]
async fn expired_replaced_wrong_and_missing_challenges_are_refused() {
    let portal = Portal::start().await;
    let aes = ContentEncryption::Aes128Cbc;
    let sha256 = DigestAlgorithm::Sha256;

    // Wrong, and none at all.
    let (cookie, started, profile) = downloaded(&portal).await;
    let scep = scep_payload(&profile);
    let wrong = scep_identity_with(
        &portal,
        &scep,
        Some("0123456789ABCDEF"),
        device_key(),
        aes,
        sha256,
    );
    refused_with(wrong.await, FailInfo::BadRequest);
    let none = scep_identity_with(&portal, &scep, None, device_key(), aes, sha256);
    refused_with(none.await, FailInfo::BadRequest);

    // Replaced by a newer link: the old profile's challenge is dead.
    link(&portal, &cookie, &started.id.0).await;
    let replaced = scep_identity_with(
        &portal,
        &scep,
        scep.challenge.as_deref(),
        device_key(),
        aes,
        sha256,
    );
    refused_with(replaced.await, FailInfo::BadRequest);

    // Past the install deadline (480 s).
    let (_, _, profile) = downloaded(&portal).await;
    let scep = scep_payload(&profile);
    portal.clock.advance(Duration::from_secs(480));
    let expired = scep_identity_with(
        &portal,
        &scep,
        scep.challenge.as_deref(),
        device_key(),
        aes,
        sha256,
    );
    refused_with(expired.await, FailInfo::BadRequest);
}

#[tokio::test]
async fn small_keys_and_other_message_types_are_refused() {
    let portal = Portal::start().await;
    let (_, _, profile) = downloaded(&portal).await;
    let scep = scep_payload(&profile);
    let small = scep_identity_with(
        &portal,
        &scep,
        scep.challenge.as_deref(),
        generate_key(1024).unwrap(),
        ContentEncryption::Aes128Cbc,
        DigestAlgorithm::Sha256,
    );
    refused_with(small.await, FailInfo::BadRequest);

    // A CertPoll, properly signed: FAILURE badRequest, echoing the nonce.
    let key = device_key();
    let name = scep.subject_name().unwrap();
    let signer = device_sim::scep::self_signed_certificate(&key, &name).unwrap();
    let nonce = Nonce::random();
    let poll = scep::sign(
        &PkiMessage {
            message_type: MessageType::CertPoll,
            transaction_id: "poll-1".into(),
            sender_nonce: Some(nonce.clone()),
            recipient_nonce: None,
            pki_status: None,
            fail_info: None,
            content: None,
        },
        &key,
        &signer,
        DigestAlgorithm::Sha256,
        &[],
    )
    .unwrap();
    let reply = pki_operation(&portal, &poll).await;
    assert_eq!(reply.status, StatusCode::OK);
    let answer = scep::verify(&reply.body).unwrap();
    assert_eq!(answer.signer, ca_certificate(&portal).await);
    assert_eq!(answer.message.message_type, MessageType::CertRep);
    assert_eq!(answer.message.pki_status, Some(PkiStatus::Failure));
    assert_eq!(answer.message.fail_info, Some(FailInfo::BadRequest));
    assert_eq!(answer.message.transaction_id, "poll-1");
    assert_eq!(answer.message.recipient_nonce, Some(nonce));

    // Not a SCEP message at all; too large a body; an unknown operation.
    assert_eq!(
        pki_operation(&portal, b"not DER").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        pki_operation(&portal, &vec![0x30; 70 * 1024]).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let unknown = portal
        .send(
            Request::get(format!("{}?operation=GetNextCACert", routes::MDM_SCEP))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    // The challenge was not used up by any of this.
    scep_identity_with(
        &portal,
        &scep,
        scep.challenge.as_deref(),
        device_key(),
        ContentEncryption::Aes128Cbc,
        DigestAlgorithm::Sha256,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn sha1_signatures_are_accepted_and_expired_identities_refused() {
    let portal = Portal::start().await;
    let (_, _, profile) = downloaded(&portal).await;
    let device = Device::from_profile(&portal, &profile).await;
    let body = device::plist_bytes(device::authenticate_message("17.4"));
    let signed = device::put_signed(
        &portal,
        routes::MDM_CHECKIN,
        body,
        Some(device.sign_sha1(&device::plist_bytes(device::authenticate_message("17.4")))),
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text());
    assert_eq!(device.token_update(&portal).await.status, StatusCode::OK);

    let mut idle = plist::Dictionary::new();
    idle.insert("Status".into(), "Idle".into());
    idle.insert("UDID".into(), device::UDID.into());
    assert_eq!(
        device
            .put(&portal, routes::MDM_CONNECT, idle.clone())
            .await
            .status,
        StatusCode::OK
    );
    // A year and a day later the certificate has expired: 401.
    portal.clock.advance(Duration::from_secs(366 * 86_400));
    let late = device.put(&portal, routes::MDM_CONNECT, idle).await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
}
