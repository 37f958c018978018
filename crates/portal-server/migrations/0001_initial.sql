-- The Company Portal's first schema (SQLite).
-- Times are whole seconds since the Unix epoch (UTC).

-- The organization that runs the portal (one per installation) and what the
-- sign-in page and Help show about it.
CREATE TABLE organizations (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT    NOT NULL,
    support_name          TEXT,
    support_phone         TEXT,
    support_email         TEXT,
    support_website       TEXT,
    privacy_statement_url TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

-- Accounts that can sign in to the portal.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- Trimmed and lower-cased (portal_api::EmailAddress).
    email           TEXT    NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    -- argon2id PHC string.
    password_hash   TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE INDEX users_by_organization ON users (organization_id);

-- Signed-in sessions. Only the SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
    token_hash   BLOB    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed sign-ins, counted per account (the typed email) and per client
-- address, for throttling. Kept in the database so a restart does not reset
-- them and several servers share them.
CREATE TABLE sign_in_failures (
    id        INTEGER PRIMARY KEY,
    scope     TEXT    NOT NULL CHECK (scope IN ('account', 'client_address')),
    subject   TEXT    NOT NULL,
    failed_at INTEGER NOT NULL
);

CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (scope, subject, failed_at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (failed_at);

-- Enrolled devices, shown in My devices. The words in the enum columns are the
-- API's JSON spelling.
CREATE TABLE devices (
    id               TEXT    PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    display_name     TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    os_version       TEXT,
    enrollment_type  TEXT    NOT NULL
        CHECK (enrollment_type IN ('device_enrollment', 'user_enrollment')),
    ownership        TEXT    NOT NULL CHECK (ownership IN ('personal', 'corporate')),
    compliance       TEXT    NOT NULL DEFAULT 'unknown'
        CHECK (compliance IN ('compliant', 'in_grace_period', 'not_compliant', 'unknown')),
    last_check_in_at INTEGER,
    enrolled_at      INTEGER NOT NULL
);

CREATE INDEX devices_by_user ON devices (user_id);
