-- A sign-off keeps a digest of the year's results as the signer saw them (every indicator, typed,
-- imported, computed by a formula or from a survey): when the results are computed again and the
-- year's digest differs, the sign-off is withdrawn, whatever changed them.
ALTER TABLE data_sign_off ADD COLUMN results_digest text CHECK (results_digest ~ '^[0-9a-f]{64}$');

-- Corsica's code before 1976, which structures may still carry.
INSERT INTO departement (code, name, region) VALUES ('20', 'Corse', '94');
