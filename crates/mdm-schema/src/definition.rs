//! Apple's YAML definitions as typed structs (`docs/schema.md` of
//! apple/device-management). Only the fields the checker uses are typed;
//! serde skips the rest (`accessrights`, `supervised`, `content` of notes...).

use std::fmt;

use serde::{de, Deserialize, Deserializer};

use crate::SchemaError;

/// One YAML file: a check-in message, a command, a profile payload, ...
#[derive(Debug, Clone, Deserialize)]
pub struct Definition {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub payload: PayloadInfo,
    /// The request: a check-in message, a command's `Command` dictionary
    /// (without `RequestType`), a profile payload's own keys.
    #[serde(default)]
    pub payloadkeys: Vec<KeyDefinition>,
    /// A command response's own keys (without the common envelope).
    #[serde(default)]
    pub responsekeys: Vec<KeyDefinition>,
}

impl Definition {
    /// Parses one of Apple's YAML definitions.
    pub fn from_yaml(text: &str) -> Result<Definition, SchemaError> {
        yaml_serde::from_str(text).map_err(|e| SchemaError::Yaml(e.to_string()))
    }

    /// `payload.requesttype` or `payload.payloadtype`, whichever is set.
    pub fn name(&self) -> Option<&str> {
        self.payload
            .requesttype
            .as_deref()
            .or(self.payload.payloadtype.as_deref())
    }
}

/// The `payload` object: what the definition is and where it is supported.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PayloadInfo {
    #[serde(default)]
    pub requesttype: Option<String>,
    #[serde(default)]
    pub payloadtype: Option<String>,
    #[serde(default, rename = "supportedOS")]
    pub supported_os: SupportedOs,
    #[serde(default)]
    pub content: Option<String>,
}

/// `supportedOS`: one entry per OS; a missing OS means "not on that OS" at
/// payload level and "as inherited" at key level.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SupportedOs {
    #[serde(default, rename = "iOS")]
    pub ios: Option<OsSupport>,
    #[serde(default, rename = "macOS")]
    pub macos: Option<OsSupport>,
    #[serde(default, rename = "tvOS")]
    pub tvos: Option<OsSupport>,
    #[serde(default, rename = "visionOS")]
    pub visionos: Option<OsSupport>,
    #[serde(default, rename = "watchOS")]
    pub watchos: Option<OsSupport>,
}

/// The support of a payload or key on one OS.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OsSupport {
    #[serde(default)]
    pub introduced: Option<OsVersion>,
    #[serde(default)]
    pub deprecated: Option<OsVersion>,
    #[serde(default)]
    pub removed: Option<OsVersion>,
    #[serde(default)]
    pub userenrollment: Option<ModeSpec>,
    #[serde(default)]
    pub sharedipad: Option<ModeSpec>,
}

/// `userenrollment` / `sharedipad`: only `mode` matters to the checker.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModeSpec {
    #[serde(default)]
    pub mode: Option<Mode>,
}

/// How a payload or key relates to user enrollment or Shared iPad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Allowed,
    /// Only when user enrollment (Shared iPad) is in effect.
    Required,
    /// Never when user enrollment (Shared iPad) is in effect.
    Forbidden,
    /// Accepted but without effect.
    Ignored,
}

/// An OS version in `introduced`/`removed`: dotted numbers, or `n/a`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OsVersion {
    /// `n/a`: never on that OS.
    NotAvailable,
    Version(Vec<u32>),
}

impl OsVersion {
    /// Parses `"17.4"`, `"10.13.4"` or `"n/a"`.
    pub fn parse(text: &str) -> Option<OsVersion> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("n/a") {
            return Some(OsVersion::NotAvailable);
        }
        let parts: Result<Vec<u32>, _> = text.split('.').map(str::parse).collect();
        parts.ok().filter(|p| !p.is_empty()).map(OsVersion::Version)
    }
}

/// Compares dotted versions, missing components counting as 0 (`17` = `17.0`).
pub(crate) fn compare_versions(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| {
            let x = a.get(i).copied().unwrap_or(0);
            let y = b.get(i).copied().unwrap_or(0);
            x.cmp(&y)
        })
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

impl fmt::Display for OsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OsVersion::NotAvailable => f.write_str("n/a"),
            OsVersion::Version(parts) => {
                let text: Vec<String> = parts.iter().map(u32::to_string).collect();
                f.write_str(&text.join("."))
            }
        }
    }
}

impl<'de> Deserialize<'de> for OsVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Apple quotes most versions ('17.0') but not all (10.13.4 is a YAML
        // string anyway; a bare 9.0 would be a float).
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Integer(u64),
            Real(f64),
        }
        let text = match Raw::deserialize(deserializer)? {
            Raw::Text(t) => t,
            Raw::Integer(i) => i.to_string(),
            Raw::Real(r) => format!("{r:?}"),
        };
        OsVersion::parse(&text)
            .ok_or_else(|| de::Error::custom(format!("not an OS version: {text:?}")))
    }
}

/// One entry of `payloadkeys`, `responsekeys` or `subkeys`.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyDefinition {
    /// The key's name; `ANY` stands for any name.
    pub key: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, rename = "supportedOS")]
    pub supported_os: Option<SupportedOs>,
    #[serde(rename = "type")]
    pub value_type: ValueType,
    /// Missing in many `responsekeys`: treated as optional.
    #[serde(default)]
    pub presence: Option<Presence>,
    #[serde(default)]
    pub rangelist: Option<Vec<RangeValue>>,
    #[serde(default)]
    pub range: Option<Bounds>,
    /// A regular expression the string value must match.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub repetition: Option<Bounds>,
    #[serde(default)]
    pub subkeytype: Option<String>,
    #[serde(default)]
    pub subkeys: Vec<KeyDefinition>,
    #[serde(default)]
    pub content: Option<String>,
}

impl KeyDefinition {
    /// Whether this entry stands for any key name.
    pub fn is_any(&self) -> bool {
        self.key == "ANY"
    }

    /// Whether `presence: required`.
    pub fn is_required(&self) -> bool {
        self.presence == Some(Presence::Required)
    }
}

/// The `type` of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ValueType {
    #[serde(rename = "<string>")]
    String,
    #[serde(rename = "<integer>")]
    Integer,
    #[serde(rename = "<real>")]
    Real,
    #[serde(rename = "<boolean>")]
    Boolean,
    #[serde(rename = "<date>")]
    Date,
    #[serde(rename = "<data>")]
    Data,
    #[serde(rename = "<array>")]
    Array,
    #[serde(rename = "<dictionary>")]
    Dictionary,
    #[serde(rename = "<any>")]
    Any,
}

impl ValueType {
    /// Whether the value is an array or dictionary.
    pub fn is_container(self) -> bool {
        matches!(self, ValueType::Array | ValueType::Dictionary)
    }
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueType::String => "<string>",
            ValueType::Integer => "<integer>",
            ValueType::Real => "<real>",
            ValueType::Boolean => "<boolean>",
            ValueType::Date => "<date>",
            ValueType::Data => "<data>",
            ValueType::Array => "<array>",
            ValueType::Dictionary => "<dictionary>",
            ValueType::Any => "<any>",
        })
    }
}

/// `presence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Required,
    Optional,
}

/// One allowed value of a `rangelist`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RangeValue {
    Boolean(bool),
    Integer(i64),
    Real(f64),
    String(String),
}

impl fmt::Display for RangeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeValue::Boolean(b) => write!(f, "{b}"),
            RangeValue::Integer(i) => write!(f, "{i}"),
            RangeValue::Real(r) => write!(f, "{r}"),
            RangeValue::String(s) => write!(f, "{s:?}"),
        }
    }
}

/// `range` (value bounds) or `repetition` (element count bounds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
pub struct Bounds {
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
}

impl Bounds {
    /// Whether `n` lies within the bounds (inclusive).
    pub fn contains(&self, n: f64) -> bool {
        self.min.is_none_or(|min| n >= min) && self.max.is_none_or(|max| n <= max)
    }
}

impl fmt::Display for Bounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(min), Some(max)) => write!(f, "{min}..={max}"),
            (Some(min), None) => write!(f, ">= {min}"),
            (None, Some(max)) => write!(f, "<= {max}"),
            (None, None) => f.write_str("any"),
        }
    }
}
