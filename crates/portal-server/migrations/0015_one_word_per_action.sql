-- One word per action, as the API and the pages say them: Rename, Check
-- status, Remote lock, Remove (`DeviceAction`'s spelling). Commands and
-- the audit log stored 'status_check' and 'removal'; a CHECK constraint
-- cannot be changed in place, so both tables are rebuilt. Nothing refers
-- to either table.

CREATE TABLE mdm_commands_new (
    -- Upper-case UUID, as Apple writes them; the device echoes it back.
    command_uuid TEXT    PRIMARY KEY,
    device_id    TEXT    NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    request_type TEXT    NOT NULL,
    -- The whole plist sent to the device: {CommandUUID, Command: {...}}.
    payload      BLOB    NOT NULL,
    -- queued: waiting for a poll (again, after NotNow); sent: with the
    -- device; acknowledged / error: its answer; expired: it did not answer
    -- in time. not_now is accepted for completeness but NotNow requeues.
    state        TEXT    NOT NULL DEFAULT 'queued' CHECK (state IN
        ('queued', 'sent', 'acknowledged', 'error', 'not_now', 'expired')),
    -- The user action it carries out; NULL for commands the portal sends
    -- on its own.
    action       TEXT    CHECK (action IN ('remote_lock', 'check_status', 'remove')),
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    answered_at  INTEGER,
    -- The device's error, in words fit to show a person.
    error_text   TEXT,
    -- When the portal stops waiting (NULL: it waits for ever).
    gives_up_at  INTEGER,
    request_id   TEXT,
    error_reason TEXT
);

INSERT INTO mdm_commands_new
    (command_uuid, device_id, request_type, payload, state, action, created_at,
     sent_at, answered_at, error_text, gives_up_at, request_id, error_reason)
SELECT command_uuid, device_id, request_type, payload, state,
       CASE action
           WHEN 'status_check' THEN 'check_status'
           WHEN 'removal' THEN 'remove'
           ELSE action
       END,
       created_at, sent_at, answered_at, error_text, gives_up_at, request_id,
       error_reason
FROM mdm_commands;

DROP TABLE mdm_commands;
ALTER TABLE mdm_commands_new RENAME TO mdm_commands;

CREATE INDEX mdm_commands_by_device ON mdm_commands (device_id, state, created_at);
-- At most one unfinished command per action, request type and device: a
-- second request while one is pending queues nothing.
CREATE UNIQUE INDEX mdm_commands_one_pending_action
    ON mdm_commands (device_id, action, request_type)
    WHERE action IS NOT NULL AND state IN ('queued', 'sent');

-- Who did what to which device, and how it went. Kept when the device is
-- gone, so no foreign key to devices.
CREATE TABLE audit_events_new (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action      TEXT    NOT NULL
        CHECK (action IN ('rename', 'remote_lock', 'check_status', 'remove')),
    device_id   TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    outcome     TEXT    NOT NULL
        CHECK (outcome IN ('queued', 'already_pending', 'refused', 'renamed'))
);

INSERT INTO audit_events_new (id, user_id, action, device_id, occurred_at, outcome)
SELECT id, user_id,
       CASE action
           WHEN 'status_check' THEN 'check_status'
           WHEN 'removal' THEN 'remove'
           ELSE action
       END,
       device_id, occurred_at, outcome
FROM audit_events;

DROP TABLE audit_events;
ALTER TABLE audit_events_new RENAME TO audit_events;

CREATE INDEX audit_events_by_user ON audit_events (user_id, occurred_at);

-- Notifications keep their kind in NotificationKind's JSON spelling.
UPDATE notifications
SET kind = 'check_status' || substr(kind, length('status_check') + 1)
WHERE kind LIKE 'status\_check\_%' ESCAPE '\';
UPDATE notifications
SET kind = 'remove' || substr(kind, length('removal') + 1)
WHERE kind LIKE 'removal\_%' ESCAPE '\';

-- The organization's time limits, named for their actions.
ALTER TABLE organizations RENAME COLUMN status_check_timeout_seconds TO check_status_timeout_seconds;
ALTER TABLE organizations RENAME COLUMN removal_timeout_seconds TO remove_timeout_seconds;
