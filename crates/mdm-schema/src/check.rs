//! Walks a plist against key definitions and collects every violation.

use std::collections::HashSet;

use plist::{Dictionary, Value};

use crate::context::{inherit, Applicability, Context};
use crate::definition::{Definition, KeyDefinition, OsSupport, RangeValue, ValueType};
use crate::messages::PlistRoot;
use crate::violation::{Violation, ViolationKind};

/// Which list of a definition a plist is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySet {
    /// `payloadkeys`: requests, check-in messages, profile payloads.
    Payload,
    /// `responsekeys`: a command response's own keys.
    Response,
}

impl Definition {
    /// The keys of one list.
    pub fn keys(&self, set: KeySet) -> &[KeyDefinition] {
        match set {
            KeySet::Payload => &self.payloadkeys,
            KeySet::Response => &self.responsekeys,
        }
    }
}

/// A list of key definitions that describes (part of) one dictionary.
pub(crate) struct KeySource<'d> {
    pub keys: &'d [KeyDefinition],
    /// The enclosing definition's support on the context's OS, which the
    /// keys inherit.
    pub parent: Option<OsSupport>,
    /// `false` where `presence: required` is not enforced (a command's own
    /// response keys when Status is not Acknowledged).
    pub enforce_required: bool,
}

impl<'d> KeySource<'d> {
    pub fn of(definition: &'d Definition, set: KeySet, ctx: &Context) -> KeySource<'d> {
        KeySource {
            keys: definition.keys(set),
            parent: definition.payload.supported_os.for_os(ctx.os).cloned(),
            enforce_required: true,
        }
    }
}

/// One check in progress.
pub(crate) struct Walk<'c> {
    pub ctx: &'c Context,
    pub allow_open_dictionaries: bool,
    pub out: Vec<Violation>,
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl Walk<'_> {
    fn report(&mut self, path: &str, kind: ViolationKind) {
        self.out.push(Violation {
            path: path.to_owned(),
            kind,
        });
    }

    /// Reports the definition as a whole if it does not apply to the
    /// context; `true` if it applies.
    pub fn definition_applies(&mut self, definition: &Definition, path: &str) -> bool {
        let support = definition.payload.supported_os.for_os(self.ctx.os);
        match self.ctx.applicability(support, false) {
            Applicability::Applies { .. } => true,
            Applicability::Absent(why) => {
                let name = definition.name().unwrap_or(&definition.title).to_owned();
                self.report(path, ViolationKind::DefinitionNotApplicable { name, why });
                false
            }
        }
    }

    /// Checks that `value` is a dictionary and checks it against `sources`;
    /// a key defined in several sources takes its last definition.
    pub fn root(&mut self, value: PlistRoot<'_>, sources: &[KeySource<'_>], path: &str) {
        let dict = match value.dictionary() {
            Ok(dict) => dict,
            Err(found) => {
                self.report(
                    path,
                    ViolationKind::WrongType {
                        expected: ValueType::Dictionary,
                        found,
                    },
                );
                return;
            }
        };
        let mut entries: Vec<(&KeyDefinition, Option<&OsSupport>, bool)> = Vec::new();
        for source in sources {
            for key in source.keys {
                entries.retain(|(k, _, _)| k.key != key.key);
                entries.push((key, source.parent.as_ref(), source.enforce_required));
            }
        }
        self.dictionary(dict, &entries, path);
    }

    fn dictionary(
        &mut self,
        dict: &Dictionary,
        entries: &[(&KeyDefinition, Option<&OsSupport>, bool)],
        path: &str,
    ) {
        let mut known: HashSet<&str> = HashSet::new();
        let mut any: Option<(&KeyDefinition, Option<&OsSupport>)> = None;
        for &(def, parent, enforce_required) in entries {
            if def.is_any() {
                any = Some((def, parent));
                continue;
            }
            known.insert(def.key.as_str());
            let own = def
                .supported_os
                .as_ref()
                .and_then(|s| s.for_os(self.ctx.os));
            let support = inherit(parent, own);
            let key_path = join(path, &def.key);
            let applicability = self.ctx.applicability(support.as_ref(), def.is_required());
            match (dict.get(&def.key), applicability) {
                (Some(_), Applicability::Absent(why)) => {
                    self.report(&key_path, ViolationKind::NotApplicable { value: None, why })
                }
                (Some(value), Applicability::Applies { .. }) => {
                    self.value(value, def, support.as_ref(), &key_path)
                }
                (
                    None,
                    Applicability::Applies {
                        required: true,
                        by_user_enrollment,
                    },
                ) if enforce_required => {
                    self.report(&key_path, ViolationKind::Missing { by_user_enrollment })
                }
                _ => {}
            }
        }
        for (name, value) in dict {
            if known.contains(name.as_str()) {
                continue;
            }
            let key_path = join(path, name);
            match any {
                Some((def, parent)) => {
                    let own = def
                        .supported_os
                        .as_ref()
                        .and_then(|s| s.for_os(self.ctx.os));
                    let support = inherit(parent, own);
                    self.value(value, def, support.as_ref(), &key_path);
                }
                None => self.report(&key_path, ViolationKind::UnknownKey),
            }
        }
    }

    /// Checks one value against its key definition (already known to apply).
    fn value(
        &mut self,
        value: &Value,
        def: &KeyDefinition,
        support: Option<&OsSupport>,
        path: &str,
    ) {
        if !type_matches(def.value_type, value) {
            self.report(
                path,
                ViolationKind::WrongType {
                    expected: def.value_type,
                    found: describe(value),
                },
            );
            return;
        }
        match value {
            // docs/schema.md: `<any>` is not validated further.
            _ if def.value_type == ValueType::Any => {}
            Value::Dictionary(dict) => {
                if def.subkeys.is_empty() {
                    if !self.allow_open_dictionaries {
                        for name in dict.keys() {
                            self.report(&join(path, name), ViolationKind::UnknownKey);
                        }
                    }
                } else {
                    let entries: Vec<_> = def.subkeys.iter().map(|k| (k, support, true)).collect();
                    self.dictionary(dict, &entries, path);
                }
            }
            Value::Array(items) => self.array(items, def, support, path),
            _ => self.scalar(value, def, support, path),
        }
    }

    fn array(
        &mut self,
        items: &[Value],
        def: &KeyDefinition,
        support: Option<&OsSupport>,
        path: &str,
    ) {
        if let Some(repetition) = def.repetition {
            if !repetition.contains(items.len() as f64) {
                self.report(
                    path,
                    ViolationKind::Repetition {
                        len: items.len(),
                        repetition,
                    },
                );
            }
        }
        // docs/schema.md: an array's single subkey describes its elements.
        let Some(element) = def.subkeys.first() else {
            return;
        };
        if let Some(repetition) = element.repetition {
            if def.repetition.is_none() && !repetition.contains(items.len() as f64) {
                self.report(
                    path,
                    ViolationKind::Repetition {
                        len: items.len(),
                        repetition,
                    },
                );
            }
        }
        let own = element
            .supported_os
            .as_ref()
            .and_then(|s| s.for_os(self.ctx.os));
        let element_support = inherit(support, own);
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            // A rangelist on the array itself constrains its elements.
            if let Some(list) = &def.rangelist {
                self.rangelist(item, list, &item_path);
            }
            self.value(item, element, element_support.as_ref(), &item_path);
        }
    }

    fn scalar(
        &mut self,
        value: &Value,
        def: &KeyDefinition,
        support: Option<&OsSupport>,
        path: &str,
    ) {
        if let Some(list) = &def.rangelist {
            self.rangelist(value, list, path);
        }
        if let Some(range) = def.range {
            if let Some(n) = number(value) {
                if !range.contains(n) {
                    self.report(
                        path,
                        ViolationKind::OutOfRange {
                            value: describe_value(value),
                            range,
                        },
                    );
                }
            }
        }
        if let (Some(format), Value::String(s)) = (&def.format, value) {
            // Every vendored format compiles (tested); a broken one is skipped.
            if let Ok(re) = regex::Regex::new(format) {
                if !re.is_match(s) {
                    self.report(
                        path,
                        ViolationKind::FormatMismatch {
                            value: describe_value(value),
                            format: format.clone(),
                        },
                    );
                }
            }
        }
        // docs/schema.md: a scalar's subkeys list its possible values (the
        // queries of DeviceInformation), each with its own support.
        if !def.subkeys.is_empty() {
            self.listed_value(value, def, support, path);
        }
    }

    fn listed_value(
        &mut self,
        value: &Value,
        def: &KeyDefinition,
        support: Option<&OsSupport>,
        path: &str,
    ) {
        let Value::String(text) = value else {
            return;
        };
        let support_of = |k: &KeyDefinition| {
            let own = k.supported_os.as_ref().and_then(|s| s.for_os(self.ctx.os));
            inherit(support, own)
        };
        match def.subkeys.iter().find(|k| &k.key == text) {
            Some(listed) => {
                let listed_support = support_of(listed);
                if let Applicability::Absent(why) =
                    self.ctx.applicability(listed_support.as_ref(), false)
                {
                    self.report(
                        path,
                        ViolationKind::NotApplicable {
                            value: Some(describe_value(value)),
                            why,
                        },
                    );
                }
            }
            None => {
                let allowed: Vec<String> = def
                    .subkeys
                    .iter()
                    .filter(|k| {
                        matches!(
                            self.ctx.applicability(support_of(k).as_ref(), false),
                            Applicability::Applies { .. }
                        )
                    })
                    .map(|k| k.key.clone())
                    .collect();
                self.report(
                    path,
                    ViolationKind::NotAllowed {
                        value: describe_value(value),
                        allowed: abbreviate(allowed),
                    },
                );
            }
        }
    }

    fn rangelist(&mut self, value: &Value, list: &[RangeValue], path: &str) {
        let comparable = list.iter().any(|r| same_kind(r, value));
        if comparable && !list.iter().any(|r| range_value_equals(r, value)) {
            self.report(
                path,
                ViolationKind::NotAllowed {
                    value: describe_value(value),
                    allowed: list.iter().map(ToString::to_string).collect(),
                },
            );
        }
    }
}

/// Keeps messages about long value lists readable.
fn abbreviate(mut values: Vec<String>) -> Vec<String> {
    const SHOWN: usize = 12;
    if values.len() > SHOWN {
        let more = values.len() - SHOWN;
        values.truncate(SHOWN);
        values.push(format!("... {more} more"));
    }
    values
}

fn type_matches(expected: ValueType, value: &Value) -> bool {
    match expected {
        ValueType::Any => true,
        ValueType::String => matches!(value, Value::String(_)),
        ValueType::Integer => matches!(value, Value::Integer(_)),
        ValueType::Real => matches!(value, Value::Real(_)),
        ValueType::Boolean => matches!(value, Value::Boolean(_)),
        ValueType::Date => matches!(value, Value::Date(_)),
        ValueType::Data => matches!(value, Value::Data(_)),
        ValueType::Array => matches!(value, Value::Array(_)),
        ValueType::Dictionary => matches!(value, Value::Dictionary(_)),
    }
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(i) => i.as_signed(),
        _ => None,
    }
}

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Real(r) => Some(*r),
        // Integers beyond f64's exact range don't occur in MDM plists.
        Value::Integer(_) => integer(value).map(|i| i as f64),
        _ => None,
    }
}

fn same_kind(range_value: &RangeValue, value: &Value) -> bool {
    matches!(
        (range_value, value),
        (RangeValue::String(_), Value::String(_))
            | (RangeValue::Integer(_), Value::Integer(_))
            | (RangeValue::Integer(_) | RangeValue::Real(_), Value::Real(_))
            | (RangeValue::Boolean(_), Value::Boolean(_))
    )
}

fn range_value_equals(range_value: &RangeValue, value: &Value) -> bool {
    match (range_value, value) {
        (RangeValue::String(a), Value::String(b)) => a == b,
        (RangeValue::Integer(a), Value::Integer(_)) => integer(value) == Some(*a),
        (RangeValue::Integer(a), Value::Real(b)) => (*a as f64) == *b,
        (RangeValue::Real(a), Value::Real(b)) => a == b,
        (RangeValue::Boolean(a), Value::Boolean(b)) => a == b,
        _ => false,
    }
}

/// The plist type and value, for "expected X, found Y".
pub(crate) fn describe(value: &Value) -> String {
    let kind = match value {
        Value::String(_) => "<string>",
        Value::Integer(_) => "<integer>",
        Value::Real(_) => "<real>",
        Value::Boolean(_) => "<boolean>",
        Value::Date(_) => "<date>",
        Value::Data(_) => "<data>",
        Value::Array(_) => "<array>",
        Value::Dictionary(_) => "<dictionary>",
        Value::Uid(_) => "<uid>",
        _ => "an unknown plist value",
    };
    if matches!(value, Value::Array(_) | Value::Dictionary(_)) {
        kind.to_owned()
    } else {
        format!("{kind} {}", describe_value(value))
    }
}

/// A value as it appears in a message: strings quoted and shortened.
fn describe_value(value: &Value) -> String {
    match value {
        Value::String(s) => {
            const MAX: usize = 60;
            if s.chars().count() > MAX {
                let head: String = s.chars().take(MAX).collect();
                format!("{head:?}...")
            } else {
                format!("{s:?}")
            }
        }
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Data(d) => format!("({} bytes)", d.len()),
        Value::Date(d) => d.to_xml_format(),
        Value::Array(a) => format!("(array of {})", a.len()),
        Value::Dictionary(d) => format!("(dictionary of {})", d.len()),
        _ => "(value)".to_owned(),
    }
}
