-- The logic of a questionnaire, as XLSForm, ODK and Kobo write it, kept when a form is imported.
--
-- Sections nest (parent_id) and may carry a "relevant" expression; questions carry a "relevant"
-- and a "constraint" expression (XLSForm syntax: a dollar sign and the code in braces names another question, "." this one),
-- a constraint message (French, optional English) and or_other: an "Autre" choice (code 'other')
-- with its own text. That text is stored in the response beside the choice, under the reserved
-- key "other", by question id: {"12": "other", "13": ["a", "other"], "other": {"12": "…", "13": "…"}}.
--
-- Order: questions and sections share one order (position) within their parent, so a question
-- placed between two sections stays there. Sections that exist are moved after the questions
-- outside any section, as they were shown until now.
--
-- Limits that fit real files: 10,000 characters per label, hint and choice; codes keep the
-- source's name when it is an XML name (case kept; letters, digits, _ - .; 64 at most).

ALTER TABLE survey_section
    ADD COLUMN parent_id bigint,
    ADD COLUMN relevant  text CHECK (length(relevant) BETWEEN 1 AND 2000),
    ADD COLUMN layout    text CHECK (layout IN ('matrix')),
    ADD FOREIGN KEY (parent_id, survey_id) REFERENCES survey_section (id, survey_id) ON DELETE SET NULL (parent_id),
    ADD CHECK (parent_id IS NULL OR parent_id <> id);
ALTER TABLE survey_section DROP CONSTRAINT IF EXISTS survey_section_title_check;
ALTER TABLE survey_section DROP CONSTRAINT IF EXISTS survey_section_title_en_check;
ALTER TABLE survey_section
    ADD CONSTRAINT survey_section_title_check CHECK (length(title) BETWEEN 1 AND 10000),
    ADD CONSTRAINT survey_section_title_en_check CHECK (length(title_en) <= 10000);

UPDATE survey_section section
SET position = section.position + coalesce((SELECT max(question.position)
                                            FROM survey_question question
                                            WHERE question.survey_id = section.survey_id), 0);

ALTER TABLE survey_question
    ADD COLUMN relevant              text    CHECK (length(relevant) BETWEEN 1 AND 2000),
    ADD COLUMN constraint_expression text    CHECK (length(constraint_expression) BETWEEN 1 AND 2000),
    ADD COLUMN constraint_message    text    CHECK (length(constraint_message) <= 10000),
    ADD COLUMN constraint_message_en text    CHECK (length(constraint_message_en) <= 10000),
    ADD COLUMN or_other              boolean NOT NULL DEFAULT false;
ALTER TABLE survey_question DROP CONSTRAINT IF EXISTS survey_question_code_check;
ALTER TABLE survey_question DROP CONSTRAINT IF EXISTS survey_question_label_check;
ALTER TABLE survey_question DROP CONSTRAINT IF EXISTS survey_question_label_en_check;
ALTER TABLE survey_question DROP CONSTRAINT IF EXISTS survey_question_hint_check;
ALTER TABLE survey_question DROP CONSTRAINT IF EXISTS survey_question_hint_en_check;
ALTER TABLE survey_question
    ADD CONSTRAINT survey_question_code_check CHECK (code ~ '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$'),
    ADD CONSTRAINT survey_question_label_check CHECK (length(label) BETWEEN 1 AND 10000),
    ADD CONSTRAINT survey_question_label_en_check CHECK (length(label_en) <= 10000),
    ADD CONSTRAINT survey_question_hint_check CHECK (length(hint) <= 10000),
    ADD CONSTRAINT survey_question_hint_en_check CHECK (length(hint_en) <= 10000);

ALTER TABLE survey_choice DROP CONSTRAINT IF EXISTS survey_choice_code_check;
ALTER TABLE survey_choice DROP CONSTRAINT IF EXISTS survey_choice_label_check;
ALTER TABLE survey_choice DROP CONSTRAINT IF EXISTS survey_choice_label_en_check;
ALTER TABLE survey_choice
    ADD CONSTRAINT survey_choice_code_check CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
    ADD CONSTRAINT survey_choice_label_check CHECK (length(label) BETWEEN 1 AND 10000),
    ADD CONSTRAINT survey_choice_label_en_check CHECK (length(label_en) <= 10000);
