//! The SCEP server (RFC 8894) at `/mdm/scep`: how a device installing the
//! enrollment profile gets its identity certificate.
//!
//! - `GET ?operation=GetCACaps`: what this server does (text).
//! - `GET ?operation=GetCACert`: the device CA's certificate (DER).
//! - `POST ?operation=PKIOperation` (or `GET` with base64 `message=`): a
//!   `PKCSReq`. The answer is always a `CertRep` signed by the CA, SUCCESS
//!   with the certificate or FAILURE with a `failInfo`.
//!
//! The profile's `Challenge` is the only thing that ties a request to an
//! enrollment: it is made per download, stored only as SHA-256, valid until
//! the install deadline, and used up (atomically) before anything is signed.
//! The issued certificate's fingerprint is then recorded on the profile, so
//! check-in finds the enrollment by the identity that signs.
//!
//! The request body is untrusted: at most [`MAX_MESSAGE_BYTES`], and only
//! ever parsed as DER.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use portal_api::routes;
use rand::rngs::OsRng;
use rand::RngCore;
use rsa::traits::PublicKeyParts;
use scep::{
    ContentEncryption, FailInfo, MessageType, Nonce, PkiMessage, PkiStatus, VerifiedPkiMessage,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::enrollment;
use crate::error::AppError;
use crate::storage::ScepChallengeHash;
use crate::AppState;

/// What `GetCACaps` answers: only what this server really does.
pub const CA_CAPABILITIES: &str = "POSTPKIOperation\nSHA-256\nSHA-1\nAES\nDES3\nSCEPStandard\n";
/// A PKCSReq with a 4096-bit key is about 4 KiB; anything near this is not one.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// The smallest device key accepted.
pub const MIN_KEY_BITS: usize = 2048;
/// 160 random bits, as 40 hex digits (printable in any ASN.1 string type).
const CHALLENGE_BYTES: usize = 20;

/// The secret a profile's SCEP payload carries. Never logged; only its
/// SHA-256 is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ScepChallenge(String);

impl ScepChallenge {
    pub fn generate() -> Self {
        let mut bytes = [0u8; CHALLENGE_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes.iter().map(|b| format!("{b:02X}")).collect())
    }

    /// The challenge a device sent (whatever it is: it is only hashed).
    pub fn from_request(value: &str) -> Self {
        Self(value.to_owned())
    }

    pub fn hash(&self) -> ScepChallengeHash {
        ScepChallengeHash(Sha256::digest(self.0.as_bytes()).into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ScepChallenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScepChallenge(***)")
    }
}

/// The SCEP route; its bodies are limited to [`MAX_MESSAGE_BYTES`].
pub fn router() -> Router<AppState> {
    Router::new().route(
        routes::MDM_SCEP,
        get(scep_get)
            .post(scep_post)
            .layer(DefaultBodyLimit::max(MAX_MESSAGE_BYTES)),
    )
}

#[derive(Debug, Deserialize)]
pub struct ScepQuery {
    operation: Option<String>,
    message: Option<String>,
}

/// `GET /mdm/scep?operation=...`
async fn scep_get(
    State(state): State<AppState>,
    Query(query): Query<ScepQuery>,
) -> Result<Response, AppError> {
    match query.operation.as_deref() {
        Some("GetCACaps") => Ok((
            [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"))],
            CA_CAPABILITIES,
        )
            .into_response()),
        Some("GetCACert") => Ok((
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(scep::CA_CERT_CONTENT_TYPE),
            )],
            state.mdm_ca.certificate_der().to_vec(),
        )
            .into_response()),
        Some("PKIOperation") => {
            let message = query.message.unwrap_or_default();
            if message.len() > MAX_MESSAGE_BYTES * 4 / 3 + 4 {
                return Ok(bad_request("the message is too large"));
            }
            // A `+` not percent-encoded arrives as a space.
            let message: String = message
                .chars()
                .filter(|c| *c != '\n' && *c != '\r')
                .map(|c| if c == ' ' { '+' } else { c })
                .collect();
            match STANDARD.decode(message) {
                Ok(der) => pki_operation(&state, &der).await,
                Err(_) => Ok(bad_request("the message is not base64")),
            }
        }
        _ => Ok(bad_request("unknown SCEP operation")),
    }
}

/// `POST /mdm/scep?operation=PKIOperation`
async fn scep_post(
    State(state): State<AppState>,
    Query(query): Query<ScepQuery>,
    body: Bytes,
) -> Result<Response, AppError> {
    if query.operation.as_deref() != Some("PKIOperation") {
        return Ok(bad_request("unknown SCEP operation"));
    }
    pki_operation(&state, &body).await
}

fn bad_request(why: &'static str) -> Response {
    tracing::warn!(why, "SCEP request refused");
    (StatusCode::BAD_REQUEST, why).into_response()
}

/// Why a PKCSReq was answered with FAILURE (logged, never with the challenge).
struct Refusal {
    fail_info: FailInfo,
    why: String,
}

impl Refusal {
    fn new(fail_info: FailInfo, why: impl Into<String>) -> Self {
        Self {
            fail_info,
            why: why.into(),
        }
    }
}

async fn pki_operation(state: &AppState, der: &[u8]) -> Result<Response, AppError> {
    // Without a verified signer there is nobody to answer to.
    let request = match scep::verify(der) {
        Ok(request) => request,
        Err(error) => {
            tracing::warn!(%error, "SCEP message refused: unreadable or badly signed");
            return Ok(bad_request("not a signed SCEP message"));
        }
    };
    let transaction = request.message.transaction_id.clone();
    let (answer, encryption) = match issue(state, &request).await? {
        Ok(answer) => answer,
        Err(refusal) => {
            tracing::warn!(transaction = %transaction, why = %refusal.why,
                "SCEP certificate request refused");
            (Answer::Failure(refusal.fail_info), None)
        }
    };
    let reply = cert_rep(state, &request, answer, encryption)?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(scep::PKI_MESSAGE_CONTENT_TYPE),
        )],
        reply,
    )
        .into_response())
}

enum Answer {
    /// The certificates-only SignedData with the issued certificate.
    Success(Vec<u8>),
    Failure(FailInfo),
}

/// The checks, the challenge, and the certificate. The outer error is the
/// server's own failure (500); the inner one a refusal of the request.
#[allow(clippy::type_complexity)]
async fn issue(
    state: &AppState,
    request: &VerifiedPkiMessage,
) -> Result<Result<(Answer, Option<ContentEncryption>), Refusal>, AppError> {
    let message = &request.message;
    if message.message_type != MessageType::PkcsReq {
        return Ok(Err(Refusal::new(
            FailInfo::BadRequest,
            format!("messageType {} is not PKCSReq", message.message_type.code()),
        )));
    }
    let Some(envelope) = &message.content else {
        return Ok(Err(Refusal::new(FailInfo::BadRequest, "no envelope")));
    };
    let (csr, encryption) =
        match scep::decrypt(envelope, state.mdm_ca.key(), state.mdm_ca.certificate()) {
            Ok(opened) => opened,
            Err(error) => {
                return Ok(Err(Refusal::new(
                    FailInfo::BadMessageCheck,
                    format!("the envelope: {error}"),
                )))
            }
        };
    let (csr, key) = match scep::rsa_signature::verified_request(&csr) {
        Ok(verified) => verified,
        Err(error) => {
            return Ok(Err(Refusal::new(
                FailInfo::BadRequest,
                format!("the CSR: {error}"),
            )))
        }
    };
    let bits = key.n().bits();
    if bits < MIN_KEY_BITS {
        return Ok(Err(Refusal::new(
            FailInfo::BadRequest,
            format!("the CSR's RSA key has {bits} bits, fewer than {MIN_KEY_BITS}"),
        )));
    }
    let challenge = match scep::rsa_signature::challenge_password(&csr) {
        Ok(Some(challenge)) => ScepChallenge::from_request(&challenge),
        _ => {
            return Ok(Err(Refusal::new(
                FailInfo::BadRequest,
                "the CSR has no challengePassword",
            )))
        }
    };
    let now = state.clock.now();
    // Used up before anything is signed: a second request with the same
    // challenge, even at the same moment, finds nothing.
    let Some(profile) = state
        .storage
        .use_scep_challenge(&challenge.hash(), now)
        .await?
    else {
        return Ok(Err(Refusal::new(
            FailInfo::BadRequest,
            "the challenge is unknown, used, expired or replaced",
        )));
    };
    let organization = enrollment::settings_of_user(state, profile.user_id).await?;
    let public_key: SubjectPublicKeyInfoOwned = csr.info.public_key.clone();
    let issued = state
        .mdm_ca
        .issue(
            public_key,
            &profile.enrollment_id.0,
            &organization.organization_name,
            now,
        )
        .map_err(|error| AppError::Internal(format!("cannot issue a certificate: {error}")))?;
    state
        .storage
        .record_identity_issued(
            profile.profile_id,
            &issued.fingerprint,
            now,
            issued.not_after,
        )
        .await?;
    tracing::info!(enrollment = %profile.enrollment_id.0, "SCEP: device identity issued");
    let certificates =
        scep::certificates_only(&[issued.certificate, state.mdm_ca.certificate().clone()])
            .map_err(internal)?;
    Ok(Ok((Answer::Success(certificates), Some(encryption))))
}

/// The CertRep for `request`, signed by the CA with the request's digest;
/// a success's certificates encrypted to the requester's throw-away
/// certificate with the request's own content encryption.
fn cert_rep(
    state: &AppState,
    request: &VerifiedPkiMessage,
    answer: Answer,
    encryption: Option<ContentEncryption>,
) -> Result<Vec<u8>, AppError> {
    let (pki_status, fail_info, content) = match answer {
        Answer::Success(certificates) => {
            let encryption = encryption.unwrap_or(ContentEncryption::Aes128Cbc);
            let envelope =
                scep::encrypt(&certificates, &request.signer, encryption).map_err(internal)?;
            (PkiStatus::Success, None, Some(envelope))
        }
        Answer::Failure(fail_info) => (PkiStatus::Failure, Some(fail_info), None),
    };
    let reply = PkiMessage {
        message_type: MessageType::CertRep,
        transaction_id: request.message.transaction_id.clone(),
        sender_nonce: Some(Nonce::random()),
        recipient_nonce: request.message.sender_nonce.clone(),
        pki_status: Some(pki_status),
        fail_info,
        content,
    };
    scep::sign(
        &reply,
        state.mdm_ca.key(),
        state.mdm_ca.certificate(),
        request.digest,
        &[],
    )
    .map_err(internal)
}

fn internal(error: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("SCEP: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_are_random_printable_and_hidden() {
        let a = ScepChallenge::generate();
        let b = ScepChallenge::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 40);
        assert!(a.expose().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.hash(), b.hash());
        assert_eq!(ScepChallenge::from_request(a.expose()).hash(), a.hash());
        assert!(!format!("{a:?}").contains(a.expose()));
    }

    #[test]
    fn capabilities_are_what_the_server_does() {
        let caps: Vec<&str> = CA_CAPABILITIES.lines().collect();
        assert_eq!(
            caps,
            [
                "POSTPKIOperation",
                "SHA-256",
                "SHA-1",
                "AES",
                "DES3",
                "SCEPStandard"
            ]
        );
    }
}
