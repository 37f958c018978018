//! The words for `portal-api`'s validation errors. The parsers are shared
//! with the server (whose messages are English, for logs and API clients);
//! people read these, in their language (the messages are chosen in
//! `portal_i18n::refusals`, as the server's first paint chooses them).

use portal_api::device_name::DeviceNameError;
use portal_api::email::EmailError;
use portal_api::password::PasswordError;
use portal_api::InvalidValue;
use portal_i18n::refusals::{
    device_name_message, email_message, invalid_value_message, password_message,
};

use super::refusals::message_words;

pub fn email_error(error: &EmailError) -> String {
    message_words(&email_message(error))
}

pub fn password_error(error: &PasswordError) -> String {
    message_words(&password_message(error))
}

pub fn device_name_error(error: &DeviceNameError) -> String {
    message_words(&device_name_message(error))
}

/// What is wrong with a value the server refused, in the same words as the
/// app's own check of it. `Unknown` (a newer server's) has none of its own:
/// the caller shows the server's words instead.
pub fn invalid_value_words(invalid: InvalidValue) -> String {
    message_words(&invalid_value_message(invalid))
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
