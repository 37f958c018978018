//! Profile parsing and the `Mdm-Signature`, checked independently with ring.

mod common;

use base64::Engine;
use cms::cert::x509::Certificate;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use const_oid::db::rfc5911::{
    ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_TIME,
};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_SHA_256};
use der::{Decode, Encode};
use device_sim::{signing, Profile, SimError};
use sha2::{Digest, Sha256};

#[test]
fn parses_a_profile_and_opens_its_pkcs12() {
    let identity = common::make_identity("device 1");
    let bytes = common::make_profile("https://portal.test:8443", &identity, true);
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
    assert_eq!(profile.identity.algorithm(), "ECDSA P-256");
    assert_eq!(profile.identity.certificate_der(), identity.cert_der);
    assert_eq!(profile.identity.chain.len(), 1);
    assert_eq!(profile.identity.chain[0].to_der().unwrap(), identity.ca_der);
    assert!(!profile.was_signed);
}

#[test]
fn opens_legacy_3des_sha1_pkcs12() {
    let identity = common::make_identity_with("legacy", true);
    let profile = Profile::parse(&common::make_profile("https://h", &identity, true)).unwrap();
    assert_eq!(profile.identity.certificate_der(), identity.cert_der);
    let header = signing::mdm_signature(&profile.identity, b"x").unwrap();
    signing::verify_mdm_signature(&header, b"x").unwrap();
}

#[test]
fn check_in_url_defaults_to_server_url() {
    let identity = common::make_identity("device 1");
    let text = String::from_utf8(common::make_profile("https://h", &identity, false)).unwrap();
    let text = text.replace("<key>CheckInURL</key>", "<key>Unused</key>");
    let profile = Profile::parse(text.as_bytes()).unwrap();
    assert_eq!(profile.mdm.check_in_url(), "https://h/mdm/connect");
    assert!(!profile.mdm.sign_message);
}

#[test]
fn rejects_broken_profiles() {
    let identity = common::make_identity("device 1");
    let good = String::from_utf8(common::make_profile("https://h", &identity, true)).unwrap();
    // Wrong password.
    let bad = good.replace(common::PASSWORD, "nope");
    assert!(matches!(
        Profile::parse(bad.as_bytes()),
        Err(SimError::Identity(_))
    ));
    // IdentityCertificateUUID naming nothing.
    let bad = good.replacen("6C1D1A5E", "00000000", 1);
    assert!(matches!(
        Profile::parse(bad.as_bytes()),
        Err(SimError::Profile(_))
    ));
    // Not a profile at all.
    assert!(Profile::parse(b"hello").is_err());
    assert!(Profile::parse(b"<plist version=\"1.0\"><dict/></plist>").is_err());
}

/// Everything a server checks, without the simulator's own verifier, and the
/// ECDSA signature verified with ring.
#[test]
fn mdm_signature_verifies_independently() {
    let identity = common::make_identity("device 1");
    let profile = Profile::parse(&common::make_profile("https://h", &identity, true)).unwrap();
    let body = b"<?xml version=\"1.0\"?><plist><dict><key>Status</key><string>Idle</string></dict></plist>";
    let header = signing::mdm_signature(&profile.identity, body).unwrap();
    assert!(!header.contains('\n') && !header.contains('\r'));

    let der_bytes = base64::engine::general_purpose::STANDARD
        .decode(&header)
        .unwrap();
    let info = ContentInfo::from_der(&der_bytes).unwrap();
    assert_eq!(info.content_type, ID_SIGNED_DATA);
    let signed: SignedData = info.content.decode_as().unwrap();
    assert_eq!(signed.encap_content_info.econtent_type, ID_DATA);
    assert!(signed.encap_content_info.econtent.is_none(), "detached");
    assert_eq!(signed.digest_algorithms.len(), 1);
    assert_eq!(signed.digest_algorithms.get(0).unwrap().oid, ID_SHA_256);
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
    assert_eq!(certs[0].to_der().unwrap(), identity.cert_der);

    assert_eq!(signed.signer_infos.0.len(), 1);
    let signer = signed.signer_infos.0.get(0).unwrap();
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        panic!("signer identified by subject key identifier")
    };
    assert_eq!(sid.issuer, certs[0].tbs_certificate.issuer);
    assert_eq!(sid.serial_number, certs[0].tbs_certificate.serial_number);
    assert_eq!(signer.digest_alg.oid, ID_SHA_256);
    assert_eq!(signer.signature_algorithm.oid, ECDSA_WITH_SHA_256);

    let attrs = signer.signed_attrs.as_ref().unwrap();
    let oids: Vec<_> = attrs.iter().map(|a| a.oid).collect();
    for oid in [ID_CONTENT_TYPE, ID_MESSAGE_DIGEST, ID_SIGNING_TIME] {
        assert!(oids.contains(&oid), "missing {oid}");
    }
    let digest_attr = attrs.iter().find(|a| a.oid == ID_MESSAGE_DIGEST).unwrap();
    let digest = digest_attr
        .values
        .get(0)
        .unwrap()
        .decode_as::<der::asn1::OctetString>()
        .unwrap();
    assert_eq!(digest.as_bytes(), Sha256::digest(body).as_slice());

    // The signature covers DER(SET OF Attribute), tag 0x31, not the [0] form.
    let signed_attrs_der = attrs.to_der().unwrap();
    assert_eq!(signed_attrs_der[0], 0x31);
    let point = certs[0]
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key =
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_ASN1, point);
    key.verify(&signed_attrs_der, signer.signature.as_bytes())
        .expect("ring verifies the ECDSA signature");

    // A different body does not verify.
    assert!(signing::verify_mdm_signature(&header, body).is_ok());
    assert!(signing::verify_mdm_signature(&header, b"other").is_err());
}

#[test]
fn signed_profiles_are_unwrapped() {
    // A signed profile is SignedData with the plist as encapsulated content.
    use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
    use cms::signed_data::EncapsulatedContentInfo;
    let identity = common::make_identity("signer");
    let plist = common::make_profile("https://h", &identity, true);
    let profile = Profile::parse(&plist).unwrap();
    let device_sim::IdentityKey::P256(key) = &profile.identity.key else {
        panic!()
    };
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: Some(der::Any::new(der::Tag::OctetString, plist.clone()).unwrap()),
    };
    let cert = &profile.identity.certificate;
    let sid = SignerIdentifier::IssuerAndSerialNumber(cms::cert::IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let alg = spki::AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    };
    let signer = SignerInfoBuilder::new(key, sid, alg.clone(), &content, None).unwrap();
    let mut builder = SignedDataBuilder::new(&content);
    builder.add_digest_algorithm(alg).unwrap();
    builder
        .add_signer_info::<_, p256::ecdsa::DerSignature>(signer)
        .unwrap();
    let signed = builder.build().unwrap().to_der().unwrap();
    let parsed = Profile::parse(&signed).unwrap();
    assert!(parsed.was_signed);
    assert_eq!(parsed.mdm, profile.mdm);
}

/// RSA identities sign with sha256WithRSAEncryption (PKCS#1 v1.5).
#[test]
fn rsa_identities_sign_too() {
    use rsa::pkcs8::EncodePrivateKey;
    let private = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
    let pkcs8 = private.to_pkcs8_der().unwrap();
    let key = rcgen::KeyPair::try_from(pkcs8.as_bytes()).unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "rsa device");
    let cert = params.self_signed(&key).unwrap();
    let certificate = Certificate::from_der(cert.der()).unwrap();
    let identity = device_sim::Identity::from_pkcs8(pkcs8.as_bytes(), certificate, vec![]).unwrap();
    assert_eq!(identity.algorithm(), "RSA");
    let header = signing::mdm_signature(&identity, b"body").unwrap();
    let signer = signing::verify_mdm_signature(&header, b"body").unwrap();
    assert_eq!(signer.to_der().unwrap(), cert.der().to_vec());
    assert!(signing::verify_mdm_signature(&header, b"other").is_err());

    // A key that does not match the certificate is refused.
    let other = common::make_identity("other");
    let wrong = Certificate::from_der(&other.cert_der).unwrap();
    assert!(device_sim::Identity::from_pkcs8(pkcs8.as_bytes(), wrong, vec![]).is_err());
}
