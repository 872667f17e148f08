-- A finalised version brought from another instance (exchange format) says so, and when it came:
-- its figures and texts are those of the imported file, not drawn up here.
ALTER TABLE report_version ADD COLUMN imported_at timestamptz;
