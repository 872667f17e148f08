-- The framing of an evaluation (the method's first step, "Cadrer"): why evaluate, for whom, with
-- what means, and who steers it. Each is optional (NULL until written) and bounded like the
-- other long texts a structure writes.
ALTER TABLE evaluation ADD COLUMN purpose text
    CHECK (length(purpose) BETWEEN 1 AND 2000);
ALTER TABLE evaluation ADD COLUMN audiences text
    CHECK (length(audiences) BETWEEN 1 AND 2000);
ALTER TABLE evaluation ADD COLUMN means text
    CHECK (length(means) BETWEEN 1 AND 2000);
ALTER TABLE evaluation ADD COLUMN steering text
    CHECK (length(steering) BETWEEN 1 AND 2000);
