//! Signed profiles, checked as iOS checks them before installing.
//!
//! A signed `.mobileconfig` is a DER CMS `ContentInfo { SignedData }` with
//! the plist attached as `id-data` content and the signer's certificate
//! (and its chain) in `certificates`. iOS refuses to install one whose
//! signature does not verify; one that verifies shows as "Verified" when the
//! signer's chain reaches a root the device trusts, else "Not Verified" (as
//! does an unsigned profile).
//!
//! Checked here: the signer is found by issuer and serial number in
//! `certificates`; the `messageDigest` signed attribute is the SHA-1/-256/
//! -384/-512 digest of the content and `contentType` its type; the signature
//! over the DER `SET OF` signed attributes (or over the content, without
//! attributes) verifies with the signer's key: RSA PKCS#1 v1.5 or ECDSA
//! P-256.

use std::time::SystemTime;

use cms::cert::x509::Certificate;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS;
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ECDSA_WITH_SHA_384, ECDSA_WITH_SHA_512, ID_EC_PUBLIC_KEY, ID_SHA_1,
    ID_SHA_256, ID_SHA_384, ID_SHA_512, RSA_ENCRYPTION, SECP_256_R_1, SHA_1_WITH_RSA_ENCRYPTION,
    SHA_256_WITH_RSA_ENCRYPTION, SHA_384_WITH_RSA_ENCRYPTION, SHA_512_WITH_RSA_ENCRYPTION,
};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use sha2::Digest;
use spki::SubjectPublicKeyInfoOwned;
use x509_cert::ext::pkix::BasicConstraints;

use crate::SimError;

/// The longest chain walked from the signer to a trust root.
const MAX_CHAIN: usize = 8;

/// Who signed a profile whose signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSignature {
    /// The certificate whose key made the signature.
    pub signer: Certificate,
    /// Every certificate the signature carries (the signer's among them).
    pub certificates: Vec<Certificate>,
}

/// What Settings shows for a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// Signed, and the signer's chain reaches a trusted root.
    Verified,
    /// Unsigned, or signed by a chain that reaches no trusted root.
    NotVerified,
}

impl std::fmt::Display for Verification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verification::Verified => "Verified",
            Verification::NotVerified => "Not Verified",
        })
    }
}

impl ProfileSignature {
    /// The signer's subject, as Settings names who signed the profile.
    pub fn signer_subject(&self) -> String {
        self.signer.tbs_certificate.subject.to_string()
    }

    /// Whether the signer's chain (through `certificates`) reaches one of
    /// `trust_roots`: each link issued and signed by the next, a CA, and
    /// within its validity now.
    pub fn reaches_trust_root(&self, trust_roots: &[Certificate]) -> bool {
        let now = SystemTime::now();
        let mut current = &self.signer;
        for _ in 0..MAX_CHAIN {
            if !valid_at(current, now) {
                return false;
            }
            if trust_roots.contains(current) {
                return true;
            }
            if trust_roots
                .iter()
                .any(|root| valid_at(root, now) && issued_by(current, root))
            {
                return true;
            }
            match self
                .certificates
                .iter()
                .find(|candidate| *candidate != current && issued_by(current, candidate))
            {
                Some(issuer) => current = issuer,
                None => return false,
            }
        }
        false
    }
}

fn refused(reason: impl std::fmt::Display) -> SimError {
    SimError::ProfileSignature(reason.to_string())
}

/// The content of a signed profile whose signature verifies, and who
/// signed it. `bytes` that are not CMS `SignedData` at all are
/// [`SimError::Profile`]; a signature that does not verify is
/// [`SimError::ProfileSignature`].
pub fn verify_signed_profile(bytes: &[u8]) -> Result<(Vec<u8>, ProfileSignature), SimError> {
    let not_profile =
        |e: der::Error| SimError::Profile(format!("neither a plist nor a CMS-signed profile: {e}"));
    let info = ContentInfo::from_der(bytes).map_err(not_profile)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(SimError::Profile("CMS content is not SignedData".into()));
    }
    let signed: SignedData = info.content.decode_as().map_err(not_profile)?;
    let content_type = signed.encap_content_info.econtent_type;
    if content_type != ID_DATA {
        return Err(refused(format!(
            "content type {content_type} is not id-data"
        )));
    }
    let content = signed
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or_else(|| SimError::Profile("signed profile without content".into()))?
        .decode_as::<OctetString>()
        .map_err(not_profile)?
        .into_bytes();
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer_info = match signed.signer_infos.0.as_slice() {
        [one] => one,
        [] => return Err(refused("no SignerInfo")),
        _ => return Err(refused("more than one SignerInfo")),
    };
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(refused(
            "signer identified by subject key identifier, not issuer and serial number",
        ));
    };
    let signer = certificates
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == sid.issuer
                && c.tbs_certificate.serial_number == sid.serial_number
        })
        .ok_or_else(|| refused("the signer's certificate is not in certificates"))?
        .clone();
    let digest = Hash::from_digest_oid(signer_info.digest_alg.oid).ok_or_else(|| {
        refused(format!(
            "unsupported digest algorithm {}",
            signer_info.digest_alg.oid
        ))
    })?;
    let signed_bytes = match &signer_info.signed_attrs {
        Some(attrs) => {
            let value = |oid: ObjectIdentifier| {
                attrs
                    .iter()
                    .find(|a| a.oid == oid)
                    .and_then(|a| a.values.get(0))
                    .ok_or_else(|| refused(format!("signed attribute {oid} missing")))
            };
            let message_digest = value(ID_MESSAGE_DIGEST)?
                .decode_as::<OctetString>()
                .map_err(refused)?;
            if message_digest.as_bytes() != digest.digest(&content).as_slice() {
                return Err(refused(
                    "the messageDigest attribute does not match the content (changed after signing)",
                ));
            }
            let attr_type = value(ID_CONTENT_TYPE)?
                .decode_as::<ObjectIdentifier>()
                .map_err(refused)?;
            if attr_type != content_type {
                return Err(refused(
                    "the contentType attribute is not the content's type",
                ));
            }
            // Signed is DER(SET OF Attribute), tag 0x31, not the [0] form.
            attrs.to_der().map_err(refused)?
        }
        None => content.clone(),
    };
    let algorithm = signer_info.signature_algorithm.oid;
    match Hash::named_by_signature_oid(algorithm) {
        Some(Some(named)) if named != digest => {
            return Err(refused(format!(
                "signature algorithm {algorithm} does not use the digest algorithm"
            )))
        }
        Some(_) => {}
        None => {
            return Err(refused(format!(
                "unsupported signature algorithm {algorithm}"
            )))
        }
    }
    verify(
        &signer.tbs_certificate.subject_public_key_info,
        digest,
        &signed_bytes,
        signer_info.signature.as_bytes(),
    )
    .map_err(|e| {
        refused(format!(
            "the signature does not verify with the signer's key: {e}"
        ))
    })?;
    Ok((
        content,
        ProfileSignature {
            signer,
            certificates,
        },
    ))
}

/// Whether `issuer` issued `cert`: names match, `issuer` is a CA (or the
/// very certificate, self-signed), and its key verifies `cert`'s signature.
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject || !is_ca(issuer) {
        return false;
    }
    let Some(Some(hash)) = Hash::named_by_signature_oid(cert.signature_algorithm.oid) else {
        return false;
    };
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    verify(
        &issuer.tbs_certificate.subject_public_key_info,
        hash,
        &tbs,
        cert.signature.raw_bytes(),
    )
    .is_ok()
}

fn is_ca(cert: &Certificate) -> bool {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|ext| ext.extn_id == ID_CE_BASIC_CONSTRAINTS)
        .and_then(|ext| BasicConstraints::from_der(ext.extn_value.as_bytes()).ok())
        .is_some_and(|constraints| constraints.ca)
}

fn valid_at(cert: &Certificate, now: SystemTime) -> bool {
    let validity = &cert.tbs_certificate.validity;
    validity.not_before.to_system_time() <= now && now <= validity.not_after.to_system_time()
}

/// The digests a profile signature or certificate may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn from_digest_oid(oid: ObjectIdentifier) -> Option<Hash> {
        Some(match oid {
            ID_SHA_1 => Hash::Sha1,
            ID_SHA_256 => Hash::Sha256,
            ID_SHA_384 => Hash::Sha384,
            ID_SHA_512 => Hash::Sha512,
            _ => return None,
        })
    }

    /// The digest a signature algorithm names: `Some(None)` for
    /// `rsaEncryption`, which names none (the digest algorithm's is used);
    /// `None` for an algorithm this does not verify.
    fn named_by_signature_oid(oid: ObjectIdentifier) -> Option<Option<Hash>> {
        Some(match oid {
            RSA_ENCRYPTION => None,
            SHA_1_WITH_RSA_ENCRYPTION => Some(Hash::Sha1),
            SHA_256_WITH_RSA_ENCRYPTION | ECDSA_WITH_SHA_256 => Some(Hash::Sha256),
            SHA_384_WITH_RSA_ENCRYPTION | ECDSA_WITH_SHA_384 => Some(Hash::Sha384),
            SHA_512_WITH_RSA_ENCRYPTION | ECDSA_WITH_SHA_512 => Some(Hash::Sha512),
            _ => return None,
        })
    }

    fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
        }
    }

    fn pkcs1v15(self) -> rsa::Pkcs1v15Sign {
        match self {
            Hash::Sha1 => rsa::Pkcs1v15Sign::new::<sha1::Sha1>(),
            Hash::Sha256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            Hash::Sha384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            Hash::Sha512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
        }
    }
}

/// Verifies `signature` over `message` with the key in `key`: RSA PKCS#1
/// v1.5, or ECDSA on P-256 (DER signature), with `hash`.
fn verify(
    key: &SubjectPublicKeyInfoOwned,
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    let key_der = key.to_der().map_err(|e| e.to_string())?;
    let hashed = hash.digest(message);
    match key.algorithm.oid {
        RSA_ENCRYPTION => {
            use rsa::pkcs8::DecodePublicKey;
            let public = rsa::RsaPublicKey::from_public_key_der(&key_der)
                .map_err(|e| format!("RSA key: {e}"))?;
            public
                .verify(hash.pkcs1v15(), &hashed, signature)
                .map_err(|e| e.to_string())
        }
        ID_EC_PUBLIC_KEY => {
            use p256::pkcs8::DecodePublicKey;
            use signature::hazmat::PrehashVerifier;
            let curve = key
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve != Some(SECP_256_R_1) {
                return Err("EC key on a curve other than P-256".into());
            }
            let public = p256::ecdsa::VerifyingKey::from_public_key_der(&key_der)
                .map_err(|e| format!("P-256 key: {e}"))?;
            let signature =
                p256::ecdsa::Signature::from_der(signature).map_err(|e| e.to_string())?;
            public
                .verify_prehash(&hashed, &signature)
                .map_err(|e| e.to_string())
        }
        other => Err(format!("unsupported key algorithm {other}")),
    }
}
