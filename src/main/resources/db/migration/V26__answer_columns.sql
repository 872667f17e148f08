-- The columns of an answers export (Kobo, ODK, LimeSurvey) mapped onto a survey's questions at its
-- last import, by header (folded: lower case, no accents), offered again at the next import of the
-- same survey. A column answers a question, or marks one choice of a multiple choice.
CREATE TABLE survey_answer_column (
    survey_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    header       text        NOT NULL CHECK (length(header) BETWEEN 1 AND 10000),
    question_id  bigint      NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
    choice_code  text        CHECK (length(choice_code) BETWEEN 1 AND 60),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (survey_id, header),
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE
);
