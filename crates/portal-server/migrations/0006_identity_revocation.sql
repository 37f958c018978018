-- Which device identities may still talk to the MDM endpoints, and what the
-- check-in hardening needs (SQLite). Times are whole seconds since the Unix
-- epoch (UTC).

-- When the identity stopped counting: the device checked out, or its removal
-- finished (acknowledged, or its time limit passed). A revoked identity is
-- refused before its message is read, so it cannot bring a device back.
ALTER TABLE enrollment_profiles ADD COLUMN identity_revoked_at INTEGER;

-- SHA-256 of the identity certificate that authenticated the enrollment:
-- TokenUpdate is accepted only from it (not from a replaced profile's).
ALTER TABLE enrollments ADD COLUMN authenticated_identity BLOB;

-- When the user renamed the device in the portal; NULL: the name follows
-- what the device reports (DeviceInformation's DeviceName).
ALTER TABLE devices ADD COLUMN renamed_at INTEGER;

-- The user request a command carries out: a status check sends two commands
-- (DeviceInformation and SecurityInfo) under the first one's UUID. NULL: the
-- command is its own request.
ALTER TABLE mdm_commands ADD COLUMN request_id TEXT;

-- One unfinished command per action, device and request type (a pending
-- status check has two).
DROP INDEX mdm_commands_one_pending_action;
CREATE UNIQUE INDEX mdm_commands_one_pending_action
    ON mdm_commands (device_id, action, request_type)
    WHERE action IS NOT NULL AND state IN ('queued', 'sent');
