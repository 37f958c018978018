//! Turning API values into words and links for people.
//!
//! Pure functions, no browser APIs, so they are unit-tested natively.

use crate::t;
use portal_api::{
    ActionState, ActionStatus, CommandFailure, CommandFailureReason, ComplianceRule,
    ComplianceState, EnrollmentType, Ownership,
};

/// The product's name, used until (or if) the organization's name is known.
pub fn product_name() -> String {
    t!("product-name")
}

/// The document title of a page: "My devices · Contoso".
pub fn document_title(page: &str, organization: Option<&str>) -> String {
    let site = organization
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(product_name, str::to_owned);
    format!("{page} · {site}")
}

/// How long ago, and `<time datetime>`: shared with the server's first paint.
pub use portal_i18n::time::{age, rfc3339_utc, Age};

/// Whether the device meets the organization's rules, in words that say
/// what it means: whether it can reach company resources.
pub fn compliance_words(compliance: ComplianceState) -> String {
    match compliance {
        ComplianceState::Compliant => t!("compliance-compliant"),
        ComplianceState::InGracePeriod => t!("compliance-in-grace-period"),
        ComplianceState::NotCompliant => t!("compliance-not-compliant"),
        ComplianceState::Unknown => t!("compliance-unknown"),
    }
}

/// The grace-period line with its deadline, `time` being the exact time as
/// shown: "Out of compliance — can still access until 14 Nov 2023, 22:13".
pub fn grace_until_words(time: &str) -> String {
    t!("compliance-grace-until", time = time)
}

/// What a failing rule is about, as a short label before its instruction.
pub fn rule_words(rule: ComplianceRule) -> String {
    match rule {
        ComplianceRule::MinimumOsVersion => t!("rule-minimum-os-version"),
        ComplianceRule::PasscodeRequired => t!("rule-passcode-required"),
        ComplianceRule::RecentCheckIn => t!("rule-recent-check-in"),
    }
}

/// The status line of a remote lock.
pub fn remote_lock_words(state: ActionState) -> String {
    match state {
        ActionState::Pending => t!("remote-lock-pending"),
        ActionState::Succeeded => t!("remote-lock-succeeded"),
        ActionState::Failed | ActionState::TimedOut => t!("remote-lock-failed"),
    }
}

/// The enrollment type alone: "Device enrollment" or "User enrollment".
pub fn enrollment_type_label(enrollment: EnrollmentType) -> String {
    match enrollment {
        EnrollmentType::DeviceEnrollment => t!("enrollment-type-device"),
        EnrollmentType::UserEnrollment => t!("enrollment-type-user"),
    }
}

/// The enrollment type as a device's page states it, with what it means
/// for user enrollment: "User enrollment — only work apps and data".
pub fn enrollment_type_fact(enrollment: EnrollmentType) -> String {
    match enrollment {
        EnrollmentType::DeviceEnrollment => t!("enrollment-type-device"),
        EnrollmentType::UserEnrollment => t!("enrollment-type-user-fact"),
    }
}

/// What **Remove** takes off the device: with user enrollment the whole
/// work volume is erased; with device enrollment what the organization
/// installed.
pub fn remove_words(enrollment: EnrollmentType) -> String {
    match enrollment {
        EnrollmentType::DeviceEnrollment => t!("device-remove-what"),
        EnrollmentType::UserEnrollment => t!("device-remove-what-user"),
    }
}

/// What the organization cannot see, by enrollment type.
pub fn cannot_see_words(enrollment: EnrollmentType) -> String {
    match enrollment {
        EnrollmentType::DeviceEnrollment => t!("enrollment-type-device-cannot-see"),
        EnrollmentType::UserEnrollment => t!("enrollment-type-user-cannot-see"),
    }
}

/// A short, stable name for styling the compliance badge (`compliance-…`).
pub fn compliance_class(compliance: ComplianceState) -> &'static str {
    match compliance {
        ComplianceState::Compliant => "compliance-ok",
        ComplianceState::InGracePeriod => "compliance-warning",
        ComplianceState::NotCompliant => "compliance-error",
        ComplianceState::Unknown => "compliance-unknown",
    }
}

/// How the device was enrolled, in words that say what the organization manages.
pub fn enrollment_words(enrollment: EnrollmentType) -> String {
    match enrollment {
        EnrollmentType::DeviceEnrollment => t!("enrollment-type-device-managed"),
        EnrollmentType::UserEnrollment => t!("enrollment-type-user-managed"),
    }
}

/// Who owns the device.
pub fn ownership_words(ownership: Ownership) -> String {
    match ownership {
        Ownership::Personal => t!("ownership-personal"),
        Ownership::Corporate => t!("ownership-corporate"),
    }
}

/// The name of the device's operating system, from its model name.
pub fn os_name(model: &str) -> String {
    if model.trim_start().to_ascii_lowercase().starts_with("ipad") {
        t!("os-name-ipados")
    } else {
        t!("os-name-ios")
    }
}

/// The label of the OS version among a device's facts: "iOS version".
pub fn os_version_label(model: &str) -> String {
    t!("os-version-label", os = os_name(model))
}

/// Links from the organization's settings: only `https:` and `http:`,
/// shared with the server's first paint.
pub use portal_api::organization::{web_url, web_url_label};

/// Why the device refused a command: its own words when it gave any (they
/// are in the device's language, usually the person's), else the app's.
pub fn command_failure_words(failure: &CommandFailure) -> String {
    match failure.reason {
        CommandFailureReason::UnreadableCommand => t!("command-failure-unreadable"),
        CommandFailureReason::DeviceError | CommandFailureReason::Unknown => failure
            .device_says
            .clone()
            .unwrap_or_else(|| t!("command-failure-no-reason")),
    }
}

/// Why an action failed, for its status line: from the reason when the
/// server kept it, else the server's English sentence (older failures).
pub fn action_failure_words(status: &ActionStatus) -> Option<String> {
    match &status.failure_reason {
        Some(failure) => Some(command_failure_words(failure)),
        None => status.failure.clone(),
    }
}

/// "7 days", "2 hours", "90 seconds": a duration in its largest whole unit,
/// as the server words it in English.
pub fn duration_words(seconds: u32) -> String {
    const MINUTE: u32 = 60;
    const HOUR: u32 = 60 * MINUTE;
    const DAY: u32 = 24 * HOUR;
    if seconds >= DAY && seconds.is_multiple_of(DAY) {
        t!("duration-days", count = seconds / DAY)
    } else if seconds >= HOUR && seconds.is_multiple_of(HOUR) {
        t!("duration-hours", count = seconds / HOUR)
    } else if seconds >= MINUTE && seconds.is_multiple_of(MINUTE) {
        t!("duration-minutes", count = seconds / MINUTE)
    } else {
        t!("duration-seconds", count = seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_enrollment_says_what_it_covers_and_that_remove_erases_the_work_volume() {
        assert_eq!(
            enrollment_type_fact(EnrollmentType::UserEnrollment),
            "User enrollment — only work apps and data"
        );
        assert_eq!(
            enrollment_type_fact(EnrollmentType::DeviceEnrollment),
            "Device enrollment"
        );
        assert!(remove_words(EnrollmentType::UserEnrollment).contains("work volume is erased"));
        // Device enrollment has no work volume to speak of.
        assert!(!remove_words(EnrollmentType::DeviceEnrollment).contains("work volume"));
    }

    #[test]
    fn durations_read_in_their_largest_whole_unit_as_the_server_says_them() {
        assert_eq!(duration_words(604_800), "7 days");
        assert_eq!(duration_words(86_400), "1 day");
        assert_eq!(duration_words(7_200), "2 hours");
        assert_eq!(duration_words(120), "2 minutes");
        assert_eq!(duration_words(90), "90 seconds");
        assert_eq!(duration_words(1), "1 second");
        crate::i18n::testing::in_language(crate::i18n::Language::German, || {
            assert_eq!(duration_words(604_800), "7 Tage");
        });
    }

    #[test]
    fn a_command_failure_is_the_devices_words_or_the_apps() {
        let failure = |reason, device_says: Option<&str>| CommandFailure {
            reason,
            device_says: device_says.map(str::to_owned),
        };
        let said = failure(CommandFailureReason::DeviceError, Some("Kein Code."));
        assert_eq!(command_failure_words(&said), "Kein Code.");
        let silent = failure(CommandFailureReason::DeviceError, None);
        assert_eq!(command_failure_words(&silent), "The device didn't say why.");
        let unreadable = failure(CommandFailureReason::UnreadableCommand, None);
        crate::i18n::testing::in_language(crate::i18n::Language::German, || {
            assert_eq!(
                command_failure_words(&unreadable),
                "Das Gerät konnte die Anfrage nicht lesen."
            );
        });
        // An older failure has only the server's English sentence.
        let mut status = ActionStatus {
            state: ActionState::Failed,
            requested_at: 1,
            finished_at: Some(2),
            failure: Some("The device didn't say why.".into()),
            failure_reason: None,
            gives_up_at: None,
        };
        assert_eq!(
            action_failure_words(&status).as_deref(),
            Some("The device didn't say why.")
        );
        status.failure_reason = Some(unreadable);
        assert_eq!(
            action_failure_words(&status).as_deref(),
            Some("The device couldn't read the request.")
        );
    }

    #[test]
    fn document_title_names_the_page_and_the_organization() {
        assert_eq!(
            document_title("My devices", Some("Contoso")),
            "My devices · Contoso"
        );
        assert_eq!(document_title("Help", None), "Help · Company Portal");
        assert_eq!(document_title("Help", Some("  ")), "Help · Company Portal");
    }

    #[test]
    fn every_compliance_state_has_words_and_a_class() {
        for state in [
            ComplianceState::Compliant,
            ComplianceState::InGracePeriod,
            ComplianceState::NotCompliant,
            ComplianceState::Unknown,
        ] {
            assert!(!compliance_words(state).is_empty());
            assert!(compliance_class(state).starts_with("compliance-"));
        }
    }

    #[test]
    fn compliance_says_whether_the_device_can_reach_company_resources() {
        assert_eq!(
            compliance_words(ComplianceState::Compliant),
            "Can access company resources"
        );
        assert_eq!(
            compliance_words(ComplianceState::NotCompliant),
            "Cannot access company resources"
        );
        assert_eq!(
            compliance_words(ComplianceState::InGracePeriod),
            "Out of compliance — can still access for now"
        );
        assert_eq!(
            compliance_words(ComplianceState::Unknown),
            "Not checked yet"
        );
        assert_eq!(
            grace_until_words("14 Nov 2023, 22:13"),
            "Out of compliance — can still access until 14 Nov 2023, 22:13"
        );
    }

    #[test]
    fn remote_lock_states_have_their_status_lines() {
        assert_eq!(
            remote_lock_words(ActionState::Pending),
            "Remote lock pending"
        );
        assert_eq!(
            remote_lock_words(ActionState::Succeeded),
            "Remote lock successful"
        );
        assert_eq!(remote_lock_words(ActionState::Failed), "Remote lock failed");
        assert_eq!(
            remote_lock_words(ActionState::TimedOut),
            "Remote lock failed"
        );
    }

    #[test]
    fn enrollment_types_have_short_labels() {
        assert_eq!(
            enrollment_type_label(EnrollmentType::DeviceEnrollment),
            "Device enrollment"
        );
        assert_eq!(
            enrollment_type_label(EnrollmentType::UserEnrollment),
            "User enrollment"
        );
        assert!(cannot_see_words(EnrollmentType::UserEnrollment).contains("serial number"));
        assert_eq!(
            cannot_see_words(EnrollmentType::DeviceEnrollment),
            "Your organization can't see your personal email, messages, photos, \
             browsing history, location or call history."
        );
        assert_eq!(
            enrollment_words(EnrollmentType::UserEnrollment),
            "User enrollment: only work apps and data are managed"
        );
    }

    #[test]
    fn rules_and_ownership_have_words() {
        assert_eq!(
            rule_words(ComplianceRule::MinimumOsVersion),
            "Software update needed"
        );
        assert_eq!(
            rule_words(ComplianceRule::PasscodeRequired),
            "Passcode needed"
        );
        assert_eq!(
            rule_words(ComplianceRule::RecentCheckIn),
            "Hasn't checked in recently"
        );
        assert_eq!(ownership_words(Ownership::Personal), "Personal");
        assert_eq!(ownership_words(Ownership::Corporate), "Corporate");
    }

    #[test]
    fn os_name_follows_the_model() {
        assert_eq!(os_name("iPhone 15"), "iOS");
        assert_eq!(os_name("iPad Air (5th generation)"), "iPadOS");
        assert_eq!(os_name("IPAD mini"), "iPadOS");
        assert_eq!(os_version_label("iPhone 15"), "iOS version");
        assert_eq!(os_version_label("iPad Pro"), "iPadOS version");
    }
}
