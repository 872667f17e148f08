-- The value chain of an evaluation: stakeholders, chain elements (resources, activities, outputs,
-- effects), the links between elements, and each stakeholder's interactions with activities.
-- Every row carries the structure_id of its evaluation (the tenant key).

-- The hourly rate at which a structure values its volunteers' time (default: SMIC horaire brut,
-- 11.88 € since 1 November 2024; each structure sets its own).
ALTER TABLE structure ADD COLUMN volunteer_hourly_rate numeric(8, 2) NOT NULL DEFAULT 11.88
    CHECK (volunteer_hourly_rate >= 0 AND volunteer_hourly_rate <= 1000);

-- Référentiels of effect dimensions: built-in ones (structure_id NULL) and a structure's own.
CREATE TABLE referential (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint REFERENCES structure (id) ON DELETE CASCADE,
    code         text   NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,40}$'),
    name         text   NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX referential_code_key ON referential (coalesce(structure_id, 0), code);

CREATE TABLE referential_dimension (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referential_id bigint  NOT NULL REFERENCES referential (id) ON DELETE CASCADE,
    code           text    NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,60}$'),
    label          text    NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    position       integer NOT NULL,
    UNIQUE (referential_id, code)
);

WITH caf AS (
    INSERT INTO referential (code, name)
    VALUES ('caf', 'Finalités de l''animation de la vie sociale (CAF)')
    RETURNING id
)
INSERT INTO referential_dimension (referential_id, code, label, position)
SELECT caf.id, d.code, d.label, d.position
FROM caf, (VALUES
    ('inclusion', 'Inclusion sociale et socialisation', 1),
    ('liens_sociaux', 'Liens sociaux et cohésion sociale du territoire', 2),
    ('citoyennete', 'Prise de responsabilité des usagers et citoyenneté de proximité', 3)
) AS d (code, label, position);

WITH drome AS (
    INSERT INTO referential (code, name)
    VALUES ('drome', 'Référentiel départemental de la Drôme')
    RETURNING id
)
INSERT INTO referential_dimension (referential_id, code, label, position)
SELECT drome.id, d.code, d.label, d.position
FROM drome, (VALUES
    ('cohesion_sociale', 'Cohésion sociale', 1),
    ('epanouissement', 'Épanouissement', 2),
    ('gouvernance', 'Gouvernance', 3),
    ('environnement', 'Environnement', 4),
    ('richesses_produites', 'Richesses produites', 5)
) AS d (code, label, position);

CREATE TABLE stakeholder (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id         bigint  NOT NULL,
    evaluation_id        bigint  NOT NULL,
    name                 text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type                 text    NOT NULL CHECK (type IN ('ETAT', 'COLLECTIVITE', 'ASSOCIATION', 'ENTREPRISE',
                                                          'RECHERCHE', 'HABITANTS', 'FINANCEUR')),
    community_member     boolean NOT NULL DEFAULT false,
    presentation         text    CHECK (length(presentation) <= 4000),
    field_of_intervention text   CHECK (length(field_of_intervention) <= 4000),
    constraints          text    CHECK (length(constraints) <= 4000),
    strengths            text    CHECK (length(strengths) <= 4000),
    position             integer NOT NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, evaluation_id)
);
CREATE INDEX stakeholder_evaluation_idx ON stakeholder (structure_id, evaluation_id, position);

-- Resources, activities, outputs and effects: one table, kind-specific columns checked per kind.
CREATE TABLE chain_element (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id      bigint  NOT NULL,
    evaluation_id     bigint  NOT NULL,
    kind              text    NOT NULL CHECK (kind IN ('RESOURCE', 'ACTIVITY', 'OUTPUT', 'EFFECT')),
    name              text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description       text    CHECK (length(description) <= 4000),
    position          integer NOT NULL,
    -- RESOURCE
    resource_kind     text    CHECK (resource_kind IN ('STAFF_TIME', 'VOLUNTEER_TIME', 'FINANCIAL', 'MATERIAL',
                                                       'KNOWLEDGE', 'RELATIONAL')),
    provider_id       bigint,
    quantity          numeric(14, 2) CHECK (quantity >= 0),
    unit              text    CHECK (length(unit) <= 40),
    value_eur         numeric(14, 2) CHECK (value_eur >= 0),
    -- ACTIVITY
    activity_type     text    CHECK (activity_type IN ('PRIMARY', 'SUPPORT')),
    support_category  text    CHECK (support_category IN ('GOUVERNANCE', 'RESSOURCES_HUMAINES', 'COMMUNICATION',
                                                          'FINANCEMENT', 'LOGISTIQUE', 'AUTRE')),
    -- EFFECT
    target            text    CHECK (target IN ('HABITANTS', 'TERRITOIRE', 'COMMUNAUTE_ACTION')),
    dimension_id      bigint  REFERENCES referential_dimension (id),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (provider_id, evaluation_id) REFERENCES stakeholder (id, evaluation_id) ON DELETE SET NULL (provider_id),
    UNIQUE (id, evaluation_id),
    CHECK ((kind = 'RESOURCE') = (resource_kind IS NOT NULL)),
    CHECK ((kind = 'ACTIVITY') = (activity_type IS NOT NULL)),
    CHECK ((kind = 'EFFECT') = (target IS NOT NULL)),
    CHECK (support_category IS NULL OR activity_type = 'SUPPORT'),
    CHECK (kind = 'RESOURCE' OR (provider_id IS NULL AND quantity IS NULL AND unit IS NULL AND value_eur IS NULL)),
    CHECK (kind = 'EFFECT' OR dimension_id IS NULL)
);
CREATE INDEX chain_element_evaluation_idx ON chain_element (structure_id, evaluation_id, kind, position);

-- A directed link between two elements of the same evaluation, with a short rationale. Which kinds
-- may be linked is a rule of the service (resource→activity, support→primary activity,
-- activity→output, output→effect, activity→effect, effect→resource).
CREATE TABLE chain_link (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    source_id     bigint NOT NULL,
    target_id     bigint NOT NULL,
    rationale     text   CHECK (length(rationale) <= 1000),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (source_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (target_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE,
    UNIQUE (source_id, target_id),
    CHECK (source_id <> target_id)
);
CREATE INDEX chain_link_evaluation_idx ON chain_link (structure_id, evaluation_id);
CREATE INDEX chain_link_target_idx ON chain_link (target_id);

-- A stakeholder's part in an activity: what it brings (its cost) and what it gets (its benefit).
CREATE TABLE interaction (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id     bigint  NOT NULL,
    evaluation_id    bigint  NOT NULL,
    stakeholder_id   bigint  NOT NULL,
    activity_id      bigint  NOT NULL,
    cost             text    NOT NULL CHECK (length(cost) BETWEEN 1 AND 1000),
    cost_quantity    numeric(14, 2) CHECK (cost_quantity >= 0),
    cost_unit        text    CHECK (length(cost_unit) <= 40),
    cost_value_eur   numeric(14, 2) CHECK (cost_value_eur >= 0),
    benefit          text    NOT NULL CHECK (length(benefit) BETWEEN 1 AND 1000),
    benefit_quantity numeric(14, 2) CHECK (benefit_quantity >= 0),
    benefit_unit     text    CHECK (length(benefit_unit) <= 40),
    benefit_value_eur numeric(14, 2) CHECK (benefit_value_eur >= 0),
    position         integer NOT NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (stakeholder_id, evaluation_id) REFERENCES stakeholder (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (activity_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE,
    CHECK ((cost_quantity IS NULL) = (cost_unit IS NULL)),
    CHECK ((benefit_quantity IS NULL) = (benefit_unit IS NULL))
);
CREATE INDEX interaction_evaluation_idx ON interaction (structure_id, evaluation_id);
