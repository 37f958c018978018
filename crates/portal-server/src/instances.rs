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
//! until it is back, so once listening again every stream reads its value
//! again.

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
    let listener = listening(&pool).await?;
    let relay = Arc::new(NotifyRelay {
        pool: pool.clone(),
        instance: instance_name(),
    });
    tracing::info!(instance = %relay.instance, "relaying changes between instances");
    state.relay_changes_through(relay.clone());
    tokio::spawn(announce_relayed(
        listener,
        pool,
        state.clone(),
        relay.instance.clone(),
    ));
    Ok(())
}

/// A connection of its own that listens on [`CHANNEL`].
async fn listening(pool: &PgPool) -> Result<PgListener, StorageError> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
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
async fn announce_relayed(
    mut listener: PgListener,
    pool: PgPool,
    state: AppState,
    instance: String,
) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match Message::parse(notification.payload()) {
                Some(message) if message.instance == instance => {}
                Some(message) => state.announce_relayed_change(message.topic, message.id),
                None => tracing::warn!("an unreadable message on the changes channel"),
            },
            // The connection dropped (PostgreSQL restarted, a network
            // fault): what was sent until it is back is lost.
            Ok(None) | Err(_) => {
                tracing::warn!(
                    "lost the connection for changes of other instances; listening again"
                );
                listener = listening_again(&pool).await;
                // Only now, listening again, can every stream read its value
                // and miss nothing: a change saved from here on is announced.
                state.announce_every_change();
            }
        }
    }
}

/// Listens on a new connection, trying every [`RETRY_AFTER`] until the
/// database answers.
async fn listening_again(pool: &PgPool) -> PgListener {
    loop {
        match listening(pool).await {
            Ok(listener) => {
                tracing::info!("listening for other instances' changes again");
                return listener;
            }
            Err(error) => {
                tracing::warn!(%error, "could not listen for other instances' changes; retrying");
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
