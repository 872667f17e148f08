-- Numbers written for people: each indicator's display precision (decimals shown), defaulted by its
-- measure and unit (counts, hours and euros whole, percentages one decimal, ratios two); a ratio, a
-- percentage or a level never sums over time; the demo's evaluations say they are illustrative.

ALTER TABLE indicator ADD COLUMN display_precision smallint;

UPDATE indicator
SET display_precision = CASE
        WHEN trim(coalesce(unit, '')) = '%' THEN 1
        WHEN lower(trim(coalesce(unit, ''))) IN ('€', 'eur', 'euro', 'euros') THEN 0
        WHEN measure = 'EUR' AND position('/' IN coalesce(unit, '')) > 0 THEN 2
        WHEN measure IN ('PERCENTAGE', 'ORDINAL') THEN 1
        WHEN measure = 'RATIO' THEN 2
        ELSE 0
    END;

ALTER TABLE indicator ALTER COLUMN display_precision SET NOT NULL;
ALTER TABLE indicator ADD CONSTRAINT indicator_display_precision_check CHECK (display_precision BETWEEN 0 AND 4);

-- a ratio, a percentage or a level summed over periods means nothing: their mean instead
UPDATE indicator
SET aggregation = 'AVERAGE'
WHERE aggregation = 'SUM'
  AND measure IN ('PERCENTAGE', 'RATIO', 'ORDINAL');

ALTER TABLE evaluation ADD COLUMN illustrative boolean NOT NULL DEFAULT false;
