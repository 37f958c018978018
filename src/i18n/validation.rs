//! The words for `portal-api`'s validation errors. The parsers are shared
//! with the server (whose messages are English, for logs and API clients);
//! people read these, in their language.

use portal_api::device_name::DeviceNameError;
use portal_api::email::EmailError;
use portal_api::password::PasswordError;
use portal_api::{DeviceName, InvalidValue};

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

/// What is wrong with a value the server refused, in the same words as the
/// app's own check of it. `Unknown` (a newer server's) has none of its own:
/// the caller shows the server's words instead.
pub fn invalid_value_words(invalid: InvalidValue) -> String {
    match invalid {
        InvalidValue::EmailEmpty => email_error(&EmailError::Empty),
        InvalidValue::EmailMalformed => email_error(&EmailError::Malformed),
        InvalidValue::EmailTooLong => email_error(&EmailError::TooLong),
        InvalidValue::PasswordEmpty => password_error(&PasswordError::Empty),
        InvalidValue::PasswordTooLong => password_error(&PasswordError::TooLong),
        InvalidValue::PasswordTooShort => password_error(&PasswordError::TooShort),
        InvalidValue::DeviceNameEmpty => device_name_error(&DeviceNameError::Empty),
        InvalidValue::DeviceNameTooLong => device_name_error(&DeviceNameError::TooLong),
        InvalidValue::DeviceNameControlCharacters => {
            device_name_error(&DeviceNameError::ControlCharacters)
        }
        InvalidValue::Unknown => t!("api-error-unknown"),
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

    // A value the server refused reads as the parser's words for it, as
    // the server's English message does.
    #[test]
    fn a_refused_value_reads_as_the_server_says_it_in_english() {
        for invalid in [
            InvalidValue::EmailEmpty,
            InvalidValue::EmailMalformed,
            InvalidValue::EmailTooLong,
            InvalidValue::PasswordEmpty,
            InvalidValue::PasswordTooLong,
            InvalidValue::PasswordTooShort,
            InvalidValue::DeviceNameEmpty,
            InvalidValue::DeviceNameTooLong,
            InvalidValue::DeviceNameControlCharacters,
        ] {
            assert_eq!(invalid_value_words(invalid), invalid.to_string());
        }
    }
}
