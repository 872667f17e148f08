-- The next cycle: an evaluation started from a previous one of the same structure, with its chain
-- and cadre copied. The previous evaluation is kept unchanged; each copied question and indicator
-- names the one it was copied from, so that the new cycle shows the previous verdicts and figures
-- as its starting point. An evaluation has at most one next cycle.
ALTER TABLE evaluation ADD COLUMN previous_evaluation_id bigint;
ALTER TABLE evaluation ADD FOREIGN KEY (previous_evaluation_id, structure_id)
    REFERENCES evaluation (id, structure_id) ON DELETE SET NULL (previous_evaluation_id);
ALTER TABLE evaluation ADD CHECK (previous_evaluation_id <> id);
CREATE UNIQUE INDEX evaluation_previous_key ON evaluation (previous_evaluation_id)
    WHERE previous_evaluation_id IS NOT NULL;

ALTER TABLE evaluative_question ADD COLUMN previous_question_id bigint
    REFERENCES evaluative_question (id) ON DELETE SET NULL;
CREATE INDEX evaluative_question_previous_idx ON evaluative_question (previous_question_id)
    WHERE previous_question_id IS NOT NULL;

ALTER TABLE indicator ADD COLUMN previous_indicator_id bigint
    REFERENCES indicator (id) ON DELETE SET NULL;
CREATE INDEX indicator_previous_idx ON indicator (previous_indicator_id)
    WHERE previous_indicator_id IS NOT NULL;
