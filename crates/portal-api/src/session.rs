//! Signing in and the signed-in user.

use serde::{Deserialize, Serialize};

use crate::error::InvalidValue;
use crate::{EmailAddress, Password};

/// `POST /api/session`. Fields are plain strings on the wire so the server
/// can answer a malformed one with a field-specific message instead of a
/// generic deserialization error; parse them with [`SignInRequest::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// Which field of the sign-in form a validation message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInField {
    Email,
    Password,
}

impl SignInField {
    /// The field's name on the wire and in `ApiError::field`.
    pub fn name(self) -> &'static str {
        match self {
            SignInField::Email => "email",
            SignInField::Password => "password",
        }
    }
}

/// A sign-in request whose fields passed validation.
#[derive(Debug, Clone)]
pub struct ValidSignIn {
    pub email: EmailAddress,
    pub password: Password,
}

impl SignInRequest {
    /// Checks both fields, email first (the order a person reads the form).
    pub fn parse(&self) -> Result<ValidSignIn, (SignInField, InvalidValue)> {
        let email = EmailAddress::parse(&self.email).map_err(|e| (SignInField::Email, e.into()))?;
        let password =
            Password::parse(&self.password).map_err(|e| (SignInField::Password, e.into()))?;
        Ok(ValidSignIn { email, password })
    }
}

/// `GET /api/session`: who is signed in, if anyone. Always `200`, so the
/// app's first request for a signed-out visitor is not an error (nor a
/// console message).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<CurrentUser>,
}

/// `GET /api/me`, and the answer to a successful sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub email: EmailAddress,
    pub display_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(email: &str, password: &str) -> SignInRequest {
        SignInRequest {
            email: email.into(),
            password: password.into(),
        }
    }

    #[test]
    fn reports_the_email_field_first() {
        let (field, invalid) = request("", "").parse().unwrap_err();
        assert_eq!(field, SignInField::Email);
        assert_eq!(invalid, InvalidValue::EmailEmpty);
        assert_eq!(invalid.to_string(), "Enter your email address.");
    }

    #[test]
    fn reports_a_missing_password() {
        let (field, invalid) = request("alex@contoso.example", "").parse().unwrap_err();
        assert_eq!(field, SignInField::Password);
        assert_eq!(invalid, InvalidValue::PasswordEmpty);
        assert_eq!(invalid.to_string(), "Enter your password.");
    }

    #[test]
    fn accepts_a_complete_form() {
        let valid = request(" ALEX@contoso.example", "pw").parse().unwrap();
        assert_eq!(valid.email.as_str(), "alex@contoso.example");
    }
}
