-- Reaching devices by push (SQLite). Times are whole seconds since the Unix
-- epoch (UTC).

-- APNs said the device's token no longer reaches it (410 Unregistered, 400
-- BadDeviceToken): no more pushes until the device sends a new TokenUpdate.
ALTER TABLE devices ADD COLUMN push_token_invalid_since INTEGER;
-- The last push APNs accepted for the device.
ALTER TABLE devices ADD COLUMN last_push_at INTEGER;
-- The last push that failed for good (retries used up, or refused).
ALTER TABLE devices ADD COLUMN last_push_failure_at INTEGER;

-- A problem with the organization's push certificate (APNs answered 403):
-- no device can be reached until it is fixed. NULL: none known.
ALTER TABLE organizations ADD COLUMN push_problem TEXT;
ALTER TABLE organizations ADD COLUMN push_problem_since INTEGER;
