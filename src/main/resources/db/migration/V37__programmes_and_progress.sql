-- Programmes: an accompanying body (a federation, a CAF, an outside facilitator) runs a cohort of
-- structures, possibly across départements, with dated milestones and workshop kits. A programme
-- is an organisation of type PROGRAMME; the structures that joined it form its cohort.

-- The structures that joined a network (a programme's cohort), beyond those of its départements.
CREATE TABLE network_cohort (
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    structure_id    bigint      NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    joined_at       timestamptz NOT NULL DEFAULT now(),
    joined_by       bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    PRIMARY KEY (organisation_id, structure_id)
);
CREATE INDEX network_cohort_structure_idx ON network_cohort (structure_id);

-- A network's territory: the structures of its départements, plus the structures that joined it.
CREATE VIEW network_territory AS
    SELECT covered.organisation_id, st.id AS structure_id
    FROM organisation_departement covered
    JOIN structure st ON st.departement = covered.departement
    UNION
    SELECT cohort.organisation_id, cohort.structure_id
    FROM network_cohort cohort;

-- Who runs a programme (the network whose member created it), and what it is.
CREATE TABLE programme (
    organisation_id bigint      PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
    run_by          bigint      REFERENCES organisation (id) ON DELETE SET NULL,
    description     text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    created_by      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX programme_run_by_idx ON programme (run_by);

-- A programme's shared milestones: a step of the method each structure should reach by a date.
CREATE TABLE programme_milestone (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    label           text   NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    step            text   NOT NULL CHECK (step IN ('CHAIN', 'QUESTIONS', 'INDICATORS', 'COLLECTION', 'CONTRIBUTIONS',
                                                    'VERDICTS', 'REVIEW', 'FINALISED')),
    due_on          date   NOT NULL
);
CREATE INDEX programme_milestone_idx ON programme_milestone (organisation_id, due_on);

-- Links that invite a structure into a programme; only the SHA-256 of the token is kept; used once.
CREATE TABLE programme_invitation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    invitee         text        NOT NULL CHECK (length(invitee) BETWEEN 1 AND 120),
    token_hash      text        NOT NULL UNIQUE,
    created_by      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    structure_id    bigint      REFERENCES structure (id) ON DELETE SET NULL
);
CREATE INDEX programme_invitation_idx ON programme_invitation (organisation_id);
