-- Accounts: people who sign in, and their personal API tokens.
CREATE TABLE app_user (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text        NOT NULL CHECK (username ~ '^[a-z0-9._-]{2,40}$'),
    display_name    text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    password_hash   text        NOT NULL,
    platform_admin  boolean     NOT NULL DEFAULT false,
    failed_attempts integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (username);

CREATE TABLE api_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    label        text        NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
    token_hash   text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Organisations: structures (centres sociaux, EVS, associations), federations and CAF.
CREATE TABLE organisation (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type       text        NOT NULL CHECK (type IN ('STRUCTURE', 'FEDERATION', 'CAF')),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The départements a federation (one or more) or a CAF (one) covers.
CREATE TABLE organisation_departement (
    organisation_id bigint NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    departement     text   NOT NULL CHECK (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
    PRIMARY KEY (organisation_id, departement)
);
CREATE INDEX organisation_departement_idx ON organisation_departement (departement);

-- A structure's identity (SENACS-style). Its id is its organisation's id: the tenant key.
CREATE TABLE structure (
    id                     bigint  PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
    kind                   text    NOT NULL CHECK (kind IN ('CENTRE_SOCIAL', 'ESPACE_VIE_SOCIALE', 'ASSOCIATION')),
    departement            text    NOT NULL CHECK (departement ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
    commune                text    NOT NULL CHECK (length(commune) BETWEEN 1 AND 120),
    agrement_start         date,
    agrement_end           date,
    management_mode        text    CHECK (management_mode IN ('ASSOCIATIVE', 'MUNICIPAL', 'CAF', 'CO_MANAGED', 'OTHER')),
    territory_type         text    CHECK (territory_type IN ('URBAN', 'RURAL')),
    priority_neighbourhood boolean NOT NULL DEFAULT false,
    siret                  text    CHECK (siret ~ '^[0-9]{14}$'),
    CHECK (agrement_end IS NULL OR agrement_start IS NULL OR agrement_end >= agrement_start)
);
CREATE INDEX structure_departement_idx ON structure (departement);

CREATE TABLE membership (
    user_id         bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('STRUCTURE_ADMIN', 'STRUCTURE_EDITOR', 'STRUCTURE_VIEWER',
                                                         'FEDERATION_MEMBER', 'CAF_MEMBER')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX membership_organisation_idx ON membership (organisation_id);

-- One-time invitation links; only the SHA-256 of the token is kept.
CREATE TABLE invitation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('STRUCTURE_ADMIN', 'STRUCTURE_EDITOR', 'STRUCTURE_VIEWER',
                                                         'FEDERATION_MEMBER', 'CAF_MEMBER')),
    invitee         text        NOT NULL CHECK (length(invitee) BETWEEN 1 AND 120),
    token_hash      text        NOT NULL UNIQUE,
    created_by      bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     bigint      REFERENCES app_user (id) ON DELETE SET NULL
);
CREATE INDEX invitation_organisation_idx ON invitation (organisation_id);

-- Evaluations (démarches d'évaluation) belong to one structure.
CREATE TABLE evaluation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint      NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    scope        text        NOT NULL CHECK (scope IN ('PROJET_SOCIAL', 'ACTION')),
    action_name  text        CHECK (length(action_name) <= 200),
    period_start date        NOT NULL,
    period_end   date        NOT NULL,
    status       text        NOT NULL DEFAULT 'FRAMING' CHECK (status IN ('FRAMING', 'COLLECTING', 'RESTITUTION', 'CLOSED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (period_end >= period_start),
    UNIQUE (id, structure_id)
);
CREATE INDEX evaluation_structure_idx ON evaluation (structure_id);

-- What a structure shares with a federation or a CAF: one evaluation, or all (evaluation_id NULL).
CREATE TABLE evaluation_share (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id  bigint      NOT NULL REFERENCES structure (id) ON DELETE CASCADE,
    evaluation_id bigint,
    recipient_id  bigint      NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    created_by    bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    revoked_by    bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    -- a shared evaluation belongs to the structure that shares it
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX evaluation_share_active_key
    ON evaluation_share (structure_id, recipient_id, coalesce(evaluation_id, 0))
    WHERE revoked_at IS NULL;
CREATE INDEX evaluation_share_recipient_idx ON evaluation_share (recipient_id) WHERE revoked_at IS NULL;
