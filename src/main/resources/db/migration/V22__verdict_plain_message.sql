-- What a verdict says in plain words, for the inhabitants' report and poster: one or two short
-- sentences, written with the verdict.
ALTER TABLE verdict ADD COLUMN plain_message text CHECK (length(plain_message) BETWEEN 1 AND 300);
