-- The same respondents over time: a survey may follow them from one wave to the next through a
-- pseudonymous code (printed on a card, or chosen by the person). The code itself is never
-- stored: a response keeps a keyed hash of it (HMAC-SHA-256 with the survey's own secret, cut to
-- 32 hexadecimal digits), which links a person's answers across waves and tells nothing else.
ALTER TABLE survey ADD COLUMN follows_respondents boolean NOT NULL DEFAULT false;
ALTER TABLE survey ADD COLUMN respondent_secret bytea CHECK (length(respondent_secret) = 32);
ALTER TABLE survey_response ADD COLUMN respondent_key text CHECK (respondent_key ~ '^[0-9a-f]{32}$');
CREATE INDEX survey_response_respondent_idx ON survey_response (structure_id, survey_id, respondent_key)
    WHERE respondent_key IS NOT NULL;
