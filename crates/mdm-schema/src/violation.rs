//! What a check found wrong, worded for a failing test's output.

use std::fmt;

use crate::context::{Absence, Context};
use crate::definition::{Bounds, ValueType};

/// One way a plist departs from Apple's definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Dotted path from the checked plist's root, `[i]` for array elements:
    /// `QueryResponses.PasscodePresent`, `PayloadContent[1].URL`. Empty for
    /// the plist as a whole.
    pub path: String,
    pub kind: ViolationKind,
}

/// What is wrong at a path.
#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// No vendored definition has that name.
    UnknownDefinition { kind: &'static str, name: String },
    /// The message, command or payload as a whole does not exist for the
    /// context (e.g. a macOS-only command sent to iOS).
    DefinitionNotApplicable { name: String, why: Absence },
    /// A key (or, in an array of allowed values, a value) is present but
    /// does not apply to the context.
    NotApplicable { value: Option<String>, why: Absence },
    /// A key that applies and must be present is missing.
    Missing { by_user_enrollment: bool },
    /// The value has another plist type than the definition's `type`.
    WrongType { expected: ValueType, found: String },
    /// The value is not one of the definition's allowed values
    /// (`rangelist`, or the values listed as a scalar's `subkeys`).
    NotAllowed { value: String, allowed: Vec<String> },
    /// A number outside `range`.
    OutOfRange { value: String, range: Bounds },
    /// A string not matching `format`.
    FormatMismatch { value: String, format: String },
    /// An array whose length is outside `repetition`.
    Repetition { len: usize, repetition: Bounds },
    /// A dictionary key the definition does not list.
    UnknownKey,
}

impl fmt::Display for ViolationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViolationKind::UnknownDefinition { kind, name } => {
                write!(f, "no vendored Apple definition for {kind} {name:?}")
            }
            ViolationKind::DefinitionNotApplicable { name, why } => {
                write!(f, "{name} does not apply: {why}")
            }
            ViolationKind::NotApplicable { value: None, why } => {
                write!(f, "present, but must be absent: {why}")
            }
            ViolationKind::NotApplicable {
                value: Some(value),
                why,
            } => write!(f, "value {value} must not be used: {why}"),
            ViolationKind::Missing {
                by_user_enrollment: false,
            } => f.write_str("missing (presence: required)"),
            ViolationKind::Missing {
                by_user_enrollment: true,
            } => f.write_str("missing (required under user enrollment)"),
            ViolationKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ViolationKind::NotAllowed { value, allowed } => {
                write!(f, "value {value} is not one of [{}]", allowed.join(", "))
            }
            ViolationKind::OutOfRange { value, range } => {
                write!(f, "value {value} is outside the range {range}")
            }
            ViolationKind::FormatMismatch { value, format } => {
                write!(f, "value {value} does not match the format {format}")
            }
            ViolationKind::Repetition { len, repetition } => {
                write!(f, "{len} elements, expected {repetition}")
            }
            ViolationKind::UnknownKey => f.write_str("unknown key: not in Apple's definition"),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "(whole plist): {}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

/// All violations of one check. Its `Debug` is its `Display`, so
/// `result.unwrap()` in a test prints a readable list.
#[derive(Clone, PartialEq, thiserror::Error)]
pub struct Violations {
    /// What was checked, e.g. `check-in message Authenticate`.
    pub subject: String,
    pub context: Context,
    pub violations: Vec<Violation>,
}

impl Violations {
    /// The violation at exactly this path, if any.
    pub fn at(&self, path: &str) -> Option<&Violation> {
        self.violations.iter().find(|v| v.path == path)
    }

    /// The violations, in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.violations.iter()
    }

    pub fn len(&self) -> usize {
        self.violations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(
            f,
            "{} {} Apple's schema for {} ({}):",
            n,
            if n == 1 {
                "violation of"
            } else {
                "violations of"
            },
            self.subject,
            self.context
        )?;
        for v in &self.violations {
            write!(f, "\n  - {v}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
