//! A simulated iPhone for the tests: it installs a downloaded profile as
//! iOS does (SCEP with the profile's challenge and a key of its own, by
//! device-sim's SCEP client over the test router) and signs its MDM
//! messages with the issued identity (`Mdm-Signature`: a detached CMS
//! SignedData, RSA with SHA-256, or SHA-1 as older iOS).

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use device_sim::scep::{Capabilities, ScepPayload, ScepRequest};
use device_sim::scep_message::{ContentEncryption, DigestAlgorithm};
use device_sim::{Identity, SimError};
use plist::{Dictionary, Value};
use portal_api::routes;
use rsa::RsaPrivateKey;
use x509_cert::Certificate;

use crate::support::{Portal, Reply};

pub const UDID: &str = "00008120-001A2B3C4D5E6F70";
pub const SERIAL: &str = "F2LXK0ABCD12";
pub const IMEI: &str = "352099001761481";
/// What the device calls itself; iOS says it only in `DeviceInformation`.
pub const DEVICE_NAME: &str = "Alex's iPhone";

/// One 2048-bit key for every test device: making RSA keys is slow, and a
/// key shared by devices changes nothing the server checks (each still gets
/// its own certificate).
pub fn device_key() -> RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| device_sim::scep::generate_key(2048).unwrap())
        .clone()
}

/// The identity from SCEP, and the profile.
pub struct Device {
    pub identity: Identity,
    pub profile: Dictionary,
}

impl Device {
    /// Installs the profile: SCEP for the identity, as iOS does.
    pub async fn from_profile(portal: &Portal, bytes: &[u8]) -> Self {
        Self::from_profile_for(portal, bytes, device_sim::mdm_schema::Enrollment::Device).await
    }

    /// The same for a device enrolling this way.
    pub async fn from_profile_for(
        portal: &Portal,
        bytes: &[u8],
        enrollment: device_sim::mdm_schema::Enrollment,
    ) -> Self {
        let profile = device_sim::Profile::parse_for_enrollment(
            bytes,
            device_sim::DEFAULT_OS_VERSION,
            enrollment,
        )
        .expect("a profile device-sim reads");
        let identity = scep_identity(portal, &profile.scep, device_key())
            .await
            .expect("SCEP issues the identity");
        Self {
            identity,
            profile: plist::from_bytes(&crate::support::profile_plist(bytes))
                .expect("the profile is a plist"),
        }
    }

    /// The `Mdm-Signature` value for `body` (SHA-256).
    pub fn sign(&self, body: &[u8]) -> String {
        device_sim::signing::mdm_signature(&self.identity, body).unwrap()
    }

    /// The `Mdm-Signature` value for `body` with SHA-1, as older iOS signs.
    pub fn sign_sha1(&self, body: &[u8]) -> String {
        device_sim::signing::mdm_signature_with(&self.identity, body, DigestAlgorithm::Sha1)
            .unwrap()
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

/// The SCEP exchange against the test router, as device-sim's client does
/// it over HTTP: GetCACaps, GetCACert, PKCSReq, CertRep.
pub async fn scep_identity(
    portal: &Portal,
    scep: &ScepPayload,
    key: RsaPrivateKey,
) -> Result<Identity, SimError> {
    let caps = portal
        .get(&format!("{}?operation=GetCACaps", routes::MDM_SCEP))
        .await;
    assert_eq!(caps.status, StatusCode::OK);
    let caps = Capabilities::parse(&caps.text());
    let ca = ca_certificate(portal).await;
    let request = ScepRequest::new(
        &ca,
        &scep.subject_name()?,
        scep.challenge.as_deref(),
        key,
        caps.encryption(),
        caps.digest(),
    )?;
    let reply = pki_operation(portal, request.message()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header("content-type"), "application/x-pki-message");
    request.read_reply(&reply.body)
}

/// A PKCSReq with the given algorithms (and the profile's challenge, or
/// another).
pub async fn scep_identity_with(
    portal: &Portal,
    scep: &ScepPayload,
    challenge: Option<&str>,
    key: RsaPrivateKey,
    encryption: ContentEncryption,
    digest: DigestAlgorithm,
) -> Result<Identity, SimError> {
    let ca = ca_certificate(portal).await;
    let request = ScepRequest::new(
        &ca,
        &scep.subject_name()?,
        challenge,
        key,
        encryption,
        digest,
    )?;
    let reply = pki_operation(portal, request.message()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    request.read_reply(&reply.body)
}

pub async fn ca_certificate(portal: &Portal) -> Certificate {
    let reply = portal
        .get(&format!("{}?operation=GetCACert", routes::MDM_SCEP))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), "application/x-x509-ca-cert");
    <Certificate as der::Decode>::from_der(&reply.body).unwrap()
}

/// `POST ?operation=PKIOperation` with `message`.
pub async fn pki_operation(portal: &Portal, message: &[u8]) -> Reply {
    portal
        .send(
            Request::builder()
                .method(Method::POST)
                .uri(format!("{}?operation=PKIOperation", routes::MDM_SCEP))
                .header(header::CONTENT_TYPE, "application/x-pki-message")
                .body(Body::from(message.to_vec()))
                .unwrap(),
        )
        .await
}
