//! Profile parsing, the SCEP messages against a test CA, and the
//! `Mdm-Signature`, checked independently with ring.

mod common;

use base64::Engine;
use cms::cert::x509::Certificate;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use const_oid::db::rfc5911::{
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_TIME,
};
use const_oid::db::rfc5912::{
    ID_SHA_1, ID_SHA_256, SHA_1_WITH_RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION,
};
use der::{Decode, Encode};
use device_sim::scep::ScepRequest;
use device_sim::scep_message::{ContentEncryption, DigestAlgorithm, FailInfo};
use device_sim::{signing, Profile, SimError};
use sha2::{Digest, Sha256};

#[test]
fn parses_a_profile_and_its_scep_payload() {
    let bytes = common::make_profile("https://portal.test:8443", true);
    let profile = Profile::parse(&bytes).unwrap();
    assert_eq!(profile.identifier.as_deref(), Some(common::PROFILE_ID));
    assert_eq!(
        profile.mdm.server_url,
        "https://portal.test:8443/mdm/connect"
    );
    assert_eq!(
        profile.mdm.check_in_url(),
        "https://portal.test:8443/mdm/checkin"
    );
    assert_eq!(profile.mdm.topic, common::TOPIC);
    assert!(profile.mdm.sign_message);
    assert!(profile.mdm.check_out_when_removed);
    assert_eq!(profile.mdm.access_rights, Some(8191));
    assert_eq!(profile.signer, None);
    let scep = &profile.scep;
    assert_eq!(scep.url, "https://portal.test:8443/scep");
    assert_eq!(scep.challenge.as_deref(), Some(common::CHALLENGE));
    assert_eq!(scep.key_size, 2048);
    assert_eq!(scep.key_usage, 5);
    assert_eq!(scep.name.as_deref(), Some("Test Portal Device CA"));
    // RFC 4514 writes the last RDN first.
    assert_eq!(
        scep.subject_name().unwrap().to_string(),
        "O=Example Corp,CN=enrollment-1"
    );
}

#[test]
fn check_in_url_defaults_to_server_url() {
    let mut top: plist::Value =
        plist::from_bytes(&common::make_profile("https://h", false)).unwrap();
    let payloads = top.as_dictionary_mut().unwrap()["PayloadContent"]
        .as_array_mut()
        .unwrap();
    for payload in payloads {
        payload.as_dictionary_mut().unwrap().remove("CheckInURL");
    }
    let mut bytes = Vec::new();
    top.to_writer_xml(&mut bytes).unwrap();
    let profile = Profile::parse(&bytes).unwrap();
    assert_eq!(profile.mdm.check_in_url(), "https://h/mdm/connect");
    assert!(!profile.mdm.sign_message);
}

#[test]
fn rejects_broken_profiles() {
    let good = String::from_utf8(common::make_profile("https://h", true)).unwrap();
    // IdentityCertificateUUID naming nothing.
    let bad = good.replacen("6C1D1A5E", "00000000", 1);
    assert!(matches!(
        Profile::parse(bad.as_bytes()),
        Err(SimError::Profile(_))
    ));
    // A key type iOS does not make.
    let bad = good.replace("<string>RSA</string>", "<string>ECSECPrimeRandom</string>");
    assert!(matches!(
        Profile::parse(bad.as_bytes()),
        Err(SimError::Profile(_))
    ));
    // Not a profile at all.
    assert!(Profile::parse(b"hello").is_err());
    assert!(Profile::parse(b"<plist version=\"1.0\"><dict/></plist>").is_err());
}

#[test]
fn a_pkcs_req_gets_a_certificate_for_the_devices_own_key() {
    let ca = common::ca();
    let profile = Profile::parse(&common::make_profile("https://h", true)).unwrap();
    let subject = profile.scep.subject_name().unwrap();
    for (encryption, digest) in [
        (ContentEncryption::Aes128Cbc, DigestAlgorithm::Sha256),
        (ContentEncryption::DesEde3Cbc, DigestAlgorithm::Sha1),
    ] {
        let request = ScepRequest::new(
            &ca.certificate,
            &subject,
            Some(common::CHALLENGE),
            common::key(),
            encryption,
            digest,
        )
        .unwrap();
        let reply = ca.answer(request.message());
        let identity = request.read_reply(&reply).unwrap();
        assert_eq!(identity.key, common::key());
        assert_eq!(identity.certificate.tbs_certificate.subject, subject);
        assert_eq!(identity.chain, std::slice::from_ref(&ca.certificate));
    }

    let wrong = ScepRequest::new(
        &ca.certificate,
        &subject,
        Some("wrong"),
        common::key(),
        ContentEncryption::Aes128Cbc,
        DigestAlgorithm::Sha256,
    )
    .unwrap();
    let reply = ca.answer(wrong.message());
    assert!(matches!(
        wrong.read_reply(&reply),
        Err(SimError::ScepFailure {
            fail_info: Some(FailInfo::BadRequest)
        })
    ));

    // An answer to another request (other nonce and transaction) is refused.
    let first = ScepRequest::new(
        &ca.certificate,
        &subject,
        Some(common::CHALLENGE),
        common::key(),
        ContentEncryption::Aes128Cbc,
        DigestAlgorithm::Sha256,
    )
    .unwrap();
    let second = ScepRequest::new(
        &ca.certificate,
        &subject,
        Some(common::CHALLENGE),
        common::key(),
        ContentEncryption::Aes128Cbc,
        DigestAlgorithm::Sha256,
    )
    .unwrap();
    let reply = ca.answer(first.message());
    assert!(matches!(second.read_reply(&reply), Err(SimError::Scep(_))));
}

/// Everything a server checks, without the simulator's own verifier, and the
/// RSA signature verified with ring; SHA-256 and SHA-1.
#[test]
fn mdm_signature_verifies_independently() {
    let identity = common::make_identity("device 1");
    let body = b"<?xml version=\"1.0\"?><plist><dict><key>Status</key><string>Idle</string></dict></plist>";
    for (digest, digest_oid, signature_oid) in [
        (
            DigestAlgorithm::Sha256,
            ID_SHA_256,
            SHA_256_WITH_RSA_ENCRYPTION,
        ),
        (DigestAlgorithm::Sha1, ID_SHA_1, SHA_1_WITH_RSA_ENCRYPTION),
    ] {
        let header = signing::mdm_signature_with(&identity, body, digest).unwrap();
        assert!(!header.contains('\n') && !header.contains('\r'));

        let der_bytes = base64::engine::general_purpose::STANDARD
            .decode(&header)
            .unwrap();
        let info = ContentInfo::from_der(&der_bytes).unwrap();
        assert_eq!(info.content_type, ID_SIGNED_DATA);
        let signed: SignedData = info.content.decode_as().unwrap();
        assert_eq!(signed.encap_content_info.econtent_type, ID_DATA);
        assert!(signed.encap_content_info.econtent.is_none(), "detached");
        assert_eq!(signed.digest_algorithms.get(0).unwrap().oid, digest_oid);
        let certs: Vec<&Certificate> = signed
            .certificates
            .as_ref()
            .unwrap()
            .0
            .iter()
            .map(|c| match c {
                cms::cert::CertificateChoices::Certificate(c) => c,
                _ => panic!("other certificate type"),
            })
            .collect();
        assert_eq!(certs.len(), 1);
        assert_eq!(certs[0].to_der().unwrap(), identity.certificate_der());

        let signer = signed.signer_infos.0.get(0).unwrap();
        let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
            panic!("signer identified by subject key identifier")
        };
        assert_eq!(sid.issuer, certs[0].tbs_certificate.issuer);
        assert_eq!(sid.serial_number, certs[0].tbs_certificate.serial_number);
        assert_eq!(signer.digest_alg.oid, digest_oid);
        assert_eq!(signer.signature_algorithm.oid, signature_oid);

        let attrs = signer.signed_attrs.as_ref().unwrap();
        let oids: Vec<_> = attrs.iter().map(|a| a.oid).collect();
        for oid in [ID_CONTENT_TYPE, ID_MESSAGE_DIGEST, ID_SIGNING_TIME] {
            assert!(oids.contains(&oid), "missing {oid}");
        }
        let digest_attr = attrs.iter().find(|a| a.oid == ID_MESSAGE_DIGEST).unwrap();
        let found = digest_attr
            .values
            .get(0)
            .unwrap()
            .decode_as::<der::asn1::OctetString>()
            .unwrap();
        let expected = match digest {
            DigestAlgorithm::Sha256 => Sha256::digest(body).to_vec(),
            DigestAlgorithm::Sha1 => <sha1::Sha1 as Digest>::digest(body).to_vec(),
        };
        assert_eq!(found.as_bytes(), expected.as_slice());

        // The signature covers DER(SET OF Attribute), tag 0x31, not the [0] form.
        let signed_attrs_der = attrs.to_der().unwrap();
        assert_eq!(signed_attrs_der[0], 0x31);
        let public = certs[0]
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes();
        let algorithm: &dyn ring::signature::VerificationAlgorithm = match digest {
            DigestAlgorithm::Sha256 => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            DigestAlgorithm::Sha1 => &ring::signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        };
        ring::signature::UnparsedPublicKey::new(algorithm, public)
            .verify(&signed_attrs_der, signer.signature.as_bytes())
            .expect("ring verifies the RSA signature");

        assert!(signing::verify_mdm_signature(&header, body).is_ok());
        assert!(signing::verify_mdm_signature(&header, b"other").is_err());
    }
}

#[test]
fn identities_refuse_a_key_that_is_not_the_certificates() {
    let identity = common::make_identity("device");
    let other = device_sim::scep::generate_key(1024).unwrap();
    assert!(device_sim::Identity::new(other, identity.certificate.clone(), vec![]).is_err());
    assert!(device_sim::Identity::new(identity.key.clone(), identity.certificate, vec![]).is_ok());
}
