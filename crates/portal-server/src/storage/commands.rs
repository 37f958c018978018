//! MDM commands queued for devices.

use async_trait::async_trait;
use portal_api::{CommandFailure, CommandFailureReason, DeviceAction, DeviceId};

use super::{StorageError, UserId};
use crate::clock::Timestamp;

/// Where an MDM command is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandState {
    /// Waiting for the device's next poll.
    Queued,
    /// Handed to the device; no answer yet.
    Sent,
    Acknowledged,
    Error,
    /// The device said it could not run it now (it is requeued).
    NotNow,
    /// The device did not answer before `gives_up_at`.
    Expired,
}

impl CommandState {
    pub fn as_str(self) -> &'static str {
        match self {
            CommandState::Queued => "queued",
            CommandState::Sent => "sent",
            CommandState::Acknowledged => "acknowledged",
            CommandState::Error => "error",
            CommandState::NotNow => "not_now",
            CommandState::Expired => "expired",
        }
    }

    pub fn from_db(value: &str) -> Result<Self, StorageError> {
        match value {
            "queued" => Ok(CommandState::Queued),
            "sent" => Ok(CommandState::Sent),
            "acknowledged" => Ok(CommandState::Acknowledged),
            "error" => Ok(CommandState::Error),
            "not_now" => Ok(CommandState::NotNow),
            "expired" => Ok(CommandState::Expired),
            other => Err(StorageError::Corrupt(format!("command state {other:?}"))),
        }
    }

    /// Still waiting for the device.
    pub fn is_pending(self) -> bool {
        matches!(self, CommandState::Queued | CommandState::Sent)
    }
}

/// A command to queue for a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommand {
    pub command_uuid: String,
    pub request_type: String,
    /// The plist sent to the device.
    pub payload: Vec<u8>,
    pub action: Option<DeviceAction>,
    pub gives_up_at: Option<Timestamp>,
    /// The user request it belongs to (a status check sends two commands
    /// under one request); `None`: its own `command_uuid`.
    pub request_id: Option<String>,
}

/// One MDM command, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    pub command_uuid: String,
    pub device_id: DeviceId,
    pub request_type: String,
    pub payload: Vec<u8>,
    pub state: CommandState,
    pub action: Option<DeviceAction>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    /// How the device refused it (`None` on commands refused before the
    /// portal kept the reason).
    pub error_reason: Option<CommandFailureReason>,
    /// With `error_reason`: the device's own words, if it gave any. On older
    /// refusals: the English sentence that was shown.
    pub error_text: Option<String>,
    pub gives_up_at: Option<Timestamp>,
    /// The user request it belongs to (its own UUID when alone).
    pub request_id: String,
}

impl CommandRecord {
    /// Why the device refused it, when it did and the reason was kept.
    pub fn failure(&self) -> Option<CommandFailure> {
        if self.state != CommandState::Error {
            return None;
        }
        self.error_reason.map(|reason| CommandFailure {
            reason,
            device_says: self.error_text.clone(),
        })
    }
}

/// What queueing an action's command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOutcome {
    Queued,
    /// A command for the same action is still pending: nothing was queued.
    AlreadyPending,
    /// No such device, or not the user's: nothing was queued.
    NotFound,
}

/// The command queue of each device: at most one unfinished command per user
/// action and device, user actions before the portal's own commands, oldest
/// first, resent until answered.
#[async_trait]
pub trait CommandStore: Send + Sync {
    /// Queues one command: [`CommandStore::queue_commands`] with one.
    async fn queue_command(
        &self,
        user_id: UserId,
        id: &DeviceId,
        command: &NewCommand,
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError> {
        self.queue_commands(user_id, id, std::slice::from_ref(command), now)
            .await
    }

    /// Queues the commands of one request together (all or none) as `Queued` at
    /// `now` for the user's device. Nothing is queued, and the answer says why,
    /// when the device is not the user's ([`QueueOutcome::NotFound`]) or when
    /// an unfinished (`Queued` or `Sent`) command for the action of any of them
    /// is on the device ([`QueueOutcome::AlreadyPending`]): at most one
    /// unfinished request per user action and device, even when two requests
    /// race. Commands without an action (the portal's own) are not limited.
    async fn queue_commands(
        &self,
        user_id: UserId,
        id: &DeviceId,
        commands: &[NewCommand],
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError>;

    /// The commands of the newest request of each user action on the device (a
    /// status check has two), oldest first; the portal's own commands (no
    /// action) are never among them.
    async fn latest_action_commands(
        &self,
        id: &DeviceId,
    ) -> Result<Vec<CommandRecord>, StorageError>;

    /// The device's commands of one request (its `request_id`, or the command's
    /// own UUID when it was queued alone), oldest first.
    async fn commands_of_request(
        &self,
        id: &DeviceId,
        request_id: &str,
    ) -> Result<Vec<CommandRecord>, StorageError>;

    /// Every command of the device, oldest first (by `created_at`, then the
    /// order queued).
    async fn commands_of_device(&self, id: &DeviceId) -> Result<Vec<CommandRecord>, StorageError>;

    /// The device's next command, marked `Sent` at `now`: among its unfinished
    /// commands not past `gives_up_at`, the oldest user action, else the oldest
    /// command of the portal's own (oldest: by `created_at`, then the order
    /// queued). A `Sent` command the device has not answered is handed out
    /// again (a device that polls is not working on anything: it lost it).
    /// `None` when nothing waits.
    async fn send_next_command(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError>;

    /// Records the device's answer to one of its unfinished commands:
    /// `Acknowledged` or `Error` (with `failure`), answered at `now`; or
    /// `Queued` for NotNow: back in the queue unanswered, to be sent again at a
    /// later poll. Returns the updated command; `None`, changing nothing, when
    /// the device has no such unfinished command (unknown, another device's,
    /// answered already or expired): an answer counts once.
    async fn record_command_result(
        &self,
        id: &DeviceId,
        command_uuid: &str,
        state: CommandState,
        failure: Option<&CommandFailure>,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError>;

    /// Unfinished commands of the device whose `gives_up_at` is at or before
    /// `now` become `Expired` (answered at `gives_up_at`). Returns them; a
    /// command expires once.
    async fn expire_due_commands(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Vec<CommandRecord>, StorageError>;
}
