-- The names an evaluation gives its three effect targets. The targets stay the stable codes
-- HABITANTS, TERRITOIRE and COMMUNAUTE_ACTION (what effects, objectives and exchange documents
-- refer to); a NULL name means "not renamed": the page then shows the default name of the
-- structure's kind, in the reader's language.
ALTER TABLE evaluation ADD COLUMN target_name_habitants text
    CHECK (length(target_name_habitants) BETWEEN 1 AND 80);
ALTER TABLE evaluation ADD COLUMN target_name_territoire text
    CHECK (length(target_name_territoire) BETWEEN 1 AND 80);
ALTER TABLE evaluation ADD COLUMN target_name_communaute_action text
    CHECK (length(target_name_communaute_action) BETWEEN 1 AND 80);
