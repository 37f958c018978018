//! Enrollment changes, pushed to the SPA as server-sent events.
//!
//! Whatever changes an enrollment publishes its id on one broadcast
//! channel; each event stream keeps the ids of its own enrollment, reads it
//! again and sends it. A stream of a `Downloaded` enrollment also wakes at
//! the install deadline, so the SPA sees `Expired` without polling (the
//! read applies the expiry).

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use portal_api::{Enrollment, EnrollmentId, EnrollmentState};
use tokio::sync::broadcast;

use crate::storage::UserId;
use crate::AppState;

/// How many changes a slow stream may fall behind before it rereads.
const CHANNEL_CAPACITY: usize = 256;

/// The channel every enrollment change is announced on.
#[derive(Debug, Clone)]
pub struct EnrollmentEvents {
    sender: broadcast::Sender<EnrollmentId>,
}

impl Default for EnrollmentEvents {
    fn default() -> Self {
        Self::new()
    }
}

impl EnrollmentEvents {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self { sender }
    }

    /// Announces that the enrollment changed. Nobody listening is fine.
    pub fn publish(&self, id: &EnrollmentId) {
        let _ = self.sender.send(id.clone());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<EnrollmentId> {
        self.sender.subscribe()
    }
}

struct Follow {
    state: AppState,
    user_id: UserId,
    id: EnrollmentId,
    changes: broadcast::Receiver<EnrollmentId>,
    /// What was sent last (with `server_now` as sent).
    last: Enrollment,
    first: bool,
}

/// The SSE response: `current` at once, then the enrollment after every
/// change. `changes` must be subscribed before `current` was read, so no
/// change falls in between.
pub fn stream(
    state: AppState,
    user_id: UserId,
    current: Enrollment,
    changes: broadcast::Receiver<EnrollmentId>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let follow = Follow {
        state,
        user_id,
        id: current.id.clone(),
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

fn event_of(enrollment: &Enrollment) -> Event {
    Event::default()
        .json_data(enrollment)
        .unwrap_or_else(|_| Event::default().comment("unserializable"))
}

/// Waits until the enrollment differs from what was sent last. `None` ends
/// the stream (the server is stopping, or the enrollment is gone).
async fn next_change(follow: &mut Follow) -> Option<Enrollment> {
    loop {
        let deadline = waiting_for_deadline(&follow.last, follow.state.clock.now());
        tokio::select! {
            received = follow.changes.recv() => match received {
                Ok(id) if id == follow.id => {}
                Ok(_) => continue,
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            () = sleep_or_forever(deadline) => {}
        }
        let record = match super::load_for_user(&follow.state, follow.user_id, &follow.id).await {
            Ok(record) => record,
            Err(error) => {
                tracing::warn!(%error, "enrollment events stopped");
                return None;
            }
        };
        let now = follow.state.clock.now();
        let next = super::to_api(&record, now);
        if !same_apart_from_time(&next, &follow.last) {
            return Some(next);
        }
    }
}

/// How long until a downloaded enrollment's install deadline (plus a second,
/// so the read after it finds the deadline passed).
fn waiting_for_deadline(enrollment: &Enrollment, now: i64) -> Option<Duration> {
    if enrollment.state != EnrollmentState::Downloaded {
        return None;
    }
    let deadline = enrollment.install_deadline_at?;
    let seconds = u64::try_from(deadline.saturating_sub(now)).unwrap_or(0);
    Some(Duration::from_secs(seconds.saturating_add(1)))
}

async fn sleep_or_forever(duration: Option<Duration>) {
    match duration {
        Some(duration) => tokio::time::sleep(duration).await,
        None => std::future::pending().await,
    }
}

fn same_apart_from_time(a: &Enrollment, b: &Enrollment) -> bool {
    Enrollment {
        server_now: 0,
        ..a.clone()
    } == Enrollment {
        server_now: 0,
        ..b.clone()
    }
}
