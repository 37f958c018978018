//! The plists the device sends and the commands it reads.

use plist::{Dictionary, Value};

use crate::{DeviceFacts, DeviceKind, SimError};

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

/// `Authenticate`: MessageType, Topic, UDID, OSVersion, BuildVersion,
/// ProductName, Model, ModelName, SerialNumber, DeviceName, IMEI (iPhone).
pub fn authenticate(topic: &str, facts: &DeviceFacts) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("MessageType".into(), s("Authenticate"));
    d.insert("Topic".into(), s(topic));
    d.insert("UDID".into(), s(&facts.udid));
    d.insert("OSVersion".into(), s(&facts.os_version));
    d.insert("BuildVersion".into(), s(&facts.build_version));
    d.insert("ProductName".into(), s(&facts.product_name));
    d.insert("Model".into(), s(&facts.model));
    d.insert("ModelName".into(), s(&facts.model_name));
    d.insert("SerialNumber".into(), s(&facts.serial_number));
    d.insert("DeviceName".into(), s(&facts.device_name));
    if facts.kind == DeviceKind::Iphone {
        if let Some(imei) = &facts.imei {
            d.insert("IMEI".into(), s(imei));
        }
    }
    d
}

/// `TokenUpdate`: MessageType, Topic, UDID, Token, PushMagic, UnlockToken.
pub fn token_update(
    topic: &str,
    udid: &str,
    token: &[u8],
    push_magic: &str,
    unlock_token: &[u8],
) -> Dictionary {
    let mut d = Dictionary::new();
    d.insert("MessageType".into(), s("TokenUpdate"));
    d.insert("Topic".into(), s(topic));
    d.insert("UDID".into(), s(udid));
    d.insert("Token".into(), Value::Data(token.to_vec()));
    d.insert("PushMagic".into(), s(push_magic));
    d.insert("UnlockToken".into(), Value::Data(unlock_token.to_vec()));
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
        }))
    }

    /// A string field of the command dictionary.
    pub fn string(&self, key: &str) -> Option<&str> {
        self.body.get(key).and_then(Value::as_string)
    }
}

/// The queries answered when `DeviceInformation` names none.
pub const ALL_QUERIES: &[&str] = &[
    "UDID",
    "DeviceName",
    "OSVersion",
    "BuildVersion",
    "ModelName",
    "Model",
    "ProductName",
    "SerialNumber",
    "IMEI",
    "IsSupervised",
    "PasscodePresent",
    "DeviceCapacity",
    "AvailableDeviceCapacity",
    "BatteryLevel",
];

/// `QueryResponses` for the requested queries (unknown ones are left out,
/// as a device does).
pub fn query_responses(queries: &[String], facts: &DeviceFacts) -> Dictionary {
    let mut d = Dictionary::new();
    for q in queries {
        let value = match q.as_str() {
            "UDID" => s(&facts.udid),
            "DeviceName" => s(&facts.device_name),
            "OSVersion" => s(&facts.os_version),
            "BuildVersion" => s(&facts.build_version),
            "ModelName" => s(&facts.model_name),
            "Model" => s(&facts.model),
            "ProductName" => s(&facts.product_name),
            "SerialNumber" => s(&facts.serial_number),
            "IMEI" => match &facts.imei {
                Some(imei) => s(imei),
                None => continue,
            },
            "IsSupervised" => Value::Boolean(false),
            "PasscodePresent" => Value::Boolean(facts.passcode_present),
            "DeviceCapacity" => Value::Real(128.0),
            "AvailableDeviceCapacity" => Value::Real(64.0),
            "BatteryLevel" => Value::Real(0.8),
            _ => continue,
        };
        d.insert(q.clone(), value);
    }
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

    #[test]
    fn authenticate_keys_per_kind() {
        let phone = DeviceFacts::iphone();
        let xml = to_xml(authenticate("com.apple.mgmt.x", &phone));
        let back: Dictionary = plist::from_bytes(&xml).unwrap();
        assert_eq!(
            keys(&back),
            [
                "BuildVersion",
                "DeviceName",
                "IMEI",
                "MessageType",
                "Model",
                "ModelName",
                "OSVersion",
                "ProductName",
                "SerialNumber",
                "Topic",
                "UDID"
            ]
        );
        assert_eq!(back["MessageType"].as_string(), Some("Authenticate"));
        assert_eq!(back["UDID"].as_string(), Some(phone.udid.as_str()));
        let pad = authenticate("com.apple.mgmt.x", &DeviceFacts::ipad());
        assert!(!pad.contains_key("IMEI"));
        assert_eq!(pad["ModelName"].as_string(), Some("iPad"));
    }

    #[test]
    fn token_update_and_checkout_keys() {
        let xml = to_xml(token_update(
            "com.apple.mgmt.x",
            "U",
            &[7; 32],
            "pm",
            &[1; 16],
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
    fn answers_only_known_queries() {
        let facts = DeviceFacts::ipad();
        let q: Vec<String> = ["OSVersion", "IMEI", "Nonsense", "PasscodePresent"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let r = query_responses(&q, &facts);
        assert_eq!(keys(&r), ["OSVersion", "PasscodePresent"]);
    }
}
