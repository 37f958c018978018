//! The name a device has in the portal (what **Rename** changes).

use serde::{Deserialize, Serialize};

/// Why a typed device name was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceNameError {
    #[error("Enter a name for this device.")]
    Empty,
    #[error("Use at most {max} characters.", max = DeviceName::MAX_CHARS)]
    TooLong,
    #[error("Use letters, numbers, spaces and punctuation only.")]
    ControlCharacters,
}

/// A device's display name: trimmed, 1 to 64 characters, no control
/// characters. Only the portal shows it; the device keeps its own name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceName(String);

impl DeviceName {
    pub const MAX_CHARS: usize = 64;

    pub fn parse(input: &str) -> Result<Self, DeviceNameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(DeviceNameError::Empty);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(DeviceNameError::ControlCharacters);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(DeviceNameError::TooLong);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DeviceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for DeviceName {
    type Error = DeviceNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DeviceName> for String {
    fn from(value: DeviceName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_ordinary_names() {
        assert_eq!(
            DeviceName::parse("  Alex's iPhone ").unwrap().as_str(),
            "Alex's iPhone"
        );
        assert!(DeviceName::parse("iPad (Küche) 📱").is_ok());
    }

    #[test]
    fn refuses_blank_names() {
        assert_eq!(DeviceName::parse(" \t "), Err(DeviceNameError::Empty));
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(DeviceName::parse(&"é".repeat(64)).is_ok());
        assert_eq!(
            DeviceName::parse(&"é".repeat(65)),
            Err(DeviceNameError::TooLong)
        );
    }

    #[test]
    fn refuses_control_characters_inside() {
        assert_eq!(
            DeviceName::parse("Alex\u{0007}Phone"),
            Err(DeviceNameError::ControlCharacters)
        );
        assert_eq!(
            DeviceName::parse("two\nlines"),
            Err(DeviceNameError::ControlCharacters)
        );
    }
}
