//! A degenerate certificates-only `SignedData` (no content, no signers):
//! how a successful `CertRep` carries the issued certificate.

use cms::cert::CertificateChoices;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{CertificateSet, EncapsulatedContentInfo, SignedData, SignerInfos};
use der::asn1::SetOfVec;
use der::{Any, Decode, Encode};
use x509_cert::Certificate;

use crate::oids;
use crate::ScepError;

/// DER of a `ContentInfo` holding `certificates` only.
pub fn certificates_only(certificates: &[Certificate]) -> Result<Vec<u8>, ScepError> {
    let choices = certificates
        .iter()
        .cloned()
        .map(CertificateChoices::Certificate)
        .collect::<Vec<_>>();
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oids::ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(SetOfVec::try_from(choices)?)),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::new()),
    };
    Ok(ContentInfo {
        content_type: oids::ID_SIGNED_DATA,
        content: Any::encode_from(&signed)?,
    }
    .to_der()?)
}

/// The certificates of a certificates-only `SignedData`, in its order.
pub fn read_certificates_only(der_bytes: &[u8]) -> Result<Vec<Certificate>, ScepError> {
    let info = ContentInfo::from_der(der_bytes)?;
    if info.content_type != oids::ID_SIGNED_DATA {
        return Err(ScepError::Malformed("not SignedData".into()));
    }
    let signed: SignedData = info.content.decode_as()?;
    Ok(signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(certificate) => Some(certificate.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect())
}
