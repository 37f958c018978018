//! A simulated iPhone for the tests: it opens the identity in a downloaded
//! profile and signs its MDM messages the way iOS does (`Mdm-Signature`: a
//! detached CMS SignedData, SHA-256, ECDSA P-256, signed attributes).

use axum::body::Body;
use axum::http::{Method, Request};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::DecodePrivateKey;
use plist::{Dictionary, Value};
use portal_api::routes;
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::support::{Portal, Reply};

const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

pub const UDID: &str = "00008120-001A2B3C4D5E6F70";
pub const SERIAL: &str = "F2LXK0ABCD12";
pub const IMEI: &str = "352099001761481";
/// What the device calls itself; iOS says it only in `DeviceInformation`.
pub const DEVICE_NAME: &str = "Alex's iPhone";

/// The device identity from a profile, and the profile itself.
pub struct Device {
    pub key: SigningKey,
    pub certificate: Certificate,
    pub profile: Dictionary,
}

impl Device {
    /// Opens the profile's PKCS#12 with its password, as iOS does.
    pub fn from_profile(bytes: &[u8]) -> Self {
        let profile: Dictionary = plist::from_bytes(bytes).expect("the profile is a plist");
        let identity = payload(&profile, "com.apple.security.pkcs12");
        let pkcs12 = identity["PayloadContent"].as_data().unwrap();
        let password = identity["Password"].as_string().unwrap();
        let store = p12_keystore::KeyStore::from_pkcs12(
            pkcs12,
            password,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .expect("the PKCS#12 opens with its password");
        let (_, chain) = store.private_key_chain().expect("a key in the PKCS#12");
        let key = SigningKey::from_pkcs8_der(chain.key().as_der()).unwrap();
        let certificate = Certificate::from_der(chain.certs()[0].as_der()).unwrap();
        Self {
            key,
            certificate,
            profile,
        }
    }

    /// The `Mdm-Signature` value for `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        sign_with(&self.key, &self.certificate, body)
    }

    /// `PUT` of a signed plist to `path`.
    pub async fn put(&self, portal: &Portal, path: &str, message: Dictionary) -> Reply {
        let body = plist_bytes(message);
        let signature = self.sign(&body);
        put_signed(portal, path, body, Some(signature)).await
    }

    pub async fn authenticate(&self, portal: &Portal, os_version: &str) -> Reply {
        self.put(
            portal,
            routes::MDM_CHECKIN,
            authenticate_message(os_version),
        )
        .await
    }

    pub async fn token_update(&self, portal: &Portal) -> Reply {
        let mut message = Dictionary::new();
        message.insert("MessageType".into(), "TokenUpdate".into());
        message.insert("Topic".into(), self.topic().into());
        message.insert("UDID".into(), UDID.into());
        message.insert("Token".into(), Value::Data(vec![0xAB; 32]));
        message.insert(
            "PushMagic".into(),
            "2A4B6C8D-0000-4000-8000-123456789ABC".into(),
        );
        self.put(portal, routes::MDM_CHECKIN, message).await
    }

    pub fn topic(&self) -> String {
        payload(&self.profile, "com.apple.mdm")["Topic"]
            .as_string()
            .unwrap()
            .to_owned()
    }
}

/// `Authenticate` as an iPhone with cellular sends it: no name, no model
/// name (iOS never sends `DeviceName`, `Model` or `ModelName` here).
pub fn authenticate_message(os_version: &str) -> Dictionary {
    let mut message = Dictionary::new();
    message.insert("MessageType".into(), "Authenticate".into());
    message.insert("Topic".into(), "com.apple.mgmt.External.test".into());
    message.insert("UDID".into(), UDID.into());
    message.insert("OSVersion".into(), os_version.into());
    message.insert("BuildVersion".into(), "21E236".into());
    message.insert("ProductName".into(), "iPhone16,1".into());
    message.insert("SerialNumber".into(), SERIAL.into());
    message.insert("IMEI".into(), IMEI.into());
    message.insert("MEID".into(), IMEI[..14].into());
    message
}

/// `QueryResponses` of a `DeviceInformation` answer, as iOS gives them for
/// the queries asked (keys it was not asked for are left out).
pub fn query_responses(queries: &[&str], os_version: &str, name: &str) -> Dictionary {
    let mut responses = Dictionary::new();
    for query in queries {
        let value: Value = match *query {
            "DeviceName" => name.into(),
            "ModelName" => "iPhone".into(),
            "ProductName" => "iPhone16,1".into(),
            "OSVersion" => os_version.into(),
            "BuildVersion" => "21E236".into(),
            "SerialNumber" => SERIAL.into(),
            "UDID" => UDID.into(),
            _ => continue,
        };
        responses.insert((*query).to_owned(), value);
    }
    let mut extra = Dictionary::new();
    extra.insert("QueryResponses".into(), Value::Dictionary(responses));
    extra
}

/// A `SecurityInfo` answer of a device-enrolled iPhone.
pub fn security_info(passcode: bool) -> Dictionary {
    let mut info = Dictionary::new();
    info.insert("HardwareEncryptionCaps".into(), Value::Integer(3.into()));
    info.insert("PasscodePresent".into(), Value::Boolean(passcode));
    info.insert("PasscodeCompliant".into(), Value::Boolean(true));
    info.insert("PasscodeCompliantWithProfiles".into(), Value::Boolean(true));
    let mut status = Dictionary::new();
    status.insert("IsUserEnrollment".into(), Value::Boolean(false));
    info.insert("ManagementStatus".into(), Value::Dictionary(status));
    let mut extra = Dictionary::new();
    extra.insert("SecurityInfo".into(), Value::Dictionary(info));
    extra
}

pub fn plist_bytes(message: Dictionary) -> Vec<u8> {
    let mut body = Vec::new();
    plist::to_writer_xml(&mut body, &Value::Dictionary(message)).unwrap();
    body
}

pub async fn put_signed(
    portal: &Portal,
    path: &str,
    body: Vec<u8>,
    signature: Option<String>,
) -> Reply {
    let mut request = Request::builder().method(Method::PUT).uri(path).header(
        "content-type",
        if path == routes::MDM_CHECKIN {
            "application/x-apple-aspen-mdm-checkin"
        } else {
            "application/x-apple-aspen-mdm"
        },
    );
    if let Some(signature) = signature {
        request = request.header("mdm-signature", signature);
    }
    portal.send(request.body(Body::from(body)).unwrap()).await
}

/// The payload of `payload_type` in a profile's `PayloadContent`.
pub fn payload<'a>(profile: &'a Dictionary, payload_type: &str) -> &'a Dictionary {
    profile["PayloadContent"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_dictionary)
        .find(|p| p["PayloadType"].as_string() == Some(payload_type))
        .unwrap_or_else(|| panic!("no {payload_type} payload"))
}

/// A detached CMS SignedData over `body` by `key` with `certificate`,
/// base64: what iOS puts in `Mdm-Signature`.
pub fn sign_with(key: &SigningKey, certificate: &Certificate, body: &[u8]) -> String {
    let attribute = |oid, value: Any| Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).unwrap(),
    };
    let digest = OctetString::new(Sha256::digest(body).to_vec()).unwrap();
    let signed_attrs = SetOfVec::try_from(vec![
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).unwrap()),
        attribute(ID_MESSAGE_DIGEST, Any::encode_from(&digest).unwrap()),
    ])
    .unwrap();
    let signature: DerSignature = key.sign(&signed_attrs.to_der().unwrap());
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: certificate.tbs_certificate.issuer.clone(),
            serial_number: certificate.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA256,
            parameters: None,
        },
        signature: OctetString::new(signature.as_bytes().to_vec()).unwrap(),
        unsigned_attrs: None,
    };
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).unwrap(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(vec![CertificateChoices::Certificate(certificate.clone())]).unwrap(),
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).unwrap()),
    };
    let content_info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data).unwrap(),
    };
    STANDARD.encode(content_info.to_der().unwrap())
}
