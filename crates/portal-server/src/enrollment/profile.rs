//! The enrollment profile (`.mobileconfig`): a configuration profile with
//! a SCEP payload (how the device gets its identity: its own RSA key, a
//! certificate from the portal's CA for the profile's single-use challenge)
//! and the MDM payload that points the device at this server and signs with
//! that identity.
//!
//! The profile is sent unsigned. iOS installs unsigned profiles (Settings
//! shows them as "Not Verified"); signing it with the TLS certificate is a
//! later improvement.

use plist::{Dictionary, Value};
use portal_api::routes::{MDM_CHECKIN, MDM_CONNECT, MDM_SCEP};
use portal_api::{EnrollmentType, Ownership};

use crate::config::PublicUrl;

/// The MDM payload's `AccessRights`, Apple's bit flags:
///
/// | bit | right |
/// | --- | --- |
/// | 1 | inspect installed configuration profiles |
/// | 2 | install and remove configuration profiles |
/// | 4 | device lock and passcode removal |
/// | 8 | device erase |
/// | 16 | query device information (capacity, serial number) |
/// | 32 | query network information (phone number, SIM) |
/// | 64 | inspect installed provisioning profiles |
/// | 128 | install and remove provisioning profiles |
/// | 256 | inspect installed applications |
/// | 512 | restriction-related queries |
/// | 1024 | security-related queries |
/// | 2048 | manipulate settings |
/// | 4096 | app management |
pub const ALL_ACCESS_RIGHTS: i64 = 8191;
/// Erasing the device (bit 8).
pub const ERASE_RIGHT: i64 = 8;

/// What the organization may do to a device: everything on its own
/// devices; everything except erase on a person's own device.
pub fn access_rights(ownership: Ownership) -> i64 {
    match ownership {
        Ownership::Corporate => ALL_ACCESS_RIGHTS,
        Ownership::Personal => ALL_ACCESS_RIGHTS & !ERASE_RIGHT,
    }
}

/// Everything one profile is made from.
pub struct ProfileInput<'a> {
    pub organization: &'a str,
    pub public_url: &'a PublicUrl,
    /// The push certificate's topic: devices listen for pushes on it.
    pub topic: &'a str,
    pub ownership: Ownership,
    /// The enrollment's id: the identity certificate's common name.
    pub enrollment_id: &'a str,
    /// The single-use SCEP challenge made for this download.
    pub scep_challenge: &'a str,
    /// The device CA's name (the SCEP payload's `Name`).
    pub ca_name: &'a str,
    /// Which enrollment the profile is for.
    pub enrollment: ProfileEnrollment<'a>,
}

/// Which enrollment a profile is for: what its MDM payload says about it.
#[derive(Debug, Clone, Copy)]
pub enum ProfileEnrollment<'a> {
    /// Web-based device enrollment: `AccessRights` by ownership.
    WebDevice,
    /// Legacy user enrollment (Apple's profile-based user enrollment, iOS
    /// 13.1 to 17): `ManagedAppleID` names the person's Managed Apple
    /// Account, which iOS asks them to sign in with while installing. No
    /// `AccessRights` (iOS ignores them under `ManagedAppleID`: the rights
    /// of user enrollment are fixed), and neither `EnrollmentMode` nor
    /// `AssignedManagedAppleID`, which are account-driven enrollment's.
    LegacyUser { managed_apple_account: &'a str },
    /// Account-driven enrollment, from Settings' Sign In to Work or School
    /// Account.
    AccountDriven(AccountDriven<'a>),
}

/// What the MDM payload says about an account-driven enrollment.
#[derive(Debug, Clone, Copy)]
pub struct AccountDriven<'a> {
    /// User enrollment (`EnrollmentMode` `BYOD`) or device enrollment
    /// (`ADDE`).
    pub enrollment_type: EnrollmentType,
    /// `AssignedManagedAppleID`.
    pub managed_apple_account: &'a str,
    /// Also the older `ManagedAppleID` key: Apple's schema requires it under
    /// user enrollment before iOS 18 (which removed it).
    pub with_managed_apple_id: bool,
}

/// The `EnrollmentMode` of an account-driven enrollment.
pub fn enrollment_mode(enrollment_type: EnrollmentType) -> &'static str {
    match enrollment_type {
        EnrollmentType::UserEnrollment => "BYOD",
        EnrollmentType::DeviceEnrollment => "ADDE",
    }
}

/// The SCEP payload's key: RSA, 2048 bits, for signing and encryption (1 | 4).
pub const SCEP_KEY_SIZE: i64 = 2048;
pub const SCEP_KEY_USAGE: i64 = 5;

/// The profile's payload identifiers start with the portal's host in
/// reverse-DNS order, e.g. `example.contoso.portal.enrollment`.
pub fn payload_identifier(public_url: &PublicUrl) -> String {
    format!("{}.enrollment", identifier_prefix(public_url))
}

/// The portal's host in reverse-DNS order (`example.contoso.portal`): the
/// start of every profile identifier the portal hands out.
pub fn identifier_prefix(public_url: &PublicUrl) -> String {
    let mut labels: Vec<&str> = public_url
        .host_name()
        .split(['.', ':'])
        .filter(|label| !label.is_empty())
        .collect();
    labels.reverse();
    labels.join(".")
}

/// The `.mobileconfig` as an XML property list.
pub fn build(input: &ProfileInput<'_>) -> Result<Vec<u8>, plist::Error> {
    let base = payload_identifier(input.public_url);
    let origin = input.public_url.origin();
    let identity_uuid = new_uuid();

    let subject =
        |kind: &str, value: &str| Value::Array(vec![Value::Array(vec![kind.into(), value.into()])]);
    let mut scep = Dictionary::new();
    scep.insert("URL".into(), format!("{origin}{MDM_SCEP}").into());
    scep.insert("Name".into(), input.ca_name.into());
    scep.insert(
        "Subject".into(),
        Value::Array(vec![
            subject("CN", input.enrollment_id),
            subject("O", input.organization),
        ]),
    );
    scep.insert("Challenge".into(), input.scep_challenge.into());
    scep.insert("Keysize".into(), Value::Integer(SCEP_KEY_SIZE.into()));
    scep.insert("Key Type".into(), "RSA".into());
    scep.insert("Key Usage".into(), Value::Integer(SCEP_KEY_USAGE.into()));

    let mut identity = Dictionary::new();
    identity.insert("PayloadType".into(), "com.apple.security.scep".into());
    identity.insert("PayloadVersion".into(), Value::Integer(1.into()));
    identity.insert(
        "PayloadIdentifier".into(),
        format!("{base}.identity").into(),
    );
    identity.insert("PayloadUUID".into(), identity_uuid.clone().into());
    identity.insert(
        "PayloadDisplayName".into(),
        format!("{} device identity", input.organization).into(),
    );
    identity.insert(
        "PayloadDescription".into(),
        "The certificate this device signs its device management messages with.".into(),
    );
    identity.insert("PayloadContent".into(), Value::Dictionary(scep));

    let mut mdm = Dictionary::new();
    mdm.insert("PayloadType".into(), "com.apple.mdm".into());
    mdm.insert("PayloadVersion".into(), Value::Integer(1.into()));
    mdm.insert("PayloadIdentifier".into(), format!("{base}.mdm").into());
    mdm.insert("PayloadUUID".into(), new_uuid().into());
    mdm.insert(
        "PayloadDisplayName".into(),
        format!("{} device management", input.organization).into(),
    );
    mdm.insert("PayloadOrganization".into(), input.organization.into());
    mdm.insert("ServerURL".into(), format!("{origin}{MDM_CONNECT}").into());
    mdm.insert("CheckInURL".into(), format!("{origin}{MDM_CHECKIN}").into());
    mdm.insert("Topic".into(), input.topic.into());
    mdm.insert("IdentityCertificateUUID".into(), identity_uuid.into());
    match input.enrollment {
        ProfileEnrollment::WebDevice => {
            mdm.insert(
                "AccessRights".into(),
                Value::Integer(access_rights(input.ownership).into()),
            );
        }
        ProfileEnrollment::LegacyUser {
            managed_apple_account,
        } => {
            mdm.insert("ManagedAppleID".into(), managed_apple_account.into());
        }
        ProfileEnrollment::AccountDriven(account) => {
            let user_enrollment = account.enrollment_type == EnrollmentType::UserEnrollment;
            // A user-enrolled device cancels an MDM payload with
            // AccessRights: the rights of user enrollment are fixed by iOS.
            if !user_enrollment {
                mdm.insert(
                    "AccessRights".into(),
                    Value::Integer(access_rights(input.ownership).into()),
                );
            }
            mdm.insert(
                "EnrollmentMode".into(),
                enrollment_mode(account.enrollment_type).into(),
            );
            mdm.insert(
                "AssignedManagedAppleID".into(),
                account.managed_apple_account.into(),
            );
            if user_enrollment && account.with_managed_apple_id {
                mdm.insert(
                    "ManagedAppleID".into(),
                    account.managed_apple_account.into(),
                );
            }
        }
    }
    mdm.insert("SignMessage".into(), Value::Boolean(true));
    mdm.insert("CheckOutWhenRemoved".into(), Value::Boolean(true));

    let mut profile = Dictionary::new();
    profile.insert("PayloadType".into(), "Configuration".into());
    profile.insert("PayloadVersion".into(), Value::Integer(1.into()));
    profile.insert("PayloadIdentifier".into(), base.into());
    profile.insert("PayloadUUID".into(), new_uuid().into());
    profile.insert(
        "PayloadDisplayName".into(),
        format!("{} device management", input.organization).into(),
    );
    profile.insert("PayloadOrganization".into(), input.organization.into());
    profile.insert(
        "PayloadDescription".into(),
        format!(
            "Lets {} manage this device and give it access to work apps and data.",
            input.organization
        )
        .into(),
    );
    profile.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(identity), Value::Dictionary(mdm)]),
    );

    let mut xml = Vec::new();
    plist::to_writer_xml(&mut xml, &Value::Dictionary(profile))?;
    Ok(xml)
}

/// Upper-case, as Apple's own profiles write UUIDs.
fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_devices_cannot_be_erased() {
        assert_eq!(access_rights(Ownership::Corporate), 8191);
        assert_eq!(access_rights(Ownership::Personal), 8183);
        assert_eq!(access_rights(Ownership::Personal) & ERASE_RIGHT, 0);
    }

    #[test]
    fn identifiers_come_from_the_host() {
        let url = PublicUrl::parse("https://portal.contoso.example").unwrap();
        assert_eq!(
            payload_identifier(&url),
            "example.contoso.portal.enrollment"
        );
    }
}
