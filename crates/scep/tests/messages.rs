//! SCEP messages made and read back, and envelopes made by OpenSSL
//! (`openssl cms -encrypt`, in `fixtures/`, to a throw-away test key).

use std::str::FromStr;
use std::time::Duration;

use der::{Decode, Encode};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::RsaPrivateKey;
use scep::{
    certificates_only, decrypt, encrypt, read_certificates_only, sign, verify, ContentEncryption,
    DigestAlgorithm, FailInfo, MessageType, Nonce, PkiMessage, PkiStatus, ScepError,
};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

fn self_signed(bits: usize, name: &str) -> (RsaPrivateKey, Certificate) {
    let key = RsaPrivateKey::new(&mut rand_core::OsRng, bits).unwrap();
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let spki = SubjectPublicKeyInfoOwned::from_der(
        key.to_public_key().to_public_key_der().unwrap().as_bytes(),
    )
    .unwrap();
    let certificate = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::from(7u32),
        Validity::from_now(Duration::from_secs(3600)).unwrap(),
        Name::from_str(&format!("CN={name}")).unwrap(),
        spki,
        &signer,
    )
    .unwrap()
    .build::<rsa::pkcs1v15::Signature>()
    .unwrap();
    (key, certificate)
}

fn request(content: Option<Vec<u8>>) -> PkiMessage {
    PkiMessage {
        message_type: MessageType::PkcsReq,
        transaction_id: "3F2A9C/+=".into(),
        sender_nonce: Some(Nonce::random()),
        recipient_nonce: None,
        pki_status: None,
        fail_info: None,
        content,
    }
}

#[test]
fn signed_messages_read_back_with_sha256_and_sha1() {
    let (key, certificate) = self_signed(2048, "requester");
    for digest in [DigestAlgorithm::Sha256, DigestAlgorithm::Sha1] {
        let message = request(Some(b"envelope".to_vec()));
        let der_bytes = sign(&message, &key, &certificate, digest, &[]).unwrap();
        let verified = verify(&der_bytes).unwrap();
        assert_eq!(verified.message, message);
        assert_eq!(verified.digest, digest);
        assert_eq!(verified.signer, certificate);
    }

    let failure = PkiMessage {
        message_type: MessageType::CertRep,
        transaction_id: "t1".into(),
        sender_nonce: Some(Nonce::random()),
        recipient_nonce: Some(Nonce(vec![1; 16])),
        pki_status: Some(PkiStatus::Failure),
        fail_info: Some(FailInfo::BadRequest),
        content: None,
    };
    let der_bytes = sign(&failure, &key, &certificate, DigestAlgorithm::Sha256, &[]).unwrap();
    assert_eq!(verify(&der_bytes).unwrap().message, failure);
}

#[test]
fn a_changed_message_does_not_verify() {
    let (key, certificate) = self_signed(2048, "requester");
    let der_bytes = sign(
        &request(Some(b"envelope".to_vec())),
        &key,
        &certificate,
        DigestAlgorithm::Sha256,
        &[],
    )
    .unwrap();
    // Flip one byte of the content: the messageDigest no longer matches.
    let at = der_bytes.windows(8).position(|w| w == b"envelope").unwrap();
    let mut changed = der_bytes.clone();
    changed[at] ^= 1;
    assert_eq!(verify(&changed).unwrap_err(), ScepError::BadSignature);
    // Flip a byte of the signature (the end of the SignerInfo).
    let mut changed = der_bytes.clone();
    let last = changed.len() - 1;
    changed[last] ^= 1;
    assert_eq!(verify(&changed).unwrap_err(), ScepError::BadSignature);
    assert!(verify(b"not DER").is_err());
}

#[test]
fn envelopes_round_trip_with_every_algorithm() {
    let (key, certificate) = self_signed(2048, "recipient");
    let (other_key, _) = self_signed(2048, "other");
    for encryption in [
        ContentEncryption::Aes128Cbc,
        ContentEncryption::Aes192Cbc,
        ContentEncryption::Aes256Cbc,
        ContentEncryption::DesEde3Cbc,
    ] {
        let envelope = encrypt(b"secret request", &certificate, encryption).unwrap();
        assert_eq!(
            decrypt(&envelope, &key, &certificate).unwrap(),
            (b"secret request".to_vec(), encryption)
        );
        assert!(decrypt(&envelope, &other_key, &certificate).is_err());
    }
}

#[test]
fn envelopes_from_openssl_decrypt() {
    let key_pem = include_str!("fixtures/recipient-key.pem");
    let key = RsaPrivateKey::from_pkcs8_pem(key_pem).unwrap();
    let certificate = Certificate::from_der(include_bytes!("fixtures/recipient-cert.der")).unwrap();
    let plain = include_bytes!("fixtures/plain.txt").to_vec();
    for (envelope, encryption) in [
        (
            &include_bytes!("fixtures/openssl-aes128.der")[..],
            ContentEncryption::Aes128Cbc,
        ),
        (
            &include_bytes!("fixtures/openssl-aes256.der")[..],
            ContentEncryption::Aes256Cbc,
        ),
        (
            &include_bytes!("fixtures/openssl-des3.der")[..],
            ContentEncryption::DesEde3Cbc,
        ),
    ] {
        assert_eq!(
            decrypt(envelope, &key, &certificate).unwrap(),
            (plain.clone(), encryption)
        );
    }
}

#[test]
fn certificates_only_holds_the_certificates() {
    let (_, first) = self_signed(1024, "first");
    let (_, second) = self_signed(1024, "second");
    let der_bytes = certificates_only(&[first.clone(), second.clone()]).unwrap();
    let read = read_certificates_only(&der_bytes).unwrap();
    assert_eq!(read.len(), 2);
    assert!(read.contains(&first) && read.contains(&second));
    assert_eq!(
        first.to_der().unwrap(),
        read.iter()
            .find(|c| **c == first)
            .unwrap()
            .to_der()
            .unwrap()
    );
}
