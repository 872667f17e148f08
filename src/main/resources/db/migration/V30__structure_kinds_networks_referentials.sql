-- Any kind of structure, any accompanying body.
--
-- Networks: besides federations and CAF, a conseil départemental and a programme's facilitator
-- (e.g. the facilitator of the Territoires zéro chômeur) read what structures share with them.
ALTER TABLE organisation DROP CONSTRAINT organisation_type_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_type_check
    CHECK (type IN ('STRUCTURE', 'FEDERATION', 'CAF', 'DEPARTEMENT', 'PROGRAMME'));
ALTER TABLE membership DROP CONSTRAINT membership_role_check;
ALTER TABLE membership ADD CONSTRAINT membership_role_check
    CHECK (role IN ('STRUCTURE_ADMIN', 'STRUCTURE_EDITOR', 'STRUCTURE_VIEWER', 'FEDERATION_MEMBER', 'CAF_MEMBER',
                    'DEPARTEMENT_MEMBER', 'PROGRAMME_MEMBER'));
ALTER TABLE invitation DROP CONSTRAINT invitation_role_check;
ALTER TABLE invitation ADD CONSTRAINT invitation_role_check
    CHECK (role IN ('STRUCTURE_ADMIN', 'STRUCTURE_EDITOR', 'STRUCTURE_VIEWER', 'FEDERATION_MEMBER', 'CAF_MEMBER',
                    'DEPARTEMENT_MEMBER', 'PROGRAMME_MEMBER'));

-- A Territoire zéro chômeur's identity: its entreprise à but d'emploi and the date of its habilitation.
ALTER TABLE structure ADD COLUMN employment_company text CHECK (length(employment_company) BETWEEN 1 AND 200);
ALTER TABLE structure ADD COLUMN habilitation_date date;

-- Reports for a Territoire zéro chômeur's comité local pour l'emploi.
ALTER TABLE report DROP CONSTRAINT report_audience_check;
ALTER TABLE report ADD CONSTRAINT report_audience_check
    CHECK (audience IN ('CAF', 'FEDERATION', 'ASSEMBLEE', 'PARTENAIRES', 'HABITANTS', 'COMITE_LOCAL'));

-- Which structures a shipped référentiel or library is for: its département (NULL: national) and
-- the kinds of structure it speaks to (NULL: every kind). The Drôme's is the Drôme's; the CAF
-- finalités speak to centres sociaux and espaces de vie sociale.
ALTER TABLE referential ADD COLUMN departement text
    CHECK (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$');
ALTER TABLE referential ADD COLUMN kinds text[];
UPDATE referential SET departement = '26' WHERE structure_id IS NULL AND code = 'drome';
UPDATE referential SET kinds = ARRAY['CENTRE_SOCIAL', 'ESPACE_VIE_SOCIALE'] WHERE structure_id IS NULL AND code = 'caf';

ALTER TABLE indicator_library ADD COLUMN departement text
    CHECK (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$');
ALTER TABLE indicator_library ADD COLUMN kinds text[];
UPDATE indicator_library SET departement = '26' WHERE organisation_id IS NULL AND code = 'drome';
UPDATE indicator_library SET kinds = ARRAY['CENTRE_SOCIAL', 'ESPACE_VIE_SOCIALE']
    WHERE organisation_id IS NULL AND code = 'caf';

-- The référentiels a structure chose not to be offered.
CREATE TABLE structure_hidden_referential (
    structure_id   bigint NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    referential_id bigint NOT NULL REFERENCES referential (id) ON DELETE CASCADE,
    PRIMARY KEY (structure_id, referential_id)
);
