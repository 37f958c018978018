//! Email addresses, the sign-in name of every account.

use serde::{Deserialize, Serialize};

/// Why a typed email address was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter your email address.")]
    Empty,
    #[error("Enter an email address like name@example.com.")]
    Malformed,
    #[error("That email address is too long.")]
    TooLong,
}

/// A trimmed, lower-cased email address with one `@`, a non-empty local part
/// and a dotted domain. Deliberately not full RFC 5322: the portal only needs
/// to match what the organization typed when it created the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

/// The longest address SMTP can carry.
const MAX_LEN: usize = 254;

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = trimmed.split_once('@').ok_or(EmailError::Malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        let chars_ok = !trimmed
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if local.is_empty() || domain.contains('@') || !domain_ok || !chars_ok {
            return Err(EmailError::Malformed);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalizes_ordinary_addresses() {
        let email = EmailAddress::parse("  Alex@Contoso.Example ").unwrap();
        assert_eq!(email.as_str(), "alex@contoso.example");
        assert!(EmailAddress::parse("first.last+tag@mail.contoso.example").is_ok());
    }

    #[test]
    fn says_empty_for_blank_input() {
        assert_eq!(EmailAddress::parse("   "), Err(EmailError::Empty));
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "alex",
            "@contoso.example",
            "alex@",
            "alex@contoso",
            "alex@@contoso.example",
            "alex@contoso..example",
            "alex@.contoso.example",
            "alex @contoso.example",
            "alex@contoso.example.",
            "a@b@contoso.example",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn rejects_overlong_addresses() {
        let long = format!("{}@contoso.example", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn deserializing_runs_the_parser() {
        let parsed: Result<EmailAddress, _> = serde_json::from_str("\"nope\"");
        assert!(parsed.is_err());
        let parsed: EmailAddress = serde_json::from_str("\"Sam@Contoso.example\"").unwrap();
        assert_eq!(parsed.as_str(), "sam@contoso.example");
    }
}
