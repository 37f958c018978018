//! The organization that runs the portal, as users see it.

use serde::{Deserialize, Serialize};

/// `GET /api/organization`: public, so the sign-in page can show whose
/// portal this is and whom to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    pub support: SupportContact,
    /// The organization's own privacy statement.
    pub privacy_statement_url: Option<String>,
}

/// The organization's help desk. Every field is optional: show what is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportContact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

impl SupportContact {
    /// The phone number as a `tel:` URI: digits and a leading `+` only, since
    /// spaces, dashes and brackets are for people, not dialers.
    pub fn phone_uri(&self) -> Option<String> {
        let phone = self.phone.as_deref()?;
        let dialable: String = phone
            .chars()
            .enumerate()
            .filter(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '+'))
            .map(|(_, c)| c)
            .collect();
        (!dialable.trim_start_matches('+').is_empty()).then(|| format!("tel:{dialable}"))
    }

    /// The support email as a `mailto:` URI.
    pub fn email_uri(&self) -> Option<String> {
        self.email.as_deref().map(|email| format!("mailto:{email}"))
    }

    /// True when no way of reaching support is set at all.
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.website.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_uri_keeps_only_what_a_dialer_needs() {
        let support = SupportContact {
            phone: Some("+1 (555) 010-0199".into()),
            ..Default::default()
        };
        assert_eq!(support.phone_uri().as_deref(), Some("tel:+15550100199"));
    }

    #[test]
    fn phone_uri_is_none_without_digits() {
        let support = SupportContact {
            phone: Some("ask reception".into()),
            ..Default::default()
        };
        assert_eq!(support.phone_uri(), None);
        assert_eq!(SupportContact::default().phone_uri(), None);
    }

    #[test]
    fn email_uri_is_a_mailto_link() {
        let support = SupportContact {
            email: Some("help@contoso.example".into()),
            ..Default::default()
        };
        assert_eq!(
            support.email_uri().as_deref(),
            Some("mailto:help@contoso.example")
        );
    }
}
