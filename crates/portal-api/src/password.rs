//! Passwords: what a sign-in accepts, and what a new account requires.

use serde::{Deserialize, Serialize};

/// Why a typed password was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Enter your password.")]
    Empty,
    #[error("That password is too long.")]
    TooLong,
    #[error("Choose a password of at least {min} characters.", min = NewPassword::MIN_CHARS)]
    TooShort,
}

/// Long enough for any passphrase, short enough that hashing it cannot be
/// used to tie up the server.
const MAX_BYTES: usize = 1024;

/// A password typed at sign-in: anything non-empty and not absurdly long.
/// Never trimmed (spaces may be part of it) and never printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Password(String);

impl Password {
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        if input.is_empty() {
            return Err(PasswordError::Empty);
        }
        if input.len() > MAX_BYTES {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl TryFrom<String> for Password {
    type Error = PasswordError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Password> for String {
    fn from(value: Password) -> Self {
        value.0
    }
}

/// A password chosen for a new account: at least [`NewPassword::MIN_CHARS`]
/// characters.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(Password);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;

    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let password = Password::parse(input)?;
        if input.chars().count() < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        Ok(Self(password))
    }

    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_password_must_not_be_empty() {
        assert_eq!(Password::parse(""), Err(PasswordError::Empty));
        assert!(Password::parse(" x ").is_ok());
    }

    #[test]
    fn sign_in_password_is_bounded() {
        assert_eq!(
            Password::parse(&"x".repeat(2000)),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn new_password_needs_twelve_characters() {
        assert_eq!(NewPassword::parse("short"), Err(PasswordError::TooShort));
        assert!(NewPassword::parse("correct horse battery").is_ok());
    }

    #[test]
    fn debug_output_hides_the_password() {
        let password = Password::parse("hunter2hunter2").unwrap();
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
