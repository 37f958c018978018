//! The words for the server's refusals (`portal-api`'s `ApiError`), in the
//! person's language: the message `portal_i18n::refusals` chooses by the
//! error's stable code, with the numbers and names of its `details` (the
//! server's first paint chooses the same). The server's English `message` is
//! shown only for what this version of the app does not know (a code or a
//! value error from a newer server).

use portal_api::ApiError;
use portal_i18n::refusals::{refusal_wording, MessageRef, RefusalWording};

/// What went wrong, fit to show a person.
pub fn api_error_words(error: &ApiError) -> String {
    match refusal_wording(error) {
        RefusalWording::Message(message) => message_words(&message),
        RefusalWording::ServerSentence(sentence) => sentence.to_owned(),
    }
}

/// A chosen message in the current language.
pub fn message_words(message: &MessageRef) -> String {
    super::text(message.key, &message.args)
}

#[cfg(test)]
mod tests {
    use portal_api::{ErrorCode, InvalidValue, RefusalDetails};

    use super::*;
    use crate::i18n::testing::in_language;
    use crate::i18n::Language;

    fn refusal(code: ErrorCode, details: RefusalDetails) -> ApiError {
        ApiError::new(code, "The server's English sentence.").with_details(details)
    }

    fn at_the_limit(limit: u32) -> ApiError {
        refusal(
            ErrorCode::DeviceLimitReached,
            RefusalDetails {
                device_limit: Some(limit),
                organization: Some("Contoso".into()),
                ..RefusalDetails::default()
            },
        )
    }

    #[test]
    fn the_device_limit_is_said_with_its_number_and_the_organization() {
        assert_eq!(
            api_error_words(&at_the_limit(5)),
            "You already have as many enrolled devices as Contoso allows (5). Remove a device \
             you no longer use in My devices, then try again."
        );
        in_language(Language::German, || {
            assert_eq!(
                api_error_words(&at_the_limit(1)),
                "Sie haben bereits so viele registrierte Geräte, wie Contoso erlaubt (1). \
                 Entfernen Sie unter „Meine Geräte“ ein Gerät, das Sie nicht mehr verwenden, \
                 und versuchen Sie es dann erneut."
            );
        });
    }

    #[test]
    fn every_known_code_has_words_of_its_own_in_every_language() {
        let codes = [
            ErrorCode::InvalidInput,
            ErrorCode::UnreadableRequest,
            ErrorCode::MethodNotAllowed,
            ErrorCode::InvalidCredentials,
            ErrorCode::TooManyAttempts,
            ErrorCode::NotSignedIn,
            ErrorCode::Forbidden,
            ErrorCode::LocalAccountsOff,
            ErrorCode::NotFound,
            ErrorCode::PortalNotSetUp,
            ErrorCode::Internal,
            ErrorCode::EnrollmentNotSetUp,
            ErrorCode::EnrollmentTypeNotAllowed,
            ErrorCode::WrongAccount,
            ErrorCode::DeviceLimitReached,
            ErrorCode::EnrollmentAlreadyFinished,
            ErrorCode::RemovePending,
            ErrorCode::NotAllowedForUserEnrollment,
            ErrorCode::RequestTimeout,
            ErrorCode::TooManyEventStreams,
            ErrorCode::StorageUnavailable,
        ];
        for language in Language::ALL {
            in_language(language, || {
                for code in codes {
                    let details = RefusalDetails {
                        invalid: Some(InvalidValue::EmailMalformed),
                        ..RefusalDetails::default()
                    };
                    let words = api_error_words(&refusal(code, details));
                    assert_ne!(words, "The server's English sentence.", "{code:?}");
                    assert!(
                        !words.contains("api-error"),
                        "{language:?} {code:?}: {words}"
                    );
                    assert!(!words.contains('{'), "{language:?} {code:?}: {words}");
                }
            });
        }
    }

    #[test]
    fn details_fill_in_the_words_and_their_absence_still_reads() {
        let throttled = |details| refusal(ErrorCode::TooManyAttempts, details);
        let wait = RefusalDetails {
            retry_after_seconds: Some(61),
            ..RefusalDetails::default()
        };
        assert_eq!(
            api_error_words(&throttled(wait)),
            "Too many attempts to sign in. Wait 2 minutes, then try again."
        );
        assert_eq!(
            api_error_words(&throttled(RefusalDetails::default())),
            "Too many attempts to sign in. Wait a few minutes, then try again."
        );
        let wrong = refusal(
            ErrorCode::WrongAccount,
            RefusalDetails {
                signed_in_as: Some("sam@contoso.example".into()),
                ..RefusalDetails::default()
            },
        );
        assert!(api_error_words(&wrong).contains("sam@contoso.example"));
        let not_allowed = refusal(
            ErrorCode::EnrollmentTypeNotAllowed,
            RefusalDetails {
                organization: Some("Contoso".into()),
                ..RefusalDetails::default()
            },
        );
        assert!(api_error_words(&not_allowed).starts_with("Contoso doesn't allow"));
        let no_details = refusal(ErrorCode::DeviceLimitReached, RefusalDetails::default());
        assert!(api_error_words(&no_details).starts_with("You already have as many"));
    }

    #[test]
    fn a_field_error_reads_as_the_apps_own_check_in_the_persons_language() {
        let invalid = |value| {
            refusal(
                ErrorCode::InvalidInput,
                RefusalDetails {
                    invalid: Some(value),
                    ..RefusalDetails::default()
                },
            )
            .for_field("display_name")
        };
        assert_eq!(
            api_error_words(&invalid(InvalidValue::DeviceNameTooLong)),
            "Use at most 64 characters."
        );
        in_language(Language::German, || {
            assert_eq!(
                api_error_words(&invalid(InvalidValue::DeviceNameTooLong)),
                "Verwenden Sie höchstens 64 Zeichen."
            );
        });
        // A value error this app does not know: the server's words.
        assert_eq!(
            api_error_words(&invalid(InvalidValue::Unknown)),
            "The server's English sentence."
        );
    }

    #[test]
    fn only_what_the_app_does_not_know_falls_back_to_the_servers_words() {
        let newer = ApiError::new(ErrorCode::Unknown, "From a newer server.");
        assert_eq!(api_error_words(&newer), "From a newer server.");
        let silent = ApiError::new(ErrorCode::Unknown, " ");
        assert_eq!(
            api_error_words(&silent),
            "Something went wrong. Try again in a moment."
        );
        let older = ApiError::new(ErrorCode::InvalidInput, "An older server's words.");
        assert_eq!(api_error_words(&older), "An older server's words.");
    }
}
