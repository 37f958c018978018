-- Device identities by SCEP (SQLite). A profile download no longer carries
-- a key: it carries a single-use SCEP challenge, and the identity
-- certificate is issued when the device presents it.

-- SHA-256 of the profile's SCEP challenge; NULL once used (or never made).
ALTER TABLE enrollment_profiles ADD COLUMN scep_challenge_hash BLOB;
-- The challenge is refused from this time on (the install deadline).
ALTER TABLE enrollment_profiles ADD COLUMN scep_challenge_expires_at INTEGER;
-- When the identity (identity_fingerprint) was issued, and until when its
-- certificate is valid.
ALTER TABLE enrollment_profiles ADD COLUMN identity_issued_at INTEGER;
ALTER TABLE enrollment_profiles ADD COLUMN identity_not_after INTEGER;

-- SQLite cannot add a UNIQUE column; a unique index does the same.
CREATE UNIQUE INDEX enrollment_profiles_by_scep_challenge
    ON enrollment_profiles (scep_challenge_hash);
