//! Several instances of the portal behind one address, on one PostgreSQL
//! database: a change one instance saves (a device's check-in, a sign-out)
//! reaches the event streams the others serve through PostgreSQL's
//! `LISTEN`/`NOTIFY`.
//!
//! Each instance `LISTEN`s on one channel and announces its own changes
//! with `pg_notify` after saving them; PostgreSQL delivers a notification
//! to every listener once the sending transaction commits, its own
//! included, so each message names its instance and an instance skips its
//! own. A message carries only what changed (a topic and an id), never the
//! value: each instance reads that from the database, as for its own
//! changes. When the listening connection drops, notifications are missed
//! until it is back, so every stream then reads its value again.

use std::sync::Arc;
use std::time::Duration;

use rand::RngCore;
use sqlx::postgres::{PgListener, PgPool};

use crate::live_stream::{ChangeRelay, Topic};
use crate::storage::StorageError;
use crate::AppState;

/// The channel every instance listens on.
pub const CHANNEL: &str = "portal_changes";

/// How long to wait before listening again after an error.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// Makes `state` relay its changes to the other instances on `pool`'s
/// database and announce theirs, for as long as the server runs.
pub async fn relay_between_instances(state: &AppState, pool: PgPool) -> Result<(), StorageError> {
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(CHANNEL).await?;
    let relay = Arc::new(NotifyRelay {
        pool,
        instance: instance_name(),
    });
    tracing::info!(instance = %relay.instance, "relaying changes between instances");
    state.relay_changes_through(relay.clone());
    tokio::spawn(announce_relayed(
        listener,
        state.clone(),
        relay.instance.clone(),
    ));
    Ok(())
}

/// A random name for this instance's messages (128 bits: never two alike).
fn instance_name() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Sends this instance's changes with `pg_notify`.
#[derive(Debug)]
struct NotifyRelay {
    pool: PgPool,
    instance: String,
}

impl ChangeRelay for NotifyRelay {
    fn relay(&self, topic: Topic, id: &str) {
        let pool = self.pool.clone();
        let message = Message {
            instance: &self.instance,
            topic,
            id,
        }
        .to_string();
        tokio::spawn(async move {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(&message)
                .execute(&pool)
                .await;
            if let Err(error) = sent {
                tracing::warn!(%error, "could not tell the other instances about a change");
            }
        });
    }
}

/// One change on the channel: `<instance> <topic> <id>`.
#[derive(Debug, PartialEq, Eq)]
struct Message<'a> {
    instance: &'a str,
    topic: Topic,
    id: &'a str,
}

impl std::fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.instance, self.topic.as_str(), self.id)
    }
}

impl<'a> Message<'a> {
    fn parse(text: &'a str) -> Option<Message<'a>> {
        let mut words = text.splitn(3, ' ');
        let instance = words.next()?;
        let topic = Topic::parse(words.next()?)?;
        let id = words.next().filter(|id| !id.is_empty())?;
        Some(Message {
            instance,
            topic,
            id,
        })
    }
}

/// Announces the other instances' changes here until the server stops.
async fn announce_relayed(mut listener: PgListener, state: AppState, instance: String) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match Message::parse(notification.payload()) {
                Some(message) if message.instance == instance => {}
                Some(message) => state.announce_relayed_change(message.topic, message.id),
                None => tracing::warn!("an unreadable message on the changes channel"),
            },
            // The connection dropped; the next call connects and listens
            // again. What was sent meanwhile is lost: every stream reads
            // its value again.
            Ok(None) => {
                tracing::warn!("lost the connection for changes of other instances; reconnecting");
                state.announce_every_change();
            }
            Err(error) => {
                tracing::warn!(%error, "listening for other instances' changes failed; retrying");
                tokio::time::sleep(RETRY_AFTER).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_back_and_odd_ones_are_refused() {
        let message = Message {
            instance: "a1",
            topic: Topic::Device,
            id: "dev 1",
        };
        assert_eq!(message.to_string(), "a1 device dev 1");
        assert_eq!(Message::parse("a1 device dev 1"), Some(message));
        assert_eq!(Message::parse("a1 gadget x"), None);
        assert_eq!(Message::parse("a1 device"), None);
        assert_eq!(Message::parse("a1 device "), None);
    }

    #[test]
    fn instances_are_named_apart() {
        assert_ne!(instance_name(), instance_name());
        assert_eq!(instance_name().len(), 32);
    }
}
