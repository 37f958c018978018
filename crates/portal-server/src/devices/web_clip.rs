//! The managed web clip: when the organization turns it on
//! ([`portal_api::Organization::managed_web_clip`]), a device that has just
//! enrolled gets an `InstallProfile` command whose configuration profile
//! holds one `com.apple.webClip.managed` payload. iOS then puts the portal
//! on the Home Screen, opening full screen at **My devices**, so people find
//! it again without adding it from Safari's share menu.
//!
//! The command rides the ordinary queue as one of the portal's own (no user
//! action): its answer is recorded and logged, never shown as a user's
//! action (see `devices::commands`).

use std::path::Path;

use plist::{Dictionary, Value};
use portal_api::DeviceId;

use crate::clock::Timestamp;
use crate::config::PublicUrl;
use crate::devices::commands;
use crate::enrollment::profile::identifier_prefix;
use crate::error::AppError;
use crate::storage::{QueueOutcome, StorageError, UserId};
use crate::AppState;

/// `PayloadType` of a web clip installed by MDM.
pub const WEB_CLIP_PAYLOAD_TYPE: &str = "com.apple.webClip.managed";
/// The Home Screen icon in the SPA's build output (180×180 PNG).
pub const ICON_FILE: &str = "apple-touch-icon.png";
/// Where the web clip opens.
pub const START_PATH: &str = "/devices";
/// Apple asks for icons under 1 MB; a bigger file is a mistake in the build.
const MAX_ICON_BYTES: u64 = 1024 * 1024;
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Why the web clip could not be queued. The enrollment stands either way.
#[derive(Debug, thiserror::Error)]
pub enum WebClipError {
    #[error("writing the web clip profile: {0}")]
    Profile(#[from] plist::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    App(#[from] AppError),
}

/// What the web clip shows and opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebClip {
    /// The portal's public URL + [`START_PATH`].
    pub url: String,
    /// The name under the icon: the organization's.
    pub label: String,
    /// PNG bytes; `None`: iOS shows a plain square.
    pub icon: Option<Vec<u8>>,
}

impl WebClip {
    pub fn new(public_url: &PublicUrl, organization: &str, icon: Option<Vec<u8>>) -> Self {
        Self {
            url: format!("{}{START_PATH}", public_url.origin()),
            label: organization.to_owned(),
            icon,
        }
    }
}

/// The profile's `PayloadIdentifier`, e.g. `example.contoso.portal.webclip`.
/// The same on every device and every install, so installing it again
/// replaces the earlier one instead of adding a second icon.
pub fn profile_identifier(public_url: &PublicUrl) -> String {
    format!("{}.webclip", identifier_prefix(public_url))
}

/// The configuration profile as an XML property list.
pub fn build_profile(public_url: &PublicUrl, clip: &WebClip) -> Result<Vec<u8>, plist::Error> {
    let identifier = profile_identifier(public_url);
    let name = format!("{} Company Portal", clip.label);

    let mut payload = Dictionary::new();
    payload.insert("PayloadType".into(), WEB_CLIP_PAYLOAD_TYPE.into());
    payload.insert("PayloadVersion".into(), Value::Integer(1.into()));
    payload.insert(
        "PayloadIdentifier".into(),
        format!("{identifier}.payload").into(),
    );
    payload.insert("PayloadUUID".into(), new_uuid().into());
    payload.insert("PayloadDisplayName".into(), name.clone().into());
    payload.insert("URL".into(), clip.url.clone().into());
    payload.insert("Label".into(), clip.label.clone().into());
    // A web app without Safari's bars, like an installed app.
    payload.insert("FullScreen".into(), Value::Boolean(true));
    // People may tidy it away; enrolling again brings it back.
    payload.insert("IsRemovable".into(), Value::Boolean(true));
    // Links to other sites (the privacy statement, the help desk's site)
    // show Safari's bars, so people can tell they left the portal.
    payload.insert("IgnoreManifestScope".into(), Value::Boolean(false));
    if let Some(icon) = &clip.icon {
        payload.insert("Icon".into(), Value::Data(icon.clone()));
    }

    let mut profile = Dictionary::new();
    profile.insert("PayloadType".into(), "Configuration".into());
    profile.insert("PayloadVersion".into(), Value::Integer(1.into()));
    profile.insert("PayloadIdentifier".into(), identifier.into());
    profile.insert("PayloadUUID".into(), new_uuid().into());
    profile.insert("PayloadDisplayName".into(), name.into());
    profile.insert("PayloadOrganization".into(), clip.label.clone().into());
    profile.insert(
        "PayloadDescription".into(),
        format!("Adds {}'s Company Portal to the Home Screen.", clip.label).into(),
    );
    profile.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(payload)]),
    );

    let mut xml = Vec::new();
    plist::to_writer_xml(&mut xml, &Value::Dictionary(profile))?;
    Ok(xml)
}

/// The Home Screen icon from the SPA's build, if there is a usable one. A
/// missing or unusable file leaves the icon out rather than stopping the
/// web clip.
pub async fn read_icon(static_dir: &Path) -> Option<Vec<u8>> {
    let path = static_dir.join(ICON_FILE);
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            tracing::debug!(path = %path.display(), "no web clip icon; the web clip has none");
            return None;
        }
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "cannot read the web clip icon");
            return None;
        }
    };
    if !bytes.starts_with(PNG_SIGNATURE) {
        tracing::warn!(path = %path.display(), "the web clip icon is not a PNG; left out");
        return None;
    }
    if u64::try_from(bytes.len()).map_or(true, |len| len > MAX_ICON_BYTES) {
        tracing::warn!(path = %path.display(), bytes = bytes.len(),
            "the web clip icon is over 1 MB; left out");
        return None;
    }
    Some(bytes)
}

/// Queues the web clip for a device that has just enrolled, when its
/// organization turned the web clip on. Returns whether it was queued.
pub async fn install_after_enrollment(
    state: &AppState,
    user_id: UserId,
    device_id: &DeviceId,
    now: Timestamp,
) -> Result<bool, WebClipError> {
    let settings = crate::enrollment::settings_of_user(state, user_id).await?;
    if !settings.managed_web_clip {
        return Ok(false);
    }
    let public_url = &state.config.public_url;
    let icon = read_icon(&state.config.static_dir).await;
    let clip = WebClip::new(public_url, &settings.organization_name, icon);
    let command = commands::install_profile(build_profile(public_url, &clip)?)?;
    let outcome = state
        .storage
        .queue_command(user_id, device_id, &command, now)
        .await?;
    let queued = outcome == QueueOutcome::Queued;
    if queued {
        state.pusher.wake(device_id);
        tracing::info!(device = %device_id.0, command = %command.command_uuid,
            with_icon = clip.icon.is_some(), "managed web clip queued");
    } else {
        tracing::warn!(device = %device_id.0, ?outcome, "managed web clip not queued");
    }
    Ok(queued)
}

/// Upper-case, as Apple's own profiles write UUIDs.
fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> PublicUrl {
        PublicUrl::parse("https://portal.contoso.example").unwrap()
    }

    fn web_clip_payload(profile: &Dictionary) -> &Dictionary {
        let content = profile["PayloadContent"].as_array().unwrap();
        assert_eq!(content.len(), 1);
        content[0].as_dictionary().unwrap()
    }

    #[test]
    fn the_profile_holds_one_full_screen_web_clip_of_the_portal() {
        let clip = WebClip::new(&url(), "Contoso", Some(b"\x89PNG\r\n\x1a\nicon".to_vec()));
        assert_eq!(clip.url, "https://portal.contoso.example/devices");
        let xml = build_profile(&url(), &clip).unwrap();
        let profile: Dictionary = plist::from_bytes(&xml).unwrap();
        assert_eq!(profile["PayloadType"].as_string(), Some("Configuration"));
        assert_eq!(
            profile["PayloadIdentifier"].as_string(),
            Some("example.contoso.portal.webclip")
        );
        let payload = web_clip_payload(&profile);
        assert_eq!(
            payload["PayloadType"].as_string(),
            Some(WEB_CLIP_PAYLOAD_TYPE)
        );
        assert_eq!(
            payload["URL"].as_string(),
            Some("https://portal.contoso.example/devices")
        );
        assert_eq!(payload["Label"].as_string(), Some("Contoso"));
        assert_eq!(payload["FullScreen"].as_boolean(), Some(true));
        assert_eq!(payload["IsRemovable"].as_boolean(), Some(true));
        assert_eq!(
            payload["Icon"].as_data(),
            Some(&b"\x89PNG\r\n\x1a\nicon"[..])
        );
        // Every payload carries Apple's common keys.
        for key in ["PayloadVersion", "PayloadIdentifier", "PayloadUUID"] {
            assert!(payload.contains_key(key), "{key}");
        }
    }

    #[test]
    fn without_an_icon_the_key_is_left_out() {
        let clip = WebClip::new(&url(), "Contoso", None);
        let profile: Dictionary =
            plist::from_bytes(&build_profile(&url(), &clip).unwrap()).unwrap();
        assert!(!web_clip_payload(&profile).contains_key("Icon"));
    }

    #[tokio::test]
    async fn only_a_png_icon_is_used() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_icon(dir.path()).await, None);
        std::fs::write(dir.path().join(ICON_FILE), b"<svg/>").unwrap();
        assert_eq!(read_icon(dir.path()).await, None);
        std::fs::write(dir.path().join(ICON_FILE), b"\x89PNG\r\n\x1a\nrest").unwrap();
        assert_eq!(
            read_icon(dir.path()).await.as_deref(),
            Some(&b"\x89PNG\r\n\x1a\nrest"[..])
        );
    }
}
