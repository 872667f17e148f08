-- Issue 18: a network member (federation, CAF, département, programme) comments on what a structure
-- shared with her organisation (a report, an indicator, a verdict); the structure's editors answer.
-- Each annotation keeps the organisation it was written for: its other members read it, other
-- networks never do.
CREATE TABLE annotation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id    bigint      NOT NULL,
    evaluation_id   bigint      NOT NULL,
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    target_kind     text        NOT NULL CHECK (target_kind IN ('REPORT', 'INDICATOR', 'VERDICT')),
    target_id       bigint      NOT NULL,
    text            text        NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    created_by      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    answer          text        CHECK (length(answer) <= 4000),
    answered_by     bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    answered_at     timestamptz,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX annotation_evaluation_idx ON annotation (structure_id, evaluation_id, created_at);
CREATE INDEX annotation_author_idx ON annotation (created_by, created_at);
