-- Legacy user enrollment (SQLite): Apple's profile-based user enrollment,
-- "only work apps and data" by downloading a profile whose MDM payload
-- names the person's Managed Apple Account (`ManagedAppleID`). It works on
-- iOS/iPadOS 13.1 to 17 (Apple removed it in 18); account-driven user
-- enrollment is the way Apple recommends. 1: the web journey offers it to
-- devices that can use it. Off unless the organization turns it on
-- (`portal-server organization set --legacy-user-enrollment on`).
ALTER TABLE organizations ADD COLUMN legacy_user_enrollment INTEGER NOT NULL DEFAULT 0
    CHECK (legacy_user_enrollment IN (0, 1));
