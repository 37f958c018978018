use portal_api::{EmailAddress, NewPassword};
use portal_server::storage::{NotificationStore, OrganizationStore, UserStore};
use portal_server::users::{self, AddUserError};
use portal_server::{ManualClock, SqliteStorage};

use crate::support::START;

#[tokio::test]
async fn migrations_apply_to_an_empty_database_and_again_to_a_migrated_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("folder").join("portal.db");

    let fresh = SqliteStorage::open(&path).await.unwrap();
    assert_eq!(fresh.schema_version().await.unwrap(), Some(15));
    assert!(fresh.organization().await.unwrap().is_none());
    fresh
        .save_organization(&portal_server::demo::demo_organization(), START)
        .await
        .unwrap();
    fresh.close().await;

    let again = SqliteStorage::open(&path).await.unwrap();
    assert_eq!(again.schema_version().await.unwrap(), Some(15));
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

#[tokio::test]
async fn a_notification_kept_before_details_reads_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.db");
    let storage = SqliteStorage::open(&path).await.unwrap();
    let clock = ManualClock::new(START);
    let password = NewPassword::parse(crate::support::PASSWORD).unwrap();
    portal_server::demo::seed(&storage, &clock, &password)
        .await
        .unwrap();
    let alex = storage
        .user_by_email(&EmailAddress::parse(crate::support::ALEX).unwrap())
        .await
        .unwrap()
        .unwrap();
    // A row as the portal wrote it before migration 0013: no details.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO notifications (user_id, device_id, device_name, kind, message, created_at)
         VALUES (?, 'd1', 'iPad', 'check_status_finished',
                 'The status check of iPad failed: Busy.', ?)",
    )
    .bind(alex.id)
    .bind(START)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let notes = storage.notifications_of_user(alex.id).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].kind,
        portal_api::NotificationKind::CheckStatusFinished
    );
    assert_eq!(notes[0].message, "The status check of iPad failed: Busy.");
    assert_eq!(notes[0].details, None);
}
