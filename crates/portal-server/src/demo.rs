//! The demo: the organization **Contoso** and two users who share one
//! password. Seeding again resets their passwords, the organization and its
//! enrollment, compliance and time-limit settings.

use std::time::Duration;

use portal_api::{
    DeviceKind, EmailAddress, EnrollmentProfileType, NewPassword, Organization, OsVersion,
    Ownership, PrivacyMessages, SupportContact, VersionRange,
};
use rand::rngs::OsRng;
use rand::Rng;

use crate::clock::{seconds, Clock};
use crate::compliance::CompliancePolicy;
use crate::storage::{DeviceSettings, EnrollmentSettings, EnrollmentTypeProfile, Storage};
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

/// The demo's local group whose members enroll their own devices with user
/// enrollment (account-driven).
pub const DEMO_BYOD_GROUP: &str = "Contoso BYOD";
/// Its member.
pub const DEMO_BYOD_MEMBER: &str = "sam@contoso.example";
/// The profile assigned to [`DEMO_BYOD_GROUP`].
pub const DEMO_BYOD_PROFILE: &str = "Bring your own device";
/// The profile assigned to everyone else.
pub const DEMO_EVERYONE_PROFILE: &str = "Everyone";

/// Contoso's enrollment type profiles: user enrollment (account-driven)
/// for [`DEMO_BYOD_GROUP`] first, "determine based on user choice" for
/// everyone.
pub fn demo_enrollment_type_profiles() -> [EnrollmentTypeProfile; 2] {
    [
        EnrollmentTypeProfile {
            name: DEMO_BYOD_PROFILE.into(),
            profile_type: EnrollmentProfileType::AccountDrivenUserEnrollment,
            priority: 1,
            all_users: false,
            groups: vec![DEMO_BYOD_GROUP.into()],
        },
        EnrollmentTypeProfile {
            name: DEMO_EVERYONE_PROFILE.into(),
            profile_type: EnrollmentProfileType::UserChoice,
            priority: 10,
            all_users: true,
            groups: Vec::new(),
        },
    ]
}

/// Contoso's own words on the privacy screen for a personal device.
pub const DEMO_PRIVACY_MESSAGE_PERSONAL: &str = "Contoso manages only the work apps, \
    accounts and settings it adds to your device. Contoso IT can't read your personal email, \
    messages or photos, see your browsing history or where you are, or erase your device. \
    If you stop using it for work, remove it in My devices: the work apps and their data go, \
    everything personal stays.";

/// Contoso's own words on the privacy screen for a device Contoso owns.
pub const DEMO_PRIVACY_MESSAGE_CORPORATE: &str = "This device belongs to Contoso, so Contoso IT \
    manages all of it: they can install and remove apps, lock it if it's lost, and erase it \
    when it's returned. They still can't read your email, messages or photos or see your \
    browsing history. Keep personal files off it, as they won't be kept when the device is \
    reset.";

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
        privacy_messages: PrivacyMessages {
            personal: Some(DEMO_PRIVACY_MESSAGE_PERSONAL.into()),
            corporate: Some(DEMO_PRIVACY_MESSAGE_CORPORATE.into()),
        },
        managed_web_clip: true,
        offers_user_enrollment: false,
    }
}

/// How long iOS keeps a downloaded profile: 8 minutes on real devices.
pub const DEFAULT_INSTALL_WINDOW: Duration = Duration::from_secs(8 * 60);

/// How many enrolled devices each demo user may have.
pub const DEFAULT_DEVICE_LIMIT: u32 = 5;

/// Contoso's enrollment settings: the user says who owns the device, iOS
/// 16.0 or later, iPhones and iPads, five devices each.
pub fn demo_enrollment_settings(install_window: Duration) -> EnrollmentSettings {
    EnrollmentSettings {
        ownership_choice: true,
        default_ownership: Ownership::Corporate,
        os_versions: VersionRange::at_least(OsVersion::new(16, 0, 0)),
        allowed_devices: vec![DeviceKind::Iphone, DeviceKind::Ipad],
        device_limit: DEFAULT_DEVICE_LIMIT,
        install_window_seconds: u32::try_from(seconds(install_window))
            .unwrap_or(u32::MAX)
            .max(1),
        // Off, as for every organization until it turns it on.
        legacy_user_enrollment: false,
    }
}

/// How long a status check waits for the device: 2 minutes.
pub const DEFAULT_STATUS_CHECK_TIMEOUT: Duration = Duration::from_secs(120);
/// How long a removal waits for the device before the portal forgets it:
/// 7 days.
pub const DEFAULT_REMOVAL_TIMEOUT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// The demo's limits: its time limits (short ones make demos quick) and
/// the device limit (a low one shows what happens at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoLimits {
    pub install_window: Duration,
    pub check_status_timeout: Duration,
    pub remove_timeout: Duration,
    pub device_limit: u32,
}

impl Default for DemoLimits {
    fn default() -> Self {
        Self {
            install_window: DEFAULT_INSTALL_WINDOW,
            check_status_timeout: DEFAULT_STATUS_CHECK_TIMEOUT,
            remove_timeout: DEFAULT_REMOVAL_TIMEOUT,
            device_limit: DEFAULT_DEVICE_LIMIT,
        }
    }
}

/// Contoso's compliance rules and time limits: iOS 17.0 or later, a
/// passcode, a check-in within 7 days, 3 days' grace.
pub fn demo_device_settings(
    check_status_timeout: Duration,
    remove_timeout: Duration,
) -> DeviceSettings {
    let whole_seconds =
        |duration: Duration| u32::try_from(seconds(duration)).unwrap_or(u32::MAX).max(1);
    DeviceSettings {
        compliance: CompliancePolicy {
            min_os_version: Some(OsVersion::new(17, 0, 0)),
            passcode_required: true,
            max_days_since_check_in: Some(7),
            grace_period_days: 3,
        },
        check_status_timeout_seconds: whole_seconds(check_status_timeout),
        remove_timeout_seconds: whole_seconds(remove_timeout),
    }
}

/// Reads `--install-window`: `480` (seconds), `10s`, `2m`.
pub fn parse_duration(input: &str) -> Result<Duration, String> {
    let input = input.trim();
    let (number, unit) = match input.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => input.split_at(at),
        None => (input, "s"),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{input:?} is not a duration like 480, 10s or 2m"))?;
    let seconds = match unit.trim() {
        "s" => number,
        "m" => number.saturating_mul(60),
        "h" => number.saturating_mul(3600),
        _ => return Err(format!("{input:?} is not a duration like 480, 10s or 2m")),
    };
    if seconds == 0 {
        return Err("a duration must be at least one second".into());
    }
    Ok(Duration::from_secs(seconds))
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

/// Creates or updates Contoso and the demo users, all with `password`,
/// with the real devices' 8-minute install window.
pub async fn seed(
    storage: &dyn Storage,
    clock: &dyn Clock,
    password: &NewPassword,
) -> Result<(), AddUserError> {
    seed_with_install_window(storage, clock, password, DEFAULT_INSTALL_WINDOW).await
}

/// [`seed`] with another install window (short ones make demos quick).
pub async fn seed_with_install_window(
    storage: &dyn Storage,
    clock: &dyn Clock,
    password: &NewPassword,
    install_window: Duration,
) -> Result<(), AddUserError> {
    let limits = DemoLimits {
        install_window,
        ..DemoLimits::default()
    };
    seed_with_limits(storage, clock, password, limits).await
}

/// [`seed`] with other limits.
pub async fn seed_with_limits(
    storage: &dyn Storage,
    clock: &dyn Clock,
    password: &NewPassword,
    limits: DemoLimits,
) -> Result<(), AddUserError> {
    let organization_id = storage
        .save_organization(&demo_organization(), clock.now())
        .await?;
    let enrollment = EnrollmentSettings {
        device_limit: limits.device_limit,
        ..demo_enrollment_settings(limits.install_window)
    };
    storage
        .save_enrollment_settings(organization_id, &enrollment, clock.now())
        .await?;
    storage
        .save_device_settings(
            organization_id,
            &demo_device_settings(limits.check_status_timeout, limits.remove_timeout),
            clock.now(),
        )
        .await?;
    storage
        .save_local_group(organization_id, DEMO_BYOD_GROUP, clock.now())
        .await?;
    for user in DEMO_USERS {
        let email = EmailAddress::parse(user.email)?;
        let id = users::save_user(
            storage,
            clock,
            organization_id,
            &email,
            user.display_name,
            password,
        )
        .await?;
        if user.email == DEMO_BYOD_MEMBER {
            storage.add_local_group_member(DEMO_BYOD_GROUP, id).await?;
        } else {
            storage
                .remove_local_group_member(DEMO_BYOD_GROUP, id)
                .await?;
        }
    }
    for profile in demo_enrollment_type_profiles() {
        storage
            .save_enrollment_type_profile(organization_id, &profile, clock.now())
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
    fn install_windows_read_as_seconds_or_minutes() {
        assert_eq!(parse_duration("480"), Ok(Duration::from_secs(480)));
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5d").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn demo_emails_are_valid() {
        for user in DEMO_USERS {
            assert!(EmailAddress::parse(user.email).is_ok(), "{}", user.email);
        }
    }
}
