-- The progress view reads, for each indicator of a page of structures, its first and last value's
-- day, and for each survey its first answer's: one probe of an index each, instead of reading every
-- value and every answer of those indicators and surveys from the table. A report's reviewers were
-- found by reading the whole table.
CREATE INDEX data_value_entered_idx ON data_value (indicator_id, entered_at);
CREATE INDEX survey_response_submitted_idx ON survey_response (structure_id, survey_id, submitted_at);
CREATE INDEX report_reviewer_report_idx ON report_reviewer (structure_id, report_id);
