//! Account-driven enrollment as an iPhone plays it after the person types
//! their work account in Settings › General › VPN & Device Management ›
//! Sign In to Work or School Account: user enrollment (`mdm-byod`, iOS 15+)
//! or device enrollment (`mdm-adde`, iOS 17+), whichever discovery offers
//! and the device's iOS version supports.
//!
//! 1. [`AccountEnrollment::discover`]: `GET <domain>/.well-known/com.apple.remotemanagement`;
//!    the device picks the server whose version it supports ([`EnrollmentMode`]);
//! 2. [`AccountEnrollment::first_attempt`]: `POST` the signed MachineInfo
//!    to the BaseURL (without `UDID` and `SERIAL` under user enrollment,
//!    with them under device enrollment); the server answers 401 with the
//!    `apple-as-web` challenge, whose URL (plus `user-identifier`) is the
//!    web sign-in;
//! 3. a person (or a test) completes the sign-in and hands over the access
//!    token from the `308` Location ([`token_from_location`]);
//! 4. [`AccountEnrollment::authorized_attempt`]: the same `POST` with the
//!    token returns the enrollment profile;
//! 5. [`AccountEnrollment::device`]: the device that installs it (SCEP,
//!    `Authenticate`/`TokenUpdate`, every request with the token): keyed by
//!    `EnrollmentID` under user enrollment, by its UDID under device
//!    enrollment, each checked against Apple's schema for that enrollment.

use std::str::FromStr;

use plist::{Dictionary, Value};
use serde::Deserialize;

use crate::{AccessToken, Device, DeviceFacts, Identity, Profile, SimError};

/// Where the web sign-in hands the token to the device.
pub const AUTHENTICATION_RESULTS: &str =
    "apple-remotemanagement-user-login://authentication-results";
const WELL_KNOWN: &str = "/.well-known/com.apple.remotemanagement";

/// The two account-driven enrollments, as the profile's `EnrollmentMode`
/// names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrollmentMode {
    /// Account-driven user enrollment: discovery `mdm-byod`, iOS 15+.
    Byod,
    /// Account-driven device enrollment: discovery `mdm-adde`, iOS 17+.
    Adde,
}

impl EnrollmentMode {
    /// The mode of a discovery `Version`, if it is one.
    pub fn from_version(version: &str) -> Option<EnrollmentMode> {
        match version {
            "mdm-byod" => Some(EnrollmentMode::Byod),
            "mdm-adde" => Some(EnrollmentMode::Adde),
            _ => None,
        }
    }

    /// The discovery `Version`.
    pub fn version(self) -> &'static str {
        match self {
            EnrollmentMode::Byod => "mdm-byod",
            EnrollmentMode::Adde => "mdm-adde",
        }
    }

    /// The profile's `EnrollmentMode`.
    pub fn profile_value(self) -> &'static str {
        match self {
            EnrollmentMode::Byod => "BYOD",
            EnrollmentMode::Adde => "ADDE",
        }
    }

    /// The first iOS version that supports it.
    pub fn introduced(self) -> &'static str {
        match self {
            EnrollmentMode::Byod => "15.0",
            EnrollmentMode::Adde => "17.0",
        }
    }

    /// The enrollment Apple's schema checks its messages for.
    pub fn enrollment(self) -> mdm_schema::Enrollment {
        match self {
            EnrollmentMode::Byod => mdm_schema::Enrollment::User,
            EnrollmentMode::Adde => mdm_schema::Enrollment::Device,
        }
    }
}

impl std::fmt::Display for EnrollmentMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EnrollmentMode::Byod => "account-driven user enrollment",
            EnrollmentMode::Adde => "account-driven device enrollment",
        })
    }
}

/// The discovery answer's server the device enrolls with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Discovered {
    /// `mdm-byod` (user enrollment) or `mdm-adde` (device enrollment).
    #[serde(rename = "Version")]
    pub version: String,
    #[serde(rename = "BaseURL")]
    pub base_url: String,
}

impl Discovered {
    /// Its mode (discovery only picks servers with a known version).
    pub fn mode(&self) -> Option<EnrollmentMode> {
        EnrollmentMode::from_version(&self.version)
    }
}

#[derive(Deserialize)]
struct Servers {
    #[serde(rename = "Servers")]
    servers: Vec<Discovered>,
}

/// One account-driven enrollment in progress.
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

    /// Whether the device's iOS version supports `mode`.
    pub fn supports(&self, mode: EnrollmentMode) -> bool {
        self.facts.runs_at_least(mode.introduced())
    }

    /// Step 1: where to enroll, and how. An error answer stops the
    /// enrollment, as on the device; so does an answer offering only what
    /// this iOS version doesn't support ([`SimError::Unsupported`]: Apple's
    /// client "selects the server with the most recent version that matches
    /// its own most recent supported version").
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
        if servers.servers.is_empty() {
            return Err(SimError::Profile("discovery names no server".into()));
        }
        let offered: Vec<String> = servers
            .servers
            .iter()
            .map(|server| server.version.clone())
            .collect();
        // Device enrollment first: of the two, the newer version.
        let mut usable: Vec<Discovered> = servers
            .servers
            .into_iter()
            .filter(|server| server.mode().is_some_and(|mode| self.supports(mode)))
            .collect();
        usable.sort_by_key(|server| server.mode() != Some(EnrollmentMode::Adde));
        usable.into_iter().next().ok_or_else(|| {
            SimError::Unsupported(format!(
                "discovery offers {} and iOS {} supports none of it (mdm-byod needs iOS 15, \
                 mdm-adde iOS 17)",
                offered.join(", "),
                self.facts.os_version
            ))
        })
    }

    /// The MachineInfo the device signs, checked against Apple's schema: under user enrollment no UDID, no
    /// serial number; under device enrollment both (and IMEI, MEID on an
    /// iPhone). `OS_VERSION` from iOS 17, as Apple's schema says.
    pub fn machine_info_plist(&self, mode: EnrollmentMode) -> Result<Dictionary, SimError> {
        let mut info = Dictionary::new();
        info.insert("LANGUAGE".into(), "en-US".into());
        info.insert("PRODUCT".into(), self.facts.product_name.clone().into());
        info.insert("VERSION".into(), self.facts.build_version.clone().into());
        if self.facts.runs_at_least("17.0") {
            info.insert("OS_VERSION".into(), self.facts.os_version.clone().into());
        }
        if mode == EnrollmentMode::Adde {
            info.insert("UDID".into(), self.facts.udid.clone().into());
            info.insert("SERIAL".into(), self.facts.serial_number.clone().into());
            if let Some(imei) = &self.facts.imei {
                info.insert("IMEI".into(), imei.clone().into());
            }
            if let Some(meid) = self.facts.meid() {
                info.insert("MEID".into(), meid.into());
            }
        }
        let context =
            mdm_schema::Context::ios(&self.facts.os_version).with_enrollment(mode.enrollment());
        mdm_schema::check_machine_info(&context, &info).map_err(SimError::NotWhatIosSends)?;
        Ok(info)
    }

    /// [`AccountEnrollment::machine_info_plist`] as the device sends it:
    /// signed by its built-in identity (a CMS signature with the plist
    /// attached).
    pub fn machine_info(&self, mode: EnrollmentMode) -> Result<Vec<u8>, SimError> {
        let info = self.machine_info_plist(mode)?;
        let mut xml = Vec::new();
        plist::to_writer_xml(&mut xml, &Value::Dictionary(info))
            .map_err(|e| SimError::Plist(e.to_string()))?;
        crate::signing::sign_attached_der(&self.built_in, &xml)
    }

    async fn post(
        &self,
        base_url: &str,
        mode: EnrollmentMode,
        token: Option<&str>,
    ) -> Result<reqwest::Response, SimError> {
        let mut request = self
            .client
            .post(base_url)
            .header(reqwest::header::CONTENT_TYPE, "application/pkcs7-signature")
            .body(self.machine_info(mode)?);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Ok(request.send().await?)
    }

    /// Step 2: the unauthorized `POST`; returns the web sign-in URL the
    /// device opens (the challenge's `url` plus `user-identifier`).
    pub async fn first_attempt(
        &self,
        base_url: &str,
        mode: EnrollmentMode,
    ) -> Result<String, SimError> {
        let response = self.post(base_url, mode, None).await?;
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
        mode: EnrollmentMode,
        token: &str,
    ) -> Result<Vec<u8>, SimError> {
        let response = self.post(base_url, mode, Some(token)).await?;
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

    /// Step 5: the device that installs `profile` (checked against the
    /// schema for `mode`'s enrollment, its `EnrollmentMode` that mode's) and
    /// sends `token` with every request: with a fresh `EnrollmentID` under
    /// user enrollment. Call `enroll` on it.
    pub fn device(
        &self,
        profile: &[u8],
        token: &str,
        mode: EnrollmentMode,
    ) -> Result<Device, SimError> {
        let profile =
            Profile::parse_for_enrollment(profile, &self.facts.os_version, mode.enrollment())?;
        if profile.mdm.enrollment_mode.as_deref() != Some(mode.profile_value()) {
            return Err(SimError::Profile(format!(
                "EnrollmentMode is {:?}, not {}",
                profile.mdm.enrollment_mode,
                mode.profile_value()
            )));
        }
        match mode {
            // iOS cancels a user enrollment whose profile asks for rights.
            EnrollmentMode::Byod if profile.mdm.access_rights.is_some() => {
                return Err(SimError::Profile("AccessRights in a BYOD profile".into()));
            }
            EnrollmentMode::Adde if profile.mdm.managed_apple_id.is_some() => {
                return Err(SimError::Profile(
                    "ManagedAppleID (profile-based user enrollment) in an ADDE profile".into(),
                ));
            }
            _ => {}
        }
        Ok(Device::new(self.facts.clone(), profile)
            .with_http_client(self.client.clone())
            .with_access_token(AccessToken::new(token.to_owned())))
    }

    /// Steps 1–5 end to end, in the mode discovery offers; `sign_in`
    /// completes the web sign-in at the URL it is given and returns the
    /// `308`'s Location (or the token).
    pub async fn run<F, Fut>(&self, sign_in: F) -> Result<(Device, EnrollmentMode), SimError>
    where
        F: FnOnce(String) -> Fut,
        Fut: std::future::Future<Output = Result<String, SimError>>,
    {
        let discovered = self.discover().await?;
        let mode = discovered
            .mode()
            .ok_or_else(|| SimError::Profile(format!("unknown version {}", discovered.version)))?;
        let url = self.first_attempt(&discovered.base_url, mode).await?;
        let result = sign_in(url).await?;
        let token = token_from_location(&result).unwrap_or(result);
        let profile = self
            .authorized_attempt(&discovered.base_url, mode, &token)
            .await?;
        let mut device = self.device(&profile, &token, mode)?;
        device.enroll().await?;
        Ok((device, mode))
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

    #[test]
    fn modes_follow_discovery_and_apple() {
        assert_eq!(
            EnrollmentMode::from_version("mdm-adde"),
            Some(EnrollmentMode::Adde)
        );
        assert_eq!(
            EnrollmentMode::from_version("mdm-byod").map(EnrollmentMode::version),
            Some("mdm-byod")
        );
        assert_eq!(EnrollmentMode::from_version("mdm"), None);
        assert_eq!(EnrollmentMode::Adde.profile_value(), "ADDE");
        let on = |version: &str| {
            let mut facts = DeviceFacts::iphone();
            facts.os_version = version.into();
            AccountEnrollment::new(
                reqwest::Client::new(),
                "https://x.example",
                "a@x.example",
                facts,
            )
            .unwrap()
        };
        assert!(!on("16.7").supports(EnrollmentMode::Adde));
        assert!(on("16.7").supports(EnrollmentMode::Byod));
        assert!(!on("14.8").supports(EnrollmentMode::Byod));
        assert!(on("17.0").supports(EnrollmentMode::Adde));
    }

    #[test]
    fn machine_info_names_the_device_only_under_device_enrollment() {
        let read = |enrollment: &AccountEnrollment, mode| {
            assert!(!enrollment.machine_info(mode).unwrap().is_empty());
            enrollment.machine_info_plist(mode).unwrap()
        };
        let mut facts = DeviceFacts::iphone();
        facts.os_version = "17.4".into();
        let enrollment = AccountEnrollment::new(
            reqwest::Client::new(),
            "https://x.example",
            "a@x.example",
            facts,
        )
        .unwrap();
        let byod = read(&enrollment, EnrollmentMode::Byod);
        assert!(!byod.contains_key("UDID") && !byod.contains_key("SERIAL"));
        let adde = read(&enrollment, EnrollmentMode::Adde);
        assert!(adde.contains_key("UDID") && adde.contains_key("SERIAL"));
        assert_eq!(adde["OS_VERSION"].as_string(), Some("17.4"));
        // OS_VERSION came with iOS 17.
        let mut facts = DeviceFacts::iphone();
        facts.os_version = "16.7".into();
        let older = AccountEnrollment::new(
            reqwest::Client::new(),
            "https://x.example",
            "a@x.example",
            facts,
        )
        .unwrap();
        assert!(!read(&older, EnrollmentMode::Byod).contains_key("OS_VERSION"));
    }
}
