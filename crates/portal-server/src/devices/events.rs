//! Device changes, pushed to the SPA as server-sent events.
//!
//! The same pattern as enrollment events (both stream through
//! `live_stream`): whatever changes a device publishes its id on one
//! broadcast channel; each stream keeps the ids of its own device, reads it
//! again and sends it when it differs. A stream
//! also wakes when a pending status check or removal runs out of time, or a
//! grace period ends, so the SPA sees it without polling (the read applies
//! the time limit). The stream ends when the device is gone.

use std::convert::Infallible;

use axum::response::sse::{Event, Sse};
use futures_util::stream::Stream;
use portal_api::{ActionState, ActionStatus, DeviceDetails, DeviceId};

use crate::clock::Timestamp;
use crate::live_stream::{self, Announcements, Changes, Followed};
use crate::sign_in::stream_sessions::StreamLease;
use crate::storage::UserId;
use crate::AppState;

/// The channel every device change is announced on.
pub type DeviceEvents = Changes<DeviceId, DeviceDetails>;

/// The SSE response: `current` at once, then the device after every
/// change. `changes` must be subscribed before `current` was read.
pub fn stream(
    state: AppState,
    user_id: UserId,
    current: DeviceDetails,
    changes: Announcements<DeviceId>,
    lease: StreamLease,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    live_stream::stream(state, user_id, current, changes, lease)
}

impl Followed for DeviceDetails {
    type Id = DeviceId;

    fn changes(state: &AppState) -> &Changes<DeviceId, Self> {
        &state.device_events
    }

    fn id(&self) -> DeviceId {
        self.summary.id.clone()
    }

    /// The next moment the details change by themselves: a pending action's
    /// time limit or the end of a grace period.
    fn next_deadline(&self) -> Option<Timestamp> {
        let pending_limit = |status: &Option<ActionStatus>| {
            status
                .as_ref()
                .filter(|status| status.state == ActionState::Pending)
                .and_then(|status| status.gives_up_at)
        };
        [
            pending_limit(&self.check_status),
            pending_limit(&self.remove),
            self.compliance.access_until,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    async fn reload(state: &AppState, user_id: UserId, id: &DeviceId) -> Option<Self> {
        match super::get(state, user_id, id).await {
            Ok(next) => Some(next),
            Err(error) => {
                tracing::debug!(%error, device = %id.0, "device events stopped");
                None
            }
        }
    }

    fn differs_from(&self, last: &Self) -> bool {
        !same_apart_from_time(self, last)
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
