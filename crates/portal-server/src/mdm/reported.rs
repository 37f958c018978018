//! Strings a device reports about itself (check-in messages, command
//! results): how long they may be and how they are cleaned.
//!
//! - Identifiers and versions (UDID, serial number, OS and build version,
//!   product and model names, topic, push magic, command UUID, status) are
//!   refused when longer than [`MAX_REPORTED_CHARS`] or when they hold
//!   control characters: a cut identifier would name something else, and no
//!   device sends one that long, so the message is answered 400.
//! - Human text (the device's name, error descriptions) is kept but cleaned:
//!   control characters become spaces and it is cut to its limit (the
//!   device's name to what a portal name may be, [`DeviceName::MAX_CHARS`]).
//!
//! Either way these values are logged with `?` (Debug, escaped), never raw.

use portal_api::DeviceName;

/// The longest identifier or version accepted from a device, in characters.
/// Apple's are far shorter (a UDID is 25–40, a serial 10–12).
pub const MAX_REPORTED_CHARS: usize = 255;

/// A reported identifier that is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportedTextError {
    #[error("{key} is longer than {MAX_REPORTED_CHARS} characters")]
    TooLong { key: String },
    #[error("{key} holds control characters")]
    ControlCharacters { key: String },
}

/// `value` as an identifier: trimmed, `None` when empty.
pub fn identifier(key: &str, value: &str) -> Result<Option<String>, ReportedTextError> {
    let trimmed = value.trim();
    if trimmed.chars().count() > MAX_REPORTED_CHARS {
        return Err(ReportedTextError::TooLong {
            key: key.to_owned(),
        });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(ReportedTextError::ControlCharacters {
            key: key.to_owned(),
        });
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// `value` as text to show a person: control characters as spaces, trimmed,
/// cut to `max_chars`; `None` when nothing is left.
pub fn human_text(value: &str, max_chars: usize) -> Option<String> {
    let cleaned: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cut: String = cleaned.trim().chars().take(max_chars).collect();
    let cut = cut.trim_end();
    (!cut.is_empty()).then(|| cut.to_owned())
}

/// The device's own name, fit to be its display name in the portal.
pub fn device_name(value: &str) -> Option<String> {
    human_text(value, DeviceName::MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_trimmed_and_refused_when_too_long_or_with_controls() {
        assert_eq!(
            identifier("UDID", "  abc ").unwrap().as_deref(),
            Some("abc")
        );
        assert_eq!(identifier("UDID", "   ").unwrap(), None);
        let long = "x".repeat(MAX_REPORTED_CHARS);
        assert_eq!(identifier("UDID", &long).unwrap(), Some(long.clone()));
        assert_eq!(
            identifier("UDID", &format!("{long}y")),
            Err(ReportedTextError::TooLong { key: "UDID".into() })
        );
        assert_eq!(
            identifier("OSVersion", "17.4\n\u{1b}[31m"),
            Err(ReportedTextError::ControlCharacters {
                key: "OSVersion".into()
            })
        );
    }

    #[test]
    fn human_text_is_cleaned_and_cut() {
        assert_eq!(
            human_text("Alex\u{7}'s\niPhone", 255).as_deref(),
            Some("Alex 's iPhone")
        );
        assert_eq!(human_text(" \u{0} ", 255), None);
        let name = device_name(&"é".repeat(300)).unwrap();
        assert_eq!(name.chars().count(), DeviceName::MAX_CHARS);
        assert!(DeviceName::parse(&name).is_ok());
    }
}
