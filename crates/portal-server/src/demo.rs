//! The demo: the organization **Contoso** and two users who share one
//! password. Seeding again resets their passwords and the organization.

use portal_api::{EmailAddress, NewPassword, Organization, SupportContact};
use rand::rngs::OsRng;
use rand::Rng;

use crate::clock::Clock;
use crate::storage::Storage;
use crate::users::{self, AddUserError};

/// A demo account.
#[derive(Debug, Clone, Copy)]
pub struct DemoUser {
    pub email: &'static str,
    pub display_name: &'static str,
}

pub const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        email: "alex@contoso.example",
        display_name: "Alex Wilber",
    },
    DemoUser {
        email: "sam@contoso.example",
        display_name: "Sam Taylor",
    },
];

/// Contoso, as the sign-in page and Help show it.
pub fn demo_organization() -> Organization {
    Organization {
        name: "Contoso".into(),
        support: SupportContact {
            name: Some("Contoso IT Help Desk".into()),
            phone: Some("+1 (555) 010-0199".into()),
            email: Some("helpdesk@contoso.example".into()),
            website: Some("https://support.contoso.example".into()),
        },
        privacy_statement_url: Some("https://contoso.example/privacy".into()),
    }
}

/// Letters and digits that cannot be mistaken for each other when read aloud
/// or copied by hand (no 0/O, 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const RANDOM_PASSWORD_CHARS: usize = 20;

/// A fresh random demo password (20 characters, about 116 bits).
pub fn random_password() -> Result<NewPassword, portal_api::password::PasswordError> {
    let mut rng = OsRng;
    let password: String = (0..RANDOM_PASSWORD_CHARS)
        .map(|_| char::from(PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())]))
        .collect();
    NewPassword::parse(&password)
}

/// Creates or updates Contoso and the demo users, all with `password`.
pub async fn seed(
    storage: &dyn Storage,
    clock: &dyn Clock,
    password: &NewPassword,
) -> Result<(), AddUserError> {
    let organization_id = storage
        .save_organization(&demo_organization(), clock.now())
        .await?;
    for user in DEMO_USERS {
        let email = EmailAddress::parse(user.email)?;
        users::save_user(
            storage,
            clock,
            organization_id,
            &email,
            user.display_name,
            password,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_passwords_are_long_and_different() {
        let a = random_password().unwrap();
        let b = random_password().unwrap();
        assert_eq!(a.expose().chars().count(), RANDOM_PASSWORD_CHARS);
        assert_ne!(a.expose(), b.expose());
        assert!(a.expose().bytes().all(|c| PASSWORD_ALPHABET.contains(&c)));
    }

    #[test]
    fn demo_emails_are_valid() {
        for user in DEMO_USERS {
            assert!(EmailAddress::parse(user.email).is_ok(), "{}", user.email);
        }
    }
}
