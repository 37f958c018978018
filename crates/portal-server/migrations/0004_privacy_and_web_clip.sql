-- The organization's privacy messages and its managed web clip (SQLite).

-- Its own words on the privacy screen, one per ownership; NULL: nothing to
-- add to the portal's lists of what it can and can never see.
ALTER TABLE organizations ADD COLUMN privacy_message_personal TEXT;
ALTER TABLE organizations ADD COLUMN privacy_message_corporate TEXT;
-- 1: after a device enrolls, install the portal on its Home Screen with an
-- MDM InstallProfile command (a com.apple.webClip.managed payload).
ALTER TABLE organizations ADD COLUMN managed_web_clip INTEGER NOT NULL DEFAULT 0
    CHECK (managed_web_clip IN (0, 1));
