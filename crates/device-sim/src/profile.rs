//! The enrollment profile (`.mobileconfig`): the `com.apple.mdm` payload
//! and the `com.apple.security.scep` payload its `IdentityCertificateUUID`
//! names, from which the device gets its identity.

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use serde::Deserialize;

use crate::scep::{ScepPayload, SCEP_PAYLOAD_TYPE};
use crate::{DeviceFacts, SimError, PROFILE_CONTENT_TYPE};

/// `PayloadType` of the MDM payload.
pub const MDM_PAYLOAD_TYPE: &str = "com.apple.mdm";

/// The `com.apple.mdm` payload.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MdmPayload {
    #[serde(rename = "ServerURL")]
    pub server_url: String,
    /// Defaults to `ServerURL` when absent (see [`MdmPayload::check_in_url`]).
    #[serde(rename = "CheckInURL")]
    pub check_in_url: Option<String>,
    #[serde(rename = "Topic")]
    pub topic: String,
    #[serde(rename = "IdentityCertificateUUID")]
    pub identity_certificate_uuid: String,
    #[serde(rename = "SignMessage", default)]
    pub sign_message: bool,
    #[serde(rename = "CheckOutWhenRemoved", default)]
    pub check_out_when_removed: bool,
    #[serde(rename = "AccessRights")]
    pub access_rights: Option<u64>,
    #[serde(rename = "PayloadUUID")]
    pub payload_uuid: Option<String>,
    #[serde(rename = "PayloadIdentifier")]
    pub payload_identifier: Option<String>,
}

impl MdmPayload {
    /// Where check-in messages go: `CheckInURL`, else `ServerURL`.
    pub fn check_in_url(&self) -> &str {
        self.check_in_url.as_deref().unwrap_or(&self.server_url)
    }
}

#[derive(Debug, Deserialize)]
struct TopLevel {
    #[serde(rename = "PayloadContent")]
    payload_content: Vec<plist::Value>,
    #[serde(rename = "PayloadIdentifier")]
    payload_identifier: Option<String>,
    #[serde(rename = "PayloadUUID")]
    payload_uuid: Option<String>,
    #[serde(rename = "PayloadDisplayName")]
    payload_display_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PayloadHeader {
    #[serde(rename = "PayloadType")]
    payload_type: String,
    #[serde(rename = "PayloadUUID")]
    payload_uuid: Option<String>,
}

/// A parsed enrollment profile.
#[derive(Clone)]
pub struct Profile {
    /// The top-level `PayloadIdentifier` (what `RemoveProfile` names).
    pub identifier: Option<String>,
    pub uuid: Option<String>,
    pub display_name: Option<String>,
    pub mdm: MdmPayload,
    /// The SCEP payload named by `IdentityCertificateUUID`: where and how
    /// the device gets its identity.
    pub scep: ScepPayload,
    /// Whether the bytes were a CMS-signed profile (the plist inside is used).
    pub was_signed: bool,
    /// The `Content-Type` it was served with (for [`Profile::fetch`]).
    pub content_type: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("identifier", &self.identifier)
            .field("mdm", &self.mdm)
            .field("scep", &self.scep)
            .field("was_signed", &self.was_signed)
            .finish()
    }
}

impl Profile {
    /// Parses a `.mobileconfig`: an XML (or binary) plist, or the same wrapped
    /// in a CMS `SignedData` (a signed profile; the signature is not checked).
    pub fn parse(bytes: &[u8]) -> Result<Profile, SimError> {
        let (plist_bytes, was_signed) = profile_plist(bytes)?;
        let top: TopLevel = plist::from_bytes(&plist_bytes)
            .map_err(|e| SimError::Profile(format!("not a profile plist: {e}")))?;

        let mut mdm = None;
        let mut identities = Vec::new();
        for payload in &top.payload_content {
            let header: PayloadHeader = plist::from_value(payload)
                .map_err(|e| SimError::Profile(format!("payload without PayloadType: {e}")))?;
            match header.payload_type.as_str() {
                MDM_PAYLOAD_TYPE => {
                    if mdm.is_some() {
                        return Err(SimError::Profile("two com.apple.mdm payloads".into()));
                    }
                    let parsed: MdmPayload = plist::from_value(payload)
                        .map_err(|e| SimError::Profile(format!("com.apple.mdm payload: {e}")))?;
                    mdm = Some(parsed);
                }
                SCEP_PAYLOAD_TYPE => identities.push((header.payload_uuid, payload)),
                _ => {}
            }
        }
        let mdm = mdm.ok_or_else(|| SimError::Profile("no com.apple.mdm payload".into()))?;
        if !mdm.topic.starts_with("com.apple.mgmt.") {
            return Err(SimError::Profile(format!(
                "Topic {:?} does not start with com.apple.mgmt.",
                mdm.topic
            )));
        }
        let (_, payload) = identities
            .into_iter()
            .find(|(uuid, _)| {
                uuid.as_deref()
                    .is_some_and(|u| u.eq_ignore_ascii_case(&mdm.identity_certificate_uuid))
            })
            .ok_or_else(|| {
                SimError::Profile(format!(
                    "no {SCEP_PAYLOAD_TYPE} payload with PayloadUUID {} (IdentityCertificateUUID)",
                    mdm.identity_certificate_uuid
                ))
            })?;
        let scep = ScepPayload::from_payload(payload)?;
        Ok(Profile {
            identifier: top.payload_identifier,
            uuid: top.payload_uuid,
            display_name: top.payload_display_name,
            mdm,
            scep,
            was_signed,
            content_type: None,
        })
    }

    /// Downloads a profile as Safari on a default iPhone would.
    pub async fn fetch(
        url: &str,
        cookie: Option<&str>,
        insecure: bool,
    ) -> Result<Profile, SimError> {
        Profile::fetch_as(url, cookie, insecure, &DeviceFacts::iphone()).await
    }

    /// Downloads a profile as Safari on the device `facts` describe (its
    /// `User-Agent`), with an optional `Cookie` header (`name=value`).
    pub async fn fetch_as(
        url: &str,
        cookie: Option<&str>,
        insecure: bool,
        facts: &DeviceFacts,
    ) -> Result<Profile, SimError> {
        let client = crate::device::http_client(insecure)?;
        let mut request = client
            .get(url)
            .header(reqwest::header::USER_AGENT, facts.safari_user_agent())
            .header(
                reqwest::header::ACCEPT,
                format!("{PROFILE_CONTENT_TYPE},*/*;q=0.8"),
            );
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        let response = request.send().await?;
        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.bytes().await?;
        if !status.is_success() {
            return Err(SimError::Status {
                what: "Profile download".into(),
                status: status.as_u16(),
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        let mut profile = Profile::parse(&body)?;
        profile.content_type = content_type;
        Ok(profile)
    }

    /// Reads a profile from a file, or downloads it when `source` is an
    /// `http(s)://` URL.
    pub async fn load(
        source: &str,
        cookie: Option<&str>,
        insecure: bool,
        facts: &DeviceFacts,
    ) -> Result<Profile, SimError> {
        if source.starts_with("https://") || source.starts_with("http://") {
            Profile::fetch_as(source, cookie, insecure, facts).await
        } else {
            Profile::parse(&std::fs::read(source)?)
        }
    }
}

/// The plist of a profile, whether the bytes are the plist itself or a
/// CMS-signed profile around it; and whether it was signed.
pub(crate) fn profile_plist(bytes: &[u8]) -> Result<(Vec<u8>, bool), SimError> {
    if looks_like_plist(bytes) {
        Ok((bytes.to_vec(), false))
    } else {
        Ok((unwrap_signed_profile(bytes)?, true))
    }
}

fn looks_like_plist(bytes: &[u8]) -> bool {
    let trimmed = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start();
    trimmed.starts_with(b"<") || trimmed.starts_with(b"bplist")
}

/// The plist inside a signed profile (CMS `SignedData` with encapsulated content).
fn unwrap_signed_profile(bytes: &[u8]) -> Result<Vec<u8>, SimError> {
    let not_profile =
        |e: der::Error| SimError::Profile(format!("neither a plist nor a CMS-signed profile: {e}"));
    let info = ContentInfo::from_der(bytes).map_err(not_profile)?;
    if info.content_type != const_oid::db::rfc5911::ID_SIGNED_DATA {
        return Err(SimError::Profile("CMS content is not SignedData".into()));
    }
    let signed: SignedData = info.content.decode_as().map_err(not_profile)?;
    let content = signed
        .encap_content_info
        .econtent
        .ok_or_else(|| SimError::Profile("signed profile without content".into()))?;
    let octets = der::asn1::OctetString::from_der(&content.to_der().map_err(not_profile)?)
        .map_err(not_profile)?;
    Ok(octets.into_bytes())
}
