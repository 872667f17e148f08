-- Checked data before aggregation (as DHIS2's validation rules and data approval do): rules set on
-- a library entry by the library's owner, which apply to every indicator copied from it; and a
-- structure's sign-off of a year's data of an evaluation, which network figures may count alone.

-- At most one set of rules per entry; every rule is optional. jump_percent: a change from the
-- previous year larger than this share of it (50 = ±50 %) is to be checked.
CREATE TABLE library_indicator_rule (
    library_indicator_id bigint        PRIMARY KEY REFERENCES library_indicator (id) ON DELETE CASCADE,
    minimum              numeric(18, 4),
    maximum              numeric(18, 4),
    jump_percent         numeric(7, 2)  CHECK (jump_percent > 0 AND jump_percent <= 10000),
    required             boolean        NOT NULL DEFAULT false,
    updated_by           bigint         REFERENCES app_user (id) ON DELETE SET NULL,
    updated_at           timestamptz    NOT NULL DEFAULT now(),
    CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum)
);

-- Sensible rules for a few entries of the shipped socle.
INSERT INTO library_indicator_rule (library_indicator_id, minimum, maximum, jump_percent, required)
SELECT e.id, r.minimum, r.maximum, r.jump_percent, r.required
FROM (VALUES ('benevoles', 0, NULL, 50, true),
             ('heures_benevoles', 0, NULL, 50, false),
             ('salaries_etp', 0, NULL, 50, false),
             ('habitants_touches', 0, NULL, 50, false),
             ('familles_adherentes', 0, NULL, 50, false),
             ('budget_total', 0, NULL, 50, true),
             ('part_caf', 0, 100, NULL, false))
     AS r (code, minimum, maximum, jump_percent, required)
JOIN library_indicator e ON e.code = r.code
JOIN indicator_library l ON l.id = e.library_id AND l.organisation_id IS NULL AND l.code = 'socle';

-- A year of an evaluation's data signed off by a structure admin. A change to one of that year's
-- values afterwards withdraws it (withdrawn_at); a new sign-off is then needed. Kept for the trail.
CREATE TABLE data_sign_off (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id     bigint      NOT NULL,
    evaluation_id    bigint      NOT NULL,
    period           text        NOT NULL CHECK (period ~ '^[0-9]{4}$'),
    signed_by        bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    signed_by_name   text        NOT NULL CHECK (length(signed_by_name) BETWEEN 1 AND 120),
    signed_at        timestamptz NOT NULL,
    open_violations  integer     NOT NULL DEFAULT 0 CHECK (open_violations >= 0),
    note             text        CHECK (length(note) <= 1000),
    withdrawn_at     timestamptz,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX data_sign_off_current_idx ON data_sign_off (evaluation_id, period) WHERE withdrawn_at IS NULL;
CREATE INDEX data_sign_off_structure_idx ON data_sign_off (structure_id, evaluation_id);

-- Any change to a value of a signed-off year (typed, imported, from an API or a workbook) withdraws
-- the sign-off of that year, whichever way it comes.
CREATE FUNCTION data_sign_off_withdraw() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a comment, or the same value saved again, changes nothing
    IF TG_OP = 'UPDATE' AND NEW.value IS NOT DISTINCT FROM OLD.value
            AND NEW.text_value IS NOT DISTINCT FROM OLD.text_value AND NEW.period = OLD.period THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE data_sign_off SET withdrawn_at = now()
        WHERE evaluation_id = OLD.evaluation_id AND structure_id = OLD.structure_id
          AND period = left(OLD.period, 4) AND withdrawn_at IS NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE data_sign_off SET withdrawn_at = now()
        WHERE evaluation_id = NEW.evaluation_id AND structure_id = NEW.structure_id
          AND period = left(NEW.period, 4) AND withdrawn_at IS NULL;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER data_value_sign_off_withdraw AFTER INSERT OR UPDATE OR DELETE ON data_value
    FOR EACH ROW EXECUTE FUNCTION data_sign_off_withdraw();
