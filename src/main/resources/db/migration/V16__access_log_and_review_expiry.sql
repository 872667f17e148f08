-- A platform admin's accesses to a structure's data, for the structure's admins to read: who, when,
-- what (the page or API path, or the action). One row per person, structure, path and five minutes
-- (bucket: the instant's epoch seconds divided by 300), so reading a page again writes nothing.
CREATE TABLE access_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    user_id      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    username     text        NOT NULL CHECK (length(username) <= 200),
    what         text        NOT NULL CHECK (length(what) <= 400),
    accessed_at  timestamptz NOT NULL,
    bucket       bigint      NOT NULL,
    UNIQUE (structure_id, user_id, what, bucket)
);
CREATE INDEX access_log_structure_idx ON access_log (structure_id, accessed_at DESC);

-- Review links expire at the end of a day chosen when they are made; the links made before this
-- migration get thirty days from now.
ALTER TABLE report_reviewer ADD COLUMN expires_on date;
UPDATE report_reviewer SET expires_on = CAST(now() + interval '30 days' AS date);
ALTER TABLE report_reviewer ALTER COLUMN expires_on SET NOT NULL;
