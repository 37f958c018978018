//! The words the database stores for the API's enums. They equal the API's
//! JSON spelling, so a row reads like the API; every backend stores these.

use portal_api::{
    CommandFailureReason, ComplianceState, DeviceAction, DeviceKind, EnrollmentProblemCode,
    EnrollmentState, EnrollmentType, NotificationKind, Ownership,
};

use super::StorageError;

/// How a user action ([`DeviceAction`]) is stored: its API spelling, so
/// the database, the audit log and the API use one word per action.
pub fn action_to_db(action: DeviceAction) -> &'static str {
    match action {
        DeviceAction::Rename => "rename",
        DeviceAction::CheckStatus => "check_status",
        DeviceAction::RemoteLock => "remote_lock",
        DeviceAction::Remove => "remove",
    }
}

pub fn action_from_db(value: &str) -> Result<DeviceAction, StorageError> {
    match value {
        "rename" => Ok(DeviceAction::Rename),
        "check_status" => Ok(DeviceAction::CheckStatus),
        "remote_lock" => Ok(DeviceAction::RemoteLock),
        "remove" => Ok(DeviceAction::Remove),
        other => Err(StorageError::Corrupt(format!("action {other:?}"))),
    }
}

// The words stored in the `devices` table for the API's enums. They equal the
// API's JSON spelling, so a database row reads like the API.

pub fn enrollment_type_to_db(value: EnrollmentType) -> &'static str {
    match value {
        EnrollmentType::DeviceEnrollment => "device_enrollment",
        EnrollmentType::UserEnrollment => "user_enrollment",
    }
}

pub fn enrollment_type_from_db(value: &str) -> Result<EnrollmentType, StorageError> {
    match value {
        "device_enrollment" => Ok(EnrollmentType::DeviceEnrollment),
        "user_enrollment" => Ok(EnrollmentType::UserEnrollment),
        other => Err(StorageError::Corrupt(format!("enrollment type {other:?}"))),
    }
}

pub fn ownership_to_db(value: Ownership) -> &'static str {
    match value {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    }
}

pub fn ownership_from_db(value: &str) -> Result<Ownership, StorageError> {
    match value {
        "personal" => Ok(Ownership::Personal),
        "corporate" => Ok(Ownership::Corporate),
        other => Err(StorageError::Corrupt(format!("ownership {other:?}"))),
    }
}

pub fn compliance_to_db(value: ComplianceState) -> &'static str {
    match value {
        ComplianceState::Compliant => "compliant",
        ComplianceState::InGracePeriod => "in_grace_period",
        ComplianceState::NotCompliant => "not_compliant",
        ComplianceState::Unknown => "unknown",
    }
}

pub fn compliance_from_db(value: &str) -> Result<ComplianceState, StorageError> {
    match value {
        "compliant" => Ok(ComplianceState::Compliant),
        "in_grace_period" => Ok(ComplianceState::InGracePeriod),
        "not_compliant" => Ok(ComplianceState::NotCompliant),
        "unknown" => Ok(ComplianceState::Unknown),
        other => Err(StorageError::Corrupt(format!("compliance state {other:?}"))),
    }
}

pub fn notification_kind_to_db(value: NotificationKind) -> &'static str {
    match value {
        NotificationKind::RemoteLockSucceeded => "remote_lock_succeeded",
        NotificationKind::RemoteLockFailed => "remote_lock_failed",
        NotificationKind::CheckStatusFinished => "check_status_finished",
        NotificationKind::CheckStatusFailed => "check_status_failed",
        NotificationKind::CheckStatusTimedOut => "check_status_timed_out",
        NotificationKind::RemoveFinished => "remove_finished",
        NotificationKind::RemoveFailed => "remove_failed",
        NotificationKind::RemoveTimedOut => "remove_timed_out",
        NotificationKind::Other => "other",
    }
}

/// Unknown words read as `Other`, as the API's own parser does.
pub fn notification_kind_from_db(value: &str) -> NotificationKind {
    match value {
        "remote_lock_succeeded" => NotificationKind::RemoteLockSucceeded,
        "remote_lock_failed" => NotificationKind::RemoteLockFailed,
        "check_status_finished" => NotificationKind::CheckStatusFinished,
        "check_status_failed" => NotificationKind::CheckStatusFailed,
        "check_status_timed_out" => NotificationKind::CheckStatusTimedOut,
        "remove_finished" => NotificationKind::RemoveFinished,
        "remove_failed" => NotificationKind::RemoveFailed,
        "remove_timed_out" => NotificationKind::RemoveTimedOut,
        _ => NotificationKind::Other,
    }
}

pub fn enrollment_state_to_db(value: EnrollmentState) -> &'static str {
    match value {
        EnrollmentState::Created => "created",
        EnrollmentState::Downloaded => "downloaded",
        EnrollmentState::Authenticated => "authenticated",
        EnrollmentState::Enrolled => "enrolled",
        EnrollmentState::Expired => "expired",
        EnrollmentState::Rejected => "rejected",
        EnrollmentState::Replaced => "replaced",
    }
}

pub fn enrollment_state_from_db(value: &str) -> Result<EnrollmentState, StorageError> {
    match value {
        "created" => Ok(EnrollmentState::Created),
        "downloaded" => Ok(EnrollmentState::Downloaded),
        "authenticated" => Ok(EnrollmentState::Authenticated),
        "enrolled" => Ok(EnrollmentState::Enrolled),
        "expired" => Ok(EnrollmentState::Expired),
        "rejected" => Ok(EnrollmentState::Rejected),
        "replaced" => Ok(EnrollmentState::Replaced),
        other => Err(StorageError::Corrupt(format!("enrollment state {other:?}"))),
    }
}

pub fn device_kind_to_db(value: DeviceKind) -> &'static str {
    match value {
        DeviceKind::Iphone => "iphone",
        DeviceKind::Ipad => "ipad",
    }
}

pub fn device_kind_from_db(value: &str) -> Result<DeviceKind, StorageError> {
    match value {
        "iphone" => Ok(DeviceKind::Iphone),
        "ipad" => Ok(DeviceKind::Ipad),
        other => Err(StorageError::Corrupt(format!("device kind {other:?}"))),
    }
}

pub fn problem_code_to_db(value: EnrollmentProblemCode) -> &'static str {
    match value {
        EnrollmentProblemCode::OsTooOld => "os_too_old",
        EnrollmentProblemCode::OsTooNew => "os_too_new",
        EnrollmentProblemCode::DeviceNotAllowed => "device_not_allowed",
        EnrollmentProblemCode::DeviceLimitReached => "device_limit_reached",
        EnrollmentProblemCode::ProfileAlreadyUsed => "profile_already_used",
        EnrollmentProblemCode::ProfileReplaced => "profile_replaced",
        EnrollmentProblemCode::ProfileExpired => "profile_expired",
        EnrollmentProblemCode::DeviceNotIdentified => "device_not_identified",
        EnrollmentProblemCode::Other => "other",
    }
}

/// Unknown words read as `Other`, as the API's own parser does.
pub fn problem_code_from_db(value: &str) -> EnrollmentProblemCode {
    match value {
        "os_too_old" => EnrollmentProblemCode::OsTooOld,
        "os_too_new" => EnrollmentProblemCode::OsTooNew,
        "device_not_allowed" => EnrollmentProblemCode::DeviceNotAllowed,
        "device_limit_reached" => EnrollmentProblemCode::DeviceLimitReached,
        "profile_already_used" => EnrollmentProblemCode::ProfileAlreadyUsed,
        "profile_replaced" => EnrollmentProblemCode::ProfileReplaced,
        "profile_expired" => EnrollmentProblemCode::ProfileExpired,
        "device_not_identified" => EnrollmentProblemCode::DeviceNotIdentified,
        _ => EnrollmentProblemCode::Other,
    }
}

pub fn command_failure_reason_to_db(value: CommandFailureReason) -> &'static str {
    match value {
        CommandFailureReason::DeviceError => "device_error",
        CommandFailureReason::UnreadableCommand => "unreadable_command",
        CommandFailureReason::Unknown => "unknown",
    }
}

/// Unknown words read as `Unknown`, as the API's own parser does.
pub fn command_failure_reason_from_db(value: &str) -> CommandFailureReason {
    match value {
        "device_error" => CommandFailureReason::DeviceError,
        "unreadable_command" => CommandFailureReason::UnreadableCommand,
        _ => CommandFailureReason::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_enum_words_match_the_api_spelling() {
        for value in [
            EnrollmentType::DeviceEnrollment,
            EnrollmentType::UserEnrollment,
        ] {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, enrollment_type_to_db(value));
            assert_eq!(
                enrollment_type_from_db(enrollment_type_to_db(value)).unwrap(),
                value
            );
        }
        for value in [Ownership::Personal, Ownership::Corporate] {
            assert_eq!(serde_json::to_value(value).unwrap(), ownership_to_db(value));
            assert_eq!(ownership_from_db(ownership_to_db(value)).unwrap(), value);
        }
        for value in [
            ComplianceState::Compliant,
            ComplianceState::InGracePeriod,
            ComplianceState::NotCompliant,
            ComplianceState::Unknown,
        ] {
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                compliance_to_db(value)
            );
            assert_eq!(compliance_from_db(compliance_to_db(value)).unwrap(), value);
        }
        assert!(compliance_from_db("green").is_err());
        for value in [
            EnrollmentState::Created,
            EnrollmentState::Downloaded,
            EnrollmentState::Authenticated,
            EnrollmentState::Enrolled,
            EnrollmentState::Expired,
            EnrollmentState::Rejected,
            EnrollmentState::Replaced,
        ] {
            let word = enrollment_state_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(enrollment_state_from_db(word).unwrap(), value);
        }
        for value in [
            NotificationKind::RemoteLockSucceeded,
            NotificationKind::RemoteLockFailed,
            NotificationKind::CheckStatusFinished,
            NotificationKind::CheckStatusFailed,
            NotificationKind::CheckStatusTimedOut,
            NotificationKind::RemoveFinished,
            NotificationKind::RemoveFailed,
            NotificationKind::RemoveTimedOut,
            NotificationKind::Other,
        ] {
            let word = notification_kind_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(notification_kind_from_db(word), value);
        }
        for value in [DeviceKind::Iphone, DeviceKind::Ipad] {
            let word = device_kind_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(device_kind_from_db(word).unwrap(), value);
        }
        for value in [
            EnrollmentProblemCode::OsTooOld,
            EnrollmentProblemCode::OsTooNew,
            EnrollmentProblemCode::DeviceNotAllowed,
            EnrollmentProblemCode::DeviceLimitReached,
            EnrollmentProblemCode::ProfileAlreadyUsed,
            EnrollmentProblemCode::ProfileReplaced,
            EnrollmentProblemCode::ProfileExpired,
            EnrollmentProblemCode::DeviceNotIdentified,
        ] {
            let word = problem_code_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(problem_code_from_db(word), value);
        }
        for value in [
            CommandFailureReason::DeviceError,
            CommandFailureReason::UnreadableCommand,
        ] {
            let word = command_failure_reason_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(command_failure_reason_from_db(word), value);
        }
    }
}
