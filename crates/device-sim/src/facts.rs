//! What the device says about itself.

use std::path::{Path, PathBuf};

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::SimError;

/// iPhone or iPad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeviceKind {
    Iphone,
    Ipad,
}

impl std::str::FromStr for DeviceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "iphone" => Ok(DeviceKind::Iphone),
            "ipad" => Ok(DeviceKind::Ipad),
            other => Err(format!("unknown device kind {other:?} (iphone or ipad)")),
        }
    }
}

/// The iOS version a device plays unless told otherwise.
pub const DEFAULT_OS_VERSION: &str = "17.4";

/// The device's facts, as sent in `Authenticate` and `DeviceInformation`.
///
/// As JSON (the `--facts-file`), keys are these field names; a file may hold
/// only some of them (the rest keep their values) plus `"offline": true|false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceFacts {
    pub kind: DeviceKind,
    /// `ProductName`, the model identifier: `iPhone15,2`, `iPad13,4`.
    pub product_name: String,
    /// `Model`, the model number: `MQ0G3LL/A`.
    pub model: String,
    /// `ModelName`: `iPhone` or `iPad`.
    pub model_name: String,
    /// `OSVersion`: `17.4`.
    pub os_version: String,
    /// `BuildVersion`: `21E219`.
    pub build_version: String,
    /// `DeviceName`: `Alex's iPhone`.
    pub device_name: String,
    /// `SerialNumber`, 12 characters.
    pub serial_number: String,
    /// `UDID`: `00008120-001A2B3C4D5E6F7A` (modern form).
    pub udid: String,
    /// `IMEI`, on a device with cellular (every default iPhone, no default
    /// iPad): `35 209900 176148 1` without spaces. Its first 14 digits are
    /// the `MEID`.
    pub imei: Option<String>,
    /// `SecurityInfo.PasscodePresent`. Without one, `DeviceLock` still
    /// locks the screen; a lock message answers `NoPasscodeSet`.
    pub passcode_present: bool,
    /// Request types the device answers with `Error` (a simulated failure:
    /// "DeviceLock" makes a remote lock fail).
    #[serde(default)]
    pub refused_commands: Vec<String>,
}

impl DeviceFacts {
    /// Plausible facts of a current iPhone or iPad on iOS 17.4, with a random
    /// serial number, UDID and (iPhone) IMEI.
    pub fn new(kind: DeviceKind) -> DeviceFacts {
        let (product_name, model, model_name, device_name) = match kind {
            DeviceKind::Iphone => ("iPhone15,2", "MQ0G3LL/A", "iPhone", "iPhone"),
            DeviceKind::Ipad => ("iPad13,4", "MHQR3LL/A", "iPad", "iPad"),
        };
        DeviceFacts {
            kind,
            product_name: product_name.into(),
            model: model.into(),
            model_name: model_name.into(),
            os_version: DEFAULT_OS_VERSION.into(),
            build_version: "21E219".into(),
            device_name: device_name.into(),
            serial_number: random_serial(),
            udid: random_udid(),
            imei: (kind == DeviceKind::Iphone).then(random_imei),
            passcode_present: true,
            refused_commands: Vec::new(),
        }
    }

    /// Whether the device runs `version` or later (`"9.3.2"`).
    pub fn runs_at_least(&self, version: &str) -> bool {
        version_parts(&self.os_version) >= version_parts(version)
    }

    /// `MEID`: the first 14 digits of the IMEI, on a device with cellular.
    pub fn meid(&self) -> Option<String> {
        self.imei
            .as_deref()
            .filter(|imei| imei.len() >= 14)
            .map(|imei| imei[..14].to_owned())
    }

    /// Whether the device answers this request type with `Error`.
    pub fn refuses(&self, request_type: &str) -> bool {
        self.refused_commands.iter().any(|r| r == request_type)
    }

    /// A default iPhone.
    pub fn iphone() -> DeviceFacts {
        DeviceFacts::new(DeviceKind::Iphone)
    }

    /// A default iPad.
    pub fn ipad() -> DeviceFacts {
        DeviceFacts::new(DeviceKind::Ipad)
    }

    /// Safari's `User-Agent` on this device (an iPad's is the desktop one).
    pub fn safari_user_agent(&self) -> String {
        let v = &self.os_version;
        match self.kind {
            DeviceKind::Iphone => format!(
                "Mozilla/5.0 (iPhone; CPU iPhone OS {} like Mac OS X) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/{v} Mobile/15E148 Safari/604.1",
                v.replace('.', "_")
            ),
            DeviceKind::Ipad => format!(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 \
                 (KHTML, like Gecko) Version/{v} Safari/605.1.15"
            ),
        }
    }
}

/// `17.4` as `[17, 4, 0]`, so versions compare as numbers.
fn version_parts(version: &str) -> [u32; 3] {
    let mut parts = [0; 3];
    for (part, text) in parts.iter_mut().zip(version.trim().split('.')) {
        *part = text.parse().unwrap_or(0);
    }
    parts
}

/// Serial numbers use digits and capitals without vowels I and O.
pub fn random_serial() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The UDID form of devices since 2018: 8 hex digits (chip), dash, 16 hex digits.
pub fn random_udid() -> String {
    let mut rng = rand::thread_rng();
    format!("00008120-{:016X}", rng.gen::<u64>())
}

/// 15 digits, the last a Luhn check digit.
pub fn random_imei() -> String {
    let mut rng = rand::thread_rng();
    let mut digits: Vec<u32> = vec![3, 5];
    digits.extend((0..12).map(|_| rng.gen_range(0..10)));
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    digits.push((10 - sum % 10) % 10);
    digits
        .into_iter()
        .map(|d| char::from_digit(d, 10).unwrap())
        .collect()
}

/// A JSON file of facts re-read before every message, so a test or a person
/// can change the device while it runs (e.g. lower `os_version`, or set
/// `"offline": true`).
#[derive(Debug, Clone)]
pub struct FactsFile {
    pub path: PathBuf,
}

/// What a facts file said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FactsUpdate {
    pub offline: Option<bool>,
}

impl FactsFile {
    pub fn new(path: impl Into<PathBuf>) -> FactsFile {
        FactsFile { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes all the facts (and the offline flag) as pretty JSON.
    pub fn write(&self, facts: &DeviceFacts, offline: bool) -> Result<(), SimError> {
        let mut value = serde_json::to_value(facts).map_err(|e| SimError::Facts(e.to_string()))?;
        value["offline"] = serde_json::Value::Bool(offline);
        let text =
            serde_json::to_string_pretty(&value).map_err(|e| SimError::Facts(e.to_string()))?;
        std::fs::write(&self.path, text + "\n")?;
        Ok(())
    }

    /// Merges the file over `facts`. A missing file changes nothing.
    pub fn read_into(&self, facts: &mut DeviceFacts) -> Result<FactsUpdate, SimError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FactsUpdate::default()),
            Err(e) => return Err(e.into()),
        };
        let bad = |e: serde_json::Error| SimError::Facts(format!("{}: {e}", self.path.display()));
        let file: serde_json::Value = serde_json::from_str(&text).map_err(bad)?;
        let serde_json::Value::Object(file) = file else {
            return Err(SimError::Facts(format!(
                "{}: not a JSON object",
                self.path.display()
            )));
        };
        let mut merged = serde_json::to_value(&*facts).map_err(bad)?;
        let mut update = FactsUpdate::default();
        for (key, value) in file {
            if key == "offline" {
                update.offline = value.as_bool();
            } else {
                merged[key] = value;
            }
        }
        *facts = serde_json::from_value(merged).map_err(bad)?;
        Ok(update)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_per_kind() {
        let phone = DeviceFacts::iphone();
        assert_eq!(phone.model_name, "iPhone");
        assert!(phone.imei.as_ref().is_some_and(|i| i.len() == 15));
        assert_eq!(phone.serial_number.len(), 12);
        assert_eq!(phone.udid.len(), 25);
        let pad = DeviceFacts::ipad();
        assert_eq!(pad.model_name, "iPad");
        assert!(pad.imei.is_none());
        assert_ne!(DeviceFacts::iphone().udid, phone.udid);
        assert!(pad.safari_user_agent().contains("Macintosh"));
        assert!(phone.safari_user_agent().contains("iPhone OS 17_4"));
        assert_eq!(phone.meid().map(|m| m.len()), Some(14));
        assert_eq!(pad.meid(), None);
    }

    #[test]
    fn versions_compare_as_numbers() {
        let facts = DeviceFacts::iphone();
        for older in ["4.0", "9.3.2", "16.1", "17.4", "17.4.0"] {
            assert!(facts.runs_at_least(older), "{older}");
        }
        for newer in ["17.4.1", "17.10", "18.0"] {
            assert!(!facts.runs_at_least(newer), "{newer}");
        }
    }

    #[test]
    fn facts_file_merges_partial_json() {
        let dir = std::env::temp_dir().join(format!("device-sim-facts-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = FactsFile::new(dir.join("facts.json"));
        let mut facts = DeviceFacts::iphone();
        assert_eq!(file.read_into(&mut facts).unwrap(), FactsUpdate::default());
        file.write(&facts, false).unwrap();
        let mut again = facts.clone();
        assert_eq!(file.read_into(&mut again).unwrap().offline, Some(false));
        assert_eq!(again, facts);
        std::fs::write(file.path(), r#"{"os_version": "16.1", "offline": true}"#).unwrap();
        let update = file.read_into(&mut again).unwrap();
        assert_eq!(update.offline, Some(true));
        assert_eq!(again.os_version, "16.1");
        assert_eq!(again.udid, facts.udid);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
