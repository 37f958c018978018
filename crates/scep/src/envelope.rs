//! The `pkcsPKIEnvelope`: a CMS `EnvelopedData` with one RSA key-transport
//! recipient (PKCS#1 v1.5) and CBC content encryption (AES or 3DES), as a
//! `ContentInfo`.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use cms::cert::IssuerAndSerialNumber;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::enveloped_data::{
    EncryptedContentInfo, EnvelopedData, KeyTransRecipientInfo, RecipientIdentifier, RecipientInfo,
    RecipientInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use rand_core::{OsRng, RngCore};
use rsa::{Pkcs1v15Encrypt, RsaPrivateKey};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::oids;
use crate::rsa_signature::rsa_public_key;
use crate::ScepError;

/// How the envelope's content is encrypted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentEncryption {
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    /// DES-EDE3-CBC, for clients without AES.
    DesEde3Cbc,
}

impl ContentEncryption {
    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Aes128Cbc => oids::AES_128_CBC,
            Self::Aes192Cbc => oids::AES_192_CBC,
            Self::Aes256Cbc => oids::AES_256_CBC,
            Self::DesEde3Cbc => oids::DES_EDE3_CBC,
        }
    }

    pub fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            oids::AES_128_CBC => Some(Self::Aes128Cbc),
            oids::AES_192_CBC => Some(Self::Aes192Cbc),
            oids::AES_256_CBC => Some(Self::Aes256Cbc),
            oids::DES_EDE3_CBC => Some(Self::DesEde3Cbc),
            _ => None,
        }
    }

    fn key_len(self) -> usize {
        match self {
            Self::Aes128Cbc => 16,
            Self::Aes192Cbc | Self::DesEde3Cbc => 24,
            Self::Aes256Cbc => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Self::DesEde3Cbc => 8,
            _ => 16,
        }
    }

    fn encrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, ScepError> {
        let bad = |_| ScepError::Crypto("bad key or IV length".into());
        Ok(match self {
            Self::Aes128Cbc => cbc::Encryptor::<aes::Aes128>::new_from_slices(key, iv)
                .map_err(bad)?
                .encrypt_padded_vec_mut::<Pkcs7>(data),
            Self::Aes192Cbc => cbc::Encryptor::<aes::Aes192>::new_from_slices(key, iv)
                .map_err(bad)?
                .encrypt_padded_vec_mut::<Pkcs7>(data),
            Self::Aes256Cbc => cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
                .map_err(bad)?
                .encrypt_padded_vec_mut::<Pkcs7>(data),
            Self::DesEde3Cbc => cbc::Encryptor::<des::TdesEde3>::new_from_slices(key, iv)
                .map_err(bad)?
                .encrypt_padded_vec_mut::<Pkcs7>(data),
        })
    }

    fn decrypt(self, key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, ScepError> {
        let bad = |_| ScepError::Decrypt;
        match self {
            Self::Aes128Cbc => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
                .map_err(bad)?
                .decrypt_padded_vec_mut::<Pkcs7>(data),
            Self::Aes192Cbc => cbc::Decryptor::<aes::Aes192>::new_from_slices(key, iv)
                .map_err(bad)?
                .decrypt_padded_vec_mut::<Pkcs7>(data),
            Self::Aes256Cbc => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
                .map_err(bad)?
                .decrypt_padded_vec_mut::<Pkcs7>(data),
            Self::DesEde3Cbc => cbc::Decryptor::<des::TdesEde3>::new_from_slices(key, iv)
                .map_err(bad)?
                .decrypt_padded_vec_mut::<Pkcs7>(data),
        }
        .map_err(|_| ScepError::Decrypt)
    }
}

/// `content` encrypted to `recipient`'s RSA key: DER of a `ContentInfo`
/// holding the `EnvelopedData`.
pub fn encrypt(
    content: &[u8],
    recipient: &Certificate,
    encryption: ContentEncryption,
) -> Result<Vec<u8>, ScepError> {
    let public = rsa_public_key(&recipient.tbs_certificate.subject_public_key_info)?;
    let mut key = vec![0u8; encryption.key_len()];
    OsRng.fill_bytes(&mut key);
    let mut iv = vec![0u8; encryption.iv_len()];
    OsRng.fill_bytes(&mut iv);
    let encrypted = encryption.encrypt(&key, &iv, content)?;
    let encrypted_key = public
        .encrypt(&mut OsRng, Pkcs1v15Encrypt, &key)
        .map_err(|error| ScepError::Crypto(error.to_string()))?;
    let recipient_info = RecipientInfo::Ktri(KeyTransRecipientInfo {
        version: CmsVersion::V0,
        rid: RecipientIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: recipient.tbs_certificate.issuer.clone(),
            serial_number: recipient.tbs_certificate.serial_number.clone(),
        }),
        key_enc_alg: AlgorithmIdentifierOwned {
            oid: oids::RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        enc_key: OctetString::new(encrypted_key)?,
    });
    let enveloped = EnvelopedData {
        version: CmsVersion::V0,
        originator_info: None,
        recip_infos: RecipientInfos(SetOfVec::try_from(vec![recipient_info])?),
        encrypted_content: EncryptedContentInfo {
            content_type: oids::ID_DATA,
            content_enc_alg: AlgorithmIdentifierOwned {
                oid: encryption.oid(),
                parameters: Some(Any::encode_from(&OctetString::new(iv)?)?),
            },
            encrypted_content: Some(OctetString::new(encrypted)?),
        },
        unprotected_attrs: None,
    };
    Ok(ContentInfo {
        content_type: oids::ID_ENVELOPED_DATA,
        content: Any::encode_from(&enveloped)?,
    }
    .to_der()?)
}

/// Opens an envelope made for `certificate` with its private `key`.
/// Returns the content and how it was encrypted.
pub fn decrypt(
    envelope: &[u8],
    key: &RsaPrivateKey,
    certificate: &Certificate,
) -> Result<(Vec<u8>, ContentEncryption), ScepError> {
    let info = ContentInfo::from_der(envelope)?;
    if info.content_type != oids::ID_ENVELOPED_DATA {
        return Err(ScepError::Malformed("not EnvelopedData".into()));
    }
    let enveloped: EnvelopedData = info.content.decode_as()?;
    let addressed = |rid: &RecipientIdentifier| match rid {
        RecipientIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == certificate.tbs_certificate.issuer
                && id.serial_number == certificate.tbs_certificate.serial_number
        }
        // Clients that name the key instead: trust the decryption to tell.
        RecipientIdentifier::SubjectKeyIdentifier(_) => true,
    };
    let recipient = enveloped
        .recip_infos
        .0
        .iter()
        .find_map(|info| match info {
            RecipientInfo::Ktri(ktri) if addressed(&ktri.rid) => Some(ktri),
            _ => None,
        })
        .ok_or(ScepError::NoRecipient)?;
    if recipient.key_enc_alg.oid != oids::RSA_ENCRYPTION {
        return Err(ScepError::Algorithm(recipient.key_enc_alg.oid.to_string()));
    }
    let content = &enveloped.encrypted_content;
    let encryption = ContentEncryption::from_oid(content.content_enc_alg.oid)
        .ok_or_else(|| ScepError::Algorithm(content.content_enc_alg.oid.to_string()))?;
    let iv = content
        .content_enc_alg
        .parameters
        .as_ref()
        .ok_or_else(|| ScepError::Malformed("no IV".into()))?
        .decode_as::<OctetString>()?;
    let encrypted = content
        .encrypted_content
        .as_ref()
        .ok_or_else(|| ScepError::Malformed("no encrypted content".into()))?;
    let content_key = key
        .decrypt(Pkcs1v15Encrypt, recipient.enc_key.as_bytes())
        .map_err(|_| ScepError::Decrypt)?;
    if content_key.len() != encryption.key_len() {
        return Err(ScepError::Decrypt);
    }
    let plain = encryption.decrypt(&content_key, iv.as_bytes(), encrypted.as_bytes())?;
    Ok((plain, encryption))
}
