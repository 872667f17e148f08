-- Reports for the federation that accompanies the structure, beside the CAF's, the general
-- assembly's, the partners' and the inhabitants'.
ALTER TABLE report DROP CONSTRAINT report_audience_check;
ALTER TABLE report ADD CONSTRAINT report_audience_check
    CHECK (audience IN ('CAF', 'FEDERATION', 'ASSEMBLEE', 'PARTENAIRES', 'HABITANTS'));
