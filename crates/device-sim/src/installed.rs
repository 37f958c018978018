//! Configuration profiles the server installs with `InstallProfile`, as the
//! device keeps them: parsed, checked the way iOS checks them (a signature
//! that verifies, Apple's schema, and for the payloads the simulator knows
//! what the schema cannot say: a web clip's URL is http(s)), and listed so
//! tests and the CLI can see what the server put on the device.

use plist::{Dictionary, Value};

use crate::profile::profile_plist;
use crate::profile_signature::ProfileSignature;
use crate::{conformance, SimError, DEFAULT_OS_VERSION};

/// `PayloadType` of a web clip installed by MDM.
pub const WEB_CLIP_PAYLOAD_TYPE: &str = "com.apple.webClip.managed";

/// One installed configuration profile.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalledProfile {
    /// The top-level `PayloadIdentifier`: installing another profile with
    /// the same one replaces it, and `RemoveProfile` names it.
    pub identifier: String,
    pub uuid: Option<String>,
    pub display_name: Option<String>,
    pub payloads: Vec<InstalledPayload>,
    /// The subject of the certificate that signed it; `None`: unsigned.
    pub signer: Option<String>,
}

/// One payload of an installed profile.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalledPayload {
    pub payload_type: String,
    pub identifier: Option<String>,
    /// The whole payload dictionary, for the keys of its type.
    pub content: Dictionary,
}

impl InstalledProfile {
    /// Reads the `Payload` of an `InstallProfile` command as a device on the
    /// default iOS version would: see [`InstalledProfile::parse_for`].
    pub fn parse(bytes: &[u8]) -> Result<InstalledProfile, SimError> {
        InstalledProfile::parse_for(bytes, DEFAULT_OS_VERSION)
    }

    /// Reads the `Payload` of an `InstallProfile` command as a device on iOS
    /// `os_version` would: a profile plist, or one wrapped in a CMS
    /// signature that must verify, meeting Apple's schema.
    pub fn parse_for(bytes: &[u8], os_version: &str) -> Result<InstalledProfile, SimError> {
        let (plist_bytes, signature) = profile_plist(bytes)?;
        let value: Value = plist::from_bytes(&plist_bytes)
            .map_err(|e| SimError::Profile(format!("not a profile plist: {e}")))?;
        conformance::installable_profile(&conformance::context(os_version), &value)?;
        let top = value
            .into_dictionary()
            .ok_or_else(|| SimError::Profile("not a profile plist: not a dictionary".into()))?;
        let text = |dict: &Dictionary, key: &str| {
            dict.get(key).and_then(Value::as_string).map(str::to_owned)
        };
        if text(&top, "PayloadType").as_deref() != Some("Configuration") {
            return Err(SimError::Profile(
                "the top-level PayloadType is not Configuration".into(),
            ));
        }
        let identifier = text(&top, "PayloadIdentifier")
            .ok_or_else(|| SimError::Profile("no PayloadIdentifier".into()))?;
        let content = top
            .get("PayloadContent")
            .and_then(Value::as_array)
            .ok_or_else(|| SimError::Profile("no PayloadContent array".into()))?;
        let payloads = content
            .iter()
            .map(|payload| {
                let dict = payload
                    .as_dictionary()
                    .ok_or_else(|| SimError::Profile("a payload is not a dictionary".into()))?;
                let payload = InstalledPayload {
                    payload_type: text(dict, "PayloadType")
                        .ok_or_else(|| SimError::Profile("a payload without PayloadType".into()))?,
                    identifier: text(dict, "PayloadIdentifier"),
                    content: dict.clone(),
                };
                payload.check()?;
                Ok(payload)
            })
            .collect::<Result<Vec<_>, SimError>>()?;
        Ok(InstalledProfile {
            identifier,
            uuid: text(&top, "PayloadUUID"),
            display_name: text(&top, "PayloadDisplayName"),
            payloads,
            signer: signature.as_ref().map(ProfileSignature::signer_subject),
        })
    }

    /// The payloads of one `PayloadType`.
    pub fn payloads_of_type<'a>(
        &'a self,
        payload_type: &'a str,
    ) -> impl Iterator<Item = &'a InstalledPayload> + 'a {
        self.payloads
            .iter()
            .filter(move |payload| payload.payload_type == payload_type)
    }
}

impl InstalledPayload {
    pub fn string(&self, key: &str) -> Option<&str> {
        self.content.get(key).and_then(Value::as_string)
    }

    pub fn boolean(&self, key: &str) -> Option<bool> {
        self.content.get(key).and_then(Value::as_boolean)
    }

    pub fn data(&self, key: &str) -> Option<&[u8]> {
        self.content.get(key).and_then(Value::as_data)
    }

    /// What iOS refuses to install beyond Apple's schema, for the payload
    /// types the simulator knows; others are taken as they are.
    fn check(&self) -> Result<(), SimError> {
        if self.payload_type == WEB_CLIP_PAYLOAD_TYPE {
            let url = self
                .string("URL")
                .ok_or_else(|| SimError::Profile("the web clip has no URL".into()))?;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(SimError::Profile(format!(
                    "the web clip's URL {url:?} is not http(s)"
                )));
            }
            if self.string("Label").is_none_or(str::is_empty) {
                return Err(SimError::Profile("the web clip has no Label".into()));
            }
        }
        Ok(())
    }

    /// One line for the log: the type and the keys that matter for it,
    /// e.g. `com.apple.webClip.managed URL=https://… Label=Contoso
    /// FullScreen=true IsRemovable=true Icon=1188 bytes`.
    pub fn summary(&self) -> String {
        let mut line = self.payload_type.clone();
        if self.payload_type == WEB_CLIP_PAYLOAD_TYPE {
            for key in ["URL", "Label"] {
                if let Some(value) = self.string(key) {
                    line.push_str(&format!(" {key}={value}"));
                }
            }
            for key in ["FullScreen", "IsRemovable", "IgnoreManifestScope"] {
                if let Some(value) = self.boolean(key) {
                    line.push_str(&format!(" {key}={value}"));
                }
            }
            match self.data("Icon") {
                Some(icon) => line.push_str(&format!(" Icon={} bytes", icon.len())),
                None => line.push_str(" Icon=none"),
            }
        } else if let Some(identifier) = &self.identifier {
            line.push_str(&format!(" {identifier}"));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile_with(payload: Dictionary) -> Vec<u8> {
        let mut top = Dictionary::new();
        top.insert("PayloadType".into(), "Configuration".into());
        top.insert("PayloadIdentifier".into(), "com.example.webclip".into());
        top.insert("PayloadUUID".into(), "A-B".into());
        top.insert("PayloadVersion".into(), Value::Integer(1.into()));
        top.insert(
            "PayloadContent".into(),
            Value::Array(vec![Value::Dictionary(payload)]),
        );
        crate::messages::to_xml(top)
    }

    fn web_clip() -> Dictionary {
        let mut clip = Dictionary::new();
        clip.insert("PayloadType".into(), WEB_CLIP_PAYLOAD_TYPE.into());
        clip.insert(
            "PayloadIdentifier".into(),
            "com.example.webclip.payload".into(),
        );
        clip.insert("PayloadUUID".into(), "C-D".into());
        clip.insert("PayloadVersion".into(), Value::Integer(1.into()));
        clip.insert("URL".into(), "https://portal.example/devices".into());
        clip.insert("Label".into(), "Example".into());
        clip.insert("FullScreen".into(), Value::Boolean(true));
        clip.insert("Icon".into(), Value::Data(vec![1, 2, 3]));
        clip
    }

    #[test]
    fn reads_a_web_clip_profile() {
        let installed = InstalledProfile::parse(&profile_with(web_clip())).unwrap();
        assert_eq!(installed.identifier, "com.example.webclip");
        assert_eq!(installed.signer, None);
        let clip = installed
            .payloads_of_type(WEB_CLIP_PAYLOAD_TYPE)
            .next()
            .unwrap();
        assert_eq!(clip.string("Label"), Some("Example"));
        assert_eq!(
            clip.summary(),
            "com.apple.webClip.managed URL=https://portal.example/devices Label=Example \
             FullScreen=true Icon=3 bytes"
        );
    }

    #[test]
    fn refuses_what_ios_refuses() {
        let mut no_url = web_clip();
        no_url.remove("URL");
        let mut ftp = web_clip();
        ftp.insert("URL".into(), "ftp://portal.example".into());
        let mut no_label = web_clip();
        no_label.insert("Label".into(), "".into());
        // A missing URL breaks Apple's schema; an FTP URL and an empty
        // label are what the schema cannot say.
        let refused = InstalledProfile::parse(&profile_with(no_url));
        assert!(
            matches!(&refused, Err(SimError::ProfileSchema(v)) if v.at("PayloadContent[0].URL").is_some()),
            "{refused:?}"
        );
        for payload in [ftp, no_label] {
            let refused = InstalledProfile::parse(&profile_with(payload));
            assert!(matches!(refused, Err(SimError::Profile(_))), "{refused:?}");
        }
        assert!(InstalledProfile::parse(b"<plist><string>x</string></plist>").is_err());
        assert!(InstalledProfile::parse(b"not a profile").is_err());
    }
}
