-- Sign-in hardening. Failed sign-ins are throttled in memory per account and per client address,
-- so the lock that anyone could trigger by typing wrong passwords goes: its counter is dropped and
-- the locks it set are lifted. locked_until stays for a lock an operator sets; disabled_at ends an
-- account. A password change ends the other sessions: those signed in before
-- credentials_changed_at are refused. API tokens expire.
ALTER TABLE app_user DROP COLUMN failed_attempts;
UPDATE app_user SET locked_until = NULL;
ALTER TABLE app_user ADD COLUMN disabled_at timestamptz;
ALTER TABLE app_user ADD COLUMN credentials_changed_at timestamptz;

-- Tokens made before expiry existed last a year from their creation, and at least 90 days from
-- now, so that no script stops working on the day of the upgrade.
ALTER TABLE api_token ADD COLUMN expires_at timestamptz;
UPDATE api_token SET expires_at = greatest(created_at + interval '1 year', now() + interval '90 days');
-- The application always names the expiry; the default (a year) serves rows written by hand.
ALTER TABLE api_token ALTER COLUMN expires_at SET DEFAULT now() + interval '1 year';
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
