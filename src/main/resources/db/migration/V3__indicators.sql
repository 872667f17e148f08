-- The indicators of an evaluation's framework, their targets, the values collected, and the
-- history of every value replaced or removed. Objectives and evaluative questions come next.

CREATE TABLE indicator (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id       bigint  NOT NULL,
    evaluation_id      bigint  NOT NULL,
    code               text    NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,59}$'),
    name               text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description        text    CHECK (length(description) <= 4000),
    measure            text    NOT NULL CHECK (measure IN ('COUNT', 'PERCENTAGE', 'RATIO', 'EUR', 'HOURS', 'ORDINAL',
                                                           'TEXT')),
    scale_levels       text[]  CHECK (cardinality(scale_levels) BETWEEN 2 AND 10),
    unit               text    CHECK (length(unit) <= 40),
    baseline_value     numeric(18, 4),
    baseline_date      date,
    direction          text    NOT NULL DEFAULT 'INCREASE' CHECK (direction IN ('INCREASE', 'DECREASE', 'STABLE')),
    frequency          text    NOT NULL DEFAULT 'YEAR' CHECK (frequency IN ('MONTH', 'QUARTER', 'YEAR')),
    aggregation        text    NOT NULL DEFAULT 'SUM' CHECK (aggregation IN ('SUM', 'AVERAGE', 'LAST')),
    cumulative_targets boolean NOT NULL DEFAULT false,
    source             text    NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'SURVEY', 'FORMULA', 'IMPORT')),
    formula            text    CHECK (length(formula) <= 1000),
    collector          text    CHECK (length(collector) <= 200),
    minimum            numeric(18, 4),
    maximum            numeric(18, 4),
    position           integer NOT NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (evaluation_id, code),
    UNIQUE (id, evaluation_id),
    CHECK ((source = 'FORMULA') = (formula IS NOT NULL)),
    CHECK ((measure = 'ORDINAL') = (scale_levels IS NOT NULL)),
    CHECK (minimum IS NULL OR maximum IS NULL OR minimum <= maximum)
);
CREATE INDEX indicator_evaluation_idx ON indicator (structure_id, evaluation_id, position);

-- A target per period (a DHIS2-style period code: 2024, 2024Q1, 2024-03).
CREATE TABLE indicator_target (
    indicator_id  bigint         NOT NULL,
    structure_id  bigint         NOT NULL,
    evaluation_id bigint         NOT NULL,
    period        text           NOT NULL CHECK (length(period) <= 30),
    value         numeric(18, 4) NOT NULL,
    PRIMARY KEY (indicator_id, period),
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);

-- A value collected for an indicator and a period; category '' is the total (disaggregations later
-- use 'sexe:F' and the like). Who entered it, when, from which source, with an optional comment.
CREATE TABLE data_value (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    indicator_id  bigint         NOT NULL,
    structure_id  bigint         NOT NULL,
    evaluation_id bigint         NOT NULL,
    period        text           NOT NULL CHECK (length(period) <= 30),
    category      text           NOT NULL DEFAULT '' CHECK (length(category) <= 100),
    value         numeric(18, 4),
    text_value    text           CHECK (length(text_value) <= 4000),
    source        text           NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'SURVEY', 'IMPORT')),
    comment       text           CHECK (length(comment) <= 1000),
    entered_by    bigint         REFERENCES app_user (id) ON DELETE SET NULL,
    entered_at    timestamptz    NOT NULL DEFAULT now(),
    UNIQUE (indicator_id, period, category),
    FOREIGN KEY (indicator_id, evaluation_id) REFERENCES indicator (id, evaluation_id) ON DELETE CASCADE,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    CHECK (value IS NOT NULL OR text_value IS NOT NULL)
);
CREATE INDEX data_value_evaluation_idx ON data_value (structure_id, evaluation_id, indicator_id);

-- Every value replaced or removed, as it was.
CREATE TABLE data_value_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint         NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    evaluation_id bigint         NOT NULL,
    indicator_id  bigint         NOT NULL,
    period        text           NOT NULL,
    category      text           NOT NULL,
    value         numeric(18, 4),
    text_value    text,
    source        text           NOT NULL,
    comment       text,
    entered_by    bigint,
    entered_at    timestamptz    NOT NULL,
    replaced_by   bigint         REFERENCES app_user (id) ON DELETE SET NULL,
    replaced_at   timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX data_value_history_idx ON data_value_history (structure_id, indicator_id, period);
