//! What a server would hand out: an RSA device CA that answers SCEP, an
//! enrollment profile with a SCEP payload, and identities to sign with.
#![allow(dead_code)]

use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

use cms::builder::{create_signing_time_attribute, SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use const_oid::db::rfc5911::ID_DATA;
use const_oid::db::rfc5912::{ID_SHA_1, ID_SHA_256};
use der::{Decode, Encode};
use device_sim::scep_message::{self as scep, FailInfo, MessageType, Nonce, PkiMessage, PkiStatus};
use device_sim::Identity;
use plist::{Dictionary, Value};
use rsa::pkcs8::EncodePublicKey;
use rsa::RsaPrivateKey;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

pub const PROFILE_ID: &str = "com.example.portal.enrollment";
pub const TOPIC: &str = "com.apple.mgmt.External.0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
pub const CHALLENGE: &str = "3C1F0A9B8E7D6C5B4A39281706F5E4D3C2B1A098";

/// One RSA key for everything in a test run (making them is slow).
pub fn key() -> RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| device_sim::scep::generate_key(2048).unwrap())
        .clone()
}

fn spki(key: &RsaPrivateKey) -> SubjectPublicKeyInfoOwned {
    SubjectPublicKeyInfoOwned::from_der(key.to_public_key().to_public_key_der().unwrap().as_bytes())
        .unwrap()
}

/// The test CA (self-signed, RSA).
pub struct MockCa {
    pub key: RsaPrivateKey,
    pub certificate: Certificate,
}

pub fn ca() -> &'static MockCa {
    static CA: OnceLock<MockCa> = OnceLock::new();
    CA.get_or_init(|| {
        let key = device_sim::scep::generate_key(2048).unwrap();
        let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
        let certificate = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::from(1u32),
            Validity::from_now(Duration::from_secs(86_400)).unwrap(),
            Name::from_str("CN=Test Portal Device CA").unwrap(),
            spki(&key),
            &signer,
        )
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap();
        MockCa { key, certificate }
    })
}

impl MockCa {
    pub fn issue(&self, public_key: SubjectPublicKeyInfoOwned, subject: Name) -> Certificate {
        let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(self.key.clone());
        let mut serial = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut serial);
        serial[0] &= 0x7f;
        CertificateBuilder::new(
            Profile::Manual {
                issuer: Some(self.certificate.tbs_certificate.subject.clone()),
            },
            SerialNumber::new(&serial).unwrap(),
            Validity::from_now(Duration::from_secs(86_400)).unwrap(),
            subject,
            public_key,
            &signer,
        )
        .unwrap()
        .build::<rsa::pkcs1v15::Signature>()
        .unwrap()
    }

    /// The `CertRep` for a `PKCSReq`: SUCCESS when the CSR's challenge is
    /// [`CHALLENGE`], else FAILURE badRequest.
    pub fn answer(&self, request: &[u8]) -> Vec<u8> {
        let request = scep::verify(request).unwrap();
        assert_eq!(request.message.message_type, MessageType::PkcsReq);
        let (csr, _) = scep::decrypt(
            request.message.content.as_ref().unwrap(),
            &self.key,
            &self.certificate,
        )
        .unwrap();
        let (csr, _) = scep::rsa_signature::verified_request(&csr).unwrap();
        let challenge = scep::rsa_signature::challenge_password(&csr).unwrap();
        let (status, fail_info, content) = if challenge.as_deref() == Some(CHALLENGE) {
            let issued = self.issue(csr.info.public_key.clone(), csr.info.subject.clone());
            let certificates =
                scep::certificates_only(&[issued, self.certificate.clone()]).unwrap();
            let envelope = scep::encrypt(
                &certificates,
                &request.signer,
                scep::ContentEncryption::Aes128Cbc,
            )
            .unwrap();
            (PkiStatus::Success, None, Some(envelope))
        } else {
            (PkiStatus::Failure, Some(FailInfo::BadRequest), None)
        };
        scep::sign(
            &PkiMessage {
                message_type: MessageType::CertRep,
                transaction_id: request.message.transaction_id.clone(),
                sender_nonce: Some(Nonce::random()),
                recipient_nonce: request.message.sender_nonce.clone(),
                pki_status: Some(status),
                fail_info,
                content,
            },
            &self.key,
            &self.certificate,
            request.digest,
            &[],
        )
        .unwrap()
    }

    /// The HTTP answer to a SCEP request: (status, content type, body).
    pub fn http(&self, operation: Option<&str>, body: &[u8]) -> (u16, &'static str, Vec<u8>) {
        match operation {
            Some("GetCACaps") => (
                200,
                "text/plain",
                b"POSTPKIOperation\nSHA-256\nAES\nSCEPStandard\n".to_vec(),
            ),
            Some("GetCACert") => (
                200,
                scep::CA_CERT_CONTENT_TYPE,
                self.certificate.to_der().unwrap(),
            ),
            Some("PKIOperation") => (200, scep::PKI_MESSAGE_CONTENT_TYPE, self.answer(body)),
            _ => (400, "text/plain", b"unknown operation".to_vec()),
        }
    }
}

/// An identity issued by the test CA, with the shared key.
pub fn make_identity(common_name: &str) -> Identity {
    let key = key();
    let subject = Name::from_str(&format!("CN={common_name}")).unwrap();
    let certificate = ca().issue(spki(&key), subject);
    Identity::new(key, certificate, vec![ca().certificate.clone()]).unwrap()
}

fn s(v: &str) -> Value {
    Value::String(v.into())
}

/// An enrollment profile (XML plist) for `base` (e.g. `https://host:port`)
/// whose SCEP URL is `{base}/scep`.
pub fn make_profile(base: &str, sign: bool) -> Vec<u8> {
    let identity_uuid = "6C1D1A5E-0A3B-4F7C-9D2E-1B2C3D4E5F60";
    let pair = |k: &str, v: &str| Value::Array(vec![Value::Array(vec![s(k), s(v)])]);
    let mut content = Dictionary::new();
    content.insert("URL".into(), s(&format!("{base}/scep")));
    content.insert("Name".into(), s("Test Portal Device CA"));
    content.insert(
        "Subject".into(),
        Value::Array(vec![pair("CN", "enrollment-1"), pair("O", "Example Corp")]),
    );
    content.insert("Challenge".into(), s(CHALLENGE));
    content.insert("Keysize".into(), Value::Integer(2048.into()));
    content.insert("Key Type".into(), s("RSA"));
    content.insert("Key Usage".into(), Value::Integer(5.into()));
    let mut scep_payload = Dictionary::new();
    scep_payload.insert("PayloadType".into(), s("com.apple.security.scep"));
    scep_payload.insert("PayloadUUID".into(), s(identity_uuid));
    scep_payload.insert(
        "PayloadIdentifier".into(),
        s(&format!("{PROFILE_ID}.identity")),
    );
    scep_payload.insert("PayloadVersion".into(), Value::Integer(1.into()));
    scep_payload.insert("PayloadContent".into(), Value::Dictionary(content));

    let mut mdm = Dictionary::new();
    mdm.insert("PayloadType".into(), s("com.apple.mdm"));
    mdm.insert(
        "PayloadUUID".into(),
        s("0A9B8C7D-6E5F-4A3B-2C1D-0E9F8A7B6C5D"),
    );
    mdm.insert("PayloadIdentifier".into(), s(&format!("{PROFILE_ID}.mdm")));
    mdm.insert("PayloadVersion".into(), Value::Integer(1.into()));
    mdm.insert("ServerURL".into(), s(&format!("{base}/mdm/connect")));
    mdm.insert("CheckInURL".into(), s(&format!("{base}/mdm/checkin")));
    mdm.insert("Topic".into(), s(TOPIC));
    mdm.insert("IdentityCertificateUUID".into(), s(identity_uuid));
    mdm.insert("SignMessage".into(), Value::Boolean(sign));
    mdm.insert("CheckOutWhenRemoved".into(), Value::Boolean(true));
    mdm.insert("AccessRights".into(), Value::Integer(8191.into()));
    mdm.insert(
        "ServerCapabilities".into(),
        Value::Array(vec![s("com.apple.mdm.per-user-connections")]),
    );

    let mut top = Dictionary::new();
    top.insert("PayloadType".into(), s("Configuration"));
    top.insert("PayloadVersion".into(), Value::Integer(1.into()));
    top.insert("PayloadIdentifier".into(), s(PROFILE_ID));
    top.insert(
        "PayloadUUID".into(),
        s("F1E2D3C4-B5A6-4978-8A9B-0C1D2E3F4A5B"),
    );
    top.insert("PayloadDisplayName".into(), s("Example Corp enrollment"));
    top.insert(
        "PayloadContent".into(),
        Value::Array(vec![
            Value::Dictionary(scep_payload),
            Value::Dictionary(mdm),
        ]),
    );
    let mut out = Vec::new();
    Value::Dictionary(top).to_writer_xml(&mut out).unwrap();
    out
}

/// The key a test profile is signed with.
pub enum Key {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
}

/// `plist` as a signed profile: DER `SignedData`, content attached, the
/// first of `chain` the signer, all of `chain` in `certificates`.
pub fn sign(plist: &[u8], key: &Key, chain: &[Certificate], sha1: bool) -> Vec<u8> {
    sign_as(plist, key, &chain[0], chain, sha1)
}

/// `plist` signed with `key` by `signer` (named by issuer and serial),
/// carrying `certificates`.
pub fn sign_as(
    plist: &[u8],
    key: &Key,
    signer: &Certificate,
    certificates: &[Certificate],
    sha1: bool,
) -> Vec<u8> {
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: Some(
            der::Any::encode_from(&der::asn1::OctetString::new(plist).unwrap()).unwrap(),
        ),
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: signer.tbs_certificate.issuer.clone(),
        serial_number: signer.tbs_certificate.serial_number.clone(),
    });
    let digest = spki::AlgorithmIdentifierOwned {
        oid: if sha1 { ID_SHA_1 } else { ID_SHA_256 },
        parameters: None,
    };
    let mut builder = SignedDataBuilder::new(&content);
    builder.add_digest_algorithm(digest.clone()).unwrap();
    for certificate in certificates {
        builder
            .add_certificate(CertificateChoices::Certificate(certificate.clone()))
            .unwrap();
    }
    let time = create_signing_time_attribute().unwrap();
    match (key, sha1) {
        (Key::Rsa(key), false) => {
            let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**key).clone());
            let mut signer = SignerInfoBuilder::new(&key, sid, digest, &content, None).unwrap();
            signer.add_signed_attribute(time).unwrap();
            builder
                .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
                .unwrap();
        }
        (Key::Rsa(key), true) => {
            let key = rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new((**key).clone());
            let mut signer = SignerInfoBuilder::new(&key, sid, digest, &content, None).unwrap();
            signer.add_signed_attribute(time).unwrap();
            builder
                .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
                .unwrap();
        }
        (Key::P256(key), _) => {
            let mut signer = SignerInfoBuilder::new(key, sid, digest, &content, None).unwrap();
            signer.add_signed_attribute(time).unwrap();
            builder
                .add_signer_info::<_, p256::ecdsa::DerSignature>(signer)
                .unwrap();
        }
    }
    builder.build().unwrap().to_der().unwrap()
}
