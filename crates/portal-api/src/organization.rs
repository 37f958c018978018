//! The organization that runs the portal, as users see it.

use serde::{Deserialize, Serialize};

use crate::Ownership;

/// `GET /api/organization`: public, so the sign-in page can show whose
/// portal this is and whom to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    pub support: SupportContact,
    /// The organization's own privacy statement.
    pub privacy_statement_url: Option<String>,
    /// The organization's own words for the privacy screen, per ownership
    /// (shown with the portal's lists of what it can and can never see).
    #[serde(default)]
    pub privacy_messages: PrivacyMessages,
    /// After enrollment the organization installs the portal on the Home
    /// Screen itself (a managed web clip sent over MDM), so the user need
    /// not add it from Safari's share menu.
    #[serde(default)]
    pub managed_web_clip: bool,
    /// Some enrollment profile offers user enrollment ("only work apps and
    /// data"), so the privacy page explains it too. Worked out from the
    /// profiles on every request, never stored.
    #[serde(default)]
    pub offers_user_enrollment: bool,
}

impl Organization {
    /// The organization's privacy message for devices of this ownership.
    pub fn privacy_message(&self, ownership: Ownership) -> Option<&str> {
        self.privacy_messages.for_ownership(ownership)
    }
}

/// The organization's privacy message for each [`Ownership`], keyed by its
/// wire spelling: `{"personal": "…", "corporate": null}`. `None`: the
/// organization has nothing to add for that ownership.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyMessages {
    #[serde(default)]
    pub personal: Option<String>,
    #[serde(default)]
    pub corporate: Option<String>,
}

impl PrivacyMessages {
    pub fn for_ownership(&self, ownership: Ownership) -> Option<&str> {
        match ownership {
            Ownership::Personal => self.personal.as_deref(),
            Ownership::Corporate => self.corporate.as_deref(),
        }
    }

    /// Sets (or, with `None`, clears) the message for one ownership.
    pub fn set(&mut self, ownership: Ownership, message: Option<String>) {
        match ownership {
            Ownership::Personal => self.personal = message,
            Ownership::Corporate => self.corporate = message,
        }
    }
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

/// `url` if it is an ordinary web address (`https:` or `http:`), so that a
/// link from the organization's settings can never be `javascript:` or similar.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    (!rest.is_empty() && !url.chars().any(char::is_whitespace)).then_some(url)
}

/// A web address as people read it: without the scheme and a trailing `/`.
pub fn web_url_label(url: &str) -> &str {
    let without_scheme = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    without_scheme.strip_suffix('/').unwrap_or(without_scheme)
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
    fn privacy_messages_are_keyed_by_ownership_on_the_wire() {
        let json = r#"{"name":"Contoso","support":{"name":null,"phone":null,"email":null,
            "website":null},"privacy_statement_url":null,
            "privacy_messages":{"personal":"Your photos stay yours.","corporate":null},
            "managed_web_clip":true}"#;
        let organization: Organization = serde_json::from_str(json).unwrap();
        assert_eq!(
            organization.privacy_message(Ownership::Personal),
            Some("Your photos stay yours.")
        );
        assert_eq!(organization.privacy_message(Ownership::Corporate), None);
        assert!(organization.managed_web_clip);
        let back = serde_json::to_value(&organization).unwrap();
        assert_eq!(
            back["privacy_messages"],
            serde_json::json!({"personal": "Your photos stay yours.", "corporate": null})
        );
    }

    #[test]
    fn an_older_server_answer_without_the_new_fields_still_reads() {
        let json = r#"{"name":"Contoso","support":{},"privacy_statement_url":null}"#;
        let organization: Organization = serde_json::from_str(json).unwrap();
        assert_eq!(organization.privacy_messages, PrivacyMessages::default());
        assert!(!organization.managed_web_clip);
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

    #[test]
    fn web_url_accepts_only_web_addresses() {
        assert_eq!(
            web_url("https://contoso.example/privacy"),
            Some("https://contoso.example/privacy")
        );
        assert_eq!(
            web_url(" http://help.example "),
            Some("http://help.example")
        );
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("data:text/html,hi"), None);
        assert_eq!(web_url("contoso.example"), None);
        assert_eq!(web_url("https://"), None);
        assert_eq!(web_url("https://a b.example"), None);
    }

    #[test]
    fn web_url_label_drops_the_scheme() {
        assert_eq!(
            web_url_label("https://help.contoso.example/"),
            "help.contoso.example"
        );
        assert_eq!(
            web_url_label("https://contoso.example/it/help"),
            "contoso.example/it/help"
        );
    }
}
