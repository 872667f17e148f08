-- Custom periods of an evaluation (a school year, a survey wave...), disaggregations of values
-- (sex, age band, the structure's quartiers...), and libraries of indicators that a structure
-- copies into its framework: three shipped with Maillon, and one per federation that publishes it.

CREATE TABLE custom_period (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    label         text   NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    start_date    date   NOT NULL,
    end_date      date   NOT NULL CHECK (end_date >= start_date),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (evaluation_id, start_date, end_date)
);
CREATE INDEX custom_period_evaluation_idx ON custom_period (structure_id, evaluation_id);

-- structure_id NULL: shipped with Maillon, offered to every structure. Values are stored per
-- category label (data_value.category); '' remains the total.
CREATE TABLE disaggregation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint REFERENCES structure (id) ON DELETE CASCADE,
    code         text   NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    name         text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    categories   text[] NOT NULL CHECK (cardinality(categories) BETWEEN 2 AND 30),
    UNIQUE NULLS NOT DISTINCT (structure_id, code)
);

INSERT INTO disaggregation (structure_id, code, name, categories) VALUES
    (NULL, 'sexe', 'Sexe', ARRAY['Femmes', 'Hommes', 'Autre ou non précisé']),
    (NULL, 'age', 'Tranche d''âge', ARRAY['Moins de 12 ans', '12–17 ans', '18–25 ans', '26–59 ans', '60 ans et plus']),
    (NULL, 'qpv', 'Quartier prioritaire', ARRAY['Quartier prioritaire (QPV)', 'Hors quartier prioritaire']);

ALTER TABLE indicator ADD COLUMN disaggregation_id bigint REFERENCES disaggregation (id);

-- organisation_id NULL: shipped with Maillon; otherwise a federation's, seen by the structures of
-- its départements once published.
CREATE TABLE indicator_library (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint  REFERENCES organisation (id) ON DELETE CASCADE,
    code            text    NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    name            text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description     text    CHECK (length(description) <= 4000),
    published       boolean NOT NULL DEFAULT false,
    UNIQUE NULLS NOT DISTINCT (organisation_id, code)
);

CREATE TABLE library_indicator (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    library_id          bigint  NOT NULL REFERENCES indicator_library (id) ON DELETE CASCADE,
    code                text    NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,59}$'),
    theme               text    CHECK (length(theme) <= 200),
    name                text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description         text    CHECK (length(description) <= 4000),
    measure             text    NOT NULL CHECK (measure IN ('COUNT', 'PERCENTAGE', 'RATIO', 'EUR', 'HOURS', 'ORDINAL',
                                                            'TEXT')),
    unit                text    CHECK (length(unit) <= 40),
    scale_levels        text[]  CHECK (cardinality(scale_levels) BETWEEN 2 AND 10),
    direction           text    NOT NULL DEFAULT 'INCREASE' CHECK (direction IN ('INCREASE', 'DECREASE', 'STABLE')),
    frequency           text    NOT NULL DEFAULT 'YEAR' CHECK (frequency IN ('MONTH', 'QUARTER', 'YEAR')),
    aggregation         text    NOT NULL DEFAULT 'SUM' CHECK (aggregation IN ('SUM', 'AVERAGE', 'LAST')),
    source              text    NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'SURVEY', 'FORMULA', 'IMPORT')),
    formula             text    CHECK (length(formula) <= 1000),
    disaggregation_code text    CHECK (length(disaggregation_code) <= 40),
    position            integer NOT NULL,
    UNIQUE (library_id, code),
    CHECK ((source = 'FORMULA') = (formula IS NOT NULL)),
    CHECK ((measure = 'ORDINAL') = (scale_levels IS NOT NULL))
);

-- Where a structure's indicator was copied from: network views compare indicators of one entry.
ALTER TABLE indicator ADD COLUMN library_indicator_id bigint REFERENCES library_indicator (id) ON DELETE SET NULL;
CREATE INDEX indicator_library_indicator_idx ON indicator (library_indicator_id) WHERE library_indicator_id IS NOT NULL;

CREATE TEMPORARY TABLE shipped (library text, position int, code text, theme text, name text, measure text,
                                unit text, direction text, aggregation text, source text, formula text,
                                disaggregation text, description text) ON COMMIT DROP;
INSERT INTO shipped VALUES
    -- Les finalités de l'animation de la vie sociale (circulaire CNAF 2012-013)
    ('caf', 1, 'habitants_touches', 'Inclusion sociale et socialisation', 'Habitants touchés par les actions', 'COUNT', 'personnes', 'INCREASE', 'SUM', 'MANUAL', NULL, 'age', 'Personnes différentes ayant participé au moins une fois.'),
    ('caf', 2, 'personnes_isolees', 'Inclusion sociale et socialisation', 'Personnes isolées accompagnées vers une activité collective', 'COUNT', 'personnes', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('caf', 3, 'moins_seuls', 'Inclusion sociale et socialisation', 'Part des participants qui se sentent moins seuls', 'PERCENTAGE', '%', 'INCREASE', 'AVERAGE', 'SURVEY', NULL, NULL, 'D''accord ou tout à fait d''accord, au questionnaire des habitants.'),
    ('caf', 4, 'acces_droits', 'Inclusion sociale et socialisation', 'Accompagnements dans l''accès aux droits', 'COUNT', NULL, 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('caf', 5, 'actions_collectives', 'Liens sociaux et cohésion sociale du territoire', 'Actions collectives menées', 'COUNT', NULL, 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('caf', 6, 'nouvelles_relations', 'Liens sociaux et cohésion sociale du territoire', 'Part des participants qui ont noué de nouvelles relations', 'PERCENTAGE', '%', 'INCREASE', 'AVERAGE', 'SURVEY', NULL, NULL, NULL),
    ('caf', 7, 'participants_autres_quartiers', 'Liens sociaux et cohésion sociale du territoire', 'Participants venus d''un autre quartier', 'COUNT', 'personnes', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('caf', 8, 'habitants_instances', 'Prise de responsabilité des usagers et citoyenneté de proximité', 'Habitants membres des instances (CA, commissions)', 'COUNT', 'personnes', 'INCREASE', 'LAST', 'MANUAL', NULL, 'sexe', NULL),
    ('caf', 9, 'projets_habitants', 'Prise de responsabilité des usagers et citoyenneté de proximité', 'Projets portés par des habitants', 'COUNT', NULL, 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('caf', 10, 'benevoles', 'Prise de responsabilité des usagers et citoyenneté de proximité', 'Bénévoles actifs', 'COUNT', 'personnes', 'INCREASE', 'LAST', 'MANUAL', NULL, 'sexe', NULL),
    -- Les cinq dimensions du référentiel de la Drôme
    ('drome', 1, 'liens_crees', 'Cohésion sociale', 'Part des participants qui connaissent mieux leurs voisins', 'PERCENTAGE', '%', 'INCREASE', 'AVERAGE', 'SURVEY', NULL, NULL, NULL),
    ('drome', 2, 'mixite_publics', 'Cohésion sociale', 'Part des participants des quartiers prioritaires', 'PERCENTAGE', '%', 'INCREASE', 'AVERAGE', 'MANUAL', NULL, NULL, NULL),
    ('drome', 3, 'confiance_soi', 'Épanouissement', 'Part des participants qui ont pris confiance en eux', 'PERCENTAGE', '%', 'INCREASE', 'AVERAGE', 'SURVEY', NULL, NULL, NULL),
    ('drome', 4, 'competences_acquises', 'Épanouissement', 'Participants déclarant une compétence nouvelle', 'COUNT', 'personnes', 'INCREASE', 'SUM', 'SURVEY', NULL, NULL, NULL),
    ('drome', 5, 'decisions_partagees', 'Gouvernance', 'Décisions prises avec les habitants en instance', 'COUNT', NULL, 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('drome', 6, 'partenaires_gouvernance', 'Gouvernance', 'Partenaires associés au pilotage', 'COUNT', NULL, 'INCREASE', 'LAST', 'MANUAL', NULL, NULL, NULL),
    ('drome', 7, 'kg_gaspillage_evite', 'Environnement', 'Kilos de denrées sauvés du gaspillage', 'COUNT', 'kg', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('drome', 8, 'km_evites', 'Environnement', 'Kilomètres de transport évités (circuits courts)', 'COUNT', 'km', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('drome', 9, 'emplois_crees', 'Richesses produites', 'Emplois créés ou maintenus (ETP)', 'COUNT', 'ETP', 'INCREASE', 'LAST', 'MANUAL', NULL, NULL, NULL),
    ('drome', 10, 'chiffre_affaires_local', 'Richesses produites', 'Achats auprès d''acteurs locaux', 'EUR', '€', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    -- Un socle d'observation comparable d'une structure à l'autre, à la manière de SENACS
    ('socle', 1, 'benevoles', 'Bénévolat', 'Bénévoles actifs', 'COUNT', 'personnes', 'INCREASE', 'LAST', 'MANUAL', NULL, 'sexe', NULL),
    ('socle', 2, 'heures_benevoles', 'Bénévolat', 'Heures de bénévolat', 'HOURS', 'h', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 3, 'taux_horaire', 'Bénévolat', 'Valeur d''une heure de bénévolat', 'EUR', '€/h', 'STABLE', 'LAST', 'MANUAL', NULL, NULL, 'Par exemple le SMIC horaire brut de l''année.'),
    ('socle', 4, 'valeur_benevolat', 'Bénévolat', 'Valeur du bénévolat', 'EUR', '€', 'INCREASE', 'SUM', 'FORMULA', 'heures_benevoles * taux_horaire', NULL, NULL),
    ('socle', 5, 'salaries_etp', 'Équipe', 'Salariés (ETP)', 'COUNT', 'ETP', 'STABLE', 'LAST', 'MANUAL', NULL, NULL, NULL),
    ('socle', 6, 'partenaires', 'Partenariats', 'Partenaires', 'COUNT', NULL, 'INCREASE', 'LAST', 'MANUAL', NULL, NULL, NULL),
    ('socle', 7, 'habitants_touches', 'Publics', 'Habitants touchés', 'COUNT', 'personnes', 'INCREASE', 'SUM', 'MANUAL', NULL, 'age', NULL),
    ('socle', 8, 'familles_adherentes', 'Publics', 'Familles adhérentes', 'COUNT', 'familles', 'INCREASE', 'LAST', 'MANUAL', NULL, NULL, NULL),
    ('socle', 9, 'budget_total', 'Budget', 'Budget réalisé', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 10, 'budget_caf', 'Budget', 'Financements de la CAF', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 11, 'budget_communes', 'Budget', 'Financements des communes et intercommunalités', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 12, 'budget_departement', 'Budget', 'Financements du département', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 13, 'budget_etat', 'Budget', 'Financements de l''État', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 14, 'budget_autres', 'Budget', 'Autres financements et recettes propres', 'EUR', '€', 'STABLE', 'SUM', 'MANUAL', NULL, NULL, NULL),
    ('socle', 15, 'part_caf', 'Budget', 'Part de la CAF dans le budget', 'PERCENTAGE', '%', 'STABLE', 'AVERAGE', 'FORMULA', 'budget_caf / budget_total * 100', NULL, NULL),
    ('socle', 16, 'apports_nature', 'Budget', 'Contributions en nature valorisées', 'EUR', '€', 'INCREASE', 'SUM', 'MANUAL', NULL, NULL, 'Locaux, matériel, dons, mises à disposition.');

INSERT INTO indicator_library (organisation_id, code, name, description, published) VALUES
    (NULL, 'caf', 'Finalités de l''animation de la vie sociale (CAF)',
     'Des indicateurs pour chacune des trois finalités de la circulaire CNAF de 2012.', true),
    (NULL, 'drome', 'Référentiel de la Drôme : cinq dimensions',
     'Cohésion sociale, épanouissement, gouvernance, environnement, richesses produites.', true),
    (NULL, 'socle', 'Socle d''observation (à la manière de SENACS)',
     'Bénévoles et leurs heures, équipe, partenaires, habitants touchés, budget par financeur : de quoi se comparer.', true);

INSERT INTO library_indicator (library_id, code, theme, name, description, measure, unit, direction, frequency,
                               aggregation, source, formula, disaggregation_code, position)
SELECT library.id, s.code, s.theme, s.name, s.description, s.measure, s.unit, s.direction, 'YEAR', s.aggregation,
       s.source, s.formula, s.disaggregation, s.position
FROM shipped s
JOIN indicator_library library ON library.organisation_id IS NULL AND library.code = s.library;
