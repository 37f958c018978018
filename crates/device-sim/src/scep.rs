//! The SCEP client (RFC 8894), as iOS runs it for a profile's
//! `com.apple.security.scep` payload: `GetCACaps`, `GetCACert`, then a
//! `PKCSReq` with a key the device made itself, a CSR carrying the
//! profile's `Challenge`, signed with a throw-away self-signed certificate
//! and encrypted to the CA; the `CertRep` brings the certificate back,
//! encrypted to that throw-away certificate.
//!
//! [`ScepRequest`] is the message side without HTTP (for callers that bring
//! their own transport); [`enroll`] does the whole exchange over HTTP.

use std::time::Duration;

use base64::Engine;
use der::asn1::{PrintableString, SetOfVec, Utf8StringRef};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use rsa::pkcs8::EncodePublicKey;
use rsa::RsaPrivateKey;
use scep::{
    ContentEncryption, DigestAlgorithm, FailInfo, MessageType, Nonce, PkiMessage, PkiStatus,
};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile, RequestBuilder};
use x509_cert::ext::pkix::name::DirectoryString;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::request::attributes::ChallengePassword;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

use crate::{Identity, SimError};

/// `PayloadType` of the SCEP payload.
pub const SCEP_PAYLOAD_TYPE: &str = "com.apple.security.scep";
/// Apple's default `Keysize`.
pub const DEFAULT_KEY_SIZE: u32 = 1024;

/// The `PayloadContent` of a `com.apple.security.scep` payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScepPayload {
    /// The payload's `PayloadUUID` (what `IdentityCertificateUUID` names).
    pub payload_uuid: Option<String>,
    pub url: String,
    /// `Name`: which CA, for servers with several (sent as `message=`).
    pub name: Option<String>,
    /// `Subject` as (type, value) pairs in order: `CN`, `O`, ... or dotted OIDs.
    pub subject: Vec<(String, String)>,
    pub challenge: Option<String>,
    /// `Keysize` in bits (Apple's default 1024).
    pub key_size: u32,
    /// `Key Usage` bits: 1 signing, 4 encryption.
    pub key_usage: u32,
}

impl ScepPayload {
    pub(crate) fn from_payload(payload: &plist::Value) -> Result<ScepPayload, SimError> {
        let bad = |why: &str| SimError::Profile(format!("{SCEP_PAYLOAD_TYPE} payload: {why}"));
        let outer = payload
            .as_dictionary()
            .ok_or_else(|| bad("not a dictionary"))?;
        let content = outer
            .get("PayloadContent")
            .and_then(plist::Value::as_dictionary)
            .ok_or_else(|| bad("no PayloadContent dictionary"))?;
        let string = |key: &str| {
            content
                .get(key)
                .and_then(plist::Value::as_string)
                .map(str::to_owned)
        };
        let integer = |key: &str, default: u32| {
            content
                .get(key)
                .and_then(plist::Value::as_unsigned_integer)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(default)
        };
        let url = string("URL").ok_or_else(|| bad("no URL"))?;
        if let Some(kind) = string("Key Type") {
            if kind != "RSA" {
                return Err(bad(&format!("Key Type {kind:?} is not RSA")));
            }
        }
        let mut subject = Vec::new();
        if let Some(rdns) = content.get("Subject") {
            let rdns = rdns
                .as_array()
                .ok_or_else(|| bad("Subject is not an array"))?;
            for rdn in rdns {
                let pairs = rdn
                    .as_array()
                    .ok_or_else(|| bad("a Subject entry is not an array"))?;
                for pair in pairs {
                    match pair.as_array().map(Vec::as_slice) {
                        Some([kind, value]) => match (kind.as_string(), value.as_string()) {
                            (Some(kind), Some(value)) => {
                                subject.push((kind.to_owned(), value.to_owned()))
                            }
                            _ => return Err(bad("a Subject pair is not two strings")),
                        },
                        _ => return Err(bad("a Subject pair is not two strings")),
                    }
                }
            }
        }
        Ok(ScepPayload {
            payload_uuid: outer
                .get("PayloadUUID")
                .and_then(plist::Value::as_string)
                .map(str::to_owned),
            url,
            name: string("Name"),
            subject,
            challenge: string("Challenge"),
            key_size: integer("Keysize", DEFAULT_KEY_SIZE),
            key_usage: integer("Key Usage", 0),
        })
    }

    /// The `Subject` as an X.500 name (CN, O, OU, C, L, ST or dotted OIDs).
    pub fn subject_name(&self) -> Result<Name, SimError> {
        subject_name(&self.subject)
    }
}

/// An X.500 name from (type, value) pairs, one RDN each.
pub fn subject_name(pairs: &[(String, String)]) -> Result<Name, SimError> {
    let mut rdns = Vec::new();
    for (kind, value) in pairs {
        let oid = match kind.as_str() {
            "CN" => ObjectIdentifier::new_unwrap("2.5.4.3"),
            "C" => ObjectIdentifier::new_unwrap("2.5.4.6"),
            "L" => ObjectIdentifier::new_unwrap("2.5.4.7"),
            "ST" => ObjectIdentifier::new_unwrap("2.5.4.8"),
            "O" => ObjectIdentifier::new_unwrap("2.5.4.10"),
            "OU" => ObjectIdentifier::new_unwrap("2.5.4.11"),
            dotted => ObjectIdentifier::new(dotted)
                .map_err(|_| SimError::Profile(format!("Subject type {dotted:?}")))?,
        };
        let value = if kind == "C" {
            Any::encode_from(&PrintableString::new(value).map_err(scep_error)?)
        } else {
            Any::encode_from(&Utf8StringRef::new(value).map_err(scep_error)?)
        }
        .map_err(scep_error)?;
        let rdn = RelativeDistinguishedName(
            SetOfVec::try_from(vec![AttributeTypeAndValue { oid, value }]).map_err(scep_error)?,
        );
        rdns.push(rdn);
    }
    Ok(RdnSequence(rdns))
}

/// A new RSA key of `bits`, as the device makes for `Keysize`.
pub fn generate_key(bits: u32) -> Result<RsaPrivateKey, SimError> {
    RsaPrivateKey::new(&mut rand::thread_rng(), bits as usize)
        .map_err(|e| SimError::Scep(format!("key generation: {e}")))
}

/// What `GetCACaps` said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities(pub Vec<String>);

impl Capabilities {
    pub fn parse(text: &str) -> Capabilities {
        Capabilities(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }

    pub fn has(&self, capability: &str) -> bool {
        self.0.iter().any(|c| c.eq_ignore_ascii_case(capability))
    }

    /// AES-128 when offered (`SCEPStandard` implies it), else 3DES.
    pub fn encryption(&self) -> ContentEncryption {
        if self.has("AES") || self.has("SCEPStandard") {
            ContentEncryption::Aes128Cbc
        } else {
            ContentEncryption::DesEde3Cbc
        }
    }

    /// SHA-256 when offered (`SCEPStandard` implies it), else SHA-1.
    pub fn digest(&self) -> DigestAlgorithm {
        if self.has("SHA-256") || self.has("SCEPStandard") {
            DigestAlgorithm::Sha256
        } else {
            DigestAlgorithm::Sha1
        }
    }

    /// Whether `PKIOperation` may be a POST.
    pub fn post(&self) -> bool {
        self.has("POSTPKIOperation") || self.has("SCEPStandard")
    }
}

/// A PKCS#10 request (DER) for `key` with `challenge` as its
/// `challengePassword`, signed with SHA-256.
pub fn certificate_request(
    key: &RsaPrivateKey,
    subject: &Name,
    challenge: Option<&str>,
) -> Result<Vec<u8>, SimError> {
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let mut builder = RequestBuilder::new(subject.clone(), &signer).map_err(scep_error)?;
    if let Some(challenge) = challenge {
        builder
            .add_attribute(&ChallengePassword(DirectoryString::Utf8String(
                challenge.to_owned(),
            )))
            .map_err(scep_error)?;
    }
    builder
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(scep_error)?
        .to_der()
        .map_err(scep_error)
}

/// The throw-away self-signed certificate a request is signed with (and
/// the answer encrypted to).
pub fn self_signed_certificate(
    key: &RsaPrivateKey,
    subject: &Name,
) -> Result<Certificate, SimError> {
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key.clone());
    let public = key
        .to_public_key()
        .to_public_key_der()
        .map_err(scep_error)?;
    let spki = SubjectPublicKeyInfoOwned::from_der(public.as_bytes()).map_err(scep_error)?;
    let mut serial = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut serial);
    serial[0] &= 0x7f;
    CertificateBuilder::new(
        // No extensions: the certificate only carries the key.
        Profile::Manual { issuer: None },
        SerialNumber::new(&serial).map_err(scep_error)?,
        Validity::from_now(Duration::from_secs(24 * 60 * 60)).map_err(scep_error)?,
        subject.clone(),
        spki,
        &signer,
    )
    .map_err(scep_error)?
    .build::<rsa::pkcs1v15::Signature>()
    .map_err(scep_error)
}

/// One `PKCSReq`, ready to send, and what reading its answer needs.
pub struct ScepRequest {
    key: RsaPrivateKey,
    signer: Certificate,
    ca: Certificate,
    transaction_id: String,
    sender_nonce: Nonce,
    message: Vec<u8>,
}

impl ScepRequest {
    /// A `PKCSReq` to the CA `ca` for `key`: the CSR (with the challenge)
    /// encrypted with `encryption`, signed with `digest`.
    pub fn new(
        ca: &Certificate,
        subject: &Name,
        challenge: Option<&str>,
        key: RsaPrivateKey,
        encryption: ContentEncryption,
        digest: DigestAlgorithm,
    ) -> Result<ScepRequest, SimError> {
        let csr = certificate_request(&key, subject, challenge)?;
        ScepRequest::with_csr(ca, subject, &csr, key, encryption, digest)
    }

    /// Like [`ScepRequest::new`] with a ready CSR (which need not be for
    /// `key`: tests send odd ones).
    pub fn with_csr(
        ca: &Certificate,
        subject: &Name,
        csr: &[u8],
        key: RsaPrivateKey,
        encryption: ContentEncryption,
        digest: DigestAlgorithm,
    ) -> Result<ScepRequest, SimError> {
        let signer = self_signed_certificate(&key, subject)?;
        let envelope = scep::encrypt(csr, ca, encryption)?;
        // The transaction id: a hash of the public key, as RFC 8894 suggests.
        let public = key
            .to_public_key()
            .to_public_key_der()
            .map_err(scep_error)?;
        let transaction_id = hex(&DigestAlgorithm::Sha256.digest(public.as_bytes()));
        let sender_nonce = Nonce::random();
        let message = scep::sign(
            &PkiMessage {
                message_type: MessageType::PkcsReq,
                transaction_id: transaction_id.clone(),
                sender_nonce: Some(sender_nonce.clone()),
                recipient_nonce: None,
                pki_status: None,
                fail_info: None,
                content: Some(envelope),
            },
            &key,
            &signer,
            digest,
            &[],
        )?;
        Ok(ScepRequest {
            key,
            signer,
            ca: ca.clone(),
            transaction_id,
            sender_nonce,
            message,
        })
    }

    /// The DER `pkiMessage` to send.
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    pub fn transaction_id(&self) -> &str {
        &self.transaction_id
    }

    /// Reads the `CertRep`: checks that the CA signed it for this
    /// transaction, then opens the envelope and takes the certificate for
    /// this key. A FAILURE is [`SimError::ScepFailure`].
    pub fn read_reply(self, reply: &[u8]) -> Result<Identity, SimError> {
        let verified = scep::verify(reply)?;
        let ca_key = self.ca.tbs_certificate.subject_public_key_info.clone();
        if verified.signer.tbs_certificate.subject_public_key_info != ca_key {
            return Err(SimError::Scep("the CertRep is not signed by the CA".into()));
        }
        let message = verified.message;
        if message.message_type != MessageType::CertRep {
            return Err(SimError::Scep(format!(
                "the answer is messageType {}, not CertRep",
                message.message_type.code()
            )));
        }
        if message.transaction_id != self.transaction_id {
            return Err(SimError::Scep(
                "the CertRep is for another transaction".into(),
            ));
        }
        if message.recipient_nonce.as_ref() != Some(&self.sender_nonce) {
            return Err(SimError::Scep(
                "the CertRep's recipientNonce is not our senderNonce".into(),
            ));
        }
        match message.pki_status {
            Some(PkiStatus::Success) => {}
            Some(PkiStatus::Failure) => {
                return Err(SimError::ScepFailure {
                    fail_info: message.fail_info,
                })
            }
            Some(PkiStatus::Pending) => {
                return Err(SimError::Scep(
                    "the CA left the request PENDING (not supported)".into(),
                ))
            }
            None => return Err(SimError::Scep("the CertRep has no pkiStatus".into())),
        }
        let envelope = message
            .content
            .ok_or_else(|| SimError::Scep("a successful CertRep without content".into()))?;
        let (inner, _) = scep::decrypt(&envelope, &self.key, &self.signer)?;
        let certificates = scep::read_certificates_only(&inner)?;
        let own_key = self.signer.tbs_certificate.subject_public_key_info.clone();
        let (mine, others): (Vec<_>, Vec<_>) = certificates
            .into_iter()
            .partition(|c| c.tbs_certificate.subject_public_key_info == own_key);
        let certificate = mine
            .into_iter()
            .next()
            .ok_or_else(|| SimError::Scep("the CertRep holds no certificate for our key".into()))?;
        Identity::new(self.key, certificate, others)
    }
}

/// The whole SCEP exchange over HTTP for `payload`, with `key`.
pub async fn enroll(
    client: &reqwest::Client,
    payload: &ScepPayload,
    key: RsaPrivateKey,
) -> Result<Identity, SimError> {
    let operation = |name: &'static str| {
        let mut query = vec![("operation", name.to_owned())];
        if let Some(ca_name) = &payload.name {
            query.push(("message", ca_name.clone()));
        }
        client.get(&payload.url).query(&query)
    };
    let caps = operation("GetCACaps").send().await?;
    let caps = Capabilities::parse(&checked_text("GetCACaps", caps).await?);
    let ca = operation("GetCACert").send().await?;
    let (_, content_type, body) = checked_bytes("GetCACert", ca).await?;
    let ca = if content_type.as_deref() == Some("application/x-x509-ca-ra-cert") {
        scep::read_certificates_only(&body)?
            .into_iter()
            .next()
            .ok_or_else(|| SimError::Scep("GetCACert returned no certificate".into()))?
    } else {
        crate::identity::certificate_from_der(&body)?
    };
    let request = ScepRequest::new(
        &ca,
        &payload.subject_name()?,
        payload.challenge.as_deref(),
        key,
        caps.encryption(),
        caps.digest(),
    )?;
    let reply = if caps.post() {
        client
            .post(&payload.url)
            .query(&[("operation", "PKIOperation")])
            .header(
                reqwest::header::CONTENT_TYPE,
                scep::PKI_MESSAGE_CONTENT_TYPE,
            )
            .body(request.message().to_vec())
            .send()
            .await?
    } else {
        let message = base64::engine::general_purpose::STANDARD.encode(request.message());
        client
            .get(&payload.url)
            .query(&[("operation", "PKIOperation"), ("message", &message)])
            .send()
            .await?
    };
    let (_, _, body) = checked_bytes("PKIOperation", reply).await?;
    request.read_reply(&body)
}

async fn checked_text(what: &str, response: reqwest::Response) -> Result<String, SimError> {
    let (_, _, body) = checked_bytes(what, response).await?;
    Ok(String::from_utf8_lossy(&body).into_owned())
}

async fn checked_bytes(
    what: &str,
    response: reqwest::Response,
) -> Result<(u16, Option<String>, Vec<u8>), SimError> {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.bytes().await?.to_vec();
    if status != 200 {
        return Err(SimError::Status {
            what: format!("SCEP {what}"),
            status,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
    }
    Ok((status, content_type, body))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn scep_error(e: impl std::fmt::Display) -> SimError {
    SimError::Scep(e.to_string())
}

impl From<scep::ScepError> for SimError {
    fn from(error: scep::ScepError) -> Self {
        SimError::Scep(error.to_string())
    }
}

/// The words for a failInfo, as RFC 8894 names them.
pub fn fail_info_name(fail_info: Option<FailInfo>) -> &'static str {
    match fail_info {
        Some(FailInfo::BadAlg) => "badAlg",
        Some(FailInfo::BadMessageCheck) => "badMessageCheck",
        Some(FailInfo::BadRequest) => "badRequest",
        Some(FailInfo::BadTime) => "badTime",
        Some(FailInfo::BadCertId) => "badCertId",
        None => "no failInfo",
    }
}
