package fr.maillon.restitution.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.restitution.Verdict;
import fr.maillon.restitution.VerdictEvidence;
import fr.maillon.restitution.VerdictEvidenceKind;
import fr.maillon.web.Edit;

/** The verdicts of an evaluation's questions and the evidence each cites. */
@Repository
public class VerdictRepository {

    /** A written verdict, with who saved it last (her name) and when. */
    public record Row(long id, long questionId, Verdict verdict, String argument, int version,
            @Nullable String updatedBy, @Nullable OffsetDateTime updatedAt, @Nullable String plainMessage) {
    }

    /** A piece of evidence a verdict cites, at its place in the verdict's list. */
    public record Cited(long questionId, int position, VerdictEvidence evidence) {
    }

    /** One cited item to write: the reference, and the survey of a survey question. */
    public record NewCited(VerdictEvidence evidence, @Nullable Long surveyId) {
    }

    private static final String SELECT_VERDICT = """
            SELECT v.id, v.question_id, v.verdict, v.argument, v.version, u.display_name AS updated_by, v.updated_at,
                   v.plain_message
            FROM verdict v
            LEFT JOIN app_user u ON u.id = v.updated_by
            WHERE v.structure_id = :structureId
              AND v.evaluation_id = :evaluationId
            """;

    private static final RowMapper<Row> ROW = (rs, row) -> new Row(rs.getLong("id"), rs.getLong("question_id"),
            Verdict.valueOf(rs.getString("verdict")), rs.getString("argument"), rs.getInt("version"),
            rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class), rs.getString("plain_message"));

    private static final String SELECT_CITED = """
            SELECT v.question_id, e.position, e.kind, e.indicator_id, e.survey_question_id, e.survey_wave_id,
                   e.evidence_id, e.effect_id
            FROM verdict_evidence e
            JOIN verdict v ON v.id = e.verdict_id
            WHERE e.structure_id = :structureId
              AND e.evaluation_id = :evaluationId
            """;

    private static final RowMapper<Cited> CITED = (rs, row) -> {
        VerdictEvidenceKind kind = VerdictEvidenceKind.valueOf(rs.getString("kind"));
        String column = switch (kind) {
            case INDICATOR -> "indicator_id";
            case SURVEY_QUESTION -> "survey_question_id";
            case TESTIMONY -> "evidence_id";
            case CONTRIBUTION -> "effect_id";
        };
        return new Cited(rs.getLong("question_id"), rs.getInt("position"), new VerdictEvidence(kind,
                rs.getLong(column), rs.getObject("survey_wave_id", Long.class)));
    };

    private final JdbcClient jdbc;

    public VerdictRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> verdicts(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_VERDICT)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(ROW).list();
    }

    public Optional<Row> verdict(long structureId, long evaluationId, long questionId) {
        return jdbc.sql(SELECT_VERDICT + "  AND v.question_id = :questionId\n")
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("questionId", questionId)
                .query(ROW).optional();
    }

    /** The evidence the evaluation's verdicts cite, by question and in each verdict's order. */
    public List<Cited> cited(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_CITED + "ORDER BY v.question_id, e.position\n")
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(CITED).list();
    }

    public List<Cited> cited(long structureId, long evaluationId, long questionId) {
        return jdbc.sql(SELECT_CITED + "  AND v.question_id = :questionId\nORDER BY e.position\n")
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("questionId", questionId)
                .query(CITED).list();
    }

    /**
     * Writes a question's verdict over the version its author read, 0 when none was written (the
     * first save makes version 1); its id, or empty, and nothing written, when someone saved it
     * meanwhile.
     */
    public Optional<Long> save(long structureId, long evaluationId, long questionId, Verdict verdict, String argument,
            @Nullable String plainMessage, Edit edit) {
        MapSqlParameterSource parameters = edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                .addValue("evaluationId", evaluationId).addValue("questionId", questionId)
                .addValue("verdict", verdict.name()).addValue("argument", argument)
                .addValue("plainMessage", plainMessage));
        return jdbc.sql("""
                INSERT INTO verdict (structure_id, evaluation_id, question_id, verdict, argument, plain_message, version,
                                     updated_by, updated_at)
                SELECT :structureId, :evaluationId, :questionId, :verdict, :argument, :plainMessage, 1, :updatedBy,
                       :updatedAt
                WHERE coalesce(CAST(:version AS integer), 0) = 0
                   OR EXISTS (SELECT 1 FROM verdict WHERE evaluation_id = :evaluationId AND question_id = :questionId)
                ON CONFLICT (evaluation_id, question_id) DO UPDATE
                SET verdict = EXCLUDED.verdict, argument = EXCLUDED.argument, plain_message = EXCLUDED.plain_message,
                    version = verdict.version + 1,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                WHERE verdict.structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR verdict.version = :version)
                RETURNING id
                """)
                .paramSource(parameters)
                .query(Long.class).optional();
    }

    /** Replaces the evidence a verdict cites by this list, in its order. */
    public void replaceEvidence(long structureId, long evaluationId, long verdictId, List<NewCited> evidence) {
        jdbc.sql("""
                DELETE FROM verdict_evidence
                WHERE structure_id = :structureId
                  AND verdict_id = :verdictId
                """)
                .param("structureId", structureId).param("verdictId", verdictId)
                .update();
        if (evidence.isEmpty()) {
            return;
        }
        int size = evidence.size();
        String[] kinds = new String[size];
        Long[] indicators = new Long[size];
        Long[] surveys = new Long[size];
        Long[] questions = new Long[size];
        Long[] waves = new Long[size];
        Long[] items = new Long[size];
        Long[] effects = new Long[size];
        for (int i = 0; i < size; i++) {
            VerdictEvidence item = evidence.get(i).evidence();
            kinds[i] = item.kind().name();
            indicators[i] = item.kind() == VerdictEvidenceKind.INDICATOR ? item.id() : null;
            surveys[i] = evidence.get(i).surveyId();
            questions[i] = item.kind() == VerdictEvidenceKind.SURVEY_QUESTION ? item.id() : null;
            waves[i] = item.waveId();
            items[i] = item.kind() == VerdictEvidenceKind.TESTIMONY ? item.id() : null;
            effects[i] = item.kind() == VerdictEvidenceKind.CONTRIBUTION ? item.id() : null;
        }
        jdbc.sql("""
                INSERT INTO verdict_evidence (verdict_id, structure_id, evaluation_id, position, kind, indicator_id,
                                              survey_id, survey_question_id, survey_wave_id, evidence_id, effect_id)
                SELECT :verdictId, :structureId, :evaluationId, cited.position - 1, cited.kind, cited.indicator_id,
                       cited.survey_id, cited.survey_question_id, cited.survey_wave_id, cited.evidence_id,
                       cited.effect_id
                FROM unnest(CAST(:kinds AS text[]), CAST(:indicators AS bigint[]), CAST(:surveys AS bigint[]),
                            CAST(:questions AS bigint[]), CAST(:waves AS bigint[]), CAST(:items AS bigint[]),
                            CAST(:effects AS bigint[]))
                     WITH ORDINALITY AS cited (kind, indicator_id, survey_id, survey_question_id, survey_wave_id,
                                               evidence_id, effect_id, position)
                """)
                .param("verdictId", verdictId).param("structureId", structureId).param("evaluationId", evaluationId)
                .param("kinds", kinds).param("indicators", indicators).param("surveys", surveys)
                .param("questions", questions).param("waves", waves).param("items", items).param("effects", effects)
                .update();
    }
}
