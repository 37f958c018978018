//! Enrollment type profiles: which enrollment each person is offered, by
//! group and priority, and the refusal of any other.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use portal_api::{
    routes, DeviceKind, EmailAddress, EnrollmentProfileType, EnrollmentRules, ErrorCode, OsVersion,
    Ownership, StartEnrollment,
};
use portal_server::demo::{DEMO_BYOD_GROUP, DEMO_BYOD_PROFILE, DEMO_EVERYONE_PROFILE};
use portal_server::enrollment::type_profiles::{self, Assignment};
use portal_server::organization;
use portal_server::storage::{IdentityProviderStore, OrganizationStore, ProviderIdentity};
use portal_server::Clock;

use crate::support::{portal_request, Portal, Reply, ALEX, SAM};

async fn rules(portal: &Portal, email: &str) -> EnrollmentRules {
    let cookie = portal.signed_in_cookie(email).await;
    let reply = portal
        .get_signed_in(routes::ENROLLMENT_RULES, &cookie)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

async fn start(portal: &Portal, email: &str) -> Reply {
    let cookie = portal.signed_in_cookie(email).await;
    let body = serde_json::to_vec(&StartEnrollment {
        ownership: Ownership::Personal,
        device: DeviceKind::Iphone,
        os_version: Some(OsVersion::new(17, 4, 0)),
        enrollment_type: portal_api::EnrollmentType::DeviceEnrollment,
    })
    .unwrap();
    portal
        .send(
            portal_request(Method::POST, routes::ENROLLMENTS)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
}

#[tokio::test]
async fn the_demo_offers_sam_user_enrollment_and_everyone_else_a_choice() {
    let portal = Portal::start().await;
    assert_eq!(
        rules(&portal, SAM).await.enrollment_profile_type,
        EnrollmentProfileType::AccountDrivenUserEnrollment
    );
    assert_eq!(
        rules(&portal, ALEX).await.enrollment_profile_type,
        EnrollmentProfileType::UserChoice
    );
    let shown = organization::current_organization(portal.storage.as_ref())
        .await
        .unwrap();
    let names: Vec<&str> = shown
        .enrollment_profiles
        .iter()
        .map(|profile| profile.name.as_str())
        .collect();
    assert_eq!(names, [DEMO_BYOD_PROFILE, DEMO_EVERYONE_PROFILE]);
    assert_eq!(shown.groups[0].name, DEMO_BYOD_GROUP);
    assert_eq!(shown.groups[0].members[0].as_str(), SAM);
}

#[tokio::test]
async fn a_web_enrollment_the_profile_does_not_allow_is_refused() {
    let portal = Portal::start().await;
    let refused = start(&portal, SAM).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text());
    assert_eq!(refused.error().code, ErrorCode::EnrollmentTypeNotAllowed);
    assert_eq!(
        refused.error().details.organization.as_deref(),
        Some("Contoso")
    );
    assert!(refused
        .error()
        .message
        .contains("Sign In to Work or School Account"));
    assert_eq!(start(&portal, ALEX).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_highest_priority_wins_and_priorities_can_change() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    let clock = portal.clock.as_ref();
    type_profiles::add_profile(
        storage,
        clock,
        "Corporate fleet",
        EnrollmentProfileType::WebDeviceEnrollment,
        5,
    )
    .await
    .unwrap();
    type_profiles::assign_profile(
        storage,
        clock,
        "Corporate fleet",
        &Assignment::AllUsers,
        true,
    )
    .await
    .unwrap();
    // 5 beats "Everyone" (10) for Alex; Sam's BYOD profile (1) still wins.
    assert_eq!(
        rules(&portal, ALEX).await.enrollment_profile_type,
        EnrollmentProfileType::WebDeviceEnrollment
    );
    assert_eq!(
        rules(&portal, SAM).await.enrollment_profile_type,
        EnrollmentProfileType::AccountDrivenUserEnrollment
    );
    type_profiles::set_priority(storage, clock, DEMO_BYOD_PROFILE, 20)
        .await
        .unwrap();
    assert_eq!(
        rules(&portal, SAM).await.enrollment_profile_type,
        EnrollmentProfileType::WebDeviceEnrollment
    );
    // Without any profile, the web journey as before.
    for name in ["Corporate fleet", DEMO_BYOD_PROFILE, DEMO_EVERYONE_PROFILE] {
        type_profiles::remove_profile(storage, name).await.unwrap();
    }
    assert_eq!(
        rules(&portal, SAM).await.enrollment_profile_type,
        EnrollmentProfileType::WebDeviceEnrollment
    );
    assert!(type_profiles::remove_profile(storage, "Corporate fleet")
        .await
        .is_err());
}

#[tokio::test]
async fn the_identity_providers_groups_count_too() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    let clock = portal.clock.as_ref();
    let organization_id = storage.organization().await.unwrap().unwrap().id;
    storage
        .save_provider_identity(
            &ProviderIdentity {
                organization_id,
                issuer: "https://idp.contoso.example".into(),
                subject: "alex-1".into(),
                email: EmailAddress::parse(ALEX).unwrap(),
                display_name: "Alex Wilber".into(),
                groups: vec!["Field staff".into()],
            },
            clock.now(),
        )
        .await
        .unwrap();
    type_profiles::assign_profile(
        storage,
        clock,
        DEMO_BYOD_PROFILE,
        &Assignment::Group("Field staff".into()),
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        rules(&portal, ALEX).await.enrollment_profile_type,
        EnrollmentProfileType::AccountDrivenUserEnrollment
    );
}

#[tokio::test]
async fn local_groups_gain_and_lose_members() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    let alex = EmailAddress::parse(ALEX).unwrap();
    let group = type_profiles::add_group_members(
        storage,
        portal.clock.as_ref(),
        DEMO_BYOD_GROUP,
        std::slice::from_ref(&alex),
    )
    .await
    .unwrap();
    assert_eq!(group.members.len(), 2);
    assert_eq!(
        rules(&portal, ALEX).await.enrollment_profile_type,
        EnrollmentProfileType::AccountDrivenUserEnrollment
    );
    let group = type_profiles::remove_group_member(storage, DEMO_BYOD_GROUP, &alex)
        .await
        .unwrap();
    assert_eq!(group.members.len(), 1);
    assert!(type_profiles::add_group_members(
        storage,
        portal.clock.as_ref(),
        "Nobody",
        &[EmailAddress::parse("nobody@contoso.example").unwrap()],
    )
    .await
    .is_err());
}

#[tokio::test]
async fn the_managed_apple_account_is_the_work_email_unless_set() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    assert_eq!(
        rules(&portal, SAM).await.managed_apple_account.as_deref(),
        Some(SAM)
    );
    let sam = EmailAddress::parse(SAM).unwrap();
    let set = portal_server::users::set_managed_apple_account(
        storage,
        &sam,
        Some(" Sam@Contoso.AppleAccount.example "),
    )
    .await
    .unwrap();
    assert_eq!(set, "sam@contoso.appleaccount.example");
    assert_eq!(
        rules(&portal, SAM).await.managed_apple_account.as_deref(),
        Some("sam@contoso.appleaccount.example")
    );
    assert!(
        portal_server::users::set_managed_apple_account(storage, &sam, Some("not an account"))
            .await
            .is_err()
    );
    let cleared = portal_server::users::set_managed_apple_account(storage, &sam, None)
        .await
        .unwrap();
    assert_eq!(cleared, SAM);
}
