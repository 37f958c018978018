//! Device changes, pushed to the SPA as server-sent events.
//!
//! The same pattern as enrollment events: whatever changes a device
//! publishes its id on one broadcast channel; each stream keeps the ids of
//! its own device, reads it again and sends it when it differs. A stream
//! also wakes when a pending status check or removal runs out of time, or a
//! grace period ends, so the SPA sees it without polling (the read applies
//! the time limit). The stream ends when the device is gone.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use portal_api::{ActionState, ActionStatus, DeviceDetails, DeviceId};
use tokio::sync::broadcast;

use crate::storage::UserId;
use crate::AppState;

/// How many changes a slow stream may fall behind before it rereads.
const CHANNEL_CAPACITY: usize = 256;

/// The channel every device change is announced on.
#[derive(Debug, Clone)]
pub struct DeviceEvents {
    sender: broadcast::Sender<DeviceId>,
}

impl Default for DeviceEvents {
    fn default() -> Self {
        Self::new()
    }
}

impl DeviceEvents {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self { sender }
    }

    /// Announces that the device changed. Nobody listening is fine.
    pub fn publish(&self, id: &DeviceId) {
        let _ = self.sender.send(id.clone());
    }

    pub fn subscribe(&self) -> broadcast::Receiver<DeviceId> {
        self.sender.subscribe()
    }
}

struct Follow {
    state: AppState,
    user_id: UserId,
    id: DeviceId,
    changes: broadcast::Receiver<DeviceId>,
    /// What was sent last (with `server_now` as sent).
    last: DeviceDetails,
    first: bool,
}

/// The SSE response: `current` at once, then the device after every
/// change. `changes` must be subscribed before `current` was read.
pub fn stream(
    state: AppState,
    user_id: UserId,
    current: DeviceDetails,
    changes: broadcast::Receiver<DeviceId>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let follow = Follow {
        state,
        user_id,
        id: current.summary.id.clone(),
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

fn event_of(details: &DeviceDetails) -> Event {
    Event::default()
        .json_data(details)
        .unwrap_or_else(|_| Event::default().comment("unserializable"))
}

/// Waits until the device differs from what was sent last. `None` ends the
/// stream (the server is stopping, or the device is gone).
async fn next_change(follow: &mut Follow) -> Option<DeviceDetails> {
    loop {
        let deadline = next_deadline(&follow.last, follow.state.clock.now());
        tokio::select! {
            received = follow.changes.recv() => match received {
                Ok(id) if id == follow.id => {}
                Ok(_) => continue,
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            () = sleep_or_forever(deadline) => {}
        }
        let next = match super::get(&follow.state, follow.user_id, &follow.id).await {
            Ok(next) => next,
            Err(error) => {
                tracing::debug!(%error, device = %follow.id.0, "device events stopped");
                return None;
            }
        };
        if !same_apart_from_time(&next, &follow.last) {
            return Some(next);
        }
    }
}

/// How long until the next moment the details change by themselves: a
/// pending action's time limit or the end of a grace period (plus a second,
/// so the read after it finds the moment passed).
fn next_deadline(details: &DeviceDetails, now: i64) -> Option<Duration> {
    let pending_limit = |status: &Option<ActionStatus>| {
        status
            .as_ref()
            .filter(|status| status.state == ActionState::Pending)
            .and_then(|status| status.gives_up_at)
    };
    let moment = [
        pending_limit(&details.status_check),
        pending_limit(&details.removal),
        details.compliance.access_until,
    ]
    .into_iter()
    .flatten()
    .min()?;
    let seconds = u64::try_from(moment.saturating_sub(now)).unwrap_or(0);
    Some(Duration::from_secs(seconds.saturating_add(1)))
}

async fn sleep_or_forever(duration: Option<Duration>) {
    match duration {
        Some(duration) => tokio::time::sleep(duration).await,
        None => std::future::pending().await,
    }
}

fn same_apart_from_time(a: &DeviceDetails, b: &DeviceDetails) -> bool {
    DeviceDetails {
        server_now: 0,
        ..a.clone()
    } == DeviceDetails {
        server_now: 0,
        ..b.clone()
    }
}
