//! Sign-in throttling that slows guessing down without locking anyone out.
//!
//! Failed attempts are counted per (account, client address): after a few,
//! that pair waits longer and longer between attempts, while the same account
//! from another address is unaffected. Across all addresses an account only
//! gets a short delay, and one address across all accounts a longer one
//! (password spraying). An attempt is recorded *before* its password is
//! checked, atomically with the check of the counts, so parallel guesses
//! cannot slip past; a successful sign-in forgets its pair's attempts.

use std::time::Duration;

use crate::clock::{seconds, Timestamp};
use crate::config::ThrottlePolicy;
use crate::storage::{AttemptCount, RecentAttempts};

/// The delay rule of one counter: free attempts, then a delay that doubles
/// with each further attempt, up to a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub free_attempts: u32,
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Backoff {
    /// How long after the latest attempt the next one may be made.
    pub fn delay_after(&self, attempts: u32) -> Duration {
        if attempts < self.free_attempts {
            return Duration::ZERO;
        }
        let doublings = (attempts - self.free_attempts).min(20);
        self.first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay)
    }

    /// How long to wait at `now`, if at all.
    pub fn wait(&self, recent: &AttemptCount, now: Timestamp) -> Option<Duration> {
        let delay = self.delay_after(recent.count);
        if delay.is_zero() {
            return None;
        }
        let latest = recent.latest?;
        let wait = latest.saturating_add(seconds(delay)) - now;
        (wait > 0).then(|| Duration::from_secs(wait.unsigned_abs()))
    }
}

/// How long the next attempt must wait given the recent ones (the longest
/// of the three counters), or `None` to let it through.
pub fn retry_after(
    policy: &ThrottlePolicy,
    recent: &RecentAttempts,
    now: Timestamp,
) -> Option<Duration> {
    [
        policy.per_pair.wait(&recent.pair, now),
        policy.per_account.wait(&recent.account, now),
        policy.per_address.wait(&recent.address, now),
    ]
    .into_iter()
    .flatten()
    .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(count: u32, latest: Timestamp) -> AttemptCount {
        AttemptCount {
            count,
            latest: Some(latest),
        }
    }

    #[test]
    fn delays_start_after_the_free_attempts_and_double_to_a_ceiling() {
        let backoff = ThrottlePolicy::default().per_pair;
        assert_eq!(backoff.delay_after(4), Duration::ZERO);
        assert_eq!(backoff.delay_after(5), Duration::from_secs(60));
        assert_eq!(backoff.delay_after(6), Duration::from_secs(120));
        assert_eq!(backoff.delay_after(50), Duration::from_secs(900));
    }

    #[test]
    fn the_wait_runs_from_the_latest_attempt() {
        let backoff = ThrottlePolicy::default().per_pair;
        assert_eq!(
            backoff.wait(&count(5, 1_000), 1_000),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            backoff.wait(&count(5, 1_000), 1_045),
            Some(Duration::from_secs(15))
        );
        assert_eq!(backoff.wait(&count(5, 1_000), 1_060), None);
        assert_eq!(backoff.wait(&count(4, 1_000), 1_000), None);
    }

    #[test]
    fn an_account_alone_is_only_slowed_a_little() {
        let policy = ThrottlePolicy::default();
        let recent = RecentAttempts {
            pair: AttemptCount::default(),
            account: count(500, 1_000),
            address: AttemptCount::default(),
        };
        let wait = retry_after(&policy, &recent, 1_000).unwrap();
        assert!(wait <= Duration::from_secs(30), "{wait:?}");
    }

    #[test]
    fn the_longest_wait_decides() {
        let policy = ThrottlePolicy::default();
        let recent = RecentAttempts {
            pair: count(6, 1_000),
            account: count(11, 1_000),
            address: AttemptCount::default(),
        };
        assert_eq!(
            retry_after(&policy, &recent, 1_000),
            Some(Duration::from_secs(120))
        );
    }
}
