//! Recent sign-in attempts, for throttling guessers.

use async_trait::async_trait;

use super::StorageError;
use crate::clock::Timestamp;

/// Recent sign-in attempts (failed, or being checked) within the throttle
/// window: how many and the latest, for one (account, address) pair, the
/// account from anywhere, and the address for any account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentAttempts {
    pub pair: AttemptCount,
    pub account: AttemptCount,
    pub address: AttemptCount,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttemptCount {
    pub count: u32,
    pub latest: Option<Timestamp>,
}

/// Sign-in attempts within the throttle window, counted and reserved
/// atomically.
#[async_trait]
pub trait SignInAttemptStore: Send + Sync {
    /// Atomically: counts the attempts after `since` (for the pair, the
    /// account, the address), asks `decide` whether another may be made, and if
    /// so records it at `now` (before its password is checked, so parallel
    /// attempts see each other). Returns the recorded attempt's id, or how long
    /// to wait (then nothing is recorded). Two concurrent calls, even from two
    /// servers sharing the database, never both count the same past.
    async fn reserve_sign_in_attempt(
        &self,
        account: &str,
        client_address: &str,
        since: Timestamp,
        now: Timestamp,
        decide: &(dyn Fn(RecentAttempts) -> Option<std::time::Duration> + Send + Sync),
    ) -> Result<Result<i64, std::time::Duration>, StorageError>;

    /// After a successful sign-in: forgets the attempts of this account from
    /// this address (the account's attempts from elsewhere still count).
    async fn clear_sign_in_attempts(
        &self,
        account: &str,
        client_address: &str,
    ) -> Result<(), StorageError>;

    /// Forgets attempts at or before `before`; they no longer count.
    async fn delete_sign_in_attempts_before(&self, before: Timestamp) -> Result<(), StorageError>;
}
