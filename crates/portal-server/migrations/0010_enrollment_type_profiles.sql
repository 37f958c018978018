-- Enrollment type profiles assigned to groups, with priority (SQLite).
-- Times are whole seconds since the Unix epoch (UTC).

-- The portal's own groups of users (`portal-server group add|members`).
-- People signing in with the identity provider also have the groups its
-- claim lists (`user_identities.groups`); an assignment names either kind.
CREATE TABLE user_groups (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL
);

CREATE TABLE user_group_members (
    group_id INTEGER NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX user_group_members_by_user ON user_group_members (user_id);

-- Which enrollment a person is offered. The words in `profile_type` are the
-- API's JSON spelling (portal_api::EnrollmentProfileType). Of the profiles
-- that apply to a person, the one with the lowest `priority` number wins
-- (1 is the highest priority).
CREATE TABLE enrollment_type_profiles (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL UNIQUE,
    profile_type    TEXT    NOT NULL CHECK (profile_type IN
        ('web_device_enrollment', 'account_driven_user_enrollment', 'user_choice')),
    priority        INTEGER NOT NULL CHECK (priority >= 1),
    all_users       INTEGER NOT NULL DEFAULT 0 CHECK (all_users IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

-- The groups a profile is assigned to, by name: a local group or a group
-- from the identity provider's claim.
CREATE TABLE enrollment_type_profile_groups (
    profile_id INTEGER NOT NULL REFERENCES enrollment_type_profiles (id) ON DELETE CASCADE,
    group_name TEXT    NOT NULL,
    PRIMARY KEY (profile_id, group_name)
);
