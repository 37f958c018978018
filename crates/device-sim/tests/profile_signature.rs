//! Signed enrollment profiles, checked as iOS checks them before
//! installing: a signature that does not verify is refused; one that does
//! is "Verified" only when its chain reaches a root the device trusts.

mod common;

use cms::cert::x509::Certificate;
use common::{sign, sign_as, Key};
use der::Decode;
use device_sim::{Profile, SimError, Verification};
use p256::pkcs8::DecodePrivateKey;

fn certificate(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

/// An ECDSA P-256 chain as the portal's operator might have: a root CA and
/// a leaf it issued, with the leaf's key.
fn p256_chain() -> (Key, Certificate, Certificate) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let root_key = KeyPair::generate().unwrap();
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name
        .push(DnType::CommonName, "Contoso Test Root");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root_cert = root.self_signed(&root_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["portal.contoso.example".to_owned()]).unwrap();
    leaf.distinguished_name
        .push(DnType::CommonName, "portal.contoso.example");
    let leaf_cert = leaf
        .signed_by(&leaf_key, &Issuer::new(root, &root_key))
        .unwrap();
    let key = p256::ecdsa::SigningKey::from_pkcs8_der(&leaf_key.serialize_der()).unwrap();
    (
        Key::P256(key),
        certificate(leaf_cert.der()),
        certificate(root_cert.der()),
    )
}

#[test]
fn a_chain_through_a_certificate_that_is_no_ca_is_not_verified() {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let root_key = KeyPair::generate().unwrap();
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name.push(DnType::CommonName, "Root");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root_cert = root.self_signed(&root_key).unwrap();
    let middle_key = KeyPair::generate().unwrap();
    let mut middle = CertificateParams::new(vec!["middle.example".to_owned()]).unwrap();
    middle
        .distinguished_name
        .push(DnType::CommonName, "Not a CA");
    let middle_cert = middle
        .clone()
        .signed_by(&middle_key, &Issuer::new(root, &root_key))
        .unwrap();
    let signer_key = KeyPair::generate().unwrap();
    let mut signer = CertificateParams::new(vec!["portal.example".to_owned()]).unwrap();
    signer.distinguished_name.push(DnType::CommonName, "Signer");
    let signer_cert = signer
        .signed_by(&signer_key, &Issuer::new(middle, &middle_key))
        .unwrap();
    let key =
        Key::P256(p256::ecdsa::SigningKey::from_pkcs8_der(&signer_key.serialize_der()).unwrap());
    let chain = [
        certificate(signer_cert.der()),
        certificate(middle_cert.der()),
        certificate(root_cert.der()),
    ];
    let plist = common::make_profile("https://h", true);
    let profile = Profile::parse(&sign(&plist, &key, &chain, false)).unwrap();
    assert_eq!(profile.signer.as_deref(), Some("CN=Signer"));
    assert_eq!(
        profile.verification(&[chain[2].clone()]),
        Verification::NotVerified
    );
}

fn stranger_root() -> Certificate {
    let stranger = rcgen::generate_simple_self_signed(vec!["stranger.example".into()]).unwrap();
    certificate(stranger.cert.der())
}

#[test]
fn a_profile_signed_by_an_ecdsa_chain_verifies_and_is_verified_under_its_root() {
    let plist = common::make_profile("https://h", true);
    let unsigned = Profile::parse(&plist).unwrap();
    let (key, leaf, root) = p256_chain();
    let signed = sign(&plist, &key, &[leaf.clone(), root.clone()], false);
    let profile = Profile::parse(&signed).unwrap();
    assert_eq!(profile.mdm, unsigned.mdm);
    assert_eq!(profile.scep, unsigned.scep);
    assert_eq!(profile.signer.as_deref(), Some("CN=portal.contoso.example"));
    assert_eq!(profile.signature.as_ref().unwrap().signer, leaf);
    assert_eq!(
        profile.verification(std::slice::from_ref(&root)),
        Verification::Verified
    );
    assert_eq!(profile.verification(&[]), Verification::NotVerified);
    assert_eq!(
        profile.verification(&[stranger_root()]),
        Verification::NotVerified
    );
    // The root need not travel with the signature when the device has it.
    let leaf_only =
        Profile::parse(&sign(&plist, &key, std::slice::from_ref(&leaf), false)).unwrap();
    assert_eq!(leaf_only.verification(&[root]), Verification::Verified);
    // The signer's own certificate trusted.
    assert_eq!(leaf_only.verification(&[leaf]), Verification::Verified);
    assert_eq!(Verification::NotVerified.to_string(), "Not Verified");
}

#[test]
fn a_profile_signed_with_rsa_verifies_with_sha_256_and_sha_1() {
    let plist = common::make_profile("https://h", true);
    let identity = common::make_identity("Contoso Profile Signing");
    let ca = common::ca().certificate.clone();
    for sha1 in [false, true] {
        let signed = sign(
            &plist,
            &Key::Rsa(Box::new(identity.key.clone())),
            &[identity.certificate.clone(), ca.clone()],
            sha1,
        );
        let profile = Profile::parse(&signed).unwrap();
        assert_eq!(
            profile.signer.as_deref(),
            Some("CN=Contoso Profile Signing")
        );
        assert_eq!(
            profile.verification(std::slice::from_ref(&ca)),
            Verification::Verified
        );
    }
}

#[test]
fn a_profile_changed_after_signing_is_refused() {
    let plist = common::make_profile("https://h", true);
    let (key, leaf, root) = p256_chain();
    let signed = sign(&plist, &key, &[leaf, root], false);
    let mut tampered = signed.clone();
    let at = tampered
        .windows(b"com.apple.mdm".len())
        .position(|window| window == b"com.apple.mdm")
        .unwrap();
    tampered[at] = b'C';
    let error = Profile::parse(&tampered).unwrap_err();
    assert!(
        matches!(&error, SimError::ProfileSignature(why) if why.contains("messageDigest")),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("iOS would refuse the profile"),
        "{error}"
    );

    // The signature itself broken: the last byte of the DER is the
    // signature's (the SignerInfo ends the SignedData).
    let mut broken = signed;
    *broken.last_mut().unwrap() ^= 1;
    let error = Profile::parse(&broken).unwrap_err();
    assert!(
        matches!(&error, SimError::ProfileSignature(why) if why.contains("does not verify")),
        "{error:?}"
    );
}

#[test]
fn a_signature_without_the_signers_certificate_is_refused() {
    let plist = common::make_profile("https://h", true);
    let (key, leaf, root) = p256_chain();
    // Signed by the leaf, but only the root travels with the signature.
    let signed = sign_as(&plist, &key, &leaf, &[root], false);
    let error = Profile::parse(&signed).unwrap_err();
    assert!(
        matches!(&error, SimError::ProfileSignature(why) if why.contains("not in certificates")),
        "{error:?}"
    );
}

#[test]
fn an_unsigned_profile_is_accepted_as_not_verified() {
    let profile = Profile::parse(&common::make_profile("https://h", true)).unwrap();
    assert_eq!(profile.signer, None);
    assert!(profile.signature.is_none());
    assert_eq!(
        profile.verification(&[common::ca().certificate.clone()]),
        Verification::NotVerified
    );
}

#[test]
fn a_profile_breaking_apples_schema_is_refused_even_when_signed() {
    let text = String::from_utf8(common::make_profile("https://h", true)).unwrap();
    // PayloadVersion must be an integer.
    let bad = text.replacen(
        "<key>PayloadVersion</key>\n\t<integer>1</integer>",
        "<key>PayloadVersion</key>\n\t<string>1</string>",
        1,
    );
    assert_ne!(bad, text, "the fixture changed: adjust the replacement");
    let (key, leaf, root) = p256_chain();
    for bytes in [
        bad.clone().into_bytes(),
        sign(bad.as_bytes(), &key, &[leaf.clone(), root.clone()], false),
    ] {
        match Profile::parse(&bytes) {
            Err(SimError::ProfileSchema(violations)) => {
                assert!(violations.at("PayloadVersion").is_some(), "{violations}")
            }
            other => panic!("expected ProfileSchema, got {other:?}"),
        }
    }
}
