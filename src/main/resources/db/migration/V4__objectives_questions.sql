-- Transformation objectives (for the habitants, the territoire, the communauté d'action) and the
-- effects they aim at; evaluative questions under a criterion, and the objectives they question.

-- The six default criteria (structure_id NULL) and a structure's own.
CREATE TABLE criterion (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint  REFERENCES structure (id) ON DELETE CASCADE,
    code         text    NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
    label        text    NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    definition   text    CHECK (length(definition) <= 500),
    position     integer NOT NULL
);
CREATE UNIQUE INDEX criterion_code_key ON criterion (coalesce(structure_id, 0), code);

INSERT INTO criterion (code, label, definition, position) VALUES
    ('pertinence', 'Pertinence', 'Les actions répondent-elles aux besoins ?', 1),
    ('coherence', 'Cohérence', 'Les moyens sont-ils en rapport avec les objectifs ?', 2),
    ('efficacite', 'Efficacité', 'Les résultats atteignent-ils les objectifs ?', 3),
    ('efficience', 'Efficience', 'Les résultats sont-ils à la mesure des moyens engagés ?', 4),
    ('impact', 'Impact', 'Quels changements durables, voulus ou non, le projet produit-il ?', 5),
    ('durabilite', 'Durabilité', 'Les effets et les ressources se maintiennent-ils dans le temps ?', 6);

CREATE TABLE objective (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint  NOT NULL,
    evaluation_id bigint  NOT NULL,
    target        text    NOT NULL CHECK (target IN ('HABITANTS', 'TERRITOIRE', 'COMMUNAUTE_ACTION')),
    title         text    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description   text    CHECK (length(description) <= 4000),
    position      integer NOT NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, evaluation_id)
);
CREATE INDEX objective_evaluation_idx ON objective (structure_id, evaluation_id);

CREATE TABLE objective_effect (
    objective_id  bigint NOT NULL,
    effect_id     bigint NOT NULL,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    PRIMARY KEY (objective_id, effect_id),
    FOREIGN KEY (objective_id, evaluation_id) REFERENCES objective (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (effect_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE
);

CREATE TABLE evaluative_question (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint  NOT NULL,
    evaluation_id bigint  NOT NULL,
    criterion_id  bigint  NOT NULL REFERENCES criterion (id),
    text          text    NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    position      integer NOT NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, evaluation_id)
);
CREATE INDEX evaluative_question_evaluation_idx ON evaluative_question (structure_id, evaluation_id);

CREATE TABLE question_objective (
    question_id   bigint NOT NULL,
    objective_id  bigint NOT NULL,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    PRIMARY KEY (question_id, objective_id),
    FOREIGN KEY (question_id, evaluation_id) REFERENCES evaluative_question (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (objective_id, evaluation_id) REFERENCES objective (id, evaluation_id) ON DELETE CASCADE
);
