//! One entry point per kind of MDM plist: check-in messages, commands and
//! their responses, profile payloads and whole profiles.

use plist::{Dictionary, Value};

use crate::catalog::{
    checkin_definition, command_definition, definition, error_document_definition,
    profile_payload_definition,
};
use crate::check::{describe, join, KeySet, KeySource, Walk};
use crate::context::Context;
use crate::definition::{Definition, KeyDefinition, OsSupport, Presence, RangeValue, ValueType};
use crate::violation::{Violation, ViolationKind, Violations};

/// The plist to check: a `plist::Value` or directly a `plist::Dictionary`.
#[derive(Debug, Clone, Copy)]
pub enum PlistRoot<'a> {
    Value(&'a Value),
    Dictionary(&'a Dictionary),
}

impl<'a> From<&'a Value> for PlistRoot<'a> {
    fn from(value: &'a Value) -> Self {
        PlistRoot::Value(value)
    }
}

impl<'a> From<&'a Dictionary> for PlistRoot<'a> {
    fn from(dict: &'a Dictionary) -> Self {
        PlistRoot::Dictionary(dict)
    }
}

impl<'a> PlistRoot<'a> {
    pub(crate) fn dictionary(self) -> Result<&'a Dictionary, String> {
        match self {
            PlistRoot::Dictionary(d) => Ok(d),
            PlistRoot::Value(Value::Dictionary(d)) => Ok(d),
            PlistRoot::Value(other) => Err(describe(other)),
        }
    }
}

/// Checks plists for one device, with options. The free functions of this
/// crate are `Checker::new(ctx)` with the defaults.
#[derive(Debug, Clone)]
pub struct Checker<'c> {
    ctx: &'c Context,
    allow_open_dictionaries: bool,
}

impl<'c> Checker<'c> {
    /// A checker with the strict defaults: every key must be defined.
    pub fn new(ctx: &'c Context) -> Checker<'c> {
        Checker {
            ctx,
            allow_open_dictionaries: false,
        }
    }

    /// Accept any content in dictionaries whose definition lists no subkeys
    /// (their content is left open by Apple); by default each such key is an
    /// unknown key.
    pub fn allow_open_dictionaries(mut self, allow: bool) -> Checker<'c> {
        self.allow_open_dictionaries = allow;
        self
    }

    fn walk(&self) -> Walk<'c> {
        Walk {
            ctx: self.ctx,
            allow_open_dictionaries: self.allow_open_dictionaries,
            out: Vec::new(),
        }
    }

    fn finish(&self, subject: String, out: Vec<Violation>) -> Result<(), Violations> {
        if out.is_empty() {
            Ok(())
        } else {
            Err(Violations {
                subject,
                context: self.ctx.clone(),
                violations: out,
            })
        }
    }

    fn unknown(&self, kind: &'static str, name: &str, subject: String) -> Result<(), Violations> {
        self.finish(
            subject,
            vec![Violation {
                path: String::new(),
                kind: ViolationKind::UnknownDefinition {
                    kind,
                    name: name.to_owned(),
                },
            }],
        )
    }

    /// Checks `value` against one list of any definition.
    pub fn check<'a>(
        &self,
        definition: &Definition,
        set: KeySet,
        value: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        self.check_against(definition, set, value.into(), definition.title.clone())
    }

    /// `root` against one list of `definition`, when the definition applies
    /// to this OS; violations are reported under `subject`.
    fn check_against(
        &self,
        definition: &Definition,
        set: KeySet,
        root: PlistRoot<'_>,
        subject: String,
    ) -> Result<(), Violations> {
        let mut walk = self.walk();
        if walk.definition_applies(definition, "") {
            walk.root(root, &[KeySource::of(definition, set, self.ctx)], "");
        }
        self.finish(subject, walk.out)
    }

    /// `root`, which must be a dictionary, checked by `check`.
    fn check_dictionary(
        &self,
        root: PlistRoot<'_>,
        subject: String,
        check: impl FnOnce(&mut Walk<'c>, &Dictionary),
    ) -> Result<(), Violations> {
        let mut walk = self.walk();
        match root.dictionary() {
            Ok(dict) => check(&mut walk, dict),
            Err(found) => walk.out.push(not_a_dictionary(found)),
        }
        self.finish(subject, walk.out)
    }

    /// A check-in message (`Authenticate`, `TokenUpdate`, `CheckOut`,
    /// `UserAuthenticate`) against `mdm/checkin/*.yaml`; its `MessageType`
    /// must equal `message_type`.
    pub fn check_checkin<'a>(
        &self,
        message_type: &str,
        message: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let subject = format!("check-in message {message_type}");
        let Some(def) = checkin_definition(message_type) else {
            return self.unknown("check-in message", message_type, subject);
        };
        self.check_against(def, KeySet::Payload, message.into(), subject)
    }

    /// A whole command as the server sends it: `{CommandUUID, Command}`,
    /// with `Command` checked by [`Checker::check_command_request`] for its
    /// own `RequestType`.
    pub fn check_command<'a>(&self, envelope: impl Into<PlistRoot<'a>>) -> Result<(), Violations> {
        let mut walk = self.walk();
        let mut subject = "command".to_owned();
        // `Command` accepts any key here; its content is checked below
        // against its own RequestType's definition.
        let mut command_key = required_key("Command", ValueType::Dictionary, None);
        command_key.subkeys = vec![KeyDefinition {
            key: "ANY".to_owned(),
            presence: None,
            ..required_key("ANY", ValueType::Any, None)
        }];
        let envelope_keys = [
            required_key("CommandUUID", ValueType::String, None),
            command_key,
        ];
        let root = envelope.into();
        let command = root.dictionary().ok().and_then(|d| d.get("Command"));
        walk.root(
            root,
            &[KeySource {
                keys: &envelope_keys,
                // Supported everywhere: only presence and types matter.
                parent: Some(OsSupport::default()),
                enforce_required: true,
            }],
            "",
        );
        if let Some(Value::Dictionary(command)) = command {
            match command.get("RequestType").and_then(Value::as_string) {
                Some(request_type) => {
                    subject = format!("command {request_type}");
                    self.request_into(&mut walk, request_type, command, "Command");
                }
                None => walk.out.push(Violation {
                    path: "Command.RequestType".into(),
                    kind: ViolationKind::Missing {
                        by_user_enrollment: false,
                    },
                }),
            }
        }
        self.finish(subject, walk.out)
    }

    /// A command's `Command` dictionary: `RequestType` (which must equal
    /// `request_type`) and the command's `payloadkeys`.
    pub fn check_command_request<'a>(
        &self,
        request_type: &str,
        command: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let subject = format!("command {request_type}");
        self.check_dictionary(command.into(), subject, |walk, dict| {
            self.request_into(walk, request_type, dict, "")
        })
    }

    fn request_into(
        &self,
        walk: &mut Walk<'_>,
        request_type: &str,
        command: &Dictionary,
        path: &str,
    ) {
        let Some(def) = command_definition(request_type) else {
            walk.out.push(Violation {
                path: join(path, "RequestType"),
                kind: ViolationKind::UnknownDefinition {
                    kind: "command",
                    name: request_type.to_owned(),
                },
            });
            return;
        };
        if !walk.definition_applies(def, path) {
            return;
        }
        // Apple's payloadkeys leave out RequestType, which every command has.
        let request_type_key = [required_key(
            "RequestType",
            ValueType::String,
            Some(request_type),
        )];
        let parent = def.payload.supported_os.for_os(self.ctx.os).cloned();
        walk.root(
            PlistRoot::Dictionary(command),
            &[
                KeySource {
                    keys: &request_type_key,
                    parent: parent.clone(),
                    enforce_required: true,
                },
                KeySource {
                    keys: &def.payloadkeys,
                    parent,
                    enforce_required: true,
                },
            ],
            path,
        );
    }

    /// A device's response to a command: the envelope every response
    /// carries (`local/command-response.yaml`: Status, CommandUUID, UDID or
    /// EnrollmentID, ErrorChain, user-channel keys) plus the command's own
    /// `responsekeys`. Those are required only when Status is Acknowledged:
    /// an Error or NotNow response carries none of them.
    pub fn check_command_response<'a>(
        &self,
        request_type: &str,
        response: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let subject = format!("response to command {request_type}");
        let Some(def) = command_definition(request_type) else {
            return self.unknown("command", request_type, subject);
        };
        let common = local("local/command-response.yaml");
        let root = response.into();
        let acknowledged = root
            .dictionary()
            .ok()
            .and_then(|d| d.get("Status"))
            .and_then(Value::as_string)
            == Some("Acknowledged");
        let mut walk = self.walk();
        if walk.definition_applies(def, "") {
            let own = KeySource {
                enforce_required: acknowledged,
                ..KeySource::of(def, KeySet::Response, self.ctx)
            };
            walk.root(
                root,
                &[KeySource::of(common, KeySet::Payload, self.ctx), own],
                "",
            );
        }
        self.finish(subject, walk.out)
    }

    /// The `{Status: Idle, UDID}` message a device sends to the server URL
    /// to ask for the next command (`local/idle.yaml`).
    pub fn check_idle<'a>(&self, message: impl Into<PlistRoot<'a>>) -> Result<(), Violations> {
        let mut walk = self.walk();
        let def = local("local/idle.yaml");
        walk.root(
            message.into(),
            &[KeySource::of(def, KeySet::Payload, self.ctx)],
            "",
        );
        self.finish("Idle message".to_owned(), walk.out)
    }

    /// One payload of a configuration profile (an element of the profile's
    /// `PayloadContent`): Apple's common payload keys
    /// (`CommonPayloadKeys.yaml`, with `PayloadType` = `payload_type`) plus
    /// the payload type's own keys.
    pub fn check_profile_payload<'a>(
        &self,
        payload_type: &str,
        payload: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let subject = format!("profile payload {payload_type}");
        self.check_dictionary(payload.into(), subject, |walk, dict| {
            self.payload_into(walk, payload_type, dict, "")
        })
    }

    fn payload_into(
        &self,
        walk: &mut Walk<'_>,
        payload_type: &str,
        payload: &Dictionary,
        path: &str,
    ) {
        let Some(def) = profile_payload_definition(payload_type).filter(|_| {
            // TopLevel and CommonPayloadKeys are not payload types.
            !matches!(payload_type, "TopLevel" | "CommonPayloadKeys")
        }) else {
            walk.out.push(Violation {
                path: join(path, "PayloadType"),
                kind: ViolationKind::UnknownDefinition {
                    kind: "profile payload type",
                    name: payload_type.to_owned(),
                },
            });
            return;
        };
        if !walk.definition_applies(def, path) {
            return;
        }
        let common = local_profile("CommonPayloadKeys");
        let mut common_keys = common.payloadkeys.clone();
        for key in &mut common_keys {
            if key.key == "PayloadType" {
                key.rangelist = Some(vec![RangeValue::String(payload_type.to_owned())]);
            }
        }
        let parent = def.payload.supported_os.for_os(self.ctx.os).cloned();
        walk.root(
            PlistRoot::Dictionary(payload),
            &[
                KeySource {
                    keys: &common_keys,
                    parent: parent.clone(),
                    enforce_required: true,
                },
                KeySource {
                    keys: &def.payloadkeys,
                    parent,
                    enforce_required: true,
                },
            ],
            path,
        );
    }

    /// A whole configuration profile (the unsigned plist): the top level
    /// (`TopLevel.yaml`), then each element of `PayloadContent` by its own
    /// `PayloadType` with [`Checker::check_profile_payload`].
    pub fn check_configuration_profile<'a>(
        &self,
        profile: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let top = local_profile("TopLevel");
        let root = profile.into();
        let mut walk = self.walk();
        if walk.definition_applies(top, "") {
            walk.root(root, &[KeySource::of(top, KeySet::Payload, self.ctx)], "");
        }
        let payloads = root
            .dictionary()
            .ok()
            .and_then(|d| d.get("PayloadContent"))
            .and_then(Value::as_array);
        for (i, payload) in payloads.into_iter().flatten().enumerate() {
            let path = format!("PayloadContent[{i}]");
            let Some(dict) = payload.as_dictionary() else {
                continue; // reported by the TopLevel check
            };
            match dict.get("PayloadType").and_then(Value::as_string) {
                Some(payload_type) => self.payload_into(&mut walk, payload_type, dict, &path),
                None => walk.out.push(Violation {
                    path: join(&path, "PayloadType"),
                    kind: ViolationKind::Missing {
                        by_user_enrollment: false,
                    },
                }),
            }
        }
        self.finish("configuration profile".to_owned(), walk.out)
    }

    /// The MachineInfo a device sends when it fetches an enrollment profile
    /// (`other/machineinfo.yaml`).
    pub fn check_machine_info<'a>(&self, info: impl Into<PlistRoot<'a>>) -> Result<(), Violations> {
        let def = local("other/machineinfo.yaml");
        self.check_against(def, KeySet::Payload, info.into(), "MachineInfo".to_owned())
    }

    /// An MDM error document (a 403 body, `mdm/errors/*.yaml`), chosen by
    /// its `code` (`com.apple.unrecognized.device`).
    pub fn check_error_document<'a>(
        &self,
        document: impl Into<PlistRoot<'a>>,
    ) -> Result<(), Violations> {
        let root = document.into();
        let code = root
            .dictionary()
            .ok()
            .and_then(|d| d.get("code"))
            .and_then(Value::as_string)
            .unwrap_or_default()
            .to_owned();
        let subject = format!("error document {code:?}");
        let Some(def) = error_document_definition(&code) else {
            return self.unknown("error document code", &code, subject);
        };
        self.check_against(def, KeySet::Payload, root, subject)
    }
}

fn not_a_dictionary(found: String) -> Violation {
    Violation {
        path: String::new(),
        kind: ViolationKind::WrongType {
            expected: ValueType::Dictionary,
            found,
        },
    }
}

/// A definition embedded by this crate (present by construction).
fn local(path: &str) -> &'static Definition {
    definition(path).unwrap_or_else(|| panic!("{path} is embedded by catalog::FILES"))
}

fn local_profile(payload_type: &str) -> &'static Definition {
    profile_payload_definition(payload_type)
        .unwrap_or_else(|| panic!("{payload_type} is embedded by catalog::FILES"))
}

/// A key every message of a kind has, which Apple's YAML leaves implicit.
fn required_key(key: &str, value_type: ValueType, only: Option<&str>) -> KeyDefinition {
    KeyDefinition {
        key: key.to_owned(),
        title: None,
        supported_os: None,
        value_type,
        presence: Some(Presence::Required),
        rangelist: only.map(|v| vec![RangeValue::String(v.to_owned())]),
        range: None,
        format: None,
        repetition: None,
        subkeytype: None,
        subkeys: Vec::new(),
        content: None,
    }
}

/// [`Checker::check`] with the default options.
pub fn check<'a>(
    ctx: &Context,
    definition: &Definition,
    set: KeySet,
    value: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check(definition, set, value)
}

/// [`Checker::check_checkin`] with the default options.
pub fn check_checkin<'a>(
    ctx: &Context,
    message_type: &str,
    message: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_checkin(message_type, message)
}

/// [`Checker::check_command`] with the default options.
pub fn check_command<'a>(
    ctx: &Context,
    envelope: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_command(envelope)
}

/// [`Checker::check_command_request`] with the default options.
pub fn check_command_request<'a>(
    ctx: &Context,
    request_type: &str,
    command: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_command_request(request_type, command)
}

/// [`Checker::check_command_response`] with the default options.
pub fn check_command_response<'a>(
    ctx: &Context,
    request_type: &str,
    response: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_command_response(request_type, response)
}

/// [`Checker::check_idle`] with the default options.
pub fn check_idle<'a>(ctx: &Context, message: impl Into<PlistRoot<'a>>) -> Result<(), Violations> {
    Checker::new(ctx).check_idle(message)
}

/// [`Checker::check_profile_payload`] with the default options.
pub fn check_profile_payload<'a>(
    ctx: &Context,
    payload_type: &str,
    payload: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_profile_payload(payload_type, payload)
}

/// [`Checker::check_configuration_profile`] with the default options.
pub fn check_configuration_profile<'a>(
    ctx: &Context,
    profile: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_configuration_profile(profile)
}

/// [`Checker::check_machine_info`] with the default options.
pub fn check_machine_info<'a>(
    ctx: &Context,
    info: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_machine_info(info)
}

/// [`Checker::check_error_document`] with the default options.
pub fn check_error_document<'a>(
    ctx: &Context,
    document: impl Into<PlistRoot<'a>>,
) -> Result<(), Violations> {
    Checker::new(ctx).check_error_document(document)
}
