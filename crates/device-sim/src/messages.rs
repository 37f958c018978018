//! The plists the device sends and the commands it reads: exactly the keys
//! iOS sends on a device enrollment, for the iOS version the device plays
//! (Apple's schema, `mdm/checkin/*.yaml` and `mdm/commands/*.yaml`: a key
//! `introduced: n/a` for iOS is never sent by an iPhone or iPad).

use plist::{Dictionary, Value};

use crate::{DeviceFacts, SimError};

/// Serializes a dictionary as an XML plist.
pub fn to_xml(dict: Dictionary) -> Vec<u8> {
    let mut out = Vec::new();
    Value::Dictionary(dict)
        .to_writer_xml(&mut out)
        .expect("writing a plist to memory cannot fail");
    out
}

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

/// `Authenticate` as iOS sends it: MessageType, Topic, UDID, and, from iOS
/// 9 on (they need the Device Information right, which `access_rights`
/// must grant), OSVersion, BuildVersion, ProductName, SerialNumber, and
/// IMEI and MEID on a device with cellular. Never DeviceName, Model or
/// ModelName (`introduced: n/a` on iOS).
pub fn authenticate(topic: &str, facts: &DeviceFacts, access_rights: u64) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("MessageType".into(), s("Authenticate"));
    d.insert("Topic".into(), s(topic));
    d.insert("UDID".into(), s(&facts.udid));
    if facts.runs_at_least("9.0") && access_rights & ALLOW_QUERY_DEVICE_INFORMATION != 0 {
        d.insert("OSVersion".into(), s(&facts.os_version));
        d.insert("BuildVersion".into(), s(&facts.build_version));
        d.insert("ProductName".into(), s(&facts.product_name));
        d.insert("SerialNumber".into(), s(&facts.serial_number));
        if let Some(imei) = &facts.imei {
            d.insert("IMEI".into(), s(imei));
        }
        if let Some(meid) = facts.meid() {
            d.insert("MEID".into(), s(&meid));
        }
    }
    d
}

/// `AccessRights` bit 4: device lock and passcode removal (sends
/// `UnlockToken`).
pub const ALLOW_PASSCODE_REMOVAL_AND_LOCK: u64 = 4;
/// `AccessRights` bit 16: query device information.
pub const ALLOW_QUERY_DEVICE_INFORMATION: u64 = 16;
/// `AccessRights` bit 1024: query security information.
pub const ALLOW_QUERY_SECURITY: u64 = 1024;
/// What a profile without `AccessRights` grants: everything (8191).
pub const ALL_ACCESS_RIGHTS: u64 = 8191;

/// `TokenUpdate` as iOS sends it on the device channel: MessageType, Topic,
/// UDID, Token, PushMagic, and UnlockToken when the profile grants the
/// lock and passcode removal right.
pub fn token_update(
    topic: &str,
    udid: &str,
    token: &[u8],
    push_magic: &str,
    unlock_token: Option<&[u8]>,
) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("MessageType".into(), s("TokenUpdate"));
    d.insert("Topic".into(), s(topic));
    d.insert("UDID".into(), s(udid));
    d.insert("Token".into(), Value::Data(token.to_vec()));
    d.insert("PushMagic".into(), s(push_magic));
    if let Some(unlock_token) = unlock_token {
        d.insert("UnlockToken".into(), Value::Data(unlock_token.to_vec()));
    }
    d
}

/// `CheckOut`: MessageType, Topic, UDID.
pub fn check_out(topic: &str, udid: &str) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("MessageType".into(), s("CheckOut"));
    d.insert("Topic".into(), s(topic));
    d.insert("UDID".into(), s(udid));
    d
}

/// `{Status: Idle, UDID}`.
pub fn idle(udid: &str) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("Status".into(), s("Idle"));
    d.insert("UDID".into(), s(udid));
    d
}

/// A command result: `{Status, CommandUUID, UDID, ...extra}`.
pub fn result(status: &str, command_uuid: &str, udid: &str, extra: Dictionary) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("Status".into(), s(status));
    d.insert("CommandUUID".into(), s(command_uuid));
    d.insert("UDID".into(), s(udid));
    for (k, v) in extra {
        d.insert(k, v);
    }
    d
}

/// One `ErrorChain` entry.
pub fn error_chain(domain: &str, code: i64, description: &str) -> Dictionary {
    let mut entry = Dictionary::new();
    entry.insert("ErrorDomain".into(), s(domain));
    entry.insert("ErrorCode".into(), Value::Integer(code.into()));
    entry.insert("LocalizedDescription".into(), s(description));
    entry.insert("USEnglishDescription".into(), s(description));
    let mut d = Dictionary::new();
    d.insert(
        "ErrorChain".into(),
        Value::Array(vec![Value::Dictionary(entry)]),
    );
    d
}

/// A command from the server: `{CommandUUID, Command: {RequestType, ...}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub uuid: String,
    pub request_type: String,
    /// The whole `Command` dictionary.
    pub body: Dictionary,
    /// The whole message as the server sent it, `{CommandUUID, Command}`.
    pub envelope: Dictionary,
}

impl Command {
    /// Parses a server answer; `None` for an empty body (no command).
    pub fn parse(bytes: &[u8]) -> Result<Option<Command>, SimError> {
        if bytes.trim_ascii().is_empty() {
            return Ok(None);
        }
        let value: Value = plist::from_bytes(bytes)
            .map_err(|e| SimError::BadCommand(format!("not a plist: {e}")))?;
        let dict = value
            .into_dictionary()
            .ok_or_else(|| SimError::BadCommand("not a dictionary".into()))?;
        let uuid = dict
            .get("CommandUUID")
            .and_then(Value::as_string)
            .ok_or_else(|| SimError::BadCommand("no CommandUUID".into()))?
            .to_owned();
        let body = dict
            .get("Command")
            .and_then(Value::as_dictionary)
            .ok_or_else(|| SimError::BadCommand("no Command dictionary".into()))?
            .clone();
        let request_type = body
            .get("RequestType")
            .and_then(Value::as_string)
            .ok_or_else(|| SimError::BadCommand("no Command.RequestType".into()))?
            .to_owned();
        Ok(Some(Command {
            uuid,
            request_type,
            body,
            envelope: dict,
        }))
    }

    /// A string field of the command dictionary.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.body.get(key).and_then(Value::as_string)
    }
}

/// `DeviceInformation` queries an iPhone or iPad answers on a device
/// enrollment, with the iOS version each came in (schema
/// `information.device.yaml`, `QueryResponses`). Keys that are not iOS's
/// (`PasscodePresent` is `SecurityInfo`'s, `HasBattery` is macOS's) are
/// left out of the answer, as iOS leaves out what it does not know.
pub const IOS_QUERIES: &[(&str, &str)] = &[
    ("UDID", "4.0"),
    ("DeviceName", "4.0"),
    ("OSVersion", "4.0"),
    ("BuildVersion", "4.0"),
    ("SupplementalBuildVersion", "16.1"),
    ("ModelName", "4.0"),
    ("Model", "4.0"),
    ("ModelNumber", "4.0"),
    ("ProductName", "4.0"),
    ("SerialNumber", "4.0"),
    ("DeviceCapacity", "4.0"),
    ("AvailableDeviceCapacity", "4.0"),
    ("IMEI", "4.0"),
    ("MEID", "4.0"),
    ("CellularTechnology", "4.2.6"),
    ("BatteryLevel", "5.0"),
    ("IsSupervised", "6.0"),
    ("IsDeviceLocatorServiceEnabled", "7.0"),
    ("IsCloudBackupEnabled", "7.1"),
    ("IsMultiUser", "9.3"),
    ("IsMDMLostModeEnabled", "9.3"),
    ("TimeZone", "14.0"),
];

/// Every query the simulator answers: all of [`IOS_QUERIES`].
pub fn all_queries() -> Vec<String> {
    IOS_QUERIES
        .iter()
        .map(|(key, _)| (*key).to_owned())
        .collect()
}

/// `QueryResponses` for the requested queries: only keys iOS has at the
/// device's version, and only what this device has (IMEI, MEID and the
/// cellular technology only with cellular).
pub fn query_responses(queries: &[String], facts: &DeviceFacts) -> Dictionary {
    let mut d = Dictionary::new();
    for q in queries {
        let Some((_, introduced)) = IOS_QUERIES.iter().find(|(key, _)| key == q) else {
            continue;
        };
        if !facts.runs_at_least(introduced) {
            continue;
        }
        let value = match q.as_str() {
            "UDID" => s(&facts.udid),
            "DeviceName" => s(&facts.device_name),
            "OSVersion" => s(&facts.os_version),
            // Without a Rapid Security Response it is the build version.
            "BuildVersion" | "SupplementalBuildVersion" => s(&facts.build_version),
            "ModelName" => s(&facts.model_name),
            "Model" | "ModelNumber" => s(&facts.model),
            "ProductName" => s(&facts.product_name),
            "SerialNumber" => s(&facts.serial_number),
            "IMEI" => match &facts.imei {
                Some(imei) => s(imei),
                None => continue,
            },
            "MEID" => match facts.meid() {
                Some(meid) => s(&meid),
                None => continue,
            },
            // 3: GSM and CDMA (a current iPhone); 0: none.
            "CellularTechnology" => Value::Integer(if facts.imei.is_some() { 3 } else { 0 }.into()),
            "DeviceCapacity" => Value::Real(128.0),
            "AvailableDeviceCapacity" => Value::Real(64.0),
            "BatteryLevel" => Value::Real(0.8),
            "IsSupervised" | "IsMultiUser" | "IsMDMLostModeEnabled" => Value::Boolean(false),
            "IsDeviceLocatorServiceEnabled" | "IsCloudBackupEnabled" => Value::Boolean(true),
            "TimeZone" => s("Europe/Berlin"),
            _ => continue,
        };
        d.insert(q.clone(), value);
    }
    d
}

/// `SecurityInfo` as a device-enrolled iPhone or iPad answers it: the
/// hardware encryption (3: block and file level), whether a passcode is
/// set and meets the requirements (there are none from this server's
/// profiles), and from iOS 13 the enrollment kind. The grace period and
/// auto-lock keys are Shared iPad's only.
pub fn security_info(facts: &DeviceFacts) -> Dictionary {
    let mut info = Dictionary::new();
    info.insert("HardwareEncryptionCaps".into(), Value::Integer(3.into()));
    info.insert(
        "PasscodePresent".into(),
        Value::Boolean(facts.passcode_present),
    );
    info.insert("PasscodeCompliant".into(), Value::Boolean(true));
    info.insert("PasscodeCompliantWithProfiles".into(), Value::Boolean(true));
    if facts.runs_at_least("13.0") {
        let mut status = Dictionary::new();
        status.insert("IsUserEnrollment".into(), Value::Boolean(false));
        info.insert("ManagementStatus".into(), Value::Dictionary(status));
    }
    let mut d = Dictionary::new();
    d.insert("SecurityInfo".into(), Value::Dictionary(info));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(d: &Dictionary) -> Vec<&str> {
        let mut k: Vec<&str> = d.keys().map(String::as_str).collect();
        k.sort();
        k
    }

    fn strings(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn authenticate_carries_what_ios_sends() {
        let phone = DeviceFacts::iphone();
        let xml = to_xml(authenticate("com.apple.mgmt.x", &phone, ALL_ACCESS_RIGHTS));
        let back: Dictionary = plist::from_bytes(&xml).unwrap();
        assert_eq!(
            keys(&back),
            [
                "BuildVersion",
                "IMEI",
                "MEID",
                "MessageType",
                "OSVersion",
                "ProductName",
                "SerialNumber",
                "Topic",
                "UDID"
            ]
        );
        assert_eq!(back["MessageType"].as_string(), Some("Authenticate"));
        assert_eq!(back["UDID"].as_string(), Some(phone.udid.as_str()));
        assert_eq!(
            back["MEID"].as_string(),
            Some(&phone.imei.as_deref().unwrap()[..14])
        );
        // A Wi-Fi iPad has no IMEI or MEID.
        let pad = authenticate("com.apple.mgmt.x", &DeviceFacts::ipad(), ALL_ACCESS_RIGHTS);
        assert_eq!(
            keys(&pad),
            [
                "BuildVersion",
                "MessageType",
                "OSVersion",
                "ProductName",
                "SerialNumber",
                "Topic",
                "UDID"
            ]
        );
        // Without the Device Information right, or before iOS 9: the
        // minimum.
        let bare = authenticate("com.apple.mgmt.x", &phone, ALL_ACCESS_RIGHTS - 16);
        assert_eq!(keys(&bare), ["MessageType", "Topic", "UDID"]);
        let old = DeviceFacts {
            os_version: "8.4".into(),
            ..DeviceFacts::iphone()
        };
        let old = authenticate("com.apple.mgmt.x", &old, ALL_ACCESS_RIGHTS);
        assert_eq!(keys(&old), ["MessageType", "Topic", "UDID"]);
    }

    #[test]
    fn token_update_and_checkout_keys() {
        let xml = to_xml(token_update(
            "com.apple.mgmt.x",
            "U",
            &[7; 32],
            "pm",
            Some(&[1; 16]),
        ));
        let text = String::from_utf8(xml.clone()).unwrap();
        assert!(text.contains("<data>"), "{text}");
        let back: Dictionary = plist::from_bytes(&xml).unwrap();
        assert_eq!(
            keys(&back),
            [
                "MessageType",
                "PushMagic",
                "Token",
                "Topic",
                "UDID",
                "UnlockToken"
            ]
        );
        assert_eq!(back["Token"].as_data().unwrap().len(), 32);
        let without = token_update("com.apple.mgmt.x", "U", &[7; 32], "pm", None);
        assert!(!without.contains_key("UnlockToken"));
        let out = check_out("com.apple.mgmt.x", "U");
        assert_eq!(keys(&out), ["MessageType", "Topic", "UDID"]);
        assert_eq!(keys(&idle("U")), ["Status", "UDID"]);
    }

    #[test]
    fn parses_commands_and_empty_bodies() {
        assert_eq!(Command::parse(b"").unwrap(), None);
        assert_eq!(Command::parse(b" \n").unwrap(), None);
        let mut command = Dictionary::new();
        command.insert("RequestType".into(), s("DeviceLock"));
        command.insert("Message".into(), s("Found"));
        let mut d = Dictionary::new();
        d.insert("CommandUUID".into(), s("c-1"));
        d.insert("Command".into(), Value::Dictionary(command));
        let parsed = Command::parse(&to_xml(d)).unwrap().unwrap();
        assert_eq!(parsed.uuid, "c-1");
        assert_eq!(parsed.request_type, "DeviceLock");
        assert_eq!(parsed.string("Message"), Some("Found"));
        assert!(Command::parse(b"<plist><dict/></plist>").is_err());
    }

    #[test]
    fn answers_only_ios_queries_the_device_has() {
        let facts = DeviceFacts::ipad();
        let q = strings(&[
            "OSVersion",
            "IMEI",
            "Nonsense",
            "PasscodePresent",
            "HasBattery",
        ]);
        let r = query_responses(&q, &facts);
        assert_eq!(keys(&r), ["OSVersion"]);
        let phone = DeviceFacts::iphone();
        let r = query_responses(&strings(&["IMEI", "DeviceName", "TimeZone"]), &phone);
        assert_eq!(keys(&r), ["DeviceName", "IMEI", "TimeZone"]);
        // A key newer than the device's iOS is not answered.
        let old = DeviceFacts {
            os_version: "13.7".into(),
            ..DeviceFacts::iphone()
        };
        let r = query_responses(&strings(&["TimeZone", "SupplementalBuildVersion"]), &old);
        assert!(r.is_empty(), "{r:?}");
        // Every key it can answer is one the schema lists for iOS.
        let all = query_responses(&all_queries(), &phone);
        assert_eq!(all.len(), IOS_QUERIES.len());
    }

    #[test]
    fn security_info_reports_the_passcode_as_ios_does() {
        let mut facts = DeviceFacts::iphone();
        facts.passcode_present = false;
        let answer = security_info(&facts);
        assert_eq!(keys(&answer), ["SecurityInfo"]);
        let info = answer["SecurityInfo"].as_dictionary().unwrap();
        assert_eq!(
            keys(info),
            [
                "HardwareEncryptionCaps",
                "ManagementStatus",
                "PasscodeCompliant",
                "PasscodeCompliantWithProfiles",
                "PasscodePresent"
            ]
        );
        assert_eq!(info["PasscodePresent"].as_boolean(), Some(false));
        let status = info["ManagementStatus"].as_dictionary().unwrap();
        assert_eq!(keys(status), ["IsUserEnrollment"]);
    }
}
