-- Refusals and notifications in the person's language (SQLite): beside each
-- English sentence, what its words need, so the SPA says it in every
-- language. Rows from before have NULL here and are shown as they were.

-- An enrollment problem's RefusalDetails (the version the device runs and
-- the one allowed, the device limit, …) as JSON.
ALTER TABLE enrollments ADD COLUMN problem_details TEXT;

-- A notification's NotificationDetails (why a command failed, what a status
-- check found, how long a removal waited) as JSON.
ALTER TABLE notifications ADD COLUMN details TEXT;

-- How the device refused a command: a CommandFailureReason in its JSON
-- spelling ('device_error', 'unreadable_command'). With it, error_text holds
-- only the device's own words (NULL when it gave none); before it,
-- error_text held the English sentence shown.
ALTER TABLE mdm_commands ADD COLUMN error_reason TEXT;
