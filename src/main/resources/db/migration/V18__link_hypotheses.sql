-- Chain hypotheses: each link of the chain states an assumption (these resources make this activity
-- possible, this output brings this effect...). The evaluation says how far the evidence bears it out:
-- confirmed, partly, not confirmed, or not tested yet (every link until someone marks it), with a
-- short justification and the evidence behind it. Links become editable, with optimistic locking.

ALTER TABLE chain_link
    ADD COLUMN hypothesis    text        NOT NULL DEFAULT 'NON_TESTEE'
        CHECK (hypothesis IN ('CONFIRMEE', 'EN_PARTIE', 'NON_CONFIRMEE', 'NON_TESTEE')),
    ADD COLUMN justification text        CHECK (length(justification) <= 1000),
    ADD COLUMN evidence      text        CHECK (length(evidence) <= 2000),
    ADD COLUMN version       integer     NOT NULL DEFAULT 0,
    ADD COLUMN updated_by    bigint      REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN updated_at    timestamptz;
