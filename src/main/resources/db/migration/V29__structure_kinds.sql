-- A Territoire zéro chômeur (and its entreprise à but d'emploi) is a kind of structure too.
ALTER TABLE structure DROP CONSTRAINT structure_kind_check;
ALTER TABLE structure ADD CONSTRAINT structure_kind_check
    CHECK (kind IN ('CENTRE_SOCIAL', 'ESPACE_VIE_SOCIALE', 'ASSOCIATION', 'TERRITOIRE_ZERO_CHOMEUR'));
