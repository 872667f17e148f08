-- Live workshops: a facilitator opens one on an evaluation; participants join from their phones
-- with its short code, without an account, say who they are (a role, never a name) and post cards
-- (what they bring, what is done together, what it changes and for whom, a testimony given with
-- consent); the facilitator merges, edits, hides and places cards into the chain.
CREATE SEQUENCE workshop_change;

CREATE TABLE workshop (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id    bigint      NOT NULL,
    evaluation_id   bigint      NOT NULL,
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    code            text        NOT NULL UNIQUE CHECK (code ~ '^[A-Z2-9]{6}$'),
    projector_token text        NOT NULL UNIQUE CHECK (projector_token ~ '^[A-Za-z0-9_-]{20,64}$'),
    opened_at       timestamptz NOT NULL,
    closes_at       timestamptz NOT NULL,
    closed_at       timestamptz,
    card_limit      integer     NOT NULL CHECK (card_limit BETWEEN 1 AND 50),
    opened_by       bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    FOREIGN KEY (evaluation_id, structure_id) REFERENCES evaluation (id, structure_id) ON DELETE CASCADE,
    UNIQUE (id, structure_id),
    CHECK (opened_at < closes_at)
);
CREATE INDEX workshop_evaluation_idx ON workshop (structure_id, evaluation_id);
CREATE INDEX workshop_opened_by_idx ON workshop (opened_by) WHERE opened_by IS NOT NULL;

-- A participant: a role and the hash of the secret kept in her browser's cookie; no name.
CREATE TABLE workshop_participant (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id bigint      NOT NULL,
    workshop_id  bigint      NOT NULL,
    token_hash   text        NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    role         text        NOT NULL CHECK (role IN ('HABITANT', 'BENEVOLE', 'SALARIE', 'ADMINISTRATEUR',
                                                      'PARTENAIRE', 'AUTRE')),
    joined_at    timestamptz NOT NULL,
    FOREIGN KEY (workshop_id, structure_id) REFERENCES workshop (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX workshop_participant_workshop_idx ON workshop_participant (workshop_id);

-- A card. participant_id is NULL for a card the facilitator wrote. A card merged into another
-- points to it; element_id is the chain element it was placed as. "changed" takes the next value
-- of workshop_change on every change, so that live views fetch what changed since they last looked.
CREATE TABLE workshop_card (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id   bigint      NOT NULL,
    workshop_id    bigint      NOT NULL,
    participant_id bigint      REFERENCES workshop_participant (id) ON DELETE SET NULL,
    submission_key uuid        NOT NULL,
    kind           text        NOT NULL CHECK (kind IN ('RESOURCE', 'ACTIVITY', 'EFFECT', 'TESTIMONY')),
    target         text        CHECK (target IN ('HABITANTS', 'TERRITOIRE', 'COMMUNAUTE_ACTION')),
    text           text        NOT NULL CHECK (length(text) BETWEEN 1 AND 280),
    consent        boolean     NOT NULL DEFAULT false,
    state          text        NOT NULL DEFAULT 'SHOWN' CHECK (state IN ('SHOWN', 'HIDDEN', 'MERGED')),
    merged_into_id bigint      REFERENCES workshop_card (id) ON DELETE CASCADE,
    element_id     bigint      REFERENCES chain_element (id) ON DELETE SET NULL,
    posted_at      timestamptz NOT NULL,
    changed        bigint      NOT NULL DEFAULT nextval('workshop_change'),
    FOREIGN KEY (workshop_id, structure_id) REFERENCES workshop (id, structure_id) ON DELETE CASCADE,
    UNIQUE (workshop_id, submission_key),
    CHECK ((kind = 'EFFECT') = (target IS NOT NULL)),
    CHECK (kind <> 'TESTIMONY' OR consent),
    CHECK (state <> 'MERGED' OR merged_into_id IS NOT NULL)
);
CREATE INDEX workshop_card_changed_idx ON workshop_card (workshop_id, changed);
CREATE INDEX workshop_card_participant_idx ON workshop_card (participant_id);
CREATE INDEX workshop_card_element_idx ON workshop_card (element_id) WHERE element_id IS NOT NULL;
CREATE INDEX workshop_card_merged_idx ON workshop_card (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- A dot a participant put on a card (one per participant and card).
CREATE TABLE workshop_dot (
    card_id        bigint NOT NULL REFERENCES workshop_card (id) ON DELETE CASCADE,
    participant_id bigint NOT NULL REFERENCES workshop_participant (id) ON DELETE CASCADE,
    structure_id   bigint NOT NULL,
    PRIMARY KEY (card_id, participant_id)
);
CREATE INDEX workshop_dot_participant_idx ON workshop_dot (participant_id);

-- A link of the chain drawn by the facilitator during a workshop (its provenance).
CREATE TABLE workshop_link (
    link_id      bigint NOT NULL PRIMARY KEY REFERENCES chain_link (id) ON DELETE CASCADE,
    workshop_id  bigint NOT NULL,
    structure_id bigint NOT NULL,
    FOREIGN KEY (workshop_id, structure_id) REFERENCES workshop (id, structure_id) ON DELETE CASCADE
);
CREATE INDEX workshop_link_workshop_idx ON workshop_link (workshop_id);
