//! Each stored record as both sqlx backends read it from a row: one
//! mapping, whichever database the row came from. A column is read with
//! [`StoredRow::column`], into any [`StoredValue`].

use portal_api::{
    DeviceId, DeviceKind, DeviceSummary, EnrollmentId, EnrollmentProblem, Organization, OsVersion,
    PrivacyMessages, SupportContact, VersionRange,
};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::Row as _;

use super::sqlx_common::from_json;
use crate::compliance::CompliancePolicy;
use crate::storage::{
    action_from_db, command_failure_reason_from_db, compliance_from_db, device_kind_from_db,
    enrollment_state_from_db, enrollment_type_from_db, ownership_from_db, problem_code_from_db,
    CommandRecord, CommandState, DeviceFacts, DeviceRecord, DeviceSettings, EnrollmentRecord,
    EnrollmentSettings, OrganizationRecord, ProfileRecord, ProfileState, StorageError,
};

/// A row of either backend.
pub(crate) trait StoredRow {
    /// The value of `column`, decoded as `T`.
    fn column<'r, T: StoredValue<'r>>(&'r self, column: &str) -> Result<T, sqlx::Error>;
}

impl StoredRow for SqliteRow {
    fn column<'r, T: StoredValue<'r>>(&'r self, column: &str) -> Result<T, sqlx::Error> {
        T::from_sqlite(self, column)
    }
}

impl StoredRow for PgRow {
    fn column<'r, T: StoredValue<'r>>(&'r self, column: &str) -> Result<T, sqlx::Error> {
        T::from_postgres(self, column)
    }
}

/// A type the records' columns are read into, from either backend.
pub(crate) trait StoredValue<'r>: Sized {
    fn from_sqlite(row: &'r SqliteRow, column: &str) -> Result<Self, sqlx::Error>;
    fn from_postgres(row: &'r PgRow, column: &str) -> Result<Self, sqlx::Error>;
}

/// Types both drivers decode as they are.
macro_rules! decoded_by_both {
    ($($value:ty),* $(,)?) => {$(
        impl<'r> StoredValue<'r> for $value {
            fn from_sqlite(row: &'r SqliteRow, column: &str) -> Result<Self, sqlx::Error> {
                row.try_get(column)
            }
            fn from_postgres(row: &'r PgRow, column: &str) -> Result<Self, sqlx::Error> {
                row.try_get(column)
            }
        }
    )*};
}

decoded_by_both!(
    &'r str,
    String,
    Option<String>,
    i64,
    Option<i64>,
    bool,
    Option<bool>,
    Vec<u8>,
);

/// A count: SQLite decodes it as it is; PostgreSQL keeps a `BIGINT`, read
/// as the most a `u32` holds should one ever be larger.
impl<'r> StoredValue<'r> for u32 {
    fn from_sqlite(row: &'r SqliteRow, column: &str) -> Result<Self, sqlx::Error> {
        row.try_get(column)
    }
    fn from_postgres(row: &'r PgRow, column: &str) -> Result<Self, sqlx::Error> {
        Ok(u32::try_from(row.try_get::<i64, _>(column)?).unwrap_or(u32::MAX))
    }
}

pub(crate) fn device_record_from_row(row: &impl StoredRow) -> Result<DeviceRecord, StorageError> {
    Ok(DeviceRecord {
        user_id: row.column("user_id")?,
        summary: device_from_row(row)?,
        serial_number: row.column("serial_number")?,
        enrolled_at: row.column("enrolled_at")?,
        passcode_present: row.column("passcode_present")?,
        build_version: row.column("build_version")?,
        facts_reported_at: row.column("facts_reported_at")?,
        non_compliant_since: row.column("non_compliant_since")?,
        next_give_up_at: row.column("next_give_up_at")?,
    })
}

fn device_from_row(row: &impl StoredRow) -> Result<DeviceSummary, StorageError> {
    let stored_model: String = row.column("model")?;
    let (model, product_code) = portal_api::device_model::model_and_code(&stored_model);
    Ok(DeviceSummary {
        id: DeviceId(row.column("id")?),
        display_name: row.column("display_name")?,
        model,
        product_code,
        os_version: row.column("os_version")?,
        enrollment_type: enrollment_type_from_db(row.column("enrollment_type")?)?,
        ownership: ownership_from_db(row.column("ownership")?)?,
        compliance: compliance_from_db(row.column("compliance")?)?,
        last_check_in_at: row.column("last_check_in_at")?,
    })
}

pub(crate) fn command_from_row(row: &impl StoredRow) -> Result<CommandRecord, StorageError> {
    let state: String = row.column("state")?;
    let action: Option<String> = row.column("action")?;
    let error_reason: Option<String> = row.column("error_reason")?;
    Ok(CommandRecord {
        command_uuid: row.column("command_uuid")?,
        device_id: DeviceId(row.column("device_id")?),
        request_type: row.column("request_type")?,
        payload: row.column("payload")?,
        state: CommandState::from_db(&state)?,
        action: action.as_deref().map(action_from_db).transpose()?,
        created_at: row.column("created_at")?,
        sent_at: row.column("sent_at")?,
        answered_at: row.column("answered_at")?,
        error_reason: error_reason.as_deref().map(command_failure_reason_from_db),
        error_text: row.column("error_text")?,
        gives_up_at: row.column("gives_up_at")?,
        request_id: row.column("request_id")?,
    })
}

pub(crate) fn enrollment_from_row(row: &impl StoredRow) -> Result<EnrollmentRecord, StorageError> {
    let problem_code: Option<String> = row.column("problem_code")?;
    let problem_message: Option<String> = row.column("problem_message")?;
    let problem_details: Option<String> = row.column("problem_details")?;
    let device_id: Option<String> = row.column("device_id")?;
    let udid: Option<String> = row.column("device_udid")?;
    let state: String = row.column("state")?;
    Ok(EnrollmentRecord {
        id: EnrollmentId(row.column("id")?),
        user_id: row.column("user_id")?,
        state: enrollment_state_from_db(&state)?,
        ownership: ownership_from_db(row.column("ownership")?)?,
        enrollment_type: enrollment_type_from_db(row.column("enrollment_type")?)?,
        device: device_kind_from_db(row.column("device_kind")?)?,
        reported_os_version: row.column("reported_os_version")?,
        created_at: row.column("created_at")?,
        updated_at: row.column("updated_at")?,
        downloaded_at: row.column("downloaded_at")?,
        profiles_downloaded: row.column::<u32>("profiles_downloaded")?,
        install_deadline_at: row.column("install_deadline_at")?,
        problem: problem_code
            .map(|code| -> Result<_, StorageError> {
                Ok(EnrollmentProblem {
                    code: problem_code_from_db(&code),
                    message: problem_message.unwrap_or_default(),
                    details: problem_details
                        .map(|json| from_json("enrollments.problem_details", &json))
                        .transpose()?,
                })
            })
            .transpose()?,
        device_id: device_id.map(DeviceId),
        device_facts: match udid {
            Some(udid) => Some(DeviceFacts {
                udid,
                serial_number: row.column("device_serial")?,
                device_name: row.column("device_name")?,
                model: row.column("device_model")?,
                os_version: row.column("device_os_version")?,
            }),
            None => None,
        },
        account_driven: row.column("account_driven")?,
    })
}

pub(crate) fn profile_from_row(row: &impl StoredRow) -> Result<ProfileRecord, StorageError> {
    let state: String = row.column("state")?;
    Ok(ProfileRecord {
        id: row.column("id")?,
        enrollment_id: EnrollmentId(row.column("enrollment_id")?),
        user_id: row.column("user_id")?,
        state: ProfileState::from_db(&state)?,
        issued_at: row.column("issued_at")?,
        downloaded_at: row.column("downloaded_at")?,
    })
}

pub(crate) fn device_settings_from_row(
    row: &impl StoredRow,
) -> Result<DeviceSettings, StorageError> {
    let min: Option<String> = row.column("compliance_min_os_version")?;
    let min_os_version = min
        .map(|text| {
            OsVersion::parse(&text)
                .map_err(|_| StorageError::Corrupt(format!("compliance_min_os_version {text:?}")))
        })
        .transpose()?;
    let count = |column: &str| -> Result<u32, StorageError> {
        let value: i64 = row.column(column)?;
        u32::try_from(value).map_err(|_| StorageError::Corrupt(column.to_owned()))
    };
    let max_days: Option<i64> = row.column("compliance_max_days_since_check_in")?;
    Ok(DeviceSettings {
        compliance: CompliancePolicy {
            min_os_version,
            passcode_required: row.column("compliance_passcode_required")?,
            max_days_since_check_in: max_days
                .map(|days| {
                    u32::try_from(days).map_err(|_| {
                        StorageError::Corrupt("compliance_max_days_since_check_in".into())
                    })
                })
                .transpose()?,
            grace_period_days: count("compliance_grace_period_days")?,
        },
        check_status_timeout_seconds: count("check_status_timeout_seconds")?,
        remove_timeout_seconds: count("remove_timeout_seconds")?,
    })
}

pub(crate) fn enrollment_settings_from_row(
    row: &impl StoredRow,
) -> Result<EnrollmentSettings, StorageError> {
    let version = |column: &str| -> Result<Option<OsVersion>, StorageError> {
        let value: Option<String> = row.column(column)?;
        value
            .map(|text| {
                OsVersion::parse(&text)
                    .map_err(|_| StorageError::Corrupt(format!("{column} {text:?}")))
            })
            .transpose()
    };
    let os_versions = VersionRange::new(version("min_os_version")?, version("max_os_version")?)
        .map_err(|error| StorageError::Corrupt(error.to_string()))?;
    let allowed: String = row.column("allowed_devices")?;
    let allowed_devices = allowed
        .split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(device_kind_from_db)
        .collect::<Result<Vec<DeviceKind>, _>>()?;
    let device_limit: i64 = row.column("device_limit")?;
    let install_window: i64 = row.column("install_window_seconds")?;
    Ok(EnrollmentSettings {
        ownership_choice: row.column("ownership_choice")?,
        default_ownership: ownership_from_db(row.column("default_ownership")?)?,
        os_versions,
        allowed_devices,
        device_limit: u32::try_from(device_limit)
            .map_err(|_| StorageError::Corrupt("device_limit".into()))?,
        install_window_seconds: u32::try_from(install_window)
            .map_err(|_| StorageError::Corrupt("install_window_seconds".into()))?,
        legacy_user_enrollment: row.column("legacy_user_enrollment")?,
    })
}

pub(crate) fn organization_from_row(
    row: &impl StoredRow,
) -> Result<OrganizationRecord, StorageError> {
    Ok(OrganizationRecord {
        id: row.column("id")?,
        profile: Organization {
            name: row.column("name")?,
            support: SupportContact {
                name: row.column("support_name")?,
                phone: row.column("support_phone")?,
                email: row.column("support_email")?,
                website: row.column("support_website")?,
            },
            privacy_statement_url: row.column("privacy_statement_url")?,
            privacy_messages: PrivacyMessages {
                personal: row.column("privacy_message_personal")?,
                corporate: row.column("privacy_message_corporate")?,
            },
            managed_web_clip: row.column("managed_web_clip")?,
            offers_user_enrollment: false,
        },
    })
}
