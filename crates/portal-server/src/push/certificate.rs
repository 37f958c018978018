//! The MDM push certificate, from request to renewal.
//!
//! Apple issues it: the portal makes an RSA key and a certificate signing
//! request (`push-cert request`), an MDM vendor signs the request, the
//! organization uploads it at Apple's Push Certificates Portal and
//! downloads the certificate, which the portal checks against its key and
//! keeps (`push-cert install`). The certificate's subject UID is the APNs
//! topic every enrollment profile names; a renewal must keep it.
//!
//! Files, beside the database like the device CA's: `push-key.pem`
//! (PKCS#8, owner-only), `push-request.csr.pem`, `push-cert.pem`. The
//! installed certificate file is the one source of the topic.
//!
//! `demo` uses a local stand-in for Apple's push CA
//! (`demo-push-ca-cert.pem`), which device-sim's stand-in APNs gateway
//! trusts as its client CA.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use der::asn1::{GeneralizedTime, Ia5StringRef, PrintableStringRef, SetOfVec, Utf8StringRef};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, DecodePem, EncodePem};
use rand::rngs::OsRng;
use rand::RngCore;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile, RequestBuilder};
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use super::PushCertificate;
use crate::clock::Timestamp;
use crate::key_files::{self, KeyFileError};
use crate::mdm::ca::timestamp;

pub const PUSH_KEY_FILE: &str = "push-key.pem";
pub const PUSH_CSR_FILE: &str = "push-request.csr.pem";
pub const PUSH_CERT_FILE: &str = "push-cert.pem";
/// The demo's stand-in for Apple's push CA: the stand-in APNs gateway
/// (`device-sim apns`) trusts this certificate as its client CA.
pub const DEMO_PUSH_CA_CERT_FILE: &str = "demo-push-ca-cert.pem";
const DEMO_PUSH_CA_KEY_FILE: &str = "demo-push-ca-key.pem";

/// Every MDM push topic starts so; the rest is a UUID Apple picks.
pub const TOPIC_PREFIX: &str = "com.apple.mgmt.External.";
/// From how long before expiry the portal warns.
pub const EXPIRY_WARNING_DAYS: i64 = 30;
const DAY: i64 = 24 * 60 * 60;
const KEY_BITS: usize = 2048;
const CSR_COMMON_NAME: &str = "Company Portal MDM Push";
const DEMO_CA_COMMON_NAME: &str = "Company Portal Demo Push CA (stand-in for Apple)";
/// Apple's push certificates last a year.
const PUSH_CERT_LIFETIME_DAYS: i64 = 365;
const DEMO_CA_LIFETIME_DAYS: i64 = 10 * 365;

const ID_AT_UID: ObjectIdentifier = ObjectIdentifier::new_unwrap("0.9.2342.19200300.100.1.1");
const ID_AT_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_KP_CLIENT_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
const ID_CE_EXT_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.37");

#[derive(Debug, thiserror::Error)]
pub enum PushCertificateError {
    #[error(transparent)]
    File(#[from] KeyFileError),
    #[error("{0} holds no usable key or certificate")]
    BadFile(PathBuf),
    #[error(
        "a push certificate (topic {topic}) is installed with the key in {key}; a new request \
         would make a new key and the installed certificate would stop working. To renew, \
         upload the existing request {csr} again at https://identity.apple.com with the same \
         Apple Account (choose Renew), or run again with --force to start over with a new key"
    )]
    KeyInUse {
        topic: String,
        key: PathBuf,
        csr: PathBuf,
    },
    #[error("there is no push key yet ({0}); run `portal-server push-cert request` first")]
    NoKey(PathBuf),
    #[error(
        "this certificate is not for the portal's push key (its public key differs): it was \
         made from another request. Install the certificate Apple issued for the request in \
         {csr}"
    )]
    KeyMismatch { csr: PathBuf },
    #[error("this is not an MDM push certificate: {0}")]
    NotPushCertificate(&'static str),
    #[error(
        "this certificate expired on {expired}; renew it at https://identity.apple.com with the \
         same Apple Account and install the new one"
    )]
    Expired { expired: String },
    #[error(
        "the new certificate's topic {new} differs from the installed one's ({current}): every \
         enrolled device listens only for the old topic and could no longer be reached. Renew \
         the existing certificate with the Apple Account that made it (Apple keeps the topic), \
         or install with --force and enroll every device again"
    )]
    TopicChanged { current: String, new: String },
    #[error("cannot make a key, request or certificate: {0}")]
    Generate(String),
}

/// Where the push certificate's files are: beside the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushFiles {
    pub key: PathBuf,
    pub csr: PathBuf,
    pub certificate: PathBuf,
}

impl PushFiles {
    pub fn beside(database: &Path) -> Self {
        let folder = database.parent().unwrap_or(Path::new(""));
        Self {
            key: folder.join(PUSH_KEY_FILE),
            csr: folder.join(PUSH_CSR_FILE),
            certificate: folder.join(PUSH_CERT_FILE),
        }
    }
}

/// Makes a new push key and its certificate signing request (PEM). Refuses
/// while an installed certificate uses the current key, unless `force`.
pub fn request(files: &PushFiles, force: bool) -> Result<(), PushCertificateError> {
    if !force && files.key.is_file() {
        if let Some(installed) = load(files)? {
            return Err(PushCertificateError::KeyInUse {
                topic: installed.topic,
                key: files.key.clone(),
                csr: files.csr.clone(),
            });
        }
    }
    let key = RsaPrivateKey::new(&mut OsRng, KEY_BITS).map_err(generate_error)?;
    let csr_pem = signing_request_pem(&key)?;
    let key_pem = key.to_pkcs8_pem(LineEnding::LF).map_err(generate_error)?;
    key_files::write_private(&files.key, key_pem.as_bytes())?;
    Ok(key_files::write_public(&files.csr, csr_pem.as_bytes())?)
}

/// The next steps after `request`, in plain words.
pub fn request_instructions(files: &PushFiles) -> String {
    format!(
        "Made the push key {key} (keep it; it never leaves this machine) and the certificate \
         signing request {csr}.

Next steps:
1. Have the request signed by an MDM vendor certificate. Apple only accepts push \
   certificate requests signed by an MDM vendor; if you host the portal yourself, a free \
   vendor signing service can sign it for you. You get back a signed request (a .plist \
   or base64 file).
2. Sign in at Apple's Push Certificates Portal, https://identity.apple.com, with an Apple \
   Account your organization keeps (a shared IT account, not a person's: renewing needs \
   the same account every year), choose Create a Certificate, upload the signed request \
   and download the certificate.
3. Install it: portal-server push-cert install CERT.pem
   (a .cer download is DER: openssl x509 -inform der -in CERT.cer -out CERT.pem)
4. Restart the portal. The certificate lasts a year; renew it with the same Apple \
   Account so the topic, and every enrolled device, stays.",
        key = files.key.display(),
        csr = files.csr.display(),
    )
}

/// A PKCS#10 request for `key` (PEM), signed with it.
fn signing_request_pem(key: &RsaPrivateKey) -> Result<String, PushCertificateError> {
    let subject = Name::from_str(&format!("CN={CSR_COMMON_NAME}")).map_err(generate_error)?;
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.clone());
    let request = RequestBuilder::new(subject, &signer)
        .map_err(generate_error)?
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(generate_error)?;
    request.to_pem(LineEnding::LF).map_err(generate_error)
}

/// What `install` did.
#[derive(Debug)]
pub struct Installed {
    pub certificate: PushCertificate,
    /// The topic of the certificate it replaced, if any.
    pub replaced_topic: Option<String>,
}

/// Checks `certificate_pem` (the certificate Apple issued, possibly with
/// its chain) against the push key and installs it. A different topic than
/// the installed certificate's is refused unless `force`.
pub fn install(
    files: &PushFiles,
    certificate_pem: &str,
    force: bool,
    now: Timestamp,
) -> Result<Installed, PushCertificateError> {
    if !files.key.is_file() {
        return Err(PushCertificateError::NoKey(files.key.clone()));
    }
    let key_pem = key_files::read_to_string(&files.key)?;
    let certificate = inspect(certificate_pem, &key_pem, &files.csr)?;
    if certificate.not_after < now {
        return Err(PushCertificateError::Expired {
            expired: date(certificate.not_after),
        });
    }
    // An unreadable old certificate has no topic to keep.
    let current = load(files).ok().flatten();
    let replaced_topic = current.map(|current| current.topic);
    if let Some(current) = &replaced_topic {
        if *current != certificate.topic && !force {
            return Err(PushCertificateError::TopicChanged {
                current: current.clone(),
                new: certificate.topic,
            });
        }
    }
    key_files::write_public(&files.certificate, certificate.certificate_pem.as_bytes())?;
    Ok(Installed {
        certificate,
        replaced_topic,
    })
}

/// The installed push certificate with its key, or `None` when none is
/// installed. An expired one still loads (see [`expiry`]).
pub fn load(files: &PushFiles) -> Result<Option<PushCertificate>, PushCertificateError> {
    if !files.certificate.is_file() {
        return Ok(None);
    }
    let certificate_pem = key_files::read_to_string(&files.certificate)?;
    let key_pem = key_files::read_to_string(&files.key)?;
    inspect(&certificate_pem, &key_pem, &files.csr).map(Some)
}

/// Checks that the first certificate in `certificate_pem` is an MDM push
/// certificate for `key_pem` and reads its topic and expiry.
fn inspect(
    certificate_pem: &str,
    key_pem: &str,
    csr: &Path,
) -> Result<PushCertificate, PushCertificateError> {
    let certificate = first_certificate(certificate_pem).ok_or(
        PushCertificateError::NotPushCertificate("no PEM certificate found"),
    )?;
    let key = RsaPrivateKey::from_pkcs8_pem(key_pem)
        .map_err(|_| PushCertificateError::BadFile(PathBuf::from(PUSH_KEY_FILE)))?;
    if certificate.tbs_certificate.subject_public_key_info != public_key_info(&key.to_public_key())?
    {
        return Err(PushCertificateError::KeyMismatch {
            csr: csr.to_owned(),
        });
    }
    let topic = subject_uid(&certificate.tbs_certificate.subject).ok_or(
        PushCertificateError::NotPushCertificate("its subject has no UID (topic)"),
    )?;
    if !topic.starts_with(TOPIC_PREFIX) || topic.len() == TOPIC_PREFIX.len() {
        return Err(PushCertificateError::NotPushCertificate(
            "its subject UID is not a com.apple.mgmt.External topic",
        ));
    }
    if !has_client_auth(&certificate) {
        return Err(PushCertificateError::NotPushCertificate(
            "it is not for client authentication",
        ));
    }
    Ok(PushCertificate {
        topic,
        not_after: timestamp(&certificate.tbs_certificate.validity.not_after),
        certificate_pem: certificate_pem.trim().to_owned() + "\n",
        key_pem: key_pem.to_owned(),
    })
}

fn first_certificate(pem: &str) -> Option<Certificate> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let start = pem.find(BEGIN)?;
    let end = pem[start..].find(END)? + start + END.len();
    Certificate::from_pem(&pem.as_bytes()[start..end]).ok()
}

/// The subject's UID (userId, 0.9.2342.19200300.100.1.1), in whichever
/// string type the issuer chose.
fn subject_uid(subject: &Name) -> Option<String> {
    subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|attribute| attribute.oid == ID_AT_UID)
        .and_then(|attribute| {
            let value = &attribute.value;
            value
                .decode_as::<Utf8StringRef<'_>>()
                .map(|s| s.as_str().to_owned())
                .or_else(|_| {
                    value
                        .decode_as::<PrintableStringRef<'_>>()
                        .map(|s| s.as_str().to_owned())
                })
                .or_else(|_| {
                    value
                        .decode_as::<Ia5StringRef<'_>>()
                        .map(|s| s.as_str().to_owned())
                })
                .ok()
        })
}

fn has_client_auth(certificate: &Certificate) -> bool {
    certificate
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|extension| extension.extn_id == ID_CE_EXT_KEY_USAGE)
        .filter_map(|extension| ExtendedKeyUsage::from_der(extension.extn_value.as_bytes()).ok())
        .any(|usages| usages.0.contains(&ID_KP_CLIENT_AUTH))
}

/// How soon the certificate expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Valid,
    /// Within [`EXPIRY_WARNING_DAYS`]; whole days left, rounded up.
    Soon {
        days_left: i64,
    },
    Expired,
}

pub fn expiry(not_after: Timestamp, now: Timestamp) -> Expiry {
    if not_after < now {
        Expiry::Expired
    } else if not_after - now <= EXPIRY_WARNING_DAYS * DAY {
        Expiry::Soon {
            days_left: (not_after - now + DAY - 1) / DAY,
        }
    } else {
        Expiry::Valid
    }
}

/// The words for an operator about the certificate's expiry, or `None`
/// while nothing needs doing.
pub fn expiry_warning(certificate: &PushCertificate, now: Timestamp) -> Option<String> {
    let renew = "renew it at https://identity.apple.com with the same Apple Account (the topic \
                 stays), then run `portal-server push-cert install`";
    match expiry(certificate.not_after, now) {
        Expiry::Valid => None,
        Expiry::Soon { days_left } => Some(format!(
            "the MDM push certificate expires on {} ({days_left} {} left): {renew}",
            date(certificate.not_after),
            if days_left == 1 { "day" } else { "days" }
        )),
        Expiry::Expired => Some(format!(
            "the MDM push certificate expired on {}: the portal cannot wake enrolled devices; \
             {renew}",
            date(certificate.not_after)
        )),
    }
}

/// Logs the certificate's expiry: at start and then once a day, so a
/// certificate that nears its end while the server runs is noticed.
pub async fn watch_expiry(
    certificate: std::sync::Arc<PushCertificate>,
    clock: std::sync::Arc<dyn crate::clock::Clock>,
) {
    let mut daily = tokio::time::interval(Duration::from_secs(DAY as u64));
    loop {
        daily.tick().await;
        log_expiry(&certificate, clock.now());
    }
}

/// One log line about the certificate's expiry: error once expired, a
/// warning within the last 30 days.
pub fn log_expiry(certificate: &PushCertificate, now: Timestamp) {
    match (
        expiry(certificate.not_after, now),
        expiry_warning(certificate, now),
    ) {
        (Expiry::Expired, Some(message)) => {
            tracing::error!(topic = %certificate.topic, "{message}")
        }
        (Expiry::Soon { .. }, Some(message)) => {
            tracing::warn!(topic = %certificate.topic, "{message}")
        }
        _ => {}
    }
}

/// `2027-01-31` (UTC).
pub fn date(at: Timestamp) -> String {
    match time::OffsetDateTime::from_unix_timestamp(at) {
        Ok(at) => format!(
            "{:04}-{:02}-{:02}",
            at.year(),
            u8::from(at.month()),
            at.day()
        ),
        Err(_) => at.to_string(),
    }
}

/// The demo's local stand-in for Apple's push CA.
pub struct DemoPushCa {
    key: RsaPrivateKey,
    certificate: Certificate,
}

impl DemoPushCa {
    /// Reuses the stand-in CA kept in `folder`, or makes and keeps one.
    pub fn load_or_create(folder: &Path, now: Timestamp) -> Result<Self, PushCertificateError> {
        let cert_path = folder.join(DEMO_PUSH_CA_CERT_FILE);
        let key_path = folder.join(DEMO_PUSH_CA_KEY_FILE);
        if cert_path.is_file() && key_path.is_file() {
            let key = RsaPrivateKey::from_pkcs8_pem(&key_files::read_to_string(&key_path)?)
                .map_err(|_| PushCertificateError::BadFile(key_path.clone()))?;
            let certificate =
                Certificate::from_pem(key_files::read_to_string(&cert_path)?.as_bytes())
                    .map_err(|_| PushCertificateError::BadFile(cert_path.clone()))?;
            return Ok(Self { key, certificate });
        }
        let key = RsaPrivateKey::new(&mut OsRng, KEY_BITS).map_err(generate_error)?;
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.clone());
        let certificate = CertificateBuilder::new(
            Profile::Root,
            random_serial()?,
            validity(now - DAY, now + DEMO_CA_LIFETIME_DAYS * DAY)?,
            Name::from_str(&format!("CN={DEMO_CA_COMMON_NAME}")).map_err(generate_error)?,
            public_key_info(&key.to_public_key())?,
            &signer,
        )
        .map_err(generate_error)?
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(generate_error)?;
        let key_pem = key.to_pkcs8_pem(LineEnding::LF).map_err(generate_error)?;
        key_files::write_private(&key_path, key_pem.as_bytes())?;
        let cert_pem = certificate.to_pem(LineEnding::LF).map_err(generate_error)?;
        key_files::write_public(&cert_path, cert_pem.as_bytes())?;
        Ok(Self { key, certificate })
    }

    pub fn certificate_pem(&self) -> Result<String, PushCertificateError> {
        self.certificate
            .to_pem(LineEnding::LF)
            .map_err(generate_error)
    }

    /// A push certificate as Apple issues one: subject `CN=APSP:<uuid>`,
    /// `UID=<topic>`, client authentication, a year from `now`. Returned as
    /// PEM (the certificate, then this CA's).
    pub fn issue(
        &self,
        public_key: SubjectPublicKeyInfoOwned,
        topic: &str,
        now: Timestamp,
    ) -> Result<String, PushCertificateError> {
        let uuid = topic.strip_prefix(TOPIC_PREFIX).unwrap_or(topic);
        let subject = utf8_name(&[
            (ID_AT_COMMON_NAME, &format!("APSP:{uuid}")),
            (ID_AT_UID, topic),
        ])?;
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(self.key.clone());
        let mut builder = CertificateBuilder::new(
            Profile::Manual {
                issuer: Some(self.certificate.tbs_certificate.subject.clone()),
            },
            random_serial()?,
            validity(now - DAY, now + PUSH_CERT_LIFETIME_DAYS * DAY)?,
            subject,
            public_key,
            &signer,
        )
        .map_err(generate_error)?;
        builder
            .add_extension(&BasicConstraints {
                ca: false,
                path_len_constraint: None,
            })
            .map_err(generate_error)?;
        builder
            .add_extension(&KeyUsage(KeyUsages::DigitalSignature.into()))
            .map_err(generate_error)?;
        builder
            .add_extension(&ExtendedKeyUsage(vec![ID_KP_CLIENT_AUTH]))
            .map_err(generate_error)?;
        let certificate = builder
            .build::<rsa::pkcs1v15::Signature>()
            .map_err(generate_error)?;
        Ok(
            certificate.to_pem(LineEnding::LF).map_err(generate_error)?
                + &self.certificate_pem()?,
        )
    }
}

/// What `set_up_demo` left in place.
#[derive(Debug)]
pub struct DemoPush {
    pub certificate: PushCertificate,
    /// The stand-in push CA's certificate: the stand-in gateway's client CA.
    pub ca_certificate: PathBuf,
}

/// The demo's push certificate: reuses an installed one, else requests a
/// key, has the stand-in CA issue a certificate with a random topic and
/// installs it.
pub fn set_up_demo(files: &PushFiles, now: Timestamp) -> Result<DemoPush, PushCertificateError> {
    let folder = files
        .certificate
        .parent()
        .unwrap_or(Path::new(""))
        .to_owned();
    let ca = DemoPushCa::load_or_create(&folder, now)?;
    let ca_certificate = folder.join(DEMO_PUSH_CA_CERT_FILE);
    if let Some(certificate) = load(files)? {
        if certificate.not_after > now {
            return Ok(DemoPush {
                certificate,
                ca_certificate,
            });
        }
    }
    if !files.key.is_file() {
        request(files, false)?;
    }
    let key = RsaPrivateKey::from_pkcs8_pem(&key_files::read_to_string(&files.key)?)
        .map_err(|_| PushCertificateError::BadFile(files.key.clone()))?;
    // A renewal of an expired demo certificate keeps its topic, as Apple's does.
    let topic = load(files)
        .ok()
        .flatten()
        .map(|old| old.topic)
        .unwrap_or_else(random_topic);
    let pem = ca.issue(public_key_info(&key.to_public_key())?, &topic, now)?;
    let installed = install(files, &pem, false, now)?;
    Ok(DemoPush {
        certificate: installed.certificate,
        ca_certificate,
    })
}

/// `com.apple.mgmt.External.<random uuid>`, as Apple assigns.
pub fn random_topic() -> String {
    format!("{TOPIC_PREFIX}{}", uuid::Uuid::new_v4())
}

fn utf8_name(parts: &[(ObjectIdentifier, &str)]) -> Result<Name, PushCertificateError> {
    let rdns = parts
        .iter()
        .map(|(oid, value)| {
            let value = Any::encode_from(&Utf8StringRef::new(value).map_err(generate_error)?)
                .map_err(generate_error)?;
            Ok(RelativeDistinguishedName(
                SetOfVec::try_from(vec![AttributeTypeAndValue { oid: *oid, value }])
                    .map_err(generate_error)?,
            ))
        })
        .collect::<Result<Vec<_>, PushCertificateError>>()?;
    Ok(RdnSequence(rdns))
}

pub fn public_key_info(
    key: &RsaPublicKey,
) -> Result<SubjectPublicKeyInfoOwned, PushCertificateError> {
    let der = key.to_public_key_der().map_err(generate_error)?;
    SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(generate_error)
}

fn validity(not_before: Timestamp, not_after: Timestamp) -> Result<Validity, PushCertificateError> {
    let time = |t: Timestamp| -> Result<Time, PushCertificateError> {
        let seconds = u64::try_from(t).map_err(time_out_of_range)?;
        Ok(Time::GeneralTime(
            GeneralizedTime::from_unix_duration(Duration::from_secs(seconds))
                .map_err(generate_error)?,
        ))
    };
    Ok(Validity {
        not_before: time(not_before)?,
        not_after: time(not_after)?,
    })
}

fn random_serial() -> Result<SerialNumber, PushCertificateError> {
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    serial[0] = (serial[0] & 0x7f) | 0x40;
    SerialNumber::new(&serial).map_err(generate_error)
}

fn generate_error(error: impl std::fmt::Display) -> PushCertificateError {
    PushCertificateError::Generate(error.to_string())
}

fn time_out_of_range(_: impl std::fmt::Debug) -> PushCertificateError {
    PushCertificateError::Generate("a time is out of range".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = 1_767_225_600;

    fn cert(not_after: Timestamp) -> PushCertificate {
        PushCertificate {
            topic: format!("{TOPIC_PREFIX}x"),
            not_after,
            certificate_pem: String::new(),
            key_pem: String::new(),
        }
    }

    #[test]
    fn warns_from_thirty_days_before_expiry() {
        assert_eq!(expiry(NOW + 31 * DAY, NOW), Expiry::Valid);
        assert_eq!(expiry(NOW + 30 * DAY, NOW), Expiry::Soon { days_left: 30 });
        assert_eq!(expiry(NOW + DAY / 2, NOW), Expiry::Soon { days_left: 1 });
        assert_eq!(expiry(NOW - 1, NOW), Expiry::Expired);
        assert_eq!(expiry_warning(&cert(NOW + 40 * DAY), NOW), None);
        let soon = expiry_warning(&cert(NOW + 10 * DAY), NOW).unwrap();
        assert!(
            soon.contains("2026-01-11") && soon.contains("10 days"),
            "{soon}"
        );
        let expired = expiry_warning(&cert(NOW - DAY), NOW).unwrap();
        assert!(expired.contains("expired on 2025-12-31"), "{expired}");
    }

    #[test]
    fn reads_the_topic_from_the_subject_uid() {
        let name = utf8_name(&[
            (ID_AT_COMMON_NAME, "APSP:1"),
            (ID_AT_UID, "com.apple.mgmt.External.1"),
        ])
        .unwrap();
        assert_eq!(
            subject_uid(&name).as_deref(),
            Some("com.apple.mgmt.External.1")
        );
        let without = Name::from_str("CN=x").unwrap();
        assert_eq!(subject_uid(&without), None);
    }

    #[test]
    fn the_demo_certificate_is_reused_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let files = PushFiles::beside(&dir.path().join("portal.db"));
        let first = set_up_demo(&files, NOW).unwrap();
        assert!(first.certificate.topic.starts_with(TOPIC_PREFIX));
        assert!(first.ca_certificate.ends_with(DEMO_PUSH_CA_CERT_FILE));
        assert!(first.ca_certificate.is_file());
        let again = set_up_demo(&files, NOW + DAY).unwrap();
        assert_eq!(again.certificate.topic, first.certificate.topic);
        assert_eq!(
            again.certificate.certificate_pem,
            first.certificate.certificate_pem
        );
        // Expired: renewed with the same topic.
        let renewed = set_up_demo(&files, NOW + 400 * DAY).unwrap();
        assert_eq!(renewed.certificate.topic, first.certificate.topic);
        assert!(renewed.certificate.not_after > NOW + 400 * DAY);
    }
}
