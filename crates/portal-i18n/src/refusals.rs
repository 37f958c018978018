//! Which catalog message says a refusal of the server (`portal-api`'s
//! `ApiError`) or a value its parsers refused, with the numbers and names
//! it needs. The app and the server's first paint both format these, each
//! with its catalog, so a refusal reads the same wherever it is drawn.

use portal_api::device_name::DeviceNameError;
use portal_api::email::EmailError;
use portal_api::password::PasswordError;
use portal_api::{ApiError, DeviceName, ErrorCode, InvalidValue, NewPassword};

use crate::Arg;

/// A message of the catalogs and its arguments, not yet formatted. (The
/// app's catalog tests find the keys by `MessageRef::plain("…")` and
/// `MessageRef::with("…", …)`: keep them literal.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl MessageRef {
    fn plain(key: &'static str) -> Self {
        Self { key, args: vec![] }
    }

    fn with(key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Self { key, args }
    }
}

/// How a refusal is said: by a message of the catalogs, or by the server's
/// own (English) sentence, for a code or a refused value this version does
/// not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalWording<'a> {
    Message(MessageRef),
    ServerSentence(&'a str),
}

/// How `error` is said to a person; a server that sent no sentence for
/// what this version does not know reads as `api-error-unknown`.
pub fn refusal_wording(error: &ApiError) -> RefusalWording<'_> {
    match refusal_message(error) {
        Some(message) => RefusalWording::Message(message),
        None if error.message.trim().is_empty() => {
            RefusalWording::Message(MessageRef::plain("api-error-unknown"))
        }
        None => RefusalWording::ServerSentence(&error.message),
    }
}

/// The message for `error`; `None` when only the server's own sentence can
/// say it (a code, or a refused value, that this version does not know).
fn refusal_message(error: &ApiError) -> Option<MessageRef> {
    let details = &error.details;
    let org = details.organization.as_deref();
    Some(match error.code {
        ErrorCode::InvalidInput => match details.invalid {
            Some(invalid) if invalid != InvalidValue::Unknown => invalid_value_message(invalid),
            _ => return None,
        },
        ErrorCode::UnreadableRequest => MessageRef::plain("api-error-unreadable-request"),
        ErrorCode::MethodNotAllowed => MessageRef::plain("api-error-method-not-allowed"),
        ErrorCode::InvalidCredentials => MessageRef::plain("api-error-invalid-credentials"),
        ErrorCode::TooManyAttempts => match details.retry_after_seconds {
            Some(seconds) => MessageRef::with(
                "api-error-too-many-attempts-wait",
                vec![("minutes", Arg::from(whole_minutes(seconds)))],
            ),
            None => MessageRef::plain("api-error-too-many-attempts"),
        },
        ErrorCode::NotSignedIn => MessageRef::plain("api-error-not-signed-in"),
        ErrorCode::Forbidden => MessageRef::plain("api-error-forbidden"),
        ErrorCode::LocalAccountsOff => MessageRef::plain("api-error-local-accounts-off"),
        ErrorCode::NotFound => MessageRef::plain("api-error-not-found"),
        ErrorCode::PortalNotSetUp => MessageRef::plain("api-error-portal-not-set-up"),
        ErrorCode::Internal => MessageRef::plain("api-error-internal"),
        ErrorCode::EnrollmentNotSetUp => MessageRef::plain("api-error-enrollment-not-set-up"),
        ErrorCode::EnrollmentTypeNotAllowed => match org {
            Some(org) => MessageRef::with(
                "api-error-enrollment-type-not-allowed-by",
                vec![("org", Arg::from(org))],
            ),
            None => MessageRef::plain("api-error-enrollment-type-not-allowed"),
        },
        ErrorCode::WrongAccount => match details.signed_in_as.as_deref() {
            Some(account) => MessageRef::with(
                "api-error-wrong-account-signed-in-as",
                vec![("account", Arg::from(account))],
            ),
            None => MessageRef::plain("api-error-wrong-account"),
        },
        ErrorCode::DeviceLimitReached => match (details.device_limit, org) {
            (Some(limit), Some(org)) => MessageRef::with(
                "api-error-device-limit-reached",
                vec![("limit", Arg::from(limit)), ("org", Arg::from(org))],
            ),
            _ => MessageRef::plain("api-error-device-limit-reached-no-details"),
        },
        ErrorCode::EnrollmentAlreadyFinished => {
            MessageRef::plain("api-error-enrollment-already-finished")
        }
        ErrorCode::RemovePending => MessageRef::plain("api-error-remove-pending"),
        ErrorCode::NotAllowedForUserEnrollment => {
            MessageRef::plain("api-error-not-allowed-for-user-enrollment")
        }
        ErrorCode::RequestTimeout => MessageRef::plain("api-error-request-timeout"),
        ErrorCode::TooManyEventStreams => MessageRef::plain("api-error-too-many-event-streams"),
        ErrorCode::StorageUnavailable => MessageRef::plain("api-error-storage-unavailable"),
        ErrorCode::Unknown => return None,
    })
}

/// The message for a value the parsers refused, the same words whether the
/// browser's check found it or the server's. `Unknown` (a newer server's)
/// has none of its own.
pub fn invalid_value_message(invalid: InvalidValue) -> MessageRef {
    match invalid {
        InvalidValue::EmailEmpty => email_message(&EmailError::Empty),
        InvalidValue::EmailMalformed => email_message(&EmailError::Malformed),
        InvalidValue::EmailTooLong => email_message(&EmailError::TooLong),
        InvalidValue::PasswordEmpty => password_message(&PasswordError::Empty),
        InvalidValue::PasswordTooLong => password_message(&PasswordError::TooLong),
        InvalidValue::PasswordTooShort => password_message(&PasswordError::TooShort),
        InvalidValue::DeviceNameEmpty => device_name_message(&DeviceNameError::Empty),
        InvalidValue::DeviceNameTooLong => device_name_message(&DeviceNameError::TooLong),
        InvalidValue::DeviceNameControlCharacters => {
            device_name_message(&DeviceNameError::ControlCharacters)
        }
        InvalidValue::Unknown => MessageRef::plain("api-error-unknown"),
    }
}

pub fn email_message(error: &EmailError) -> MessageRef {
    match error {
        EmailError::Empty => MessageRef::plain("validation-email-empty"),
        EmailError::Malformed => MessageRef::plain("validation-email-malformed"),
        EmailError::TooLong => MessageRef::plain("validation-email-too-long"),
    }
}

pub fn password_message(error: &PasswordError) -> MessageRef {
    match error {
        PasswordError::Empty => MessageRef::plain("validation-password-empty"),
        PasswordError::TooLong => MessageRef::plain("validation-password-too-long"),
        PasswordError::TooShort => MessageRef::with(
            "validation-password-too-short",
            vec![("min", Arg::from(NewPassword::MIN_CHARS))],
        ),
    }
}

pub fn device_name_message(error: &DeviceNameError) -> MessageRef {
    match error {
        DeviceNameError::Empty => MessageRef::plain("validation-device-name-empty"),
        DeviceNameError::TooLong => MessageRef::with(
            "validation-device-name-too-long",
            vec![("max", Arg::from(DeviceName::MAX_CHARS))],
        ),
        DeviceNameError::ControlCharacters => {
            MessageRef::plain("validation-device-name-control-characters")
        }
    }
}

/// "Wait 15 minutes": whole minutes, rounded up, at least one (as the
/// server counts them).
fn whole_minutes(seconds: u64) -> u64 {
    seconds.div_ceil(60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throttled_sign_in_says_whole_minutes_rounded_up() {
        let throttled = |seconds| {
            let mut error = ApiError::new(ErrorCode::TooManyAttempts, "slow down");
            error.details.retry_after_seconds = seconds;
            refusal_message(&error).map(|message| message.args)
        };
        assert_eq!(throttled(Some(61)), Some(vec![("minutes", Arg::Number(2))]));
        assert_eq!(throttled(Some(1)), Some(vec![("minutes", Arg::Number(1))]));
        assert_eq!(throttled(None), Some(vec![]));
    }

    #[test]
    fn an_unknown_refusal_is_the_servers_sentence_unless_it_sent_none() {
        assert_eq!(
            refusal_wording(&ApiError::new(ErrorCode::Unknown, "From a newer server.")),
            RefusalWording::ServerSentence("From a newer server.")
        );
        assert_eq!(
            refusal_wording(&ApiError::new(ErrorCode::Unknown, " ")),
            RefusalWording::Message(MessageRef::plain("api-error-unknown"))
        );
        assert_eq!(
            refusal_wording(&ApiError::new(ErrorCode::InvalidCredentials, "")),
            RefusalWording::Message(MessageRef::plain("api-error-invalid-credentials"))
        );
    }

    #[test]
    fn only_the_unknown_is_left_to_the_servers_sentence() {
        assert_eq!(
            refusal_message(&ApiError::new(ErrorCode::Unknown, "newer")),
            None
        );
        let mut unknown_value = ApiError::new(ErrorCode::InvalidInput, "newer");
        unknown_value.details.invalid = Some(InvalidValue::Unknown);
        assert_eq!(refusal_message(&unknown_value), None);
        let mut known_value = ApiError::new(ErrorCode::InvalidInput, "bad email");
        known_value.details.invalid = Some(InvalidValue::EmailMalformed);
        assert_eq!(
            refusal_message(&known_value).map(|message| message.key),
            Some("validation-email-malformed")
        );
    }
}
