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

-- Evaluations whose results must be computed again. Triggers add them; the refresher empties it.
-- No foreign key: rows deleted with their evaluation still fire the triggers, and the refresher
-- drops the marks of evaluations that no longer exist.
CREATE TABLE network_stale (
    evaluation_id bigint      PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    since         timestamptz NOT NULL DEFAULT now()
);

-- Evaluations being computed: taken from network_stale in a transaction of their own (so that the
-- triggers never wait for a computation), given back to it if the computation fails or the server
-- stops before it ends.
CREATE TABLE network_computing (
    evaluation_id bigint      PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    since         timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION network_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'evaluation' THEN
        INSERT INTO network_stale (evaluation_id, structure_id) VALUES (changed.id, changed.structure_id)
        ON CONFLICT DO NOTHING;
    ELSIF TG_TABLE_NAME IN ('survey_response', 'survey_wave') THEN
        INSERT INTO network_stale (evaluation_id, structure_id)
        SELECT s.evaluation_id, s.structure_id FROM survey s WHERE s.id = changed.survey_id
        ON CONFLICT DO NOTHING;
    ELSE
        INSERT INTO network_stale (evaluation_id, structure_id) VALUES (changed.evaluation_id, changed.structure_id)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER evaluation_network_stale AFTER INSERT OR UPDATE OF period_start, period_end ON evaluation
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();
CREATE TRIGGER indicator_network_stale AFTER INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();
CREATE TRIGGER data_value_network_stale AFTER INSERT OR UPDATE OR DELETE ON data_value
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();
CREATE TRIGGER survey_feed_network_stale AFTER INSERT OR UPDATE OR DELETE ON survey_feed
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();
CREATE TRIGGER survey_wave_network_stale AFTER UPDATE OF period ON survey_wave
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();
CREATE TRIGGER survey_response_network_stale AFTER INSERT OR DELETE ON survey_response
    FOR EACH ROW EXECUTE FUNCTION network_mark_stale();

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
