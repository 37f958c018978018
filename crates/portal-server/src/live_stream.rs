//! Following one value as server-sent events.
//!
//! Whatever changes a followed value (an enrollment, a device) publishes its
//! id on one broadcast channel. Each stream sends the current value at once,
//! then keeps the ids of its own value, reads it again and sends it when it
//! differs from what was sent last. A stream also wakes at the next moment
//! the value changes by itself (a time limit running out), so the SPA sees
//! it without polling (the read applies the time limit). The stream ends
//! when the server stops or the value can no longer be read.

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::clock::Timestamp;
use crate::storage::UserId;
use crate::AppState;

/// How many changes a slow stream may fall behind before it rereads.
const CHANNEL_CAPACITY: usize = 256;

/// The channel changes of one kind of value are announced on, by id.
#[derive(Debug, Clone)]
pub struct Changes<Id> {
    sender: broadcast::Sender<Id>,
}

impl<Id: Clone> Default for Changes<Id> {
    fn default() -> Self {
        Self::new()
    }
}

impl<Id: Clone> Changes<Id> {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self { sender }
    }

    /// Announces that the value with this id changed. Nobody listening is fine.
    pub fn publish(&self, id: &Id) {
        let _ = self.sender.send(id.clone());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Id> {
        self.sender.subscribe()
    }
}

/// A value an event stream follows.
pub(crate) trait Followed: Serialize + Sized + Send + Sync + 'static {
    /// What changes are announced by.
    type Id: PartialEq + Clone + Send + Sync + 'static;

    fn id(&self) -> Self::Id;

    /// The next moment the value changes by itself, if any.
    fn next_deadline(&self) -> Option<Timestamp>;

    /// Reads the value again for the user. `None` ends the stream (the
    /// implementation logs why).
    fn reload(
        state: &AppState,
        user_id: UserId,
        id: &Self::Id,
    ) -> impl Future<Output = Option<Self>> + Send;

    /// Whether the value is worth sending after `last` was sent.
    fn differs_from(&self, last: &Self) -> bool;
}

struct Follow<T: Followed> {
    state: AppState,
    user_id: UserId,
    id: T::Id,
    changes: broadcast::Receiver<T::Id>,
    /// What was sent last (with `server_now` as sent).
    last: T,
    first: bool,
}

/// The SSE response: `current` at once, then the value after every change.
/// `changes` must be subscribed before `current` was read, so no change
/// falls in between.
pub(crate) fn stream<T: Followed>(
    state: AppState,
    user_id: UserId,
    current: T,
    changes: broadcast::Receiver<T::Id>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let follow = Follow {
        state,
        user_id,
        id: current.id(),
        changes,
        last: current,
        first: true,
    };
    let events = stream::unfold(follow, |mut follow| async move {
        if follow.first {
            follow.first = false;
            let event = event_of(&follow.last);
            return Some((Ok(event), follow));
        }
        let next = next_change(&mut follow).await?;
        let event = event_of(&next);
        follow.last = next;
        Some((Ok(event), follow))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}

fn event_of(value: &impl Serialize) -> Event {
    Event::default()
        .json_data(value)
        .unwrap_or_else(|_| Event::default().comment("unserializable"))
}

/// Waits until the value differs from what was sent last. `None` ends the
/// stream (the server is stopping, or the value cannot be read).
async fn next_change<T: Followed>(follow: &mut Follow<T>) -> Option<T> {
    loop {
        let deadline = follow
            .last
            .next_deadline()
            .map(|moment| waiting_until(moment, follow.state.clock.now()));
        tokio::select! {
            received = follow.changes.recv() => match received {
                Ok(id) if id == follow.id => {}
                Ok(_) => continue,
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            () = sleep_or_forever(deadline) => {}
        }
        let next = T::reload(&follow.state, follow.user_id, &follow.id).await?;
        if next.differs_from(&follow.last) {
            return Some(next);
        }
    }
}

/// How long until `moment`, plus a second, so the read after it finds the
/// moment passed.
fn waiting_until(moment: Timestamp, now: Timestamp) -> Duration {
    let seconds = u64::try_from(moment.saturating_sub(now)).unwrap_or(0);
    Duration::from_secs(seconds.saturating_add(1))
}

async fn sleep_or_forever(duration: Option<Duration>) {
    match duration {
        Some(duration) => tokio::time::sleep(duration).await,
        None => std::future::pending().await,
    }
}
