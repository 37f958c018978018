-- Signing in with the organization's identity provider (OpenID Connect),
-- and sign-in throttling per (account, client address) (SQLite).

-- The provider, set with `portal-server organization set --oidc-...`. The
-- client secret never leaves the server (not shown by `organization show`).
ALTER TABLE organizations ADD COLUMN oidc_issuer TEXT;
ALTER TABLE organizations ADD COLUMN oidc_client_id TEXT;
ALTER TABLE organizations ADD COLUMN oidc_client_secret TEXT;
ALTER TABLE organizations ADD COLUMN oidc_groups_claim TEXT NOT NULL DEFAULT 'groups';
-- Email and password accounts kept by the portal (demo, break-glass).
ALTER TABLE organizations ADD COLUMN local_accounts INTEGER NOT NULL DEFAULT 1
    CHECK (local_accounts IN (0, 1));

-- A user's account at an identity provider: keyed by (issuer, subject),
-- never by email (addresses change and can be reassigned). The groups are
-- read on every sign-in.
CREATE TABLE user_identities (
    issuer          TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- JSON array of strings, as the provider's groups claim had them.
    groups          TEXT    NOT NULL DEFAULT '[]',
    last_sign_in_at INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject)
);

CREATE INDEX user_identities_by_user ON user_identities (user_id);

-- Which provider a session came from (NULL: a password), for sign-out at
-- the provider.
ALTER TABLE sessions ADD COLUMN identity_issuer TEXT;

-- Sign-ins started at the provider and not finished yet: single-use,
-- short-lived, bound to the browser by the SHA-256 of a cookie.
CREATE TABLE pending_sign_ins (
    state         TEXT    PRIMARY KEY,
    browser_hash  BLOB    NOT NULL,
    nonce         TEXT    NOT NULL,
    pkce_verifier TEXT    NOT NULL,
    return_to     TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE INDEX pending_sign_ins_by_time ON pending_sign_ins (created_at);

-- Sign-in attempts that failed or are being checked, for throttling per
-- (account, client address), per account and per address. An attempt is
-- recorded before its password is checked and forgotten when it succeeds.
DROP TABLE sign_in_failures;

CREATE TABLE sign_in_attempts (
    id             INTEGER PRIMARY KEY,
    account        TEXT    NOT NULL,
    client_address TEXT    NOT NULL,
    attempted_at   INTEGER NOT NULL
);

CREATE INDEX sign_in_attempts_by_pair ON sign_in_attempts (account, client_address, attempted_at);
CREATE INDEX sign_in_attempts_by_address ON sign_in_attempts (client_address, attempted_at);
CREATE INDEX sign_in_attempts_by_time ON sign_in_attempts (attempted_at);
