-- Surveys of inhabitants and partners: a questionnaire (sections, questions, choices), its waves
-- (each with its own public link and dates: before, after...), and the responses, one row each
-- with its answers in JSON keyed by question id. Indicators can be fed by a question.

CREATE TABLE survey (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint      NOT NULL,
    evaluation_id bigint      NOT NULL,
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_en      text        CHECK (length(title_en) <= 200),
    introduction  text        CHECK (length(introduction) <= 4000),
    audience      text        NOT NULL CHECK (audience IN ('HABITANTS', 'BENEVOLES', 'PARTENAIRES', 'EQUIPE')),
    consent_text  text        CHECK (length(consent_text) <= 4000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, structure_id)
);
CREATE INDEX survey_evaluation_idx ON survey (structure_id, evaluation_id);

CREATE TABLE survey_section (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id    bigint  NOT NULL,
    structure_id bigint  NOT NULL,
    title        text    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    title_en     text    CHECK (length(title_en) <= 200),
    position     integer NOT NULL,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, survey_id)
);

-- A question shown only if the answer to an earlier one is among condition_values (choice codes,
-- or 'true'/'false' for yes/no).
CREATE TABLE survey_question (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id         bigint   NOT NULL,
    structure_id      bigint   NOT NULL,
    section_id        bigint,
    code              text     NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,59}$'),
    kind              text     NOT NULL CHECK (kind IN ('SINGLE', 'MULTIPLE', 'AGREEMENT', 'NUMBER', 'YES_NO',
                                                        'SHORT_TEXT', 'LONG_TEXT')),
    label             text     NOT NULL CHECK (length(label) BETWEEN 1 AND 1000),
    label_en          text     CHECK (length(label_en) <= 1000),
    hint              text     CHECK (length(hint) <= 1000),
    hint_en           text     CHECK (length(hint_en) <= 1000),
    required          boolean  NOT NULL DEFAULT false,
    personal_data     boolean  NOT NULL DEFAULT false,
    minimum           numeric(18, 4),
    maximum           numeric(18, 4),
    condition_question_id bigint,
    condition_values  text[],
    position          integer  NOT NULL,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE,
    FOREIGN KEY (section_id, survey_id) REFERENCES survey_section (id, survey_id) ON DELETE SET NULL (section_id),
    UNIQUE (survey_id, code),
    UNIQUE (id, survey_id),
    CHECK ((condition_question_id IS NULL) = (condition_values IS NULL)),
    CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum)
);
ALTER TABLE survey_question ADD FOREIGN KEY (condition_question_id, survey_id)
    REFERENCES survey_question (id, survey_id) ON DELETE CASCADE;
CREATE INDEX survey_question_survey_idx ON survey_question (structure_id, survey_id, position);

CREATE TABLE survey_choice (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id  bigint  NOT NULL REFERENCES survey_question (id) ON DELETE CASCADE,
    structure_id bigint  NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    code         text    NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,60}$'),
    label        text    NOT NULL CHECK (length(label) BETWEEN 1 AND 500),
    label_en     text    CHECK (length(label_en) <= 500),
    position     integer NOT NULL,
    UNIQUE (question_id, code)
);

-- A wave: one collection of the questionnaire (before, after...), with its unguessable public
-- link, its dates, and the reporting period its answers feed indicators for.
CREATE TABLE survey_wave (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    survey_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    label        text        NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    token        text        NOT NULL UNIQUE CHECK (token ~ '^[A-Za-z0-9_-]{20,64}$'),
    opens_at     timestamptz,
    closes_at    timestamptz,
    period       text        NOT NULL CHECK (length(period) <= 30),
    position     integer     NOT NULL,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, survey_id),
    CHECK (closes_at IS NULL OR opens_at IS NULL OR opens_at < closes_at)
);

-- A response: its answers by question id ({"12": "oui", "13": ["a", "b"], "14": 3}). The
-- submission key, made when the page was served, stores a double tap or a resend once.
CREATE TABLE survey_response (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id        bigint      NOT NULL,
    survey_id      bigint      NOT NULL,
    structure_id   bigint      NOT NULL,
    submission_key uuid        NOT NULL,
    source         text        NOT NULL DEFAULT 'WEB' CHECK (source IN ('WEB', 'PAPER', 'IMPORT')),
    consent        boolean     NOT NULL DEFAULT false,
    answers        jsonb       NOT NULL,
    entered_by     bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    submitted_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (wave_id, survey_id) REFERENCES survey_wave (id, survey_id) ON DELETE CASCADE,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE,
    UNIQUE (wave_id, submission_key)
);
CREATE INDEX survey_response_survey_idx ON survey_response (structure_id, survey_id, wave_id);

-- An indicator fed by a survey question: which statistic of the answers, per wave (whose period
-- it takes), optionally broken down by the answers to another question.
CREATE TABLE survey_feed (
    indicator_id  bigint PRIMARY KEY,
    evaluation_id bigint NOT NULL,
    structure_id  bigint NOT NULL,
    question_id   bigint NOT NULL,
    survey_id     bigint NOT NULL,
    statistic     text   NOT NULL CHECK (statistic IN ('AGREE_SHARE', 'CHOICE_SHARE', 'CHOICE_COUNT', 'YES_SHARE',
                                                       'YES_COUNT', 'MEAN', 'SUM', 'RESPONSES')),
    choice_code   text   CHECK (length(choice_code) <= 60),
    breakdown_question_id bigint,
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (question_id, survey_id) REFERENCES survey_question (id, survey_id) ON DELETE CASCADE,
    FOREIGN KEY (breakdown_question_id, survey_id) REFERENCES survey_question (id, survey_id) ON DELETE CASCADE,
    FOREIGN KEY (survey_id, structure_id) REFERENCES survey (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX survey_feed_evaluation_idx ON survey_feed (structure_id, evaluation_id);
