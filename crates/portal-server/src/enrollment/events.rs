//! Enrollment changes, pushed to the SPA as server-sent events.
//!
//! Whatever changes an enrollment publishes its id on one broadcast
//! channel; each event stream keeps the ids of its own enrollment, reads it
//! again and sends it. A stream of a `Downloaded` enrollment also wakes at
//! the install deadline, so the SPA sees `Expired` without polling (the
//! read applies the expiry). The streaming itself is `live_stream`'s.

use std::convert::Infallible;

use axum::response::sse::{Event, Sse};
use futures_util::stream::Stream;
use portal_api::{Enrollment, EnrollmentId, EnrollmentState};

use crate::clock::Timestamp;
use crate::live_stream::{self, Announcements, Changes, Followed};
use crate::sign_in::stream_sessions::StreamLease;
use crate::storage::UserId;
use crate::AppState;

/// The channel every enrollment change is announced on.
pub type EnrollmentEvents = Changes<EnrollmentId, Enrollment>;

/// The SSE response: `current` at once, then the enrollment after every
/// change. `changes` must be subscribed before `current` was read, so no
/// change falls in between.
pub fn stream(
    state: AppState,
    user_id: UserId,
    current: Enrollment,
    changes: Announcements<EnrollmentId>,
    lease: StreamLease,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    live_stream::stream(state, user_id, current, changes, lease)
}

impl Followed for Enrollment {
    type Id = EnrollmentId;

    fn changes(state: &AppState) -> &Changes<EnrollmentId, Self> {
        &state.enrollment_events
    }

    fn id(&self) -> EnrollmentId {
        self.id.clone()
    }

    /// A downloaded enrollment's install deadline.
    fn next_deadline(&self) -> Option<Timestamp> {
        if self.state != EnrollmentState::Downloaded {
            return None;
        }
        self.install_deadline_at
    }

    async fn reload(state: &AppState, user_id: UserId, id: &EnrollmentId) -> Option<Self> {
        let record = match super::load_for_user(state, user_id, id).await {
            Ok(record) => record,
            Err(error) => {
                tracing::warn!(%error, "enrollment events stopped");
                return None;
            }
        };
        let now = state.clock.now();
        Some(super::to_api(&record, now))
    }

    fn differs_from(&self, last: &Self) -> bool {
        !same_apart_from_time(self, last)
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
