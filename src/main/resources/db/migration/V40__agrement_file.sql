-- The CAF's agrément file (dossier d'agrément) of a projet social: for each part a projet social
-- must hold, a short text the structure adds, and for the projet familles whether it is "sans
-- objet" (the structure has no animation collective familles). What fills each part is read from
-- the evaluation itself; only what the structure writes is stored here.
CREATE TABLE agrement_note (
    structure_id   bigint      NOT NULL,
    evaluation_id  bigint      NOT NULL,
    part           text        NOT NULL CHECK (part IN ('DIAGNOSTIC', 'PARTICIPATION', 'FAMILIES', 'OBJECTIVES',
                                                        'PREVIOUS_EVALUATION')),
    text           text        CHECK (length(text) BETWEEN 1 AND 2000),
    not_applicable boolean     NOT NULL DEFAULT false CHECK (NOT not_applicable OR part = 'FAMILIES'),
    updated_at     timestamptz NOT NULL,
    updated_by     bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    PRIMARY KEY (structure_id, evaluation_id, part),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX agrement_note_updated_by_idx ON agrement_note (updated_by) WHERE updated_by IS NOT NULL;
