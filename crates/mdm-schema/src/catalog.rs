//! The vendored definitions, embedded at compile time and parsed once.

use std::sync::OnceLock;

use crate::definition::Definition;

macro_rules! apple {
    ($path:literal) => {
        (
            $path,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schema/", $path)),
        )
    };
}

macro_rules! local {
    ($path:literal) => {
        (
            concat!("local/", $path),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/local/", $path)),
        )
    };
}

/// Every embedded file: Apple's relative path (or `local/...` for the
/// project's own) and its text.
pub const FILES: &[(&str, &str)] = &[
    apple!("mdm/checkin/authenticate.yaml"),
    apple!("mdm/checkin/tokenupdate.yaml"),
    apple!("mdm/checkin/checkout.yaml"),
    apple!("mdm/checkin/userauthenticate.yaml"),
    apple!("mdm/commands/information.device.yaml"),
    apple!("mdm/commands/information.security.yaml"),
    apple!("mdm/commands/device.lock.yaml"),
    apple!("mdm/commands/profile.install.yaml"),
    apple!("mdm/commands/profile.remove.yaml"),
    apple!("mdm/commands/profile.list.yaml"),
    apple!("mdm/commands/device.erase.yaml"),
    apple!("mdm/commands/certificate.list.yaml"),
    apple!("mdm/commands/application.installed.list.yaml"),
    apple!("mdm/profiles/TopLevel.yaml"),
    apple!("mdm/profiles/CommonPayloadKeys.yaml"),
    apple!("mdm/profiles/com.apple.mdm.yaml"),
    apple!("mdm/profiles/com.apple.security.scep.yaml"),
    apple!("mdm/profiles/com.apple.security.pkcs12.yaml"),
    apple!("mdm/profiles/com.apple.webClip.managed.yaml"),
    apple!("mdm/errors/softwareupdate.required.yaml"),
    apple!("mdm/errors/unrecognized.device.yaml"),
    apple!("mdm/errors/watch.pairing.token.missing.yaml"),
    apple!("mdm/errors/well-known.failed.yaml"),
    apple!("other/machineinfo.yaml"),
    local!("command-response.yaml"),
    local!("idle.yaml"),
];

struct Catalog {
    entries: Vec<(&'static str, Definition)>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog {
        entries: FILES
            .iter()
            .map(|(path, text)| {
                // The files are fixed at compile time and the test
                // `every_embedded_file_parses` parses each one.
                let definition = Definition::from_yaml(text)
                    .unwrap_or_else(|e| panic!("vendored {path} does not parse: {e}"));
                (*path, definition)
            })
            .collect(),
    })
}

fn find(prefix: &str, pred: impl Fn(&Definition) -> bool) -> Option<&'static Definition> {
    catalog()
        .entries
        .iter()
        .find(|(path, d)| path.starts_with(prefix) && pred(d))
        .map(|(_, d)| d)
}

/// A definition by its path: `mdm/checkin/authenticate.yaml`,
/// `local/idle.yaml`.
pub fn definition(path: &str) -> Option<&'static Definition> {
    catalog()
        .entries
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, d)| d)
}

/// A check-in message's definition by its `MessageType` (`Authenticate`).
pub fn checkin_definition(message_type: &str) -> Option<&'static Definition> {
    find("mdm/checkin/", |d| {
        d.payload.requesttype.as_deref() == Some(message_type)
    })
}

/// A command's definition by its `RequestType` (`DeviceInformation`).
pub fn command_definition(request_type: &str) -> Option<&'static Definition> {
    find("mdm/commands/", |d| {
        d.payload.requesttype.as_deref() == Some(request_type)
    })
}

/// A profile payload's definition by its `PayloadType` (`com.apple.mdm`);
/// `TopLevel` and `CommonPayloadKeys` are Apple's names for the profile's
/// top level and the keys every payload shares.
pub fn profile_payload_definition(payload_type: &str) -> Option<&'static Definition> {
    find("mdm/profiles/", |d| {
        d.payload.payloadtype.as_deref() == Some(payload_type)
    })
}

/// An MDM error document (a 403 body) by its `code`
/// (`com.apple.unrecognized.device`).
pub fn error_document_definition(code: &str) -> Option<&'static Definition> {
    find("mdm/errors/", |d| {
        d.payloadkeys.iter().any(|k| {
            k.key == "code"
                && k.rangelist.as_ref().is_some_and(|r| {
                    r.iter()
                        .any(|v| matches!(v, crate::RangeValue::String(s) if s == code))
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses() {
        for (path, text) in FILES {
            let d = Definition::from_yaml(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!d.title.is_empty(), "{path}");
        }
        assert_eq!(catalog().entries.len(), FILES.len());
    }

    #[test]
    fn every_format_compiles() {
        fn walk(keys: &[crate::KeyDefinition], path: &str) {
            for k in keys {
                if let Some(f) = &k.format {
                    regex::Regex::new(f).unwrap_or_else(|e| panic!("{path} {}: {e}", k.key));
                }
                walk(&k.subkeys, path);
            }
        }
        for (path, d) in &catalog().entries {
            walk(&d.payloadkeys, path);
            walk(&d.responsekeys, path);
        }
    }

    #[test]
    fn lookups_by_name() {
        assert_eq!(
            checkin_definition("TokenUpdate").unwrap().title,
            "Token Update"
        );
        assert!(checkin_definition("DeviceLock").is_none());
        assert_eq!(
            command_definition("DeviceLock").unwrap().title,
            "Device Lock Command"
        );
        assert!(
            profile_payload_definition("Configuration").is_none(),
            "the top level's PayloadType is Configuration, its definition TopLevel"
        );
        assert_eq!(
            profile_payload_definition("TopLevel").unwrap().title,
            "Top Level"
        );
        assert!(profile_payload_definition("com.apple.webClip.managed").is_some());
        assert!(error_document_definition("com.apple.unrecognized.device").is_some());
        assert_eq!(
            definition("other/machineinfo.yaml").unwrap().title,
            "MachineInfo"
        );
        assert!(definition("local/idle.yaml").is_some());
    }
}
