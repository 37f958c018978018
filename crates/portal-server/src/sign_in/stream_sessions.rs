//! The sessions behind open event streams: a stream ends when its session
//! ends, and one session has only so many streams open.
//!
//! Each session with an open stream has an entry here, with a watch channel
//! of its last-seen time. Signing out (or ending all of a user's sessions)
//! drops the entry, and every stream of the session sees its channel close
//! at once. Expiry needs no message: each stream knows when its session
//! started and was last seen, and wakes when that makes it expire; a
//! request that moves the last-seen time sends it on the channel. Nothing
//! here reads the database, however many streams are open.
//!
//! With several instances, a sign-out on one reaches the others through the
//! change relay (`live_stream::ChangeRelay`), and requests on another
//! instance move only the stored last-seen time: so before a stream ends
//! for idleness it reads the session once more. A session deleted by
//! another process (`portal-server user add` on an existing account)
//! leaves its streams open until the session would have expired.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use portal_api::ErrorCode;
use tokio::sync::watch;

use super::session::{self, Freshness};
use crate::clock::{Clock, Timestamp};
use crate::config::SessionPolicy;
use crate::error::AppError;
use crate::live_stream::{ChangeRelay, Topic};
use crate::storage::{SessionStore, SessionTokenHash, UserId};

pub const TOO_MANY_EVENT_STREAMS_MESSAGE: &str =
    "Too many pages are following live updates in this browser. Close some portal tabs, then \
     reload this page.";

/// The session a stream is opened with, as the request found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveSession {
    pub token_hash: SessionTokenHash,
    pub user_id: UserId,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
}

/// Every session with an open event stream (cheap to clone: shared).
#[derive(Debug, Clone)]
pub struct StreamSessions {
    entries: Arc<Mutex<HashMap<SessionTokenHash, Entry>>>,
    per_session: usize,
    policy: SessionPolicy,
    /// Tells the other instances about sign-outs, when there are any.
    relay: Arc<OnceLock<Arc<dyn ChangeRelay>>>,
}

#[derive(Debug)]
struct Entry {
    user_id: UserId,
    /// Tells the leases of this entry from those of an earlier one.
    generation: u64,
    open: usize,
    /// The session's last-seen time; dropped when the session ends.
    last_seen: watch::Sender<Timestamp>,
}

impl StreamSessions {
    pub fn new(per_session: usize, policy: SessionPolicy) -> Self {
        Self {
            entries: Arc::default(),
            per_session: per_session.max(1),
            policy,
            relay: Arc::default(),
        }
    }

    /// From now on, sessions ended here end on the other instances too.
    pub fn relay_through(&self, relay: Arc<dyn ChangeRelay>) {
        if self.relay.set(relay).is_err() {
            tracing::warn!("a second change relay for sessions was ignored");
        }
    }

    fn relay(&self, topic: Topic, id: &str) {
        if let Some(relay) = self.relay.get() {
            relay.relay(topic, id);
        }
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<SessionTokenHash, Entry>> {
        // Every change below leaves the map whole, so a panic elsewhere
        // while it was held does not make it unusable.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A place for one more stream of `session`, or 429
    /// `too_many_event_streams` when it has as many as allowed.
    pub fn open(&self, session: &ActiveSession) -> Result<StreamLease, AppError> {
        static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut entries = self.entries();
        let entry = entries.entry(session.token_hash).or_insert_with(|| Entry {
            user_id: session.user_id,
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            open: 0,
            last_seen: watch::Sender::new(session.last_seen_at),
        });
        if entry.open >= self.per_session {
            tracing::info!(
                user_id = session.user_id,
                limit = self.per_session,
                "event stream refused: the session has as many as allowed"
            );
            return Err(AppError::refused(
                ErrorCode::TooManyEventStreams,
                TOO_MANY_EVENT_STREAMS_MESSAGE,
            ));
        }
        entry.open += 1;
        entry.last_seen.send_if_modified(|last_seen| {
            let newer = session.last_seen_at > *last_seen;
            if newer {
                *last_seen = session.last_seen_at;
            }
            newer
        });
        Ok(StreamLease {
            sessions: self.clone(),
            token_hash: session.token_hash,
            generation: entry.generation,
            created_at: session.created_at,
            last_seen: entry.last_seen.subscribe(),
        })
    }

    /// The session ended (signed out, expired): its streams end now, here
    /// and on the other instances.
    pub fn end_session(&self, token_hash: &SessionTokenHash) {
        self.end_session_here(token_hash);
        self.relay(Topic::Session, &hex::encode(token_hash.0));
    }

    /// Every session of the user ended (removed, password reset): their
    /// streams end now, here and on the other instances.
    pub fn end_sessions_of_user(&self, user_id: UserId) {
        self.end_sessions_of_user_here(user_id);
        self.relay(Topic::UserSessions, &user_id.to_string());
    }

    /// [`StreamSessions::end_session`] that another instance relayed.
    pub fn end_session_here(&self, token_hash: &SessionTokenHash) {
        self.entries().remove(token_hash);
    }

    /// [`StreamSessions::end_sessions_of_user`] that another instance
    /// relayed.
    pub fn end_sessions_of_user_here(&self, user_id: UserId) {
        self.entries().retain(|_, entry| entry.user_id != user_id);
    }

    /// A request was made with the session at `now` (and its last-seen
    /// time written): its streams expire later.
    pub fn touched(&self, token_hash: &SessionTokenHash, now: Timestamp) {
        if let Some(entry) = self.entries().get(token_hash) {
            entry.last_seen.send_replace(now);
        }
    }

    /// Streams open at the moment, for tests and logs.
    pub fn open_streams(&self) -> usize {
        self.entries().values().map(|entry| entry.open).sum()
    }
}

/// One open stream's place: ends with the session, gives the place back
/// when dropped.
#[derive(Debug)]
pub struct StreamLease {
    sessions: StreamSessions,
    token_hash: SessionTokenHash,
    generation: u64,
    created_at: Timestamp,
    last_seen: watch::Receiver<Timestamp>,
}

impl StreamLease {
    /// Waits until the session ends: signed out, its user's sessions
    /// ended, or expired (idle or too old) by `clock`. Before ending for
    /// idleness it reads the session from `sessions`: requests served by
    /// another instance move only the stored last-seen time.
    pub async fn ended(&mut self, clock: &dyn Clock, sessions: &dyn SessionStore) {
        let policy = self.sessions.policy;
        let active = |last_seen, now| {
            matches!(
                session::freshness(self.created_at, last_seen, now, &policy),
                Freshness::Active { .. }
            )
        };
        let mut stored_last_seen = Timestamp::MIN;
        loop {
            let mut last_seen = (*self.last_seen.borrow_and_update()).max(stored_last_seen);
            let now = clock.now();
            if !active(last_seen, now) {
                stored_last_seen = match sessions.session(&self.token_hash).await {
                    Ok(Some(stored)) => stored.last_seen_at,
                    // Gone, or unreadable: the stream ends (the page
                    // reconnects, and is told to sign in if need be).
                    Ok(None) | Err(_) => return,
                };
                last_seen = last_seen.max(stored_last_seen);
                if !active(last_seen, now) {
                    return;
                }
            }
            let expires_at = session::expires_at(self.created_at, last_seen, &policy);
            let wait = u64::try_from(expires_at.saturating_sub(now)).unwrap_or(0);
            tokio::select! {
                changed = self.last_seen.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                // Checked again then: the clock may say otherwise (a test's).
                () = tokio::time::sleep(Duration::from_secs(wait.max(1))) => {}
            }
        }
    }
}

impl Drop for StreamLease {
    fn drop(&mut self) {
        let mut entries = self.sessions.entries();
        if let Some(entry) = entries.get_mut(&self.token_hash) {
            if entry.generation == self.generation {
                entry.open = entry.open.saturating_sub(1);
                if entry.open == 0 {
                    entries.remove(&self.token_hash);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use crate::live_stream::RecordingRelay;

    fn session(byte: u8, user_id: UserId) -> ActiveSession {
        ActiveSession {
            token_hash: SessionTokenHash([byte; 32]),
            user_id,
            created_at: 1_000,
            last_seen_at: 1_000,
        }
    }

    async fn ends_soon(lease: &mut StreamLease, clock: &ManualClock) -> bool {
        tokio::time::timeout(
            Duration::from_secs(5),
            lease.ended(clock, &StoredSessions::default()),
        )
        .await
        .is_ok()
    }

    /// The stored sessions: their last-seen times, which other instances'
    /// requests move. Empty: every session is gone from the database.
    #[derive(Default)]
    struct StoredSessions(Mutex<HashMap<[u8; 32], Timestamp>>);

    #[async_trait::async_trait]
    impl SessionStore for StoredSessions {
        async fn create_session(
            &self,
            _: &SessionTokenHash,
            _: UserId,
            _: Option<&str>,
            _: Timestamp,
        ) -> Result<(), crate::storage::StorageError> {
            Ok(())
        }
        async fn session(
            &self,
            token_hash: &SessionTokenHash,
        ) -> Result<Option<crate::storage::SessionRecord>, crate::storage::StorageError> {
            let last_seen = self.0.lock().unwrap().get(&token_hash.0).copied();
            Ok(last_seen.map(|last_seen_at| crate::storage::SessionRecord {
                user_id: 1,
                email: portal_api::EmailAddress::parse("alex@contoso.example").unwrap(),
                display_name: "Alex".into(),
                created_at: 1_000,
                last_seen_at,
                identity_issuer: None,
            }))
        }
        async fn touch_session(
            &self,
            _: &SessionTokenHash,
            _: Timestamp,
        ) -> Result<(), crate::storage::StorageError> {
            Ok(())
        }
        async fn delete_session(
            &self,
            _: &SessionTokenHash,
        ) -> Result<(), crate::storage::StorageError> {
            Ok(())
        }
        async fn delete_sessions_of_user(
            &self,
            _: UserId,
        ) -> Result<(), crate::storage::StorageError> {
            Ok(())
        }
        async fn delete_expired_sessions(
            &self,
            _: Timestamp,
            _: Timestamp,
        ) -> Result<u64, crate::storage::StorageError> {
            Ok(0)
        }
    }

    #[tokio::test]
    async fn a_session_has_only_so_many_streams_and_gets_places_back() {
        let sessions = StreamSessions::new(2, SessionPolicy::default());
        let alex = session(1, 1);
        let first = sessions.open(&alex).unwrap();
        let _second = sessions.open(&alex).unwrap();
        let AppError::Api(refusal) = sessions.open(&alex).unwrap_err() else {
            panic!("a refusal")
        };
        assert_eq!(refusal.code, ErrorCode::TooManyEventStreams);
        // Another session of the same user has places of its own.
        let _other = sessions.open(&session(2, 1)).unwrap();
        drop(first);
        let _third = sessions.open(&alex).unwrap();
        assert_eq!(sessions.open_streams(), 3);
    }

    #[tokio::test]
    async fn signing_out_ends_the_streams_of_that_session_only() {
        let sessions = StreamSessions::new(8, SessionPolicy::default());
        let clock = ManualClock::new(1_000);
        let mut signed_out = sessions.open(&session(1, 1)).unwrap();
        let mut other = sessions.open(&session(2, 1)).unwrap();
        sessions.end_session(&SessionTokenHash([1; 32]));
        assert!(ends_soon(&mut signed_out, &clock).await);
        assert!(tokio::time::timeout(
            Duration::from_millis(50),
            other.ended(&clock, &StoredSessions::default())
        )
        .await
        .is_err());
        // The ended session's lease going away leaves the other's alone.
        drop(signed_out);
        assert_eq!(sessions.open_streams(), 1);
    }

    #[tokio::test]
    async fn ending_a_users_sessions_ends_all_their_streams() {
        let sessions = StreamSessions::new(8, SessionPolicy::default());
        let clock = ManualClock::new(1_000);
        let mut first = sessions.open(&session(1, 7)).unwrap();
        let mut second = sessions.open(&session(2, 7)).unwrap();
        let _someone_else = sessions.open(&session(3, 8)).unwrap();
        sessions.end_sessions_of_user(7);
        assert!(ends_soon(&mut first, &clock).await);
        assert!(ends_soon(&mut second, &clock).await);
        assert_eq!(sessions.open_streams(), 1);
    }

    #[tokio::test]
    async fn a_stream_ends_when_its_session_expires_and_a_request_puts_that_off() {
        let policy = SessionPolicy {
            idle_timeout: Duration::from_secs(2),
            absolute_lifetime: Duration::from_secs(60),
            touch_interval: Duration::from_secs(1),
        };
        let sessions = StreamSessions::new(8, policy);
        let clock = ManualClock::new(1_000);
        let mut lease = sessions.open(&session(1, 1)).unwrap();
        clock.advance(Duration::from_secs(1));
        sessions.touched(&SessionTokenHash([1; 32]), 1_001);
        clock.advance(Duration::from_secs(1));
        // Idle for one second only: still on.
        assert!(tokio::time::timeout(
            Duration::from_millis(1_500),
            lease.ended(&clock, &StoredSessions::default())
        )
        .await
        .is_err());
        clock.advance(Duration::from_secs(1));
        assert!(ends_soon(&mut lease, &clock).await);
    }

    #[tokio::test]
    async fn a_request_served_by_another_instance_keeps_the_stream_open() {
        let policy = SessionPolicy {
            idle_timeout: Duration::from_secs(2),
            absolute_lifetime: Duration::from_secs(60),
            touch_interval: Duration::from_secs(1),
        };
        let sessions = StreamSessions::new(8, policy);
        let clock = ManualClock::new(1_000);
        let mut lease = sessions.open(&session(1, 1)).unwrap();
        // Another instance served a request at 1_002: only the database
        // knows.
        let stored = StoredSessions::default();
        stored.0.lock().unwrap().insert([1; 32], 1_002);
        clock.advance(Duration::from_secs(3));
        assert!(
            tokio::time::timeout(Duration::from_millis(1_500), lease.ended(&clock, &stored))
                .await
                .is_err(),
            "idle here, but not in the database"
        );
        clock.advance(Duration::from_secs(2));
        assert!(
            tokio::time::timeout(Duration::from_secs(5), lease.ended(&clock, &stored))
                .await
                .is_ok(),
            "idle everywhere"
        );
    }

    #[tokio::test]
    async fn sign_outs_are_relayed_and_relayed_ones_end_streams_here() {
        let sessions = StreamSessions::new(8, SessionPolicy::default());
        let relay = Arc::new(RecordingRelay::default());
        sessions.relay_through(relay.clone());
        let clock = ManualClock::new(1_000);
        let mut relayed = sessions.open(&session(1, 1)).unwrap();
        sessions.end_session(&SessionTokenHash([2; 32]));
        sessions.end_sessions_of_user(9);
        assert_eq!(
            *relay.0.lock().unwrap(),
            vec![
                (Topic::Session, hex::encode([2u8; 32])),
                (Topic::UserSessions, "9".to_owned())
            ]
        );
        sessions.end_session_here(&SessionTokenHash([1; 32]));
        assert!(ends_soon(&mut relayed, &clock).await);
        assert_eq!(relay.0.lock().unwrap().len(), 2, "nothing relayed back");
    }
}
