//! What both sqlx backends share: their driver's errors as the
//! backend-neutral [`StorageError`], and JSON kept in TEXT columns.

use sqlx::postgres::PgDatabaseError;

use crate::storage::StorageError;

/// sqlx's errors as [`StorageError`]: this is the only place that knows
/// them. A database's own codes are told apart by its backend
/// (`sqlite::classify`, `postgres::classify`).
impl From<sqlx::Error> for StorageError {
    fn from(error: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        let text = error.to_string();
        match &error {
            sqlx::Error::Database(database) => {
                match database.kind() {
                    ErrorKind::UniqueViolation
                    | ErrorKind::ForeignKeyViolation
                    | ErrorKind::NotNullViolation
                    | ErrorKind::CheckViolation => return StorageError::Conflict(text),
                    _ => {}
                }
                let code = database.code();
                if database.try_downcast_ref::<PgDatabaseError>().is_some() {
                    super::postgres::classify(code.as_deref(), text)
                } else {
                    super::sqlite::classify(code.as_deref(), text)
                }
            }
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StorageError::Unavailable(text),
            sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::Decode(_)
            | sqlx::Error::ColumnNotFound(_)
            | sqlx::Error::ColumnIndexOutOfBounds { .. }
            | sqlx::Error::TypeNotFound { .. } => StorageError::Corrupt(text),
            _ => StorageError::Other(text),
        }
    }
}

/// A value kept as JSON in a TEXT column.
pub(super) fn to_json<T: serde::Serialize>(
    column: &str,
    value: &T,
) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(
    column: &str,
    json: &str,
) -> Result<T, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}
