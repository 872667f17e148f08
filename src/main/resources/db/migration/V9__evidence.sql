-- Qualitative evidence: testimonies, quotes, photos and documents, each with its date, its source,
-- whether the people concerned agreed to its use outside the structure, and the effects it
-- illustrates. Files are kept in the database (10 MB at most each), so that a backup holds them.
CREATE TABLE evidence (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    evaluation_id bigint      NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('TESTIMONY', 'QUOTE', 'PHOTO', 'DOCUMENT')),
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body          text        CHECK (length(body) <= 10000),
    source        text        CHECK (length(source) <= 300),
    collected_on  date,
    consent       boolean     NOT NULL DEFAULT false,
    file_name     text        CHECK (length(file_name) <= 255),
    media_type    text        CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf',
                                                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                                                    'application/vnd.oasis.opendocument.text')),
    content       bytea       CHECK (octet_length(content) <= 10485760),
    created_by    bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, evaluation_id),
    CHECK ((content IS NULL) = (media_type IS NULL)),
    CHECK (kind NOT IN ('PHOTO', 'DOCUMENT') OR content IS NOT NULL),
    CHECK (kind NOT IN ('TESTIMONY', 'QUOTE') OR body IS NOT NULL)
);
CREATE INDEX evidence_evaluation_idx ON evidence (structure_id, evaluation_id);

CREATE TABLE evidence_effect (
    evidence_id   bigint NOT NULL,
    effect_id     bigint NOT NULL,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    PRIMARY KEY (evidence_id, effect_id),
    FOREIGN KEY (evidence_id, evaluation_id) REFERENCES evidence (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (effect_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE
);
CREATE INDEX evidence_effect_evaluation_idx ON evidence_effect (structure_id, evaluation_id);
