-- Account-driven enrollment (SQLite): the access tokens the web sign-in
-- hands the device, which it then sends with every enrollment and MDM
-- request as `Authorization: Bearer`. Only their SHA-256 is stored.
CREATE TABLE account_enrollment_tokens (
    token_hash    BLOB    PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The enrollment it was made for (a re-authentication moves it to the
    -- enrollment of the device that used it).
    enrollment_id TEXT    NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    -- 'byod' (user enrollment) or 'adde' (device enrollment).
    mode          TEXT    NOT NULL CHECK (mode IN ('byod', 'adde')),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);

CREATE INDEX account_enrollment_tokens_by_enrollment ON account_enrollment_tokens (enrollment_id);
