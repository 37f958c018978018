//! SCEP (RFC 8894) messages on the RustCrypto der 0.7 stack.
//!
//! A SCEP `pkiMessage` is three CMS layers:
//!
//! 1. a `SignedData` ([`pki_message`]) whose signed attributes say what the
//!    message is (`messageType`, `transactionID`, nonces, `pkiStatus`,
//!    `failInfo`) and whose encapsulated `id-data` content is
//! 2. an `EnvelopedData` ([`envelope`]) encrypted to the other side's RSA
//!    certificate, holding
//! 3. a PKCS#10 request (`PKCSReq`) or, in a successful `CertRep`, a
//!    degenerate certificates-only `SignedData` ([`certificates`]).
//!
//! Only RSA is possible: the envelope's key transport is RSA PKCS#1 v1.5.
//! Signatures are RSA PKCS#1 v1.5 with SHA-256 or SHA-1 ([`rsa_signature`]).

pub mod certificates;
pub mod envelope;
pub mod oids;
pub mod pki_message;
pub mod rsa_signature;

pub use certificates::{certificates_only, read_certificates_only};
pub use envelope::{decrypt, encrypt, ContentEncryption};
pub use pki_message::{
    sign, verify, FailInfo, MessageType, Nonce, PkiMessage, PkiStatus, VerifiedPkiMessage,
};
pub use rsa_signature::DigestAlgorithm;

/// The `Content-Type` of `PKIOperation` requests and answers.
pub const PKI_MESSAGE_CONTENT_TYPE: &str = "application/x-pki-message";
/// The `Content-Type` of a `GetCACert` answer holding only the CA certificate.
pub const CA_CERT_CONTENT_TYPE: &str = "application/x-x509-ca-cert";

/// Why a SCEP message could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScepError {
    #[error("malformed message: {0}")]
    Malformed(String),
    #[error("unsupported algorithm {0}")]
    Algorithm(String),
    #[error("missing or invalid {0} attribute")]
    Attribute(&'static str),
    #[error("the signature does not verify")]
    BadSignature,
    #[error("the envelope is not addressed to this key")]
    NoRecipient,
    #[error("the envelope does not decrypt")]
    Decrypt,
    #[error("{0}")]
    Crypto(String),
}

impl From<der::Error> for ScepError {
    fn from(error: der::Error) -> Self {
        ScepError::Malformed(error.to_string())
    }
}
