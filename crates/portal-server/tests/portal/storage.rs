use portal_api::{EmailAddress, NewPassword};
use portal_server::users::{self, AddUserError};
use portal_server::{ManualClock, SqliteStorage, Storage};

use crate::support::START;

#[tokio::test]
async fn migrations_apply_to_an_empty_database_and_again_to_a_migrated_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("folder").join("portal.db");

    let fresh = SqliteStorage::open(&path).await.unwrap();
    assert_eq!(fresh.schema_version().await.unwrap(), Some(14));
    assert!(fresh.organization().await.unwrap().is_none());
    fresh
        .save_organization(&portal_server::demo::demo_organization(), START)
        .await
        .unwrap();
    fresh.close().await;

    let again = SqliteStorage::open(&path).await.unwrap();
    assert_eq!(again.schema_version().await.unwrap(), Some(14));
    let organization = again.organization().await.unwrap().unwrap();
    assert_eq!(organization.profile.name, "Contoso");
    // Saving again updates the one organization rather than adding another.
    let id = again
        .save_organization(&portal_server::demo::demo_organization(), START + 1)
        .await
        .unwrap();
    assert_eq!(id, organization.id);
}

#[tokio::test]
async fn adding_a_user_needs_an_organization() {
    let dir = tempfile::tempdir().unwrap();
    let storage = SqliteStorage::open(&dir.path().join("portal.db"))
        .await
        .unwrap();
    let clock = ManualClock::new(START);
    let email = EmailAddress::parse("pat@fabrikam.example").unwrap();
    let password = NewPassword::parse("a long enough password").unwrap();

    let refused = users::add_user(&storage, &clock, None, &email, "Pat Kim", &password).await;
    assert!(
        matches!(refused, Err(AddUserError::NoOrganization)),
        "{refused:?}"
    );

    let saved = users::add_user(
        &storage,
        &clock,
        Some("Fabrikam"),
        &email,
        "Pat Kim",
        &password,
    )
    .await
    .unwrap();
    assert_eq!(saved.organization, "Fabrikam");

    // The next user joins the same organization without naming it.
    let other = EmailAddress::parse("lee@fabrikam.example").unwrap();
    let joined = users::add_user(&storage, &clock, None, &other, "Lee Park", &password)
        .await
        .unwrap();
    assert_eq!(joined.organization, "Fabrikam");

    // Naming a different organization is a mistake worth reporting.
    let wrong = users::add_user(&storage, &clock, Some("Contoso"), &other, "Lee", &password).await;
    assert!(
        matches!(wrong, Err(AddUserError::OtherOrganization { .. })),
        "{wrong:?}"
    );

    // Adding an existing email updates the account instead of duplicating it.
    let renamed = users::add_user(&storage, &clock, None, &email, "Pat Kim-Lee", &password)
        .await
        .unwrap();
    assert_eq!(renamed.id, saved.id);
    let stored = storage.user_by_email(&email).await.unwrap().unwrap();
    assert_eq!(stored.display_name, "Pat Kim-Lee");
    assert!(stored.password_hash.starts_with("$argon2id$"));
}
