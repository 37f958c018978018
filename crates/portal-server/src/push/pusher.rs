//! The push queue: wakes a device whenever a command is queued for it, off
//! the request path, coalesced per device, retried with backoff.
//!
//! Per device there is at most one push waiting or in flight: a wake while
//! one waits joins it (one push is enough for any number of commands); a
//! wake while one is in flight asks for one more push after it (the device
//! may have connected before the new command was queued).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use portal_api::DeviceId;
use rand::Rng;
use tokio::sync::mpsc;

use super::apns::{ApnsClient, PushOutcome};
use crate::clock::Clock;
use crate::devices::events::DeviceEvents;
use crate::storage::Storage;

/// The first retry waits about this long; each next one twice as long.
pub const RETRY_BASE_DELAY: Duration = Duration::from_secs(2);
/// No retry waits longer than this.
pub const RETRY_MAX_DELAY: Duration = Duration::from_secs(10 * 60);
/// Sends of one push before it counts as failed.
pub const MAX_PUSH_ATTEMPTS: u32 = 8;

/// How failed pushes are retried (tests shorten the delays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub base_delay: Duration,
    pub max_delay: Duration,
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            base_delay: RETRY_BASE_DELAY,
            max_delay: RETRY_MAX_DELAY,
            max_attempts: MAX_PUSH_ATTEMPTS,
        }
    }
}

impl RetryPolicy {
    /// The wait before send number `attempt` (1 = the first retry): doubling
    /// from the base, capped, with jitter (half to all of it) so devices
    /// pushed together do not retry together.
    pub fn delay(&self, attempt: u32) -> Duration {
        let doubled = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        let capped = doubled.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(rand::thread_rng().gen_range(0.0..=1.0))
    }
}

/// A device's place in the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// A push will be sent (now, or after a retry delay).
    Queued,
    /// A push is being sent; `again`: a wake came meanwhile.
    InFlight { again: bool },
}

struct Inner {
    client: ApnsClient,
    storage: Arc<dyn Storage>,
    clock: Arc<dyn Clock>,
    events: DeviceEvents,
    policy: RetryPolicy,
    slots: Mutex<HashMap<DeviceId, Slot>>,
    queue: mpsc::UnboundedSender<DeviceId>,
}

/// The handle request handlers use to wake devices.
#[derive(Clone, Default)]
pub struct Pusher {
    inner: Option<Arc<Inner>>,
}

impl std::fmt::Debug for Pusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pusher")
            .field("enabled", &self.inner.is_some())
            .finish()
    }
}

impl Pusher {
    /// A pusher that sends nothing (no push certificate).
    pub fn disabled() -> Self {
        Self { inner: None }
    }

    /// Starts the queue's task (needs a Tokio runtime): pushes go out
    /// through `client`, their results are stored and announced on
    /// `events`.
    pub fn start(
        client: ApnsClient,
        storage: Arc<dyn Storage>,
        clock: Arc<dyn Clock>,
        events: DeviceEvents,
        policy: RetryPolicy,
    ) -> Self {
        let (queue, mut receiver) = mpsc::unbounded_channel();
        let inner = Arc::new(Inner {
            client,
            storage,
            clock,
            events,
            policy,
            slots: Mutex::default(),
            queue,
        });
        // The task holds the queue weakly: it ends with the last handle.
        let weak = Arc::downgrade(&inner);
        tokio::spawn(async move {
            while let Some(device) = receiver.recv().await {
                let Some(inner) = weak.upgrade() else { break };
                tokio::spawn(push_until_done(inner, device));
            }
        });
        Self { inner: Some(inner) }
    }

    pub fn is_enabled(&self) -> bool {
        self.inner.is_some()
    }

    /// How many devices have a push waiting or in flight.
    pub fn pending(&self) -> usize {
        self.inner
            .as_ref()
            .map_or(0, |inner| inner.lock_slots().len())
    }

    /// Asks for `device` to be woken soon; returns at once.
    pub fn wake(&self, device: &DeviceId) {
        let Some(inner) = &self.inner else { return };
        let start = {
            let mut slots = inner.lock_slots();
            match slots.get_mut(device) {
                None => {
                    slots.insert(device.clone(), Slot::Queued);
                    true
                }
                Some(Slot::Queued) => false,
                Some(Slot::InFlight { again }) => {
                    *again = true;
                    false
                }
            }
        };
        if start && inner.queue.send(device.clone()).is_err() {
            inner.lock_slots().remove(device);
        }
    }
}

impl Inner {
    fn lock_slots(&self) -> std::sync::MutexGuard<'_, HashMap<DeviceId, Slot>> {
        self.slots.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_slot(&self, device: &DeviceId, slot: Slot) {
        self.lock_slots().insert(device.clone(), slot);
    }
}

/// Pushes `device` until APNs took it, refused it, or the retries ran out;
/// again if a wake came while it was in flight.
async fn push_until_done(inner: Arc<Inner>, device: DeviceId) {
    let mut attempt = 0;
    loop {
        if attempt > 0 {
            tokio::time::sleep(inner.policy.delay(attempt)).await;
        }
        inner.set_slot(&device, Slot::InFlight { again: false });
        let outcome = push_once(&inner, &device).await;
        match outcome {
            Some(outcome) if outcome.is_retryable() && attempt + 1 < inner.policy.max_attempts => {
                tracing::warn!(device = %device.0, ?outcome, attempt, "push failed; retrying");
                inner.set_slot(&device, Slot::Queued);
                attempt += 1;
                continue;
            }
            Some(outcome) => record(&inner, &device, outcome).await,
            None => {}
        }
        let mut slots = inner.lock_slots();
        if slots.get(&device) == Some(&Slot::InFlight { again: true }) {
            slots.insert(device.clone(), Slot::Queued);
            attempt = 0;
            continue;
        }
        slots.remove(&device);
        break;
    }
}

/// One push to the device's token; `None` when there is nothing to push
/// to (gone, no token yet, or a token APNs refused).
async fn push_once(inner: &Inner, device: &DeviceId) -> Option<PushOutcome> {
    let target = match inner.storage.push_target(device).await {
        Ok(Some(target)) => target,
        Ok(None) => {
            tracing::debug!(device = %device.0, "no push token: not pushed");
            return None;
        }
        Err(error) => {
            tracing::error!(device = %device.0, %error, "push: cannot read the device");
            return None;
        }
    };
    if target.token_invalid_since.is_some() {
        tracing::debug!(device = %device.0, "push token invalid: not pushed");
        return None;
    }
    Some(inner.client.push(&target.token, &target.push_magic).await)
}

/// Stores what an answer means for the device and the organization.
async fn record(inner: &Inner, device: &DeviceId, outcome: PushOutcome) {
    let now = inner.clock.now();
    let storage = &inner.storage;
    let stored = match &outcome {
        PushOutcome::Delivered { apns_id } => {
            tracing::info!(device = %device.0, apns_id = apns_id.as_deref().unwrap_or(""), "push delivered");
            match storage.record_push_delivered(device, now).await {
                Ok(()) => storage.set_push_problem(None, now).await,
                Err(error) => Err(error),
            }
        }
        PushOutcome::Unregistered { .. } | PushOutcome::BadDeviceToken => {
            tracing::warn!(device = %device.0, ?outcome,
                "APNs no longer knows the device's token: no pushes until it sends a new one");
            storage.mark_push_token_invalid(device, now).await
        }
        PushOutcome::CertificateProblem { reason } => {
            let message = certificate_problem_message(reason);
            tracing::error!(device = %device.0, "{message}");
            match storage.record_push_failure(device, now).await {
                Ok(()) => storage.set_push_problem(Some(&message), now).await,
                Err(error) => Err(error),
            }
        }
        PushOutcome::Throttled
        | PushOutcome::ServerError { .. }
        | PushOutcome::Transport(_)
        | PushOutcome::Rejected { .. } => {
            tracing::error!(device = %device.0, ?outcome, "push failed; giving up on this one");
            storage.record_push_failure(device, now).await
        }
    };
    if let Err(error) = stored {
        tracing::error!(device = %device.0, %error, "push: cannot store the outcome");
    }
    inner.events.publish(device);
}

/// The pusher for `state`'s storage, clock and device events, sending with
/// `certificate` to `apns`; disabled without a certificate (then no
/// device can be woken: the portal hands out no enrollment profile).
pub fn start_pusher(
    state: &crate::AppState,
    certificate: Option<&super::PushCertificate>,
    apns: &super::apns::ApnsOptions,
) -> Result<Pusher, super::apns::ApnsError> {
    let Some(certificate) = certificate else {
        tracing::warn!("no MDM push certificate: devices are not woken when commands wait");
        return Ok(Pusher::disabled());
    };
    let client = ApnsClient::new(certificate, apns)?;
    tracing::info!(topic = %certificate.topic, url = %apns.url, "pushing through APNs");
    Ok(Pusher::start(
        client,
        state.storage.clone(),
        state.clock.clone(),
        state.device_events.clone(),
        RetryPolicy::default(),
    ))
}

/// What an operator reads when APNs refuses the push certificate.
pub fn certificate_problem_message(reason: &str) -> String {
    let reason = if reason.is_empty() {
        "no reason given"
    } else {
        reason
    };
    format!(
        "APNs refused the MDM push certificate ({reason}): no device can be reached. Check \
         it with `portal-server push-cert show`; renew it at Apple's Push Certificates Portal \
         with the same Apple Account (to keep the topic) and install it with \
         `portal-server push-cert install`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays_double_with_jitter_and_stop_at_the_cap() {
        let policy = RetryPolicy {
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(60),
            max_attempts: 8,
        };
        for _ in 0..50 {
            let first = policy.delay(1);
            assert!(first >= Duration::from_secs(1) && first <= Duration::from_secs(2));
            let third = policy.delay(3);
            assert!(third >= Duration::from_secs(4) && third <= Duration::from_secs(8));
            let late = policy.delay(30);
            assert!(late >= Duration::from_secs(30) && late <= Duration::from_secs(60));
        }
    }
}
