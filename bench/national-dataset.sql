-- A national deployment's worth of data, for the network benchmarks (bench/national.sh runs it on a
-- fresh Maillon database; any PostgreSQL client can run it on one that Flyway has migrated):
--   3,000 structures over the 96 metropolitan départements (31 or 32 each), a federation and a CAF
--   per département, a regional federation over the 12 départements of Auvergne-Rhône-Alpes and a
--   national one over all 96, each with one member; one evaluation per structure (2021–2024) shared
--   with its federations and CAF, with 40 indicators drawn from libraries (the 16 of the socle and 24 of a "bench" library),
--   16 quarters of values each (1.92 million values), and a survey of 20 questions per structure
--   with 334 answers (a million answers) feeding one indicator.
-- Triggers are switched off while it loads; every evaluation is then marked for the network
-- results to be computed, as after any change.

SET synchronous_commit = off;
ALTER TABLE data_value DISABLE TRIGGER USER;
ALTER TABLE indicator DISABLE TRIGGER USER;
ALTER TABLE evaluation DISABLE TRIGGER USER;
ALTER TABLE survey_response DISABLE TRIGGER USER;
ALTER TABLE survey_feed DISABLE TRIGGER USER;

CREATE TEMPORARY TABLE bench_departement AS
SELECT row_number() OVER (ORDER BY code) - 1 AS n, code
FROM (SELECT lpad(i::text, 2, '0') AS code FROM generate_series(1, 95) i WHERE i <> 20
      UNION ALL VALUES ('2A'), ('2B')) d;

-- Networks: a federation and a CAF per département, one regional and one national federation.
INSERT INTO organisation (type, name)
SELECT t.type, CASE t.type WHEN 'FEDERATION' THEN 'Bench fédération ' ELSE 'Bench CAF ' END || d.code
FROM bench_departement d CROSS JOIN (VALUES ('FEDERATION'), ('CAF')) t (type);
INSERT INTO organisation_departement (organisation_id, departement)
SELECT o.id, d.code
FROM bench_departement d
JOIN organisation o ON o.name IN ('Bench fédération ' || d.code, 'Bench CAF ' || d.code);
INSERT INTO organisation (type, name) VALUES ('FEDERATION', 'Bench fédération Auvergne-Rhône-Alpes');
INSERT INTO organisation_departement (organisation_id, departement)
SELECT o.id, d
FROM organisation o, unnest(ARRAY['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74']) d
WHERE o.name = 'Bench fédération Auvergne-Rhône-Alpes';

INSERT INTO organisation (type, name) VALUES ('FEDERATION', 'Bench fédération nationale');
INSERT INTO organisation_departement (organisation_id, departement)
SELECT o.id, d.code FROM organisation o, bench_departement d WHERE o.name = 'Bench fédération nationale';

INSERT INTO app_user (username, display_name, password_hash)
SELECT 'bench-' || o.id, o.name, '{noop}not-a-password'
FROM organisation o WHERE o.name LIKE 'Bench %';
INSERT INTO membership (user_id, organisation_id, role)
SELECT u.id, o.id, CASE o.type WHEN 'CAF' THEN 'CAF_MEMBER' ELSE 'FEDERATION_MEMBER' END
FROM organisation o JOIN app_user u ON u.username = 'bench-' || o.id
WHERE o.name LIKE 'Bench %';

-- Structures: 3,000, spread over the départements; agréments ending over the next four years.
INSERT INTO organisation (type, name)
SELECT 'STRUCTURE', 'Bench structure ' || lpad(i::text, 4, '0') FROM generate_series(1, 3000) i;
INSERT INTO structure (id, kind, departement, commune, agrement_start, agrement_end)
SELECT o.id, CASE WHEN i % 5 < 3 THEN 'CENTRE_SOCIAL' ELSE 'ESPACE_VIE_SOCIALE' END, d.code, 'Commune ' || i,
       DATE '2023-01-01' + (i % 1460), DATE '2027-01-01' + (i % 1460)
FROM generate_series(1, 3000) i
JOIN organisation o ON o.name = 'Bench structure ' || lpad(i::text, 4, '0')
JOIN bench_departement d ON d.n = i % 96;

INSERT INTO evaluation (structure_id, title, scope, period_start, period_end, status)
SELECT s.id, 'Projet social 2021–2024', 'PROJET_SOCIAL', DATE '2021-01-01', DATE '2024-12-31',
       (ARRAY['FRAMING', 'COLLECTING', 'RESTITUTION', 'CLOSED'])[1 + s.id % 4]
FROM structure s JOIN organisation o ON o.id = s.id WHERE o.name LIKE 'Bench structure %';

INSERT INTO evaluation_share (structure_id, evaluation_id, recipient_id)
SELECT s.id, NULL, o.id
FROM structure s
JOIN organisation so ON so.id = s.id AND so.name LIKE 'Bench structure %'
JOIN organisation_departement od ON od.departement = s.departement
JOIN organisation o ON o.id = od.organisation_id AND o.name LIKE 'Bench %';

-- 24 more library entries, to reach 40 per evaluation with the 16 of the socle.
INSERT INTO indicator_library (organisation_id, code, name, published)
VALUES (NULL, 'bench', 'Bench : indicateurs de volume', false);
INSERT INTO library_indicator (library_id, code, name, measure, frequency, aggregation, source, position)
SELECT l.id, 'bench_' || lpad(i::text, 2, '0'), 'Indicateur de volume ' || i, 'COUNT', 'QUARTER', 'SUM',
       CASE WHEN i = 24 THEN 'SURVEY' ELSE 'MANUAL' END, i
FROM indicator_library l, generate_series(1, 24) i
WHERE l.code = 'bench' AND l.organisation_id IS NULL;

CREATE TEMPORARY TABLE bench_entry AS
SELECT row_number() OVER (ORDER BY l.code DESC, e.position) AS position, e.id, e.code, e.name, e.source
FROM library_indicator e JOIN indicator_library l ON l.id = e.library_id
WHERE l.organisation_id IS NULL AND l.code IN ('socle', 'bench');

INSERT INTO indicator (structure_id, evaluation_id, code, name, measure, frequency, aggregation, source, position,
                       library_indicator_id, display_precision)
SELECT e.structure_id, e.id, b.code, b.name, 'COUNT', 'QUARTER', 'SUM',
       CASE b.source WHEN 'SURVEY' THEN 'SURVEY' ELSE 'MANUAL' END, b.position, b.id, 0
FROM evaluation e
JOIN organisation o ON o.id = e.structure_id AND o.name LIKE 'Bench structure %'
CROSS JOIN bench_entry b;

-- 16 quarters of values for each indicator entered by hand (1.86 million values).
INSERT INTO data_value (indicator_id, structure_id, evaluation_id, period, value, source)
SELECT i.id, i.structure_id, i.evaluation_id, y || 'Q' || q,
       round((10 + (i.id * 7919 + y * 31 + q * 17) % 990)::numeric, 0), 'IMPORT'
FROM indicator i
JOIN organisation o ON o.id = i.structure_id AND o.name LIKE 'Bench structure %'
CROSS JOIN generate_series(2021, 2024) y
CROSS JOIN generate_series(1, 4) q
WHERE i.source = 'MANUAL';

-- A survey per structure: 20 numeric questions, one wave in 2024, 334 answers; the last indicator
-- takes the mean of the first question.
INSERT INTO survey (structure_id, evaluation_id, title, audience)
SELECT e.structure_id, e.id, 'Questionnaire des habitants', 'HABITANTS'
FROM evaluation e JOIN organisation o ON o.id = e.structure_id AND o.name LIKE 'Bench structure %';
INSERT INTO survey_question (survey_id, structure_id, code, kind, label, minimum, maximum, position)
SELECT s.id, s.structure_id, 'q' || q, 'NUMBER', 'Question ' || q, 0, 10, q
FROM survey s CROSS JOIN generate_series(1, 20) q
WHERE s.title = 'Questionnaire des habitants';
INSERT INTO survey_wave (survey_id, structure_id, label, token, period, position)
SELECT s.id, s.structure_id, '2024', 'bench-wave-' || lpad(s.id::text, 12, '0'), '2024Q4', 1
FROM survey s WHERE s.title = 'Questionnaire des habitants';
INSERT INTO survey_feed (indicator_id, evaluation_id, structure_id, question_id, survey_id, statistic)
SELECT i.id, i.evaluation_id, i.structure_id, q.id, s.id, 'MEAN'
FROM survey s
JOIN survey_question q ON q.survey_id = s.id AND q.code = 'q1'
JOIN indicator i ON i.evaluation_id = s.evaluation_id AND i.code = 'bench_24'
WHERE s.title = 'Questionnaire des habitants';
INSERT INTO survey_response (wave_id, survey_id, structure_id, submission_key, answers)
SELECT w.id, w.survey_id, w.structure_id, gen_random_uuid(),
       (SELECT jsonb_object_agg(q.id::text, (w.id + r * 7 + q.position * 3) % 11)
        FROM survey_question q WHERE q.survey_id = w.survey_id)
FROM survey_wave w CROSS JOIN generate_series(1, 334) r
WHERE w.token LIKE 'bench-wave-%';

ALTER TABLE data_value ENABLE TRIGGER USER;
ALTER TABLE indicator ENABLE TRIGGER USER;
ALTER TABLE evaluation ENABLE TRIGGER USER;
ALTER TABLE survey_response ENABLE TRIGGER USER;
ALTER TABLE survey_feed ENABLE TRIGGER USER;

INSERT INTO network_stale (evaluation_id, structure_id)
SELECT e.id, e.structure_id
FROM evaluation e JOIN organisation o ON o.id = e.structure_id AND o.name LIKE 'Bench structure %';

ANALYZE;
