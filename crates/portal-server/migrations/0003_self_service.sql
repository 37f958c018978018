-- Self-service for enrolled devices (SQLite): the MDM command queue, the
-- audit trail, notifications, compliance facts and the organization's
-- compliance and time-limit settings.
-- Times are whole seconds since the Unix epoch (UTC).

-- The organization's compliance rules.
-- Inclusive minimum; NULL: any version.
ALTER TABLE organizations ADD COLUMN compliance_min_os_version TEXT DEFAULT '17.0';
ALTER TABLE organizations ADD COLUMN compliance_passcode_required INTEGER NOT NULL DEFAULT 1
    CHECK (compliance_passcode_required IN (0, 1));
-- NULL: no check-in rule.
ALTER TABLE organizations ADD COLUMN compliance_max_days_since_check_in INTEGER DEFAULT 7
    CHECK (compliance_max_days_since_check_in >= 0);
ALTER TABLE organizations ADD COLUMN compliance_grace_period_days INTEGER NOT NULL DEFAULT 3
    CHECK (compliance_grace_period_days >= 0);
-- How long the portal waits for a device to answer a status check, and to
-- acknowledge its removal before forgetting it anyway.
ALTER TABLE organizations ADD COLUMN status_check_timeout_seconds INTEGER NOT NULL DEFAULT 120
    CHECK (status_check_timeout_seconds > 0);
ALTER TABLE organizations ADD COLUMN removal_timeout_seconds INTEGER NOT NULL DEFAULT 604800
    CHECK (removal_timeout_seconds > 0);

-- What the device last reported in answer to a status check.
ALTER TABLE devices ADD COLUMN passcode_present INTEGER CHECK (passcode_present IN (0, 1));
ALTER TABLE devices ADD COLUMN build_version TEXT;
-- NULL: never reported, so compliance is unknown.
ALTER TABLE devices ADD COLUMN facts_reported_at INTEGER;
-- When the device first failed a compliance rule (the grace period counts
-- from here); NULL while it meets them.
ALTER TABLE devices ADD COLUMN non_compliant_since INTEGER;

-- Commands for devices. There is no push here: a command waits until the
-- device's next poll of /mdm/connect.
CREATE TABLE mdm_commands (
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
    action       TEXT    CHECK (action IN ('remote_lock', 'status_check', 'removal')),
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    answered_at  INTEGER,
    -- The device's error, in words fit to show a person.
    error_text   TEXT,
    -- When the portal stops waiting (NULL: it waits for ever).
    gives_up_at  INTEGER
);

CREATE INDEX mdm_commands_by_device ON mdm_commands (device_id, state, created_at);
-- At most one unfinished command per action and device: a second request
-- while one is pending queues nothing.
CREATE UNIQUE INDEX mdm_commands_one_pending_action ON mdm_commands (device_id, action)
    WHERE action IS NOT NULL AND state IN ('queued', 'sent');

-- Who did what to which device, and how it went. Kept when the device is
-- gone, so no foreign key to devices.
CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action      TEXT    NOT NULL
        CHECK (action IN ('rename', 'remote_lock', 'status_check', 'removal')),
    device_id   TEXT    NOT NULL,
    occurred_at INTEGER NOT NULL,
    outcome     TEXT    NOT NULL
        CHECK (outcome IN ('queued', 'already_pending', 'refused', 'renamed'))
);

CREATE INDEX audit_events_by_user ON audit_events (user_id, occurred_at);

-- The results of actions, kept so they are still there after a reload and
-- after the device is gone (no foreign key to devices).
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id   TEXT    NOT NULL,
    -- The device's name when it happened.
    device_name TEXT    NOT NULL,
    -- A NotificationKind in its JSON spelling.
    kind        TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
