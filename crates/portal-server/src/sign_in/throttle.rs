//! Sign-in throttling: after too many failed sign-ins for one account or from
//! one client address within the window, sign-in is refused (without even
//! checking the password) until enough of those failures are old enough.

use std::time::Duration;

use crate::clock::{seconds, Timestamp};
use crate::config::ThrottlePolicy;
use crate::storage::{Storage, StorageError, ThrottleScope};

/// How long `subject` must wait before its failures fall below `limit`, given
/// its latest failures (newest first, at least the latest `limit` of them).
///
/// With `limit` failures inside the window, the oldest of those is the one
/// that has to leave the window first.
pub fn retry_after(
    newest_first: &[Timestamp],
    limit: u32,
    window: Duration,
    now: Timestamp,
) -> Option<Duration> {
    let limit = usize::try_from(limit).ok()?;
    if limit == 0 {
        return None;
    }
    let deciding = *newest_first.get(limit - 1)?;
    let leaves_window_at = deciding.saturating_add(seconds(window));
    let wait = leaves_window_at - now;
    (wait > 0).then(|| Duration::from_secs(wait.unsigned_abs()))
}

/// How long the account or the client address must wait, if either is
/// throttled (the longer of the two).
pub async fn retry_after_for(
    storage: &dyn Storage,
    policy: &ThrottlePolicy,
    account: &str,
    client_address: &str,
    now: Timestamp,
) -> Result<Option<Duration>, StorageError> {
    let since = now - seconds(policy.window);
    let by_account = storage
        .recent_sign_in_failures(
            ThrottleScope::Account,
            account,
            since,
            policy.max_failures_per_account,
        )
        .await?;
    let by_address = storage
        .recent_sign_in_failures(
            ThrottleScope::ClientAddress,
            client_address,
            since,
            policy.max_failures_per_address,
        )
        .await?;
    let account_wait = retry_after(
        &by_account,
        policy.max_failures_per_account,
        policy.window,
        now,
    );
    let address_wait = retry_after(
        &by_address,
        policy.max_failures_per_address,
        policy.window,
        now,
    );
    Ok(account_wait.max(address_wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WINDOW: Duration = Duration::from_secs(900);

    #[test]
    fn fewer_failures_than_the_limit_never_throttle() {
        assert_eq!(retry_after(&[], 5, WINDOW, 1_000), None);
        assert_eq!(retry_after(&[1_000, 999, 998, 997], 5, WINDOW, 1_000), None);
    }

    #[test]
    fn the_limit_reached_throttles_for_the_rest_of_the_window() {
        let failures = [1_000, 1_000, 1_000, 1_000, 1_000];
        assert_eq!(
            retry_after(&failures, 5, WINDOW, 1_000),
            Some(Duration::from_secs(900))
        );
        assert_eq!(
            retry_after(&failures, 5, WINDOW, 1_600),
            Some(Duration::from_secs(300))
        );
        assert_eq!(retry_after(&failures, 5, WINDOW, 1_900), None);
    }

    #[test]
    fn the_oldest_failure_that_still_counts_decides() {
        // Newest first: the 5th newest (at 400) leaves the window at 1300.
        let failures = [1_000, 900, 800, 500, 400];
        assert_eq!(
            retry_after(&failures, 5, WINDOW, 1_000),
            Some(Duration::from_secs(300))
        );
        assert_eq!(retry_after(&failures, 5, WINDOW, 1_300), None);
    }

    #[test]
    fn a_zero_limit_disables_throttling() {
        assert_eq!(retry_after(&[1_000], 0, WINDOW, 1_000), None);
    }
}
