-- Files uploaded for an import, kept between the preview (and its column mapping) and the import
-- itself; an unguessable token names each. Files older than two days are removed.
CREATE TABLE import_file (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token         text        NOT NULL UNIQUE CHECK (token ~ '^[A-Za-z0-9_-]{20,64}$'),
    structure_id  bigint      NOT NULL,
    evaluation_id bigint      NOT NULL,
    uploaded_by   bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('VALUES', 'ANSWERS', 'XLSFORM')),
    target_id     bigint,
    filename      text        NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
    content       bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX import_file_created_idx ON import_file (created_at);
