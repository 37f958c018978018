-- Web-based enrollment of iPhones and iPads (SQLite).
-- Times are whole seconds since the Unix epoch (UTC). The words in the enum
-- columns are the API's JSON spelling.

-- The organization's enrollment settings.
ALTER TABLE organizations ADD COLUMN ownership_choice INTEGER NOT NULL DEFAULT 1
    CHECK (ownership_choice IN (0, 1));
ALTER TABLE organizations ADD COLUMN default_ownership TEXT NOT NULL DEFAULT 'corporate'
    CHECK (default_ownership IN ('personal', 'corporate'));
-- Inclusive; NULL leaves that end open.
ALTER TABLE organizations ADD COLUMN min_os_version TEXT DEFAULT '15.0';
ALTER TABLE organizations ADD COLUMN max_os_version TEXT;
-- Comma-separated device kinds: 'iphone', 'ipad'.
ALTER TABLE organizations ADD COLUMN allowed_devices TEXT NOT NULL DEFAULT 'iphone,ipad';
ALTER TABLE organizations ADD COLUMN device_limit INTEGER NOT NULL DEFAULT 5
    CHECK (device_limit >= 0);
ALTER TABLE organizations ADD COLUMN install_window_seconds INTEGER NOT NULL DEFAULT 480
    CHECK (install_window_seconds > 0);
-- The APNs topic of the MDM push certificate (starts with com.apple.mgmt.);
-- NULL: the server derives one from its public host name.
ALTER TABLE organizations ADD COLUMN mdm_topic TEXT;

-- One user's attempt to enroll the device they are holding.
CREATE TABLE enrollments (
    -- 128 random bits, base64url: unguessable, in URLs and local storage.
    id                  TEXT    PRIMARY KEY,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state               TEXT    NOT NULL CHECK (state IN ('created', 'downloaded',
        'authenticated', 'enrolled', 'expired', 'rejected', 'replaced')),
    ownership           TEXT    NOT NULL CHECK (ownership IN ('personal', 'corporate')),
    enrollment_type     TEXT    NOT NULL
        CHECK (enrollment_type IN ('device_enrollment', 'user_enrollment')),
    device_kind         TEXT    NOT NULL CHECK (device_kind IN ('iphone', 'ipad')),
    -- What the browser's user agent said (informational).
    reported_os_version TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    downloaded_at       INTEGER,
    install_deadline_at INTEGER,
    -- An EnrollmentProblemCode in its JSON spelling, and its English words.
    problem_code        TEXT,
    problem_message     TEXT,
    device_id           TEXT    REFERENCES devices (id) ON DELETE SET NULL,
    -- What the device said about itself in Authenticate, for TokenUpdate.
    device_udid         TEXT,
    device_serial       TEXT,
    device_name         TEXT,
    device_model        TEXT,
    device_os_version   TEXT
);

CREATE INDEX enrollments_by_user ON enrollments (user_id, created_at);

-- Single-use profile download links and the identity each download carried.
-- Only the SHA-256 of the link's token is stored.
CREATE TABLE enrollment_profiles (
    id                   INTEGER PRIMARY KEY,
    token_hash           BLOB    NOT NULL UNIQUE,
    enrollment_id        TEXT    NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
    issued_at            INTEGER NOT NULL,
    downloaded_at        INTEGER,
    -- SHA-256 of the DER of the identity certificate in the downloaded profile.
    identity_fingerprint BLOB    UNIQUE,
    -- issued: link not followed yet; downloaded: link used, profile pending
    -- install; used: the device checked in with it; replaced: a newer
    -- download took over.
    state                TEXT    NOT NULL DEFAULT 'issued'
        CHECK (state IN ('issued', 'downloaded', 'used', 'replaced'))
);

CREATE INDEX enrollment_profiles_by_enrollment ON enrollment_profiles (enrollment_id);

-- What an enrolled device told the server about itself at check-in.
ALTER TABLE devices ADD COLUMN udid TEXT;
ALTER TABLE devices ADD COLUMN serial_number TEXT;
ALTER TABLE devices ADD COLUMN push_token BLOB;
ALTER TABLE devices ADD COLUMN push_magic TEXT;
ALTER TABLE devices ADD COLUMN mdm_topic TEXT;
ALTER TABLE devices ADD COLUMN identity_fingerprint BLOB;
ALTER TABLE devices ADD COLUMN enrollment_id TEXT REFERENCES enrollments (id) ON DELETE SET NULL;

-- One device per enrollment, found by the identity it signs with.
CREATE UNIQUE INDEX devices_by_enrollment ON devices (enrollment_id)
    WHERE enrollment_id IS NOT NULL;
CREATE INDEX devices_by_identity ON devices (identity_fingerprint);
