-- The performance criterion among the defaults, beside pertinence, cohérence, efficacité,
-- efficience, impact and durabilité: what the activities delivered against what was planned.
INSERT INTO criterion (code, label, definition, position)
SELECT 'performance', 'Performance',
       'Les réalisations sont-elles à la hauteur de ce qui était prévu (volumes, qualité, délais) ?', 7
WHERE NOT EXISTS (SELECT 1 FROM criterion WHERE structure_id IS NULL AND code = 'performance');
