-- The questions an indicator answers, and the chain elements it is attached to.
CREATE TABLE indicator_question (
    indicator_id  bigint NOT NULL,
    question_id   bigint NOT NULL,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    PRIMARY KEY (indicator_id, question_id),
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (question_id, evaluation_id) REFERENCES evaluative_question (id, evaluation_id) ON DELETE CASCADE
);
CREATE INDEX indicator_question_evaluation_idx ON indicator_question (structure_id, evaluation_id);

CREATE TABLE indicator_element (
    indicator_id  bigint NOT NULL,
    element_id    bigint NOT NULL,
    structure_id  bigint NOT NULL,
    evaluation_id bigint NOT NULL,
    PRIMARY KEY (indicator_id, element_id),
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (element_id, evaluation_id) REFERENCES chain_element (id, evaluation_id) ON DELETE CASCADE
);
CREATE INDEX indicator_element_evaluation_idx ON indicator_element (structure_id, evaluation_id);
