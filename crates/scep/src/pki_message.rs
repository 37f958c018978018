//! The signed `pkiMessage`: a CMS `SignedData` whose signed attributes
//! carry SCEP's `messageType`, `transactionID`, nonces and status, and
//! whose `id-data` content (when there is one) is the envelope.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier,
    SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, PrintableStringRef, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode, Tag, Tagged};
use rand_core::{OsRng, RngCore};
use rsa::RsaPrivateKey;
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use crate::oids;
use crate::rsa_signature::{self, rsa_public_key, DigestAlgorithm};
use crate::ScepError;

/// `messageType`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MessageType {
    /// "3": the answer.
    CertRep,
    /// "17"
    RenewalReq,
    /// "19": a new certificate for a PKCS#10 request.
    PkcsReq,
    /// "20"
    CertPoll,
    /// Anything else (`GetCert`, `GetCRL`, ...), as sent.
    Other(String),
}

impl MessageType {
    pub fn code(&self) -> &str {
        match self {
            Self::CertRep => "3",
            Self::RenewalReq => "17",
            Self::PkcsReq => "19",
            Self::CertPoll => "20",
            Self::Other(code) => code,
        }
    }

    pub fn from_code(code: &str) -> Self {
        match code {
            "3" => Self::CertRep,
            "17" => Self::RenewalReq,
            "19" => Self::PkcsReq,
            "20" => Self::CertPoll,
            other => Self::Other(other.to_owned()),
        }
    }
}

/// `pkiStatus` of a `CertRep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PkiStatus {
    Success,
    Failure,
    Pending,
}

impl PkiStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Success => "0",
            Self::Failure => "2",
            Self::Pending => "3",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "0" => Some(Self::Success),
            "2" => Some(Self::Failure),
            "3" => Some(Self::Pending),
            _ => None,
        }
    }
}

/// `failInfo` of a failed `CertRep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailInfo {
    BadAlg,
    BadMessageCheck,
    BadRequest,
    BadTime,
    BadCertId,
}

impl FailInfo {
    pub fn code(self) -> &'static str {
        match self {
            Self::BadAlg => "0",
            Self::BadMessageCheck => "1",
            Self::BadRequest => "2",
            Self::BadTime => "3",
            Self::BadCertId => "4",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "0" => Some(Self::BadAlg),
            "1" => Some(Self::BadMessageCheck),
            "2" => Some(Self::BadRequest),
            "3" => Some(Self::BadTime),
            "4" => Some(Self::BadCertId),
            _ => None,
        }
    }
}

/// A `senderNonce` or `recipientNonce`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nonce(pub Vec<u8>);

impl Nonce {
    /// 16 random bytes, as RFC 8894 asks.
    pub fn random() -> Self {
        let mut bytes = vec![0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }
}

impl std::fmt::Debug for Nonce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Nonce(")?;
        for byte in &self.0 {
            write!(f, "{byte:02x}")?;
        }
        write!(f, ")")
    }
}

/// What a `pkiMessage` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkiMessage {
    pub message_type: MessageType,
    pub transaction_id: String,
    pub sender_nonce: Option<Nonce>,
    pub recipient_nonce: Option<Nonce>,
    pub pki_status: Option<PkiStatus>,
    pub fail_info: Option<FailInfo>,
    /// The `messageData`: the envelope's DER, when there is one.
    pub content: Option<Vec<u8>>,
}

/// A `pkiMessage` whose signature checked out, and who signed it.
#[derive(Debug, Clone)]
pub struct VerifiedPkiMessage {
    pub message: PkiMessage,
    /// The certificate the signer identifier named (its key verified the
    /// signature). Who that may be is the caller's question.
    pub signer: Certificate,
    /// All certificates of the `SignedData`.
    pub certificates: Vec<Certificate>,
    pub digest: DigestAlgorithm,
}

/// Signs `message` with `key`, whose certificate is `signer`: DER of the
/// `ContentInfo`. `signer` and `extra_certificates` go in `certificates`.
pub fn sign(
    message: &PkiMessage,
    key: &RsaPrivateKey,
    signer: &Certificate,
    digest: DigestAlgorithm,
    extra_certificates: &[Certificate],
) -> Result<Vec<u8>, ScepError> {
    let content = message.content.as_deref().unwrap_or_default();
    let mut attributes = vec![
        attribute(oids::ID_CONTENT_TYPE, Any::encode_from(&oids::ID_DATA)?)?,
        attribute(
            oids::ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.digest(content))?)?,
        )?,
        printable(oids::MESSAGE_TYPE, message.message_type.code())?,
        printable(oids::TRANSACTION_ID, &message.transaction_id)?,
    ];
    if let Some(nonce) = &message.sender_nonce {
        attributes.push(octets(oids::SENDER_NONCE, &nonce.0)?);
    }
    if let Some(nonce) = &message.recipient_nonce {
        attributes.push(octets(oids::RECIPIENT_NONCE, &nonce.0)?);
    }
    if let Some(status) = message.pki_status {
        attributes.push(printable(oids::PKI_STATUS, status.code())?);
    }
    if let Some(fail_info) = message.fail_info {
        attributes.push(printable(oids::FAIL_INFO, fail_info.code())?);
    }
    let signed_attrs: SignedAttributes = SetOfVec::try_from(attributes)?;
    // The signature covers the attributes as a DER SET OF, not in the
    // [0] IMPLICIT form they take inside SignerInfo.
    let signature = rsa_signature::sign(key, digest, &signed_attrs.to_der()?)?;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: signer.tbs_certificate.issuer.clone(),
            serial_number: signer.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: digest.identifier(),
        signed_attrs: Some(signed_attrs),
        // rsaEncryption, as OpenSSL and most SCEP peers write it.
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: oids::RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature)?,
        unsigned_attrs: None,
    };
    let certificates = std::iter::once(signer)
        .chain(extra_certificates)
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect::<Vec<_>>();
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![digest.identifier()])?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oids::ID_DATA,
            econtent: message
                .content
                .as_ref()
                .map(|content| Any::new(Tag::OctetString, content.clone()))
                .transpose()?,
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(certificates)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer_info])?),
    };
    Ok(ContentInfo {
        content_type: oids::ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data)?,
    }
    .to_der()?)
}

/// Reads a `pkiMessage` and checks its signature with the certificate its
/// one signer names (RSA, SHA-256 or SHA-1).
pub fn verify(der_bytes: &[u8]) -> Result<VerifiedPkiMessage, ScepError> {
    let info = ContentInfo::from_der(der_bytes)?;
    if info.content_type != oids::ID_SIGNED_DATA {
        return Err(ScepError::Malformed("not SignedData".into()));
    }
    let signed: SignedData = info.content.decode_as()?;
    let mut signers = signed.signer_infos.0.iter();
    let (Some(signer), None) = (signers.next(), signers.next()) else {
        return Err(ScepError::Malformed("not exactly one signer".into()));
    };
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(certificate) => Some(certificate.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(ScepError::Malformed(
            "the signer is not named by issuer and serial number".into(),
        ));
    };
    let certificate = certificates
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == sid.issuer
                && c.tbs_certificate.serial_number == sid.serial_number
        })
        .cloned()
        .ok_or_else(|| ScepError::Malformed("the signer's certificate is missing".into()))?;

    let digest = DigestAlgorithm::from_oid(signer.digest_alg.oid)
        .ok_or_else(|| ScepError::Algorithm(signer.digest_alg.oid.to_string()))?;
    let signature_oid = signer.signature_algorithm.oid;
    let consistent = signature_oid == oids::RSA_ENCRYPTION
        || DigestAlgorithm::from_signature_oid(signature_oid) == Some(digest);
    if !consistent {
        return Err(ScepError::Algorithm(signature_oid.to_string()));
    }
    let attributes = signer
        .signed_attrs
        .as_ref()
        .ok_or(ScepError::Attribute("signed"))?;

    if signed.encap_content_info.econtent_type != oids::ID_DATA {
        return Err(ScepError::Malformed("the content is not id-data".into()));
    }
    let content = match &signed.encap_content_info.econtent {
        Some(any) if any.tag() == Tag::OctetString => Some(any.value().to_vec()),
        Some(_) => {
            return Err(ScepError::Malformed(
                "the content is not an OCTET STRING".into(),
            ))
        }
        None => None,
    };
    let content_type = single(attributes, oids::ID_CONTENT_TYPE, "contentType")?
        .decode_as::<ObjectIdentifier>()
        .map_err(|_| ScepError::Attribute("contentType"))?;
    if content_type != oids::ID_DATA {
        return Err(ScepError::Attribute("contentType"));
    }
    let message_digest = single(attributes, oids::ID_MESSAGE_DIGEST, "messageDigest")?
        .decode_as::<OctetString>()
        .map_err(|_| ScepError::Attribute("messageDigest"))?;
    if message_digest.as_bytes() != digest.digest(content.as_deref().unwrap_or_default()) {
        return Err(ScepError::BadSignature);
    }
    let key = rsa_public_key(&certificate.tbs_certificate.subject_public_key_info)?;
    rsa_signature::verify(
        &key,
        digest,
        &attributes.to_der()?,
        signer.signature.as_bytes(),
    )?;

    let message = PkiMessage {
        message_type: MessageType::from_code(&text(attributes, oids::MESSAGE_TYPE, "messageType")?),
        transaction_id: text(attributes, oids::TRANSACTION_ID, "transactionID")?,
        sender_nonce: optional_octets(attributes, oids::SENDER_NONCE, "senderNonce")?.map(Nonce),
        recipient_nonce: optional_octets(attributes, oids::RECIPIENT_NONCE, "recipientNonce")?
            .map(Nonce),
        pki_status: optional_text(attributes, oids::PKI_STATUS, "pkiStatus")?
            .map(|code| PkiStatus::from_code(&code).ok_or(ScepError::Attribute("pkiStatus")))
            .transpose()?,
        fail_info: optional_text(attributes, oids::FAIL_INFO, "failInfo")?
            .map(|code| FailInfo::from_code(&code).ok_or(ScepError::Attribute("failInfo")))
            .transpose()?,
        content,
    };
    Ok(VerifiedPkiMessage {
        message,
        signer: certificate,
        certificates,
        digest,
    })
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, ScepError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value])?,
    })
}

fn printable(oid: ObjectIdentifier, value: &str) -> Result<Attribute, ScepError> {
    attribute(oid, Any::encode_from(&PrintableStringRef::new(value)?)?)
}

fn octets(oid: ObjectIdentifier, value: &[u8]) -> Result<Attribute, ScepError> {
    attribute(oid, Any::encode_from(&OctetString::new(value)?)?)
}

/// The one value of an attribute present at most once.
fn optional_single(
    attributes: &SignedAttributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<Option<Any>, ScepError> {
    let mut matching = attributes.iter().filter(|attribute| attribute.oid == oid);
    let Some(attribute) = matching.next() else {
        return Ok(None);
    };
    if matching.next().is_some() {
        return Err(ScepError::Attribute(name));
    }
    let mut values = attribute.values.iter();
    match (values.next(), values.next()) {
        (Some(value), None) => Ok(Some(value.clone())),
        _ => Err(ScepError::Attribute(name)),
    }
}

fn single(
    attributes: &SignedAttributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<Any, ScepError> {
    optional_single(attributes, oid, name)?.ok_or(ScepError::Attribute(name))
}

/// A string attribute: PrintableString as RFC 8894 asks, or the UTF8String
/// and IA5String some clients write.
fn optional_text(
    attributes: &SignedAttributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<Option<String>, ScepError> {
    optional_single(attributes, oid, name)?
        .map(|value| match value.tag() {
            Tag::PrintableString | Tag::Utf8String | Tag::Ia5String => {
                String::from_utf8(value.value().to_vec()).map_err(|_| ScepError::Attribute(name))
            }
            _ => Err(ScepError::Attribute(name)),
        })
        .transpose()
}

fn text(
    attributes: &SignedAttributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<String, ScepError> {
    optional_text(attributes, oid, name)?.ok_or(ScepError::Attribute(name))
}

fn optional_octets(
    attributes: &SignedAttributes,
    oid: ObjectIdentifier,
    name: &'static str,
) -> Result<Option<Vec<u8>>, ScepError> {
    optional_single(attributes, oid, name)?
        .map(|value| {
            value
                .decode_as::<OctetString>()
                .map(OctetString::into_bytes)
                .map_err(|_| ScepError::Attribute(name))
        })
        .transpose()
}
