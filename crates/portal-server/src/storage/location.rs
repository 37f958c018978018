//! Which database the portal keeps its data in, as `--database` names it:
//! a file path (SQLite, the default and the embedded choice) or a
//! `postgres://` / `postgresql://` URL (PostgreSQL, for several instances
//! on one database). Parsed once; everything after works with the variant.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use super::postgres::PostgresStorage;
use super::sqlite::SqliteStorage;
use super::{Storage, StorageError};

/// Where the portal's data is.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseLocation {
    /// An SQLite file (created, with its folder, if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL database (it must exist; the schema is made at start).
    Postgres(PostgresUrl),
}

/// A PostgreSQL connection URL. It may hold a password: shown (`Display`,
/// `Debug`) with the password replaced, so it can go into logs and errors.
#[derive(Clone, PartialEq, Eq)]
pub struct PostgresUrl(String);

impl PostgresUrl {
    /// The whole URL, password included: only for connecting.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// What a password is shown as.
const HIDDEN: &str = "***";

impl fmt::Display for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = self.0.as_str();
        let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path_and_query) = rest.split_at(authority_end);
        let authority = match authority.rsplit_once('@') {
            Some((user_info, host)) => match user_info.split_once(':') {
                Some((user, _password)) => format!("{user}:{HIDDEN}@{host}"),
                None => authority.to_owned(),
            },
            None => authority.to_owned(),
        };
        // A password may also come as a query parameter.
        let path_and_query = match path_and_query.split_once('?') {
            Some((path, query)) => {
                let parameters: Vec<String> = query
                    .split('&')
                    .map(|parameter| match parameter.split_once('=') {
                        Some((name, _)) if name.eq_ignore_ascii_case("password") => {
                            format!("{name}={HIDDEN}")
                        }
                        _ => parameter.to_owned(),
                    })
                    .collect();
                format!("{path}?{}", parameters.join("&"))
            }
            None => path_and_query.to_owned(),
        };
        write!(f, "{scheme}://{authority}{path_and_query}")
    }
}

impl fmt::Debug for PostgresUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PostgresUrl({self})")
    }
}

impl FromStr for DatabaseLocation {
    type Err = std::convert::Infallible;

    /// A `postgres://` or `postgresql://` URL is PostgreSQL; anything else
    /// is the path of an SQLite file. (A URL's mistakes show when
    /// connecting, in sqlx's words.)
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let scheme = text.split_once("://").map(|(scheme, _)| scheme);
        Ok(match scheme {
            Some(scheme)
                if scheme.eq_ignore_ascii_case("postgres")
                    || scheme.eq_ignore_ascii_case("postgresql") =>
            {
                DatabaseLocation::Postgres(PostgresUrl(text.to_owned()))
            }
            _ => DatabaseLocation::Sqlite(PathBuf::from(text)),
        })
    }
}

impl fmt::Display for DatabaseLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseLocation::Sqlite(path) => write!(f, "{}", path.display()),
            DatabaseLocation::Postgres(url) => write!(f, "{url}"),
        }
    }
}

impl fmt::Debug for DatabaseLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseLocation::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            DatabaseLocation::Postgres(url) => f.debug_tuple("Postgres").field(url).finish(),
        }
    }
}

/// Where the portal's own files live with PostgreSQL (with SQLite they
/// live beside its file): the self-signed TLS certificate, the SCEP CA,
/// the push certificate. Several instances must see the same files.
const POSTGRES_FILES_FOLDER: &str = "data";

impl DatabaseLocation {
    /// The path the portal's own files are kept beside (they go into its
    /// folder): the SQLite file, or for PostgreSQL a name in `data/`.
    pub fn files_beside(&self) -> PathBuf {
        match self {
            DatabaseLocation::Sqlite(path) => path.clone(),
            DatabaseLocation::Postgres(_) => Path::new(POSTGRES_FILES_FOLDER).join("postgres"),
        }
    }

    /// Opens the storage: the SQLite file, or a connection pool to
    /// PostgreSQL; either with its schema brought up to date.
    pub async fn open(&self) -> Result<OpenStorage, StorageError> {
        Ok(match self {
            DatabaseLocation::Sqlite(path) => {
                OpenStorage::Sqlite(Arc::new(SqliteStorage::open(path).await?))
            }
            DatabaseLocation::Postgres(url) => {
                OpenStorage::Postgres(Arc::new(PostgresStorage::connect(url.expose()).await?))
            }
        })
    }
}

/// An opened storage of either backend.
#[derive(Debug, Clone)]
pub enum OpenStorage {
    Sqlite(Arc<SqliteStorage>),
    Postgres(Arc<PostgresStorage>),
}

impl OpenStorage {
    /// The storage as the services take it.
    pub fn shared(&self) -> Arc<dyn Storage> {
        match self {
            OpenStorage::Sqlite(storage) => storage.clone(),
            OpenStorage::Postgres(storage) => storage.clone(),
        }
    }

    /// Waits for open queries and closes the file or the connections.
    pub async fn close(&self) {
        match self {
            OpenStorage::Sqlite(storage) => storage.close().await,
            OpenStorage::Postgres(storage) => storage.close().await,
        }
    }
}

impl AsRef<dyn Storage> for OpenStorage {
    fn as_ref(&self) -> &(dyn Storage + 'static) {
        &**self
    }
}

impl std::ops::Deref for OpenStorage {
    type Target = dyn Storage;

    fn deref(&self) -> &Self::Target {
        match self {
            OpenStorage::Sqlite(storage) => storage.as_ref(),
            OpenStorage::Postgres(storage) => storage.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> DatabaseLocation {
        let Ok(location) = text.parse();
        location
    }

    #[test]
    fn a_url_is_postgres_anything_else_a_file() {
        assert!(matches!(
            parse("postgres://portal@db.internal/portal"),
            DatabaseLocation::Postgres(_)
        ));
        assert!(matches!(
            parse("PostgreSQL://db.internal/portal"),
            DatabaseLocation::Postgres(_)
        ));
        assert_eq!(
            parse("data/portal.db"),
            DatabaseLocation::Sqlite(PathBuf::from("data/portal.db"))
        );
        assert_eq!(
            parse("postgres.db"),
            DatabaseLocation::Sqlite(PathBuf::from("postgres.db"))
        );
    }

    #[test]
    fn a_password_is_never_shown() {
        let location = parse("postgres://portal:s3cret@db.internal:5432/portal?sslmode=require");
        assert_eq!(
            location.to_string(),
            "postgres://portal:***@db.internal:5432/portal?sslmode=require"
        );
        assert!(!format!("{location:?}").contains("s3cret"));
        let in_query = parse("postgresql://db.internal/portal?user=portal&password=s3cret");
        assert_eq!(
            in_query.to_string(),
            "postgresql://db.internal/portal?user=portal&password=***"
        );
        let DatabaseLocation::Postgres(url) = in_query else {
            panic!("not a URL");
        };
        assert!(url.expose().contains("s3cret"));
    }

    #[test]
    fn files_stay_beside_sqlite_and_in_data_for_postgres() {
        assert_eq!(
            parse("/srv/portal/portal.db").files_beside(),
            PathBuf::from("/srv/portal/portal.db")
        );
        assert_eq!(
            parse("postgres://db.internal/portal")
                .files_beside()
                .parent(),
            Some(Path::new("data"))
        );
    }
}
