-- What federations and CAF see of the structures of their territory: pre-computed results of the
-- indicators copied from a library (the same entry means the same measure in every structure), the
-- evaluations whose data changed since, and the agrément milestones each network follows.

-- One evaluation's results, per year and quarter, for each of its library-based indicators: what
-- its results page shows, computed in the background. Aggregates read only the rows of evaluations
-- shared with the reader.
CREATE TABLE network_result (
    library_indicator_id bigint         NOT NULL REFERENCES library_indicator (id) ON DELETE CASCADE,
    period               text           NOT NULL CHECK (length(period) <= 30),
    structure_id         bigint         NOT NULL,
    evaluation_id        bigint         NOT NULL,
    value                numeric(18, 4) NOT NULL,
    PRIMARY KEY (library_indicator_id, structure_id, period, evaluation_id),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
-- a territory's structures, then their results: by structure first
CREATE INDEX network_result_structure_idx ON network_result (structure_id, library_indicator_id, period);

-- Marks of the evaluations whose results must be computed again: one row per changing statement
-- and evaluation, never updated, so that writers never wait for each other nor for the refresher.
-- The refresher deletes the marks it can see before it computes; a mark committed by a writer
-- after the refresher looked survives, and the evaluation is computed again at the next run.
-- No foreign key: rows deleted with their evaluation still fire the triggers, and the refresher
-- ignores the marks of evaluations that no longer exist.
CREATE TABLE network_stale (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    evaluation_id bigint      NOT NULL,
    structure_id  bigint      NOT NULL,
    since         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_stale_evaluation_idx ON network_stale (evaluation_id);

-- Evaluations being computed: their marks taken from network_stale in a transaction of their own,
-- given back at the next start if the server stopped before the results were written.
CREATE TABLE network_computing (
    evaluation_id bigint      PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    since         timestamptz NOT NULL DEFAULT now()
);

-- Once per statement, however many rows it writes (a whole import is one mark).
CREATE FUNCTION network_mark_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO network_stale (evaluation_id, structure_id)
    SELECT DISTINCT evaluation_id, structure_id FROM changed;
    RETURN NULL;
END;
$$;

CREATE FUNCTION network_mark_survey_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO network_stale (evaluation_id, structure_id)
    SELECT DISTINCT s.evaluation_id, s.structure_id FROM changed c JOIN survey s ON s.id = c.survey_id;
    RETURN NULL;
END;
$$;

-- Once per row, for the rare changes that a column list narrows down.
CREATE FUNCTION network_mark_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'evaluation' THEN
        INSERT INTO network_stale (evaluation_id, structure_id) VALUES (NEW.id, NEW.structure_id);
    ELSE
        INSERT INTO network_stale (evaluation_id, structure_id)
        SELECT s.evaluation_id, s.structure_id FROM survey s WHERE s.id = NEW.survey_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER evaluation_network_stale AFTER INSERT OR UPDATE OF period_start, period_end ON evaluation
    FOR EACH ROW EXECUTE FUNCTION network_mark_row();
CREATE TRIGGER survey_wave_network_stale AFTER UPDATE OF period ON survey_wave
    FOR EACH ROW EXECUTE FUNCTION network_mark_row();

CREATE TRIGGER data_value_inserted_network_stale AFTER INSERT ON data_value
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER data_value_updated_network_stale AFTER UPDATE ON data_value
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER data_value_deleted_network_stale AFTER DELETE ON data_value
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER indicator_inserted_network_stale AFTER INSERT ON indicator
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER indicator_updated_network_stale AFTER UPDATE ON indicator
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER indicator_deleted_network_stale AFTER DELETE ON indicator
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER survey_feed_inserted_network_stale AFTER INSERT ON survey_feed
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER survey_feed_updated_network_stale AFTER UPDATE ON survey_feed
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER survey_feed_deleted_network_stale AFTER DELETE ON survey_feed
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_rows();
CREATE TRIGGER survey_response_inserted_network_stale AFTER INSERT ON survey_response
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_survey_rows();
CREATE TRIGGER survey_response_deleted_network_stale AFTER DELETE ON survey_response
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION network_mark_survey_rows();

-- Every evaluation that exists now gets computed once.
INSERT INTO network_stale (evaluation_id, structure_id) SELECT id, structure_id FROM evaluation;

-- The renewal milestones a federation or a CAF follows, in months before the agrément's end, with
-- the state the evaluation should have reached by then. None: the defaults apply.
CREATE TABLE agrement_milestone (
    organisation_id bigint  NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    months_before   integer NOT NULL CHECK (months_before BETWEEN 0 AND 60),
    label           text    NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    expected_status text    CHECK (expected_status IN ('FRAMING', 'COLLECTING', 'RESTITUTION', 'CLOSED')),
    PRIMARY KEY (organisation_id, months_before)
);
