-- A verdict per evaluative question (jugement évaluatif): a scale, an argued text, and the evidence
-- behind it, chosen among what the evaluation holds. Deleting a question deletes its verdict; deleting
-- a cited item (an indicator, a survey question or wave, a testimony, an effect and its contribution
-- analysis) takes it off the verdicts that cite it.

CREATE TABLE verdict (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    evaluation_id bigint      NOT NULL,
    question_id   bigint      NOT NULL,
    verdict       text        NOT NULL CHECK (verdict IN ('ATTEINT', 'EN_PARTIE', 'NON_ATTEINT', 'INDETERMINE')),
    argument      text        NOT NULL CHECK (length(argument) BETWEEN 1 AND 8000),
    version       integer     NOT NULL DEFAULT 1,
    updated_by    bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    updated_at    timestamptz,
    FOREIGN KEY (question_id, evaluation_id) REFERENCES evaluative_question (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (evaluation_id, question_id),
    UNIQUE (id, evaluation_id)
);
CREATE INDEX verdict_evaluation_idx ON verdict (structure_id, evaluation_id);

-- One piece of evidence cited by a verdict, in the order its author gave: an indicator, a survey
-- question (for one wave, or all), a testimony (only one whose people agreed to its use), or the
-- contribution analysis of an effect. Each must belong to the verdict's evaluation.
CREATE TABLE verdict_evidence (
    verdict_id         bigint  NOT NULL,
    structure_id       bigint  NOT NULL,
    evaluation_id      bigint  NOT NULL,
    position           integer NOT NULL,
    kind               text    NOT NULL CHECK (kind IN ('INDICATOR', 'SURVEY_QUESTION', 'TESTIMONY', 'CONTRIBUTION')),
    indicator_id       bigint,
    survey_id          bigint,
    survey_question_id bigint,
    survey_wave_id     bigint,
    evidence_id        bigint,
    effect_id          bigint,
    PRIMARY KEY (verdict_id, position),
    FOREIGN KEY (verdict_id, evaluation_id) REFERENCES verdict (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (survey_question_id, survey_id) REFERENCES survey_question (id, survey_id) ON DELETE CASCADE,
    FOREIGN KEY (survey_wave_id, survey_id) REFERENCES survey_wave (id, survey_id) ON DELETE CASCADE,
    FOREIGN KEY (evidence_id, evaluation_id) REFERENCES evidence (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, effect_id) REFERENCES contribution (evaluation_id, effect_id) ON DELETE CASCADE,
    CHECK (position BETWEEN 0 AND 99),
    CHECK ((kind = 'INDICATOR') = (indicator_id IS NOT NULL)),
    CHECK ((kind = 'SURVEY_QUESTION') = (survey_question_id IS NOT NULL AND survey_id IS NOT NULL)),
    CHECK (kind = 'SURVEY_QUESTION' OR (survey_id IS NULL AND survey_wave_id IS NULL)),
    CHECK ((kind = 'TESTIMONY') = (evidence_id IS NOT NULL)),
    CHECK ((kind = 'CONTRIBUTION') = (effect_id IS NOT NULL)),
    UNIQUE NULLS NOT DISTINCT (verdict_id, kind, indicator_id, survey_question_id, survey_wave_id, evidence_id,
                               effect_id)
);
CREATE INDEX verdict_evidence_evaluation_idx ON verdict_evidence (structure_id, evaluation_id);
