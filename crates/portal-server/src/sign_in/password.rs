//! Password hashing with argon2id (the `argon2` crate's defaults: argon2id,
//! version 19, 19 MiB, 2 passes, 1 lane — OWASP's recommendation).
//!
//! Hashing and checking are slow on purpose, so they run on the blocking pool.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use portal_api::{NewPassword, Password};
use rand::rngs::OsRng;

/// A well-formed argon2id hash with the same parameters as real ones, which
/// no password matches. Checking a password for an unknown email against it
/// takes as long as for a real account, so timing does not tell who has one.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$ZHVtbXlzYWx0ZHVtbXlzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordHashError(String);

/// Hashes a new password into a PHC string for the `users` table.
pub fn hash_password(password: &NewPassword) -> Result<String, PasswordHashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordHashError(e.to_string()))
}

/// True when `password` matches the stored `hash`. A malformed hash never
/// matches (and is logged, without the hash).
pub fn verify_password(password: &Password, hash: &str) -> bool {
    let parsed = match PasswordHash::new(hash) {
        Ok(parsed) => parsed,
        Err(error) => {
            tracing::error!(%error, "a stored password hash is malformed");
            return false;
        }
    };
    Argon2::default()
        .verify_password(password.expose().as_bytes(), &parsed)
        .is_ok()
}

/// [`hash_password`] on the blocking pool.
pub async fn hash_in_background(password: NewPassword) -> Result<String, PasswordHashError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| PasswordHashError(e.to_string()))?
}

/// [`verify_password`] on the blocking pool.
pub async fn verify_in_background(
    password: Password,
    hash: String,
) -> Result<bool, PasswordHashError> {
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| PasswordHashError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let new = NewPassword::parse("correct horse battery").unwrap();
        let hash = hash_password(&new).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(
            &Password::parse("correct horse battery").unwrap(),
            &hash
        ));
        assert!(!verify_password(
            &Password::parse("Correct horse battery").unwrap(),
            &hash
        ));
    }

    #[test]
    fn dummy_hash_costs_as_much_as_a_real_one_and_matches_nothing() {
        let real = hash_password(&NewPassword::parse("correct horse battery").unwrap()).unwrap();
        let real = PasswordHash::new(&real).unwrap();
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(
            argon2::Params::try_from(&dummy).unwrap(),
            argon2::Params::try_from(&real).unwrap()
        );
        assert_eq!(dummy.hash.map(|h| h.len()), real.hash.map(|h| h.len()));
        assert!(!verify_password(
            &Password::parse("correct horse battery").unwrap(),
            DUMMY_HASH
        ));
    }

    #[test]
    fn malformed_hashes_never_match() {
        assert!(!verify_password(
            &Password::parse("x").unwrap(),
            "not a hash"
        ));
    }
}
