//! Following one value as server-sent events.
//!
//! Whatever changes a followed value (an enrollment, a device) publishes its
//! id on one broadcast channel. Each stream sends the current value at once,
//! then keeps the ids of its own value, reads it again and sends it when it
//! differs from what was sent last. A stream also wakes at the next moment
//! the value changes by itself (a time limit running out), so the SPA sees
//! it without polling (the read applies the time limit). The stream ends
//! when the server stops, the value can no longer be read, or the session
//! it was opened with ends (`sign_in::stream_sessions`).
//!
//! With several instances of the portal behind one address, a change saved
//! by one must wake the streams another serves: each [`Changes`] passes
//! what it publishes to a [`ChangeRelay`] (PostgreSQL's `NOTIFY`), and the
//! other instances' changes come back through [`Changes::announce_here`].
//!
//! Many streams of one value (a person's tabs) share one read per change:
//! the streams of one user and value share a [`Snapshot`], and a stream
//! takes the value read by another when that read began after the change
//! it woke for. A change to one value costs no read in the streams of
//! others, which only compare ids.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::broadcast;

use crate::clock::Timestamp;
use crate::sign_in::stream_sessions::StreamLease;
use crate::storage::UserId;
use crate::AppState;

/// How many changes a slow stream may fall behind before it rereads.
const CHANNEL_CAPACITY: usize = 256;

/// What a change is about, as it travels between instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// An enrollment changed (the id is its [`portal_api::EnrollmentId`]).
    Enrollment,
    /// A device changed (its [`portal_api::DeviceId`]).
    Device,
    /// A session ended (the hex of its token hash).
    Session,
    /// Every session of a user ended (the user's id).
    UserSessions,
}

const TOPICS: [Topic; 4] = [
    Topic::Enrollment,
    Topic::Device,
    Topic::Session,
    Topic::UserSessions,
];

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Enrollment => "enrollment",
            Topic::Device => "device",
            Topic::Session => "session",
            Topic::UserSessions => "user_sessions",
        }
    }

    pub fn parse(text: &str) -> Option<Topic> {
        TOPICS.into_iter().find(|topic| topic.as_str() == text)
    }
}

/// Passes this instance's changes on to the portal's other instances. One
/// instance needs none: its changes stay in the process.
pub trait ChangeRelay: Send + Sync + std::fmt::Debug + 'static {
    /// Tells the other instances that the value `id` of `topic` changed
    /// here (after the change was saved). Must not wait: it is called from
    /// request handlers.
    fn relay(&self, topic: Topic, id: &str);
}

/// An id that travels between instances as text.
pub trait RelayedId: Clone + Eq + Hash + Send + Sync + 'static {
    fn as_text(&self) -> &str;
    fn from_text(text: &str) -> Self;
}

impl RelayedId for portal_api::DeviceId {
    fn as_text(&self) -> &str {
        &self.0
    }
    fn from_text(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl RelayedId for portal_api::EnrollmentId {
    fn as_text(&self) -> &str {
        &self.0
    }
    fn from_text(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl RelayedId for String {
    fn as_text(&self) -> &str {
        self
    }
    fn from_text(text: &str) -> Self {
        text.to_owned()
    }
}

/// The channel changes of one kind of value `T` are announced on, by id,
/// and the reads its streams share.
#[derive(Debug)]
pub struct Changes<Id, T> {
    topic: Topic,
    /// Set once at start when there are other instances to tell.
    relay: Arc<OnceLock<Arc<dyn ChangeRelay>>>,
    sender: broadcast::Sender<Changed<Id>>,
    /// How many changes were announced; counted before each is sent.
    announced: Arc<AtomicU64>,
    snapshots: Arc<Mutex<Snapshots<Id, T>>>,
}

/// What one announcement says changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed<Id> {
    One(Id),
    /// Any value may have changed: announcements may have been missed
    /// (the connection to the other instances was lost a while).
    Every,
}

/// What a stream receives announcements on.
pub type Announcements<Id> = broadcast::Receiver<Changed<Id>>;

/// The snapshot of each value some stream follows, by user and id.
type Snapshots<Id, T> = HashMap<(UserId, Id), Weak<Snapshot<T>>>;

impl<Id, T> Clone for Changes<Id, T> {
    fn clone(&self) -> Self {
        Self {
            topic: self.topic,
            relay: self.relay.clone(),
            sender: self.sender.clone(),
            announced: self.announced.clone(),
            snapshots: self.snapshots.clone(),
        }
    }
}

impl<Id: RelayedId, T> Changes<Id, T> {
    pub fn new(topic: Topic) -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self {
            topic,
            relay: Arc::default(),
            sender,
            announced: Arc::default(),
            snapshots: Arc::default(),
        }
    }

    /// Announces that the value with this id changed (after the change was
    /// saved), here and to the other instances. Nobody listening is fine.
    pub fn publish(&self, id: &Id) {
        self.announce_here(id);
        if let Some(relay) = self.relay.get() {
            relay.relay(self.topic, id.as_text());
        }
    }

    /// Announces a change to this instance's streams only: one another
    /// instance relayed (so it is not relayed back).
    pub fn announce_here(&self, id: &Id) {
        self.announce(Changed::One(id.clone()));
    }

    /// Every stream reads its value again: changes on other instances may
    /// have been missed.
    pub fn announce_every_change(&self) {
        self.announce(Changed::Every);
    }

    fn announce(&self, changed: Changed<Id>) {
        self.announced.fetch_add(1, Ordering::SeqCst);
        let _ = self.sender.send(changed);
    }

    /// From now on, changes published here go to `relay` too. Set once;
    /// a second relay is ignored (and logged).
    pub fn relay_through(&self, relay: Arc<dyn ChangeRelay>) {
        if self.relay.set(relay).is_err() {
            tracing::warn!(
                topic = self.topic.as_str(),
                "a second change relay was ignored"
            );
        }
    }

    pub fn subscribe(&self) -> Announcements<Id> {
        self.sender.subscribe()
    }

    /// How many changes were announced so far: a read begun now sees them
    /// all.
    fn announced(&self) -> u64 {
        self.announced.load(Ordering::SeqCst)
    }

    /// The snapshot the streams of this user and value share.
    fn snapshot(&self, user_id: UserId, id: &Id) -> Arc<Snapshot<T>> {
        let mut snapshots = self
            .snapshots
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let key = (user_id, id.clone());
        if let Some(shared) = snapshots.get(&key).and_then(Weak::upgrade) {
            return shared;
        }
        // Values nobody follows any more are forgotten here.
        snapshots.retain(|_, snapshot| snapshot.strong_count() > 0);
        let snapshot = Arc::new(Snapshot::default());
        snapshots.insert(key, Arc::downgrade(&snapshot));
        snapshot
    }
}

/// The last read of one value for one user, shared by its streams.
#[derive(Debug)]
pub(crate) struct Snapshot<T> {
    last: tokio::sync::Mutex<Option<Read<T>>>,
}

impl<T> Default for Snapshot<T> {
    fn default() -> Self {
        Self {
            last: tokio::sync::Mutex::new(None),
        }
    }
}

#[derive(Debug)]
struct Read<T> {
    /// How many changes were announced when the read began.
    announced: u64,
    /// The time when it began.
    at: Timestamp,
    value: T,
}

/// What a read must have seen to be good enough: the changes announced,
/// and the time (a deadline passed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wanted {
    pub announced: u64,
    pub at: Timestamp,
}

impl<T: Clone> Snapshot<T> {
    /// The value as `wanted`: the last read when it is recent enough, else
    /// a new read with `load` (one at a time; the others wait for it).
    /// `None` (the value cannot be read) is not kept.
    pub(crate) async fn read<F>(
        &self,
        wanted: Wanted,
        now: Wanted,
        load: impl FnOnce() -> F,
    ) -> Option<T>
    where
        F: Future<Output = Option<T>>,
    {
        let mut last = self.last.lock().await;
        if let Some(read) = last.as_ref() {
            if read.announced >= wanted.announced && read.at >= wanted.at {
                return Some(read.value.clone());
            }
        }
        let value = load().await?;
        *last = Some(Read {
            announced: now.announced,
            at: now.at,
            value: value.clone(),
        });
        Some(value)
    }
}

/// A value an event stream follows.
pub(crate) trait Followed: Serialize + Clone + Sized + Send + Sync + 'static {
    /// What changes are announced by.
    type Id: RelayedId;

    /// Where changes of this kind of value are announced.
    fn changes(state: &AppState) -> &Changes<Self::Id, Self>;

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
    changes: Announcements<T::Id>,
    /// The reads shared with the other streams of this user and value.
    snapshot: Arc<Snapshot<T>>,
    /// Ends the stream with its session.
    lease: StreamLease,
    /// What was sent last (with `server_now` as sent).
    last: T,
    first: bool,
}

/// The SSE response: `current` at once, then the value after every change.
/// `changes` must be subscribed before `current` was read, so no change
/// falls in between. `lease` ends it with the session.
pub(crate) fn stream<T: Followed>(
    state: AppState,
    user_id: UserId,
    current: T,
    changes: Announcements<T::Id>,
    lease: StreamLease,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let id = current.id();
    let snapshot = T::changes(&state).snapshot(user_id, &id);
    let follow = Follow {
        state,
        user_id,
        id,
        changes,
        snapshot,
        lease,
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
/// stream (the server is stopping, the value cannot be read, or the session
/// ended).
async fn next_change<T: Followed>(follow: &mut Follow<T>) -> Option<T> {
    loop {
        let deadline = follow.last.next_deadline();
        let waiting = deadline.map(|moment| waiting_until(moment, follow.state.clock.now()));
        let changes = T::changes(&follow.state);
        let wanted_at = tokio::select! {
            received = follow.changes.recv() => match received {
                Ok(Changed::One(id)) if id == follow.id => Timestamp::MIN,
                Ok(Changed::Every) => Timestamp::MIN,
                Ok(Changed::One(_)) => continue,
                Err(broadcast::error::RecvError::Lagged(_)) => Timestamp::MIN,
                Err(broadcast::error::RecvError::Closed) => return None,
            },
            () = sleep_or_forever(waiting) => deadline.unwrap_or(Timestamp::MIN),
            () = follow.lease.ended(follow.state.clock.as_ref(), follow.state.storage.as_ref()) => {
                tracing::debug!(user_id = follow.user_id, "event stream ended with its session");
                return None;
            }
        };
        let wanted = Wanted {
            announced: changes.announced(),
            at: wanted_at,
        };
        let now = Wanted {
            announced: changes.announced(),
            at: follow.state.clock.now(),
        };
        let (state, user_id, id) = (&follow.state, follow.user_id, &follow.id);
        let next = follow
            .snapshot
            .read(wanted, now, || T::reload(state, user_id, id))
            .await?;
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

/// A relay that keeps what it was given, for tests.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct RecordingRelay(pub(crate) Mutex<Vec<(Topic, String)>>);

#[cfg(test)]
impl ChangeRelay for RecordingRelay {
    fn relay(&self, topic: Topic, id: &str) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((topic, id.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    /// Many streams woken by one change: one read, the same value for all.
    #[tokio::test]
    async fn streams_of_one_value_share_one_read_per_change() {
        let changes: Changes<String, u32> = Changes::new(Topic::Device);
        let snapshots: Vec<_> = (0..50)
            .map(|_| changes.snapshot(7, &"dev_1".to_owned()))
            .collect();
        assert!(snapshots.iter().all(|s| Arc::ptr_eq(s, &snapshots[0])));
        let reads = Arc::new(AtomicUsize::new(0));
        let read_all = |value: u32| {
            let reads = reads.clone();
            let changes = changes.clone();
            let snapshots = snapshots.clone();
            async move {
                let wanted = Wanted {
                    announced: changes.announced(),
                    at: Timestamp::MIN,
                };
                let now = Wanted {
                    announced: changes.announced(),
                    at: 1_000,
                };
                let results = futures_util::future::join_all(snapshots.iter().map(|snapshot| {
                    let reads = reads.clone();
                    snapshot.read(wanted, now, move || async move {
                        reads.fetch_add(1, Ordering::SeqCst);
                        tokio::task::yield_now().await;
                        Some(value)
                    })
                }))
                .await;
                assert!(results.iter().all(|result| *result == Some(value)));
            }
        };
        changes.publish(&"dev_1".to_owned());
        read_all(1).await;
        assert_eq!(reads.load(Ordering::SeqCst), 1);
        // The next change needs a new read, again only one.
        changes.publish(&"dev_1".to_owned());
        read_all(2).await;
        assert_eq!(reads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_deadline_needs_a_read_begun_after_it() {
        let snapshot: Snapshot<u32> = Snapshot::default();
        let at = |at| Wanted { announced: 0, at };
        assert_eq!(
            snapshot.read(at(0), at(100), || async { Some(1) }).await,
            Some(1)
        );
        assert_eq!(
            snapshot.read(at(100), at(150), || async { Some(2) }).await,
            Some(1)
        );
        assert_eq!(
            snapshot.read(at(120), at(150), || async { Some(3) }).await,
            Some(3)
        );
        // A value that cannot be read is not kept.
        assert_eq!(
            snapshot.read(at(200), at(200), || async { None }).await,
            None
        );
        assert_eq!(
            snapshot.read(at(150), at(210), || async { Some(4) }).await,
            Some(3)
        );
    }

    #[tokio::test]
    async fn published_changes_are_relayed_and_relayed_ones_are_not_sent_back() {
        let changes: Changes<String, u32> = Changes::new(Topic::Enrollment);
        let mut here = changes.subscribe();
        let relay = Arc::new(RecordingRelay::default());
        // A clone made before the relay was set (as the pusher's) uses it too.
        let clone = changes.clone();
        changes.relay_through(relay.clone());
        clone.publish(&"enr_1".to_owned());
        changes.announce_here(&"enr_2".to_owned());
        assert_eq!(here.recv().await.unwrap(), Changed::One("enr_1".to_owned()));
        assert_eq!(here.recv().await.unwrap(), Changed::One("enr_2".to_owned()));
        assert_eq!(
            *relay.0.lock().unwrap(),
            vec![(Topic::Enrollment, "enr_1".to_owned())]
        );
        assert_eq!(changes.announced(), 2);
    }

    #[test]
    fn topics_read_back_from_their_words() {
        for topic in TOPICS {
            assert_eq!(Topic::parse(topic.as_str()), Some(topic));
        }
        assert_eq!(Topic::parse("sessions"), None);
    }

    #[test]
    fn values_nobody_follows_are_forgotten() {
        let changes: Changes<String, u32> = Changes::new(Topic::Device);
        let first = changes.snapshot(1, &"a".to_owned());
        drop(first);
        let _second = changes.snapshot(1, &"b".to_owned());
        let snapshots = changes.snapshots.lock().unwrap();
        assert_eq!(snapshots.len(), 1);
    }
}
