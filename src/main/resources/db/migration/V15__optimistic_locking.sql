-- Optimistic locking: every item people edit in a form or through the API carries a version,
-- raised by each save, and who saved it last and when. A save that read an older version is
-- refused ("modifié entre-temps par …") instead of silently overwriting the other person's edit.
-- Rows that exist keep version 0 and no author until their next save.

ALTER TABLE structure
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE evaluation
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE stakeholder
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE chain_element
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE interaction
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE indicator
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE objective
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE evaluative_question
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE disaggregation
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE survey
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE survey_question
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

ALTER TABLE survey_wave
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;

-- A section's narrative is written on its first save: version 1 then, so that 0 means "none yet".
ALTER TABLE report_section
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;
UPDATE report_section SET version = 1;

-- The same for a contribution analysis: written on its effect's first save.
ALTER TABLE contribution
    ADD COLUMN version    integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at timestamptz;
UPDATE contribution SET version = 1;
