//! PostgreSQL: [`CommandStore`]. Commands are ordered by `created_at`, then
//! `seq` (the order queued; SQLite's rowid).

use async_trait::async_trait;
use portal_api::{CommandFailure, DeviceId};

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::rows::command_from_row;
use crate::storage::{
    action_to_db, command_failure_reason_to_db, CommandRecord, CommandState, CommandStore,
    NewCommand, QueueOutcome, StorageError, UserId,
};

#[async_trait]
impl CommandStore for PostgresStorage {
    async fn queue_commands(
        &self,
        user_id: UserId,
        id: &DeviceId,
        commands: &[NewCommand],
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError> {
        let mut tx = self.write_transaction().await?;
        // The device's row stays locked until the commit: requests queueing
        // on the same device run one after the other (each sees what the
        // one before queued), and the device cannot be removed meanwhile.
        let owned: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM devices WHERE id = $1 AND user_id = $2 FOR UPDATE")
                .bind(&id.0)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        if owned.is_none() {
            return Ok(QueueOutcome::NotFound);
        }
        for action in commands.iter().filter_map(|command| command.action) {
            let pending: Option<i32> = sqlx::query_scalar(
                "SELECT 1 FROM mdm_commands
                 WHERE device_id = $1 AND action = $2 AND state IN ('queued', 'sent')",
            )
            .bind(&id.0)
            .bind(action_to_db(action))
            .fetch_optional(&mut *tx)
            .await?;
            if pending.is_some() {
                return Ok(QueueOutcome::AlreadyPending);
            }
        }
        for command in commands {
            // The partial unique index refuses a second pending command of
            // the same action even if a request got past the check above
            // another way; then nothing of this request is kept (no commit).
            let inserted = sqlx::query(
                "INSERT INTO mdm_commands
                    (command_uuid, device_id, request_type, payload, state, action,
                     created_at, gives_up_at, request_id)
                 VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, $8)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&command.command_uuid)
            .bind(&id.0)
            .bind(&command.request_type)
            .bind(&command.payload)
            .bind(command.action.map(action_to_db))
            .bind(now)
            .bind(command.gives_up_at)
            .bind(&command.request_id)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() == 0 {
                return Ok(QueueOutcome::AlreadyPending);
            }
        }
        tx.commit().await?;
        Ok(QueueOutcome::Queued)
    }

    async fn latest_action_commands(
        &self,
        id: &DeviceId,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMAND_COLUMNS} FROM mdm_commands
             WHERE device_id = $1 AND action IS NOT NULL
               AND COALESCE(request_id, command_uuid) = (
                   SELECT COALESCE(newer.request_id, newer.command_uuid)
                   FROM mdm_commands AS newer
                   WHERE newer.device_id = mdm_commands.device_id
                     AND newer.action = mdm_commands.action
                   ORDER BY newer.created_at DESC, newer.seq DESC LIMIT 1)
             ORDER BY created_at, seq"
        ))
        .bind(&id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn commands_of_request(
        &self,
        id: &DeviceId,
        request_id: &str,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMAND_COLUMNS} FROM mdm_commands
             WHERE device_id = $1 AND COALESCE(request_id, command_uuid) = $2
             ORDER BY created_at, seq"
        ))
        .bind(&id.0)
        .bind(request_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn commands_of_device(&self, id: &DeviceId) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "{SELECT_COMMAND} WHERE device_id = $1 ORDER BY created_at, seq"
        ))
        .bind(&id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn send_next_command(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError> {
        // A `sent` command is offered again too: a device that polls `Idle`
        // is not working on anything, so a sent command it never answered
        // (the connection dropped) was lost and must be resent.
        // A user's action goes before the portal's own commands (the web
        // clip), so one the device keeps postponing with NotNow never holds
        // back a remote lock.
        // Several instances may serve the same device: the inner SELECT
        // locks the command it picks (checking its state again on the
        // row's newest version, so an answer recorded meanwhile is never
        // turned back into `sent`) and skips any command another instance
        // is handing out at this moment (`FOR UPDATE SKIP LOCKED`), so two
        // concurrent polls never both take one command and neither waits.
        let row = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = 'sent', sent_at = $1
             WHERE command_uuid = (
                 SELECT command_uuid FROM mdm_commands
                 WHERE device_id = $2 AND state IN ('queued', 'sent')
                   AND (gives_up_at IS NULL OR gives_up_at > $3)
                 ORDER BY action IS NULL, created_at, seq LIMIT 1
                 FOR UPDATE SKIP LOCKED)
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(now)
        .bind(&id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| command_from_row(&row)).transpose()
    }

    async fn record_command_result(
        &self,
        id: &DeviceId,
        command_uuid: &str,
        state: CommandState,
        failure: Option<&CommandFailure>,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError> {
        // NotNow puts the command back in the queue unanswered. A second
        // answer racing this one waits for the row and then no longer finds
        // it unfinished: an answer counts once.
        let answered_at = (state != CommandState::Queued).then_some(now);
        let row = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = $1, answered_at = $2, error_reason = $3, error_text = $4
             WHERE device_id = $5 AND command_uuid = $6 AND state IN ('queued', 'sent')
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(state.as_str())
        .bind(answered_at)
        .bind(failure.map(|f| command_failure_reason_to_db(f.reason)))
        .bind(failure.and_then(|f| f.device_says.as_deref()))
        .bind(&id.0)
        .bind(command_uuid)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| command_from_row(&row)).transpose()
    }

    async fn expire_due_commands(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        // Asked on every read of a device, and almost always nothing is
        // due: a read first, so the common case takes no row locks.
        // Something another request expires between the two statements is
        // simply not returned here; the UPDATE re-checks the state of a row
        // it waited for, so a command expires once.
        let due: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM mdm_commands
             WHERE device_id = $1 AND state IN ('queued', 'sent')
               AND gives_up_at IS NOT NULL AND gives_up_at <= $2
             LIMIT 1",
        )
        .bind(&id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = 'expired', answered_at = gives_up_at
             WHERE device_id = $1 AND state IN ('queued', 'sent')
               AND gives_up_at IS NOT NULL AND gives_up_at <= $2
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(&id.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }
}

const COMMAND_COLUMNS: &str = "command_uuid, device_id, request_type, payload, state, action,
        created_at, sent_at, answered_at, error_reason, error_text, gives_up_at,
        COALESCE(request_id, command_uuid) AS request_id";

const SELECT_COMMAND: &str = "SELECT command_uuid, device_id, request_type, payload, state,
        action, created_at, sent_at, answered_at, error_reason, error_text, gives_up_at,
        COALESCE(request_id, command_uuid) AS request_id
     FROM mdm_commands";
