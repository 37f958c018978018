//! The words for `portal-api`'s validation errors. The parsers are shared
//! with the server (whose messages are English, for logs and API clients);
//! people read these, in their language.

use portal_api::device_name::DeviceNameError;
use portal_api::email::EmailError;
use portal_api::password::PasswordError;
use portal_api::DeviceName;

use crate::t;

pub fn email_error(error: &EmailError) -> String {
    match error {
        EmailError::Empty => t!("validation-email-empty"),
        EmailError::Malformed => t!("validation-email-malformed"),
        EmailError::TooLong => t!("validation-email-too-long"),
    }
}

pub fn password_error(error: &PasswordError) -> String {
    match error {
        PasswordError::Empty => t!("validation-password-empty"),
        PasswordError::TooLong => t!("validation-password-too-long"),
        PasswordError::TooShort => t!(
            "validation-password-too-short",
            min = portal_api::NewPassword::MIN_CHARS
        ),
    }
}

pub fn device_name_error(error: &DeviceNameError) -> String {
    match error {
        DeviceNameError::Empty => t!("validation-device-name-empty"),
        DeviceNameError::TooLong => t!(
            "validation-device-name-too-long",
            max = DeviceName::MAX_CHARS
        ),
        DeviceNameError::ControlCharacters => t!("validation-device-name-control-characters"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The English catalog says what the shared parsers say, so the browser's
    // check and the server's answer read the same.
    #[test]
    fn english_matches_the_parsers_own_words() {
        for error in [
            EmailError::Empty,
            EmailError::Malformed,
            EmailError::TooLong,
        ] {
            assert_eq!(email_error(&error), error.to_string());
        }
        for error in [
            PasswordError::Empty,
            PasswordError::TooLong,
            PasswordError::TooShort,
        ] {
            assert_eq!(password_error(&error), error.to_string());
        }
        for error in [
            DeviceNameError::Empty,
            DeviceNameError::TooLong,
            DeviceNameError::ControlCharacters,
        ] {
            assert_eq!(device_name_error(&error), error.to_string());
        }
    }
}
