-- A programme's facilitators withdraw an invitation link not yet used, and remove a structure from the cohort.

-- A withdrawn link: it stops working at once, and says so when opened.
ALTER TABLE programme_invitation
    ADD COLUMN cancelled_at timestamptz,
    ADD COLUMN cancelled_by bigint REFERENCES app_user (id) ON DELETE SET NULL;

-- A structure the programme removed from its cohort, shown to the structure's members; joining again forgets it.
CREATE TABLE programme_removal (
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    structure_id    bigint      NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    removed_at      timestamptz NOT NULL,
    removed_by      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    PRIMARY KEY (organisation_id, structure_id)
);
CREATE INDEX programme_removal_structure_idx ON programme_removal (structure_id);
