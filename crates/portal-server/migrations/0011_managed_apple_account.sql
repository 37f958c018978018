-- The Managed Apple Account each person signs in with on their device for
-- account-driven enrollment (SQLite).

-- Set by `portal-server user managed-apple-account`, or from the identity
-- provider's claim at each sign-in; NULL means the work email (as with
-- federated authentication in Apple Business Manager).
ALTER TABLE users ADD COLUMN managed_apple_account TEXT;

-- The identity provider's claim that carries it (NULL: none).
ALTER TABLE organizations ADD COLUMN oidc_managed_apple_account_claim TEXT;
