//! The enrollment profile (`.mobileconfig`), read as iOS installs it: a
//! signature that verifies when it is signed ([`crate::profile_signature`]),
//! a plist that meets Apple's schema, then the `com.apple.mdm` payload and
//! the `com.apple.security.scep` payload its `IdentityCertificateUUID`
//! names, from which the device gets its identity.

use cms::cert::x509::Certificate;
use serde::Deserialize;

use crate::profile_signature::{verify_signed_profile, ProfileSignature, Verification};
use crate::scep::{ScepPayload, SCEP_PAYLOAD_TYPE};
use crate::{conformance, DeviceFacts, SimError, DEFAULT_OS_VERSION, PROFILE_CONTENT_TYPE};

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
    /// `BYOD` or `ADDE` in an account-driven enrollment's profile.
    #[serde(rename = "EnrollmentMode")]
    pub enrollment_mode: Option<String>,
    #[serde(rename = "AssignedManagedAppleID")]
    pub assigned_managed_apple_id: Option<String>,
    /// The Managed Apple Account of Apple's profile-based user enrollment
    /// (iOS 13.1 to 17), which iOS asks the person to sign in with.
    #[serde(rename = "ManagedAppleID")]
    pub managed_apple_id: Option<String>,
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

    /// How installing it enrolls the device: user enrollment for an
    /// account-driven `BYOD` profile and for Apple's profile-based user
    /// enrollment (`ManagedAppleID` without an `EnrollmentMode`), device
    /// enrollment otherwise (`ADDE`, web-based).
    pub fn enrollment(&self) -> mdm_schema::Enrollment {
        enrollment_mode_says(
            self.enrollment_mode.as_deref(),
            self.managed_apple_id.is_some(),
        )
    }
}

/// See [`MdmPayload::enrollment`].
fn enrollment_mode_says(
    enrollment_mode: Option<&str>,
    managed_apple_id: bool,
) -> mdm_schema::Enrollment {
    match enrollment_mode {
        Some("BYOD") => mdm_schema::Enrollment::User,
        Some(_) => mdm_schema::Enrollment::Device,
        None if managed_apple_id => mdm_schema::Enrollment::User,
        None => mdm_schema::Enrollment::Device,
    }
}

/// How a profile plist's MDM payload enrolls the device, read before the
/// schema check (which depends on it).
fn enrollment_of_mdm(profile: &plist::Value) -> mdm_schema::Enrollment {
    let mdm = profile
        .as_dictionary()
        .and_then(|top| top.get("PayloadContent"))
        .and_then(plist::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(plist::Value::as_dictionary)
        .find(|payload| {
            payload.get("PayloadType").and_then(plist::Value::as_string) == Some(MDM_PAYLOAD_TYPE)
        });
    match mdm {
        Some(mdm) => enrollment_mode_says(
            mdm.get("EnrollmentMode").and_then(plist::Value::as_string),
            mdm.contains_key("ManagedAppleID"),
        ),
        None => mdm_schema::Enrollment::Device,
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
    /// The subject of the certificate that signed the profile; `None`:
    /// unsigned.
    pub signer: Option<String>,
    /// The verified signature of a signed profile (the plist inside is used).
    pub signature: Option<ProfileSignature>,
    /// The `Content-Type` it was served with (for [`Profile::fetch`]).
    pub content_type: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("identifier", &self.identifier)
            .field("mdm", &self.mdm)
            .field("scep", &self.scep)
            .field("signer", &self.signer)
            .finish()
    }
}

impl Profile {
    /// Installs a `.mobileconfig` as a device on the default iOS version
    /// would: see [`Profile::parse_for`].
    pub fn parse(bytes: &[u8]) -> Result<Profile, SimError> {
        Profile::parse_for(bytes, DEFAULT_OS_VERSION)
    }

    /// Installs a `.mobileconfig` as a device on iOS `os_version` would: an
    /// XML (or binary) plist, or the same wrapped in a CMS `SignedData`
    /// whose signature must verify ([`SimError::ProfileSignature`]), and
    /// whose plist must meet Apple's schema ([`SimError::ProfileSchema`])
    /// for the enrollment its MDM payload makes ([`MdmPayload::enrollment`]:
    /// a profile-based user enrollment's is checked for user enrollment, so
    /// iOS 18, which removed `ManagedAppleID`, refuses it).
    pub fn parse_for(bytes: &[u8], os_version: &str) -> Result<Profile, SimError> {
        Profile::parse_checked(bytes, os_version, None)
    }

    /// [`Profile::parse_for`] for a device enrolling this way, whatever
    /// the profile says (account-driven enrollment: the mode discovery
    /// chose).
    pub fn parse_for_enrollment(
        bytes: &[u8],
        os_version: &str,
        enrollment: mdm_schema::Enrollment,
    ) -> Result<Profile, SimError> {
        Profile::parse_checked(bytes, os_version, Some(enrollment))
    }

    fn parse_checked(
        bytes: &[u8],
        os_version: &str,
        enrollment: Option<mdm_schema::Enrollment>,
    ) -> Result<Profile, SimError> {
        let (plist_bytes, signature) = profile_plist(bytes)?;
        let value: plist::Value = plist::from_bytes(&plist_bytes)
            .map_err(|e| SimError::Profile(format!("not a profile plist: {e}")))?;
        let enrollment = enrollment.unwrap_or_else(|| enrollment_of_mdm(&value));
        conformance::installable_profile(
            &conformance::context(os_version).with_enrollment(enrollment),
            &value,
        )?;
        let top: TopLevel = plist::from_value(&value)
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
            signer: signature.as_ref().map(ProfileSignature::signer_subject),
            signature,
            content_type: None,
        })
    }

    /// Whether installing it makes a user enrollment (keyed by
    /// `EnrollmentID`, without device identifiers).
    pub fn is_user_enrollment(&self) -> bool {
        self.mdm.enrollment() == mdm_schema::Enrollment::User
    }

    /// What Settings shows on a device that trusts `trust_roots`:
    /// "Verified" when the profile is signed by a chain reaching one of them.
    pub fn verification(&self, trust_roots: &[Certificate]) -> Verification {
        match &self.signature {
            Some(signature) if signature.reaches_trust_root(trust_roots) => Verification::Verified,
            _ => Verification::NotVerified,
        }
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
        let mut profile = Profile::parse_for(&body, &facts.os_version)?;
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
            Profile::parse_for(&std::fs::read(source)?, &facts.os_version)
        }
    }
}

/// The plist of a profile, whether the bytes are the plist itself or a
/// CMS-signed profile around it; and, when signed, its verified signature.
pub(crate) fn profile_plist(bytes: &[u8]) -> Result<(Vec<u8>, Option<ProfileSignature>), SimError> {
    if looks_like_plist(bytes) {
        Ok((bytes.to_vec(), None))
    } else {
        let (content, signature) = verify_signed_profile(bytes)?;
        Ok((content, Some(signature)))
    }
}

fn looks_like_plist(bytes: &[u8]) -> bool {
    let trimmed = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes)
        .trim_ascii_start();
    trimmed.starts_with(b"<") || trimmed.starts_with(b"bplist")
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdm_schema::Enrollment;

    fn profile_with_mdm(keys: &[(&str, &str)]) -> plist::Value {
        let mut mdm = plist::Dictionary::new();
        mdm.insert("PayloadType".into(), MDM_PAYLOAD_TYPE.into());
        for (key, value) in keys {
            mdm.insert((*key).into(), (*value).into());
        }
        let mut top = plist::Dictionary::new();
        top.insert(
            "PayloadContent".into(),
            plist::Value::Array(vec![plist::Value::Dictionary(mdm)]),
        );
        plist::Value::Dictionary(top)
    }

    #[test]
    fn the_mdm_payload_says_which_enrollment_installing_it_makes() {
        let of = |keys: &[(&str, &str)]| enrollment_of_mdm(&profile_with_mdm(keys));
        assert_eq!(of(&[]), Enrollment::Device);
        assert_eq!(of(&[("EnrollmentMode", "ADDE")]), Enrollment::Device);
        assert_eq!(of(&[("EnrollmentMode", "BYOD")]), Enrollment::User);
        // Apple's profile-based user enrollment (iOS 13.1 to 17).
        assert_eq!(of(&[("ManagedAppleID", "a@x.example")]), Enrollment::User);
        // An account-driven BYOD profile may carry the old key too.
        assert_eq!(
            of(&[
                ("EnrollmentMode", "BYOD"),
                ("ManagedAppleID", "a@x.example")
            ]),
            Enrollment::User
        );
        assert_eq!(
            enrollment_of_mdm(&plist::Value::Boolean(true)),
            Enrollment::Device
        );
    }
}
