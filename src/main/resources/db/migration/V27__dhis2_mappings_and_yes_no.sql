-- A yes/no indicator measure (DHIS2's booleans): its values are 1 (yes) and 0 (no), so that over
-- several periods, or several structures, its mean is the share of yes.
ALTER TABLE indicator DROP CONSTRAINT indicator_measure_check;
ALTER TABLE indicator ADD CONSTRAINT indicator_measure_check
    CHECK (measure IN ('COUNT', 'PERCENTAGE', 'RATIO', 'EUR', 'HOURS', 'ORDINAL', 'TEXT', 'YES_NO'));
ALTER TABLE library_indicator DROP CONSTRAINT library_indicator_measure_check;
ALTER TABLE library_indicator ADD CONSTRAINT library_indicator_measure_check
    CHECK (measure IN ('COUNT', 'PERCENTAGE', 'RATIO', 'EUR', 'HOURS', 'ORDINAL', 'TEXT', 'YES_NO'));

-- A structure's mapping of DHIS2 data elements (and category option combos) to its indicators
-- (by code, so that one mapping serves every evaluation holding those codes) and to a category of
-- their disaggregation. Kept and reused from one DHIS2 file to the next.
CREATE TABLE dhis2_mapping (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id        bigint NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name                text   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- when set, only the values of this organisation unit are imported (the others are counted and named)
    organisation_unit   text   CHECK (length(organisation_unit) BETWEEN 1 AND 50),
    version             integer NOT NULL DEFAULT 0,
    UNIQUE (id, structure_id),
    UNIQUE (structure_id, name)
);

-- One line of a mapping; an empty category option combo stands for every combo of the element
-- not named on another line.
CREATE TABLE dhis2_mapping_line (
    mapping_id            bigint  NOT NULL,
    structure_id          bigint  NOT NULL,
    position              integer NOT NULL,
    data_element          text    NOT NULL CHECK (length(data_element) BETWEEN 1 AND 50),
    category_option_combo text    NOT NULL DEFAULT '' CHECK (length(category_option_combo) <= 50),
    indicator_code        text    NOT NULL CHECK (indicator_code ~ '^[a-z][a-z0-9_]{0,59}$'),
    category              text    NOT NULL DEFAULT '' CHECK (length(category) <= 100),
    PRIMARY KEY (mapping_id, data_element, category_option_combo),
    FOREIGN KEY (mapping_id, structure_id) REFERENCES dhis2_mapping (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX dhis2_mapping_structure_idx ON dhis2_mapping (structure_id);
