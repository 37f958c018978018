//! Account-driven enrollment as an iPhone plays it after the person types
//! their work account in Settings › General › VPN & Device Management ›
//! Sign In to Work or School Account:
//!
//! 1. [`AccountEnrollment::discover`]: `GET <domain>/.well-known/com.apple.remotemanagement`;
//! 2. [`AccountEnrollment::first_attempt`]: `POST` the signed MachineInfo
//!    to the BaseURL; the server answers 401 with the `apple-as-web`
//!    challenge, whose URL (plus `user-identifier`) is the web sign-in;
//! 3. a person (or a test) completes the sign-in and hands over the access
//!    token from the `308` Location ([`token_from_location`]);
//! 4. [`AccountEnrollment::authorized_attempt`]: the same `POST` with the
//!    token returns the enrollment profile;
//! 5. [`AccountEnrollment::device`]: the device that installs it (SCEP,
//!    `Authenticate`/`TokenUpdate` keyed by `EnrollmentID`, every request
//!    with the token), checked against Apple's schema for user enrollment.

use std::str::FromStr;

use plist::{Dictionary, Value};
use serde::Deserialize;

use crate::{Device, DeviceFacts, Identity, Profile, SimError, UserEnrollment};

/// Where the web sign-in hands the token to the device.
pub const AUTHENTICATION_RESULTS: &str =
    "apple-remotemanagement-user-login://authentication-results";
const WELL_KNOWN: &str = "/.well-known/com.apple.remotemanagement";

/// The discovery answer: the one server Settings enrolls with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Discovered {
    /// `mdm-byod` (user enrollment) or `mdm-adde` (device enrollment).
    #[serde(rename = "Version")]
    pub version: String,
    #[serde(rename = "BaseURL")]
    pub base_url: String,
}

#[derive(Deserialize)]
struct Servers {
    #[serde(rename = "Servers")]
    servers: Vec<Discovered>,
}

/// One account-driven user enrollment in progress.
pub struct AccountEnrollment {
    client: reqwest::Client,
    /// `https://<the account's domain>` (or wherever the test serves it).
    well_known_base: String,
    account: String,
    facts: DeviceFacts,
    /// The device's built-in identity that signs its MachineInfo.
    built_in: Identity,
}

impl AccountEnrollment {
    /// A device about to enroll with `account`; `well_known_base` stands in
    /// for `https://<the account's domain>`.
    pub fn new(
        client: reqwest::Client,
        well_known_base: &str,
        account: &str,
        facts: DeviceFacts,
    ) -> Result<AccountEnrollment, SimError> {
        Ok(AccountEnrollment {
            client,
            well_known_base: well_known_base.trim_end_matches('/').to_owned(),
            account: account.to_owned(),
            facts,
            built_in: built_in_identity()?,
        })
    }

    /// Step 1: where to enroll. An error answer stops the enrollment, as on
    /// the device.
    pub async fn discover(&self) -> Result<Discovered, SimError> {
        let family = match self.facts.kind {
            crate::DeviceKind::Iphone => "iPhone",
            crate::DeviceKind::Ipad => "iPad",
        };
        let response = self
            .client
            .get(format!("{}{WELL_KNOWN}", self.well_known_base))
            .query(&[
                ("user-identifier", self.account.as_str()),
                ("model-family", family),
            ])
            .send()
            .await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?;
        if status != 200 {
            return Err(SimError::Status {
                what: "account discovery".into(),
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        let servers: Servers = serde_json::from_slice(&body)
            .map_err(|e| SimError::Profile(format!("discovery document: {e}")))?;
        servers
            .servers
            .into_iter()
            .next()
            .ok_or_else(|| SimError::Profile("discovery names no server".into()))
    }

    /// The MachineInfo a user-enrolling device signs: no UDID, no serial.
    pub fn machine_info(&self) -> Result<Vec<u8>, SimError> {
        let mut info = Dictionary::new();
        info.insert("LANGUAGE".into(), "en-US".into());
        info.insert("PRODUCT".into(), self.facts.product_name.clone().into());
        info.insert("VERSION".into(), self.facts.build_version.clone().into());
        info.insert("OS_VERSION".into(), self.facts.os_version.clone().into());
        let context = mdm_schema::Context::ios(&self.facts.os_version)
            .with_enrollment(mdm_schema::Enrollment::User);
        mdm_schema::check_machine_info(&context, &info).map_err(SimError::NotWhatIosSends)?;
        let mut xml = Vec::new();
        plist::to_writer_xml(&mut xml, &Value::Dictionary(info))
            .map_err(|e| SimError::Plist(e.to_string()))?;
        crate::signing::sign_attached_der(&self.built_in, &xml)
    }

    async fn post(
        &self,
        base_url: &str,
        token: Option<&str>,
    ) -> Result<reqwest::Response, SimError> {
        let mut request = self
            .client
            .post(base_url)
            .header(reqwest::header::CONTENT_TYPE, "application/pkcs7-signature")
            .body(self.machine_info()?);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Ok(request.send().await?)
    }

    /// Step 2: the unauthorized `POST`; returns the web sign-in URL the
    /// device opens (the challenge's `url` plus `user-identifier`).
    pub async fn first_attempt(&self, base_url: &str) -> Result<String, SimError> {
        let response = self.post(base_url, None).await?;
        let status = response.status().as_u16();
        let challenge = response
            .headers()
            .get(reqwest::header::WWW_AUTHENTICATE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let (401, Some(challenge)) = (status, challenge) else {
            return Err(SimError::Status {
                what: "the first enrollment attempt (expected a 401 challenge)".into(),
                status,
                body: String::new(),
            });
        };
        let url = web_sign_in_url(&challenge).ok_or_else(|| {
            SimError::Profile(format!("not an apple-as-web challenge: {challenge}"))
        })?;
        let mut url = reqwest::Url::parse(&url)
            .map_err(|e| SimError::Profile(format!("challenge url: {e}")))?;
        url.query_pairs_mut()
            .append_pair("user-identifier", &self.account);
        Ok(url.to_string())
    }

    /// Step 4: the authorized `POST`; returns the profile's bytes.
    pub async fn authorized_attempt(
        &self,
        base_url: &str,
        token: &str,
    ) -> Result<Vec<u8>, SimError> {
        let response = self.post(base_url, Some(token)).await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?.to_vec();
        if status != 200 {
            return Err(SimError::Status {
                what: "the authorized enrollment attempt".into(),
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
            });
        }
        Ok(body)
    }

    /// Step 5: the device that installs `profile` (checked for user
    /// enrollment) with a fresh `EnrollmentID`; call `enroll` on it.
    pub fn device(&self, profile: &[u8], token: &str) -> Result<Device, SimError> {
        let profile = Profile::parse_for_enrollment(
            profile,
            &self.facts.os_version,
            mdm_schema::Enrollment::User,
        )?;
        if profile.mdm.enrollment_mode.as_deref() != Some("BYOD") {
            return Err(SimError::Profile("EnrollmentMode is not BYOD".into()));
        }
        if profile.mdm.access_rights.is_some() {
            // iOS cancels a user enrollment whose profile asks for rights.
            return Err(SimError::Profile("AccessRights in a BYOD profile".into()));
        }
        let enrollment_id = uuid::Uuid::new_v4().to_string().to_uppercase();
        Ok(Device::new(self.facts.clone(), profile)
            .with_http_client(self.client.clone())
            .as_user_enrollment(UserEnrollment::new(enrollment_id, token.to_owned())))
    }

    /// Steps 1–5 end to end; `sign_in` completes the web sign-in at the
    /// URL it is given and returns the `308`'s Location (or the token).
    pub async fn run<F, Fut>(&self, sign_in: F) -> Result<Device, SimError>
    where
        F: FnOnce(String) -> Fut,
        Fut: std::future::Future<Output = Result<String, SimError>>,
    {
        let discovered = self.discover().await?;
        if discovered.version != "mdm-byod" {
            return Err(SimError::Profile(format!(
                "discovery offers {}, not user enrollment",
                discovered.version
            )));
        }
        let url = self.first_attempt(&discovered.base_url).await?;
        let result = sign_in(url).await?;
        let token = token_from_location(&result).unwrap_or(result);
        let profile = self
            .authorized_attempt(&discovered.base_url, &token)
            .await?;
        let mut device = self.device(&profile, &token)?;
        device.enroll().await?;
        Ok(device)
    }
}

/// The `url` of a `Bearer method="apple-as-web", url="…"` challenge.
pub fn web_sign_in_url(challenge: &str) -> Option<String> {
    let rest = challenge.trim().strip_prefix("Bearer")?;
    let mut method = None;
    let mut url = None;
    for part in rest.split(',') {
        let (name, value) = part.trim().split_once('=')?;
        let value = value.trim().trim_matches('"').to_owned();
        match name.trim() {
            "method" => method = Some(value),
            "url" => url = Some(value),
            _ => {}
        }
    }
    (method.as_deref() == Some("apple-as-web"))
        .then_some(url)
        .flatten()
}

/// The access token in `apple-remotemanagement-user-login://authentication-results?access-token=…`.
pub fn token_from_location(location: &str) -> Option<String> {
    let query = location
        .strip_prefix(AUTHENTICATION_RESULTS)?
        .strip_prefix('?')?;
    query.split('&').find_map(|pair| {
        pair.strip_prefix("access-token=")
            .filter(|token| !token.is_empty())
            .map(str::to_owned)
    })
}

/// A stand-in for the device's built-in identity (Apple's is not ours to
/// make): a new RSA key and a self-signed certificate.
fn built_in_identity() -> Result<Identity, SimError> {
    let key = crate::scep::generate_key(2048)?;
    let name = x509_cert::name::Name::from_str("CN=device-sim built-in identity")
        .map_err(|e| SimError::Identity(e.to_string()))?;
    let certificate = crate::scep::self_signed_certificate(&key, &name)?;
    Identity::new(key, certificate, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_challenge_and_the_result() {
        assert_eq!(
            web_sign_in_url(
                "Bearer method=\"apple-as-web\", url=\"https://portal.example/account-enrollment/sign-in\""
            )
            .as_deref(),
            Some("https://portal.example/account-enrollment/sign-in")
        );
        assert_eq!(
            web_sign_in_url("Bearer method=\"apple-oauth2\", url=\"x\""),
            None
        );
        assert_eq!(web_sign_in_url("Basic realm=\"x\""), None);
        assert_eq!(
            token_from_location(&format!("{AUTHENTICATION_RESULTS}?access-token=abc")).as_deref(),
            Some("abc")
        );
        assert_eq!(
            token_from_location("https://elsewhere/?access-token=abc"),
            None
        );
    }
}
