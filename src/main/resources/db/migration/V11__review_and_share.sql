-- Review of a draft report by stakeholders (through a link given to a named person, who reads the
-- draft as it was when the link was made), their
-- opinions and comments per section with the authors' answers; and read-only share links to a
-- finalised version, revocable and with an expiry date. Only the SHA-256 of a token is kept.

CREATE TABLE report_reviewer (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    token_hash   text        NOT NULL UNIQUE,
    content      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    FOREIGN KEY (report_id, structure_id) REFERENCES report (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, report_id)
);

CREATE TABLE review_comment (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    reviewer_id  bigint      NOT NULL,
    section      text        NOT NULL CHECK (section ~ '^[A-Z_]{1,40}$'),
    opinion      text        NOT NULL CHECK (opinion IN ('AGREE', 'DISAGREE', 'COMMENT')),
    text         text        CHECK (length(text) <= 4000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    answer       text        CHECK (length(answer) <= 4000),
    answered_by  bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    answered_at  timestamptz,
    FOREIGN KEY (reviewer_id, report_id) REFERENCES report_reviewer (id, report_id) ON DELETE CASCADE,
    FOREIGN KEY (report_id, structure_id) REFERENCES report (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX review_comment_report_idx ON review_comment (structure_id, report_id);

CREATE TABLE report_share (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id    bigint      NOT NULL,
    structure_id bigint      NOT NULL,
    version      integer     NOT NULL,
    token_hash   text        NOT NULL UNIQUE,
    expires_on   date        NOT NULL,
    created_by   bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    FOREIGN KEY (report_id, version) REFERENCES report_version (report_id, version) ON DELETE CASCADE,
    FOREIGN KEY (report_id, structure_id) REFERENCES report (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX report_share_report_idx ON report_share (structure_id, report_id);
