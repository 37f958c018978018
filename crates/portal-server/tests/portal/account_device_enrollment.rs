//! Account-driven device enrollment (`mdm-adde`, iOS 17+): a device-sim
//! iPhone plays it end to end against the portal over HTTPS (discovery, the
//! `401` challenge, the web sign-in and consent as the test, the `308`
//! token, the profile, `Authenticate`/`TokenUpdate` keyed by UDID with the
//! token on every request); an iPhone on iOS 16 gets no further than
//! discovery, and its MachineInfo is refused.

use axum::http::StatusCode;
use device_sim::account_enrollment::{AccountEnrollment, EnrollmentMode};
use device_sim::{DeviceFacts, DeviceKind, SimError};
use portal_api::{
    routes, AccountEnrollmentConsented, AccountEnrollmentSession, DeviceDetails, DeviceList,
    EnrollmentProfileType, EnrollmentType, Ownership,
};
use portal_server::demo::DEMO_EVERYONE_PROFILE;
use portal_server::enrollment::profile::access_rights;
use portal_server::enrollment::type_profiles;

use crate::support::{Portal, ALEX, PUBLIC_URL};

const HOST: &str = "portal.contoso.example";

/// Everyone's enrollment type profile becomes web device enrollment, so
/// discovery answers `mdm-adde`.
async fn device_enrollment_for_everyone(portal: &Portal) {
    let storage = portal.storage.as_ref();
    let clock = portal.clock.as_ref();
    type_profiles::set_priority(storage, clock, DEMO_EVERYONE_PROFILE, 10)
        .await
        .unwrap();
    type_profiles::add_profile(
        storage,
        clock,
        "Corporate",
        EnrollmentProfileType::WebDeviceEnrollment,
        2,
    )
    .await
    .unwrap();
    type_profiles::assign_profile(
        storage,
        clock,
        "Corporate",
        &type_profiles::Assignment::AllUsers,
        true,
    )
    .await
    .unwrap();
}

/// A portal served over HTTPS too, and a client that reaches it by name.
async fn served_portal() -> (Portal, reqwest::Client) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let portal = Portal::start_with(None, Some(listener)).await;
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(true)
        .resolve(HOST, address)
        .build()
        .unwrap();
    (portal, client)
}

fn iphone_on(os_version: &str) -> DeviceFacts {
    let mut facts = DeviceFacts::new(DeviceKind::Iphone);
    facts.os_version = os_version.into();
    facts
}

/// What the person does in the sheet the device opens: signs in, reads
/// what the organization will see (device enrollment), consents; the
/// finish route's `308` Location goes back to the device.
async fn sign_in_in_the_sheet(portal: &Portal, url: String) -> Result<String, SimError> {
    assert!(
        url.starts_with(&format!("https://{HOST}/account-enrollment/sign-in?")),
        "{url}"
    );
    let cookie = portal.signed_in_cookie(ALEX).await;
    let session: AccountEnrollmentSession = portal
        .get_signed_in(
            &format!(
                "{}?user-identifier={ALEX}",
                routes::ACCOUNT_ENROLLMENT_SESSION
            ),
            &cookie,
        )
        .await
        .json();
    assert_eq!(
        session.enrollment_type,
        Some(EnrollmentType::DeviceEnrollment)
    );
    let reply = crate::account_enrollment::consent(portal, &cookie, Some(ALEX)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let consented: AccountEnrollmentConsented = reply.json();
    let finish = portal.get_signed_in(&consented.finish_url, &cookie).await;
    assert_eq!(finish.status, StatusCode::PERMANENT_REDIRECT);
    Ok(finish.header("location").to_owned())
}

#[tokio::test]
async fn device_sim_enrolls_an_iphone_by_account_driven_device_enrollment() {
    let (portal, client) = served_portal().await;
    device_enrollment_for_everyone(&portal).await;
    let facts = iphone_on("17.4");
    let enrollment =
        AccountEnrollment::new(client, &format!("https://{HOST}"), ALEX, facts.clone()).unwrap();
    let portal_ref = &portal;
    let (mut device, mode) = enrollment
        .run(|url| sign_in_in_the_sheet(portal_ref, url))
        .await
        .unwrap();
    assert_eq!(mode, EnrollmentMode::Adde);
    // Device enrollment: keyed by its UDID, not an EnrollmentID.
    assert_eq!(device.enrollment_id(), None);
    let mdm = &device.profile().mdm;
    assert_eq!(mdm.enrollment_mode.as_deref(), Some("ADDE"));
    assert_eq!(mdm.assigned_managed_apple_id.as_deref(), Some(ALEX));
    assert_eq!(mdm.managed_apple_id, None);
    // The organization's default ownership (Contoso: its own devices), and
    // the rights that go with it.
    let rights = u64::try_from(access_rights(Ownership::Corporate)).unwrap();
    assert_eq!(mdm.access_rights, Some(rights));

    crate::support::first_poll_sets_up(&mut device).await;

    let cookie = portal.signed_in_cookie(ALEX).await;
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices.len(), 1);
    let summary = &list.devices[0];
    assert_eq!(summary.enrollment_type, EnrollmentType::DeviceEnrollment);
    assert_eq!(summary.ownership, Ownership::Corporate);
    let details: DeviceDetails = portal
        .get_signed_in(&routes::device(&summary.id.0), &cookie)
        .await
        .json();
    assert_eq!(details.serial_number, Some(facts.serial_number.clone()));

    // Every MDM request carries the token: without a valid one the device
    // is challenged to sign in again.
    let token = device.access_token().unwrap().clone();
    token.replace("not-a-token".into());
    match device.poll_once().await {
        Err(SimError::Status { status: 401, .. }) => {}
        other => panic!("expected the challenge, got {other:?}"),
    }
    // Alex signs in again in the sheet: the new token takes over.
    token.replace(crate::account_enrollment::sign_in_and_consent(&portal, ALEX).await);
    device.poll_once().await.unwrap();
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices.len(), 1, "still the one device");
}

#[tokio::test]
async fn an_iphone_on_ios_16_is_not_offered_account_driven_device_enrollment() {
    let (portal, client) = served_portal().await;
    device_enrollment_for_everyone(&portal).await;
    let enrollment =
        AccountEnrollment::new(client, &format!("https://{HOST}"), ALEX, iphone_on("16.7"))
            .unwrap();
    // Discovery offers only mdm-adde, which iOS 16 doesn't know: it stops.
    match enrollment.discover().await {
        Err(SimError::Unsupported(why)) => assert!(why.contains("mdm-adde"), "{why}"),
        other => panic!("expected iOS to stop, got {other:?}"),
    }
    // A device that tries anyway (its MachineInfo has no OS_VERSION, which
    // came with iOS 17) gets no profile, even with a valid token.
    let token = crate::account_enrollment::sign_in_and_consent(&portal, ALEX).await;
    let base_url = format!("{PUBLIC_URL}{}", routes::MDM_ACCOUNT_ENROLLMENT);
    match enrollment
        .authorized_attempt(&base_url, EnrollmentMode::Adde, &token)
        .await
    {
        Err(SimError::Status { status: 403, .. }) => {}
        other => panic!(
            "expected a refusal, got {:?}",
            other.map(|bytes| bytes.len())
        ),
    }
}
