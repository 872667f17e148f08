-- The argued restitution: a contribution analysis per effect, and reports for an audience, whose
-- sections take a narrative; a finalised version keeps everything it shows, frozen, in JSON.

CREATE TABLE contribution (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id    bigint NOT NULL,
    evaluation_id   bigint NOT NULL,
    effect_id       bigint NOT NULL,
    claim           text   NOT NULL CHECK (length(claim) BETWEEN 1 AND 2000),
    other_factors   text   CHECK (length(other_factors) <= 4000),
    strength        text   NOT NULL CHECK (strength IN ('WEAK', 'MODERATE', 'STRONG')),
    strength_reason text   CHECK (length(strength_reason) <= 2000),
    FOREIGN KEY (effect_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (evaluation_id, effect_id)
);
CREATE INDEX contribution_evaluation_idx ON contribution (structure_id, evaluation_id);

CREATE TABLE report (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    evaluation_id bigint      NOT NULL,
    audience      text        NOT NULL CHECK (audience IN ('CAF', 'ASSEMBLEE', 'PARTENAIRES', 'HABITANTS')),
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, structure_id)
);
CREATE INDEX report_evaluation_idx ON report (structure_id, evaluation_id);

-- The narrative the authors wrote for a section of the current draft.
CREATE TABLE report_section (
    report_id    bigint NOT NULL,
    structure_id bigint NOT NULL,
    section      text   NOT NULL CHECK (section ~ '^[A-Z_]{1,40}$'),
    narrative    text   NOT NULL CHECK (length(narrative) <= 20000),
    PRIMARY KEY (report_id, section),
    FOREIGN KEY (report_id, structure_id) REFERENCES report (id, structure_id) ON DELETE CASCADE
);

-- A finalised version: the report as it was shown, every figure and text in JSON.
CREATE TABLE report_version (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    content      jsonb       NOT NULL,
    finalised_by bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    finalised_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (report_id, structure_id) REFERENCES report (id, structure_id) ON DELETE CASCADE,
    UNIQUE (report_id, version)
);
