package fr.maillon.survey.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Responses, one row each with the answers in JSON keyed by question id, and the aggregates the
 * results and the indicators read from them, always for one structure's survey.
 */
@Repository
public class ResponseRepository {

    /** A value given by some respondents (a choice code, a level, true/false) and how many gave it. */
    public record ValueCount(String value, long count) {
    }

    /** Counts for one group of respondents (the value of a breakdown question, or "" for all). */
    public record GroupCount(String group, String value, long count) {
    }

    /** Numbers: how many answered, their sum, mean, minimum and maximum. */
    public record NumberSummary(String group, long count, @Nullable BigDecimal sum, @Nullable BigDecimal mean,
            @Nullable BigDecimal minimum, @Nullable BigDecimal maximum) {
    }

    /** What one response says for a wave and its period. */
    public record WaveCount(long waveId, long count) {
    }

    private final JdbcClient jdbc;

    public ResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a response once: a second submission with the same key changes nothing and gives false. */
    public boolean insert(long structureId, long surveyId, long waveId, UUID submissionKey, String source,
            boolean consent, String answersJson, @Nullable Long enteredBy, Instant submittedAt,
            @Nullable String respondentKey) {
        return jdbc.sql("""
                INSERT INTO survey_response (wave_id, survey_id, structure_id, submission_key, source, consent, answers,
                                             entered_by, submitted_at, respondent_key)
                VALUES (:waveId, :surveyId, :structureId, :submissionKey, :source, :consent, CAST(:answers AS jsonb),
                        :enteredBy, :submittedAt, :respondentKey)
                ON CONFLICT (wave_id, submission_key) DO NOTHING
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("waveId", waveId)
                .param("submissionKey", submissionKey).param("source", source).param("consent", consent)
                .param("answers", answersJson).param("enteredBy", enteredBy)
                .param("submittedAt", Timestamp.from(submittedAt)).param("respondentKey", respondentKey)
                .update() == 1;
    }

    /** A response to store with others of the same wave. */
    public record NewResponse(UUID submissionKey, boolean consent, String answersJson, Instant submittedAt,
            @Nullable String respondentKey) {
    }

    /** Stores responses in one batch, each once (a key already stored is passed over); gives how many were stored. */
    public int insertAll(long structureId, long surveyId, long waveId, String source, @Nullable Long enteredBy,
            List<NewResponse> responses) {
        if (responses.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                INSERT INTO survey_response (wave_id, survey_id, structure_id, submission_key, source, consent, answers,
                                             entered_by, submitted_at, respondent_key)
                SELECT :waveId, :surveyId, :structureId, submission_key, :source, consent, CAST(answers AS jsonb),
                       :enteredBy, submitted_at, respondent_key
                FROM unnest(CAST(:keys AS uuid[]), CAST(:consents AS boolean[]), CAST(:answers AS text[]),
                            CAST(:times AS timestamptz[]), CAST(:respondents AS text[]))
                     AS given (submission_key, consent, answers, submitted_at, respondent_key)
                ON CONFLICT (wave_id, submission_key) DO NOTHING
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("waveId", waveId)
                .param("source", source).param("enteredBy", enteredBy)
                .param("keys", responses.stream().map(response -> response.submissionKey().toString()).toArray(String[]::new))
                .param("consents", responses.stream().map(response -> String.valueOf(response.consent())).toArray(String[]::new))
                .param("answers", responses.stream().map(NewResponse::answersJson).toArray(String[]::new))
                .param("times", responses.stream().map(response -> response.submittedAt().toString())
                        .toArray(String[]::new))
                .param("respondents", responses.stream().map(NewResponse::respondentKey).toArray(String[]::new))
                .update();
    }

    /** A response as stored, its answers in JSON keyed by question id. */
    public record StoredResponse(long waveId, String source, boolean consent, Instant submittedAt, String answers,
            @Nullable String respondentKey) {
    }

    public List<StoredResponse> responses(long structureId, long surveyId) {
        return jdbc.sql("""
                SELECT wave_id, source, consent, submitted_at, answers::text AS answers, respondent_key
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                ORDER BY submitted_at, id
                """)
                .param("structureId", structureId).param("surveyId", surveyId)
                .query(StoredResponse.class).list();
    }

    /**
     * For each question answered with a number, a level or yes/no (as 1/0) in both waves by the same
     * people (their latest response in each wave, linked by their code): how many pairs, the means
     * before and after, and how many went down, stayed and went up.
     */
    public record PairedCount(String question, long pairs, BigDecimal meanBefore, BigDecimal meanAfter,
            long decreased, long unchanged, long increased) {
    }

    public List<PairedCount> pairedCounts(long structureId, long surveyId, long fromWaveId, long toWaveId) {
        return jdbc.sql("""
                WITH latest AS (
                    SELECT DISTINCT ON (wave_id, respondent_key) wave_id, respondent_key, answers
                    FROM survey_response
                    WHERE structure_id = :structureId
                      AND survey_id = :surveyId
                      AND wave_id IN (:fromWave, :toWave)
                      AND respondent_key IS NOT NULL
                    ORDER BY wave_id, respondent_key, submitted_at DESC, id DESC),
                values AS (
                    SELECT answer.key AS question,
                           CASE jsonb_typeof(answer.value) WHEN 'number' THEN answer.value::text::numeric
                                ELSE (answer.value = 'true'::jsonb)::int END AS before,
                           CASE jsonb_typeof(after.answers -> answer.key) WHEN 'number'
                                THEN (after.answers ->> answer.key)::numeric
                                ELSE (after.answers -> answer.key = 'true'::jsonb)::int END AS after
                    FROM latest before
                    JOIN latest after ON after.respondent_key = before.respondent_key AND after.wave_id = :toWave
                    CROSS JOIN LATERAL jsonb_each(before.answers) AS answer
                    WHERE before.wave_id = :fromWave
                      AND jsonb_typeof(answer.value) IN ('number', 'boolean')
                      AND jsonb_typeof(after.answers -> answer.key) = jsonb_typeof(answer.value))
                SELECT question, count(*) AS pairs, avg(before) AS mean_before, avg(after) AS mean_after,
                       count(*) FILTER (WHERE after < before) AS decreased,
                       count(*) FILTER (WHERE after = before) AS unchanged,
                       count(*) FILTER (WHERE after > before) AS increased
                FROM values
                GROUP BY question
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("fromWave", fromWaveId)
                .param("toWave", toWaveId)
                .query(PairedCount.class).list();
    }

    /** For each question answered with a number, a level or yes/no (as 1/0) in a wave: how many answered, their mean. */
    public record WaveMean(String question, long count, BigDecimal mean) {
    }

    public List<WaveMean> waveMeans(long structureId, long surveyId, long waveId) {
        return jdbc.sql("""
                SELECT answer.key AS question, count(*) AS count,
                       avg(CASE jsonb_typeof(answer.value) WHEN 'number' THEN answer.value::text::numeric
                                ELSE (answer.value = 'true'::jsonb)::int END) AS mean
                FROM survey_response
                CROSS JOIN LATERAL jsonb_each(answers) AS answer
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND wave_id = :waveId
                  AND jsonb_typeof(answer.value) IN ('number', 'boolean')
                GROUP BY answer.key
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("waveId", waveId)
                .query(WaveMean.class).list();
    }

    public List<WaveCount> responsesPerWave(long structureId, long surveyId) {
        return jdbc.sql("""
                SELECT wave_id, count(*) AS count
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                GROUP BY wave_id
                """)
                .param("structureId", structureId).param("surveyId", surveyId)
                .query(WaveCount.class).list();
    }

    /**
     * For each group of respondents (by their answer to {@code breakdown}, or all in group ""), how
     * many gave each value to a categorical question; multiple choices count once per choice.
     * {@code value} "" counts the respondents of the group who answered the question at all.
     */
    public List<GroupCount> counts(long structureId, long surveyId, @Nullable Long waveId, long questionId,
            boolean multiple, @Nullable Long breakdown, boolean byWave, @Nullable Filter filter) {
        String group = byWave ? "wave_id::text" : "coalesce(answers ->> :b, '')";
        String values = multiple ? "jsonb_array_elements_text(CASE WHEN jsonb_typeof(answers -> :q) = 'array' "
                + "THEN answers -> :q ELSE '[]'::jsonb END)" : "answers ->> :q";
        return jdbc.sql("""
                SELECT %s AS "group", value, count(*) AS count
                FROM (SELECT answers, wave_id, %s AS value
                      FROM survey_response
                      WHERE structure_id = :structureId
                        AND survey_id = :surveyId
                        AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                        AND jsonb_exists(answers, :q)
                        %s) answered
                GROUP BY 1, 2
                UNION ALL
                SELECT %s AS "group", '' AS value, count(*) AS count
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                  AND jsonb_exists(answers, :q)
                  %s
                GROUP BY 1
                """.formatted(group, values, Filter.sql(filter), group, Filter.sql(filter)))
                .paramSource(parameters(structureId, surveyId, waveId, questionId, breakdown, filter))
                .query(GroupCount.class).list();
    }

    /** Numbers given to a question, per group of respondents. */
    public List<NumberSummary> numbers(long structureId, long surveyId, @Nullable Long waveId, long questionId,
            @Nullable Long breakdown, @Nullable Filter filter) {
        return jdbc.sql("""
                SELECT coalesce(answers ->> :b, '') AS "group", count(*) AS count,
                       sum((answers ->> :q)::numeric) AS sum, avg((answers ->> :q)::numeric) AS mean,
                       min((answers ->> :q)::numeric) AS minimum, max((answers ->> :q)::numeric) AS maximum
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                  AND jsonb_typeof(answers -> :q) = 'number'
                  %s
                GROUP BY 1
                """.formatted(Filter.sql(filter)))
                .paramSource(parameters(structureId, surveyId, waveId, questionId, breakdown, filter))
                .query(NumberSummary.class).list();
    }

    /** The latest texts given to a question (for the structure's own eyes). */
    public List<String> texts(long structureId, long surveyId, @Nullable Long waveId, long questionId,
            @Nullable Filter filter, int limit) {
        return jdbc.sql("""
                SELECT answers ->> :q
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                  AND jsonb_exists(answers, :q)
                  %s
                ORDER BY submitted_at DESC, id DESC
                LIMIT :limit
                """.formatted(Filter.sql(filter)))
                .paramSource(parameters(structureId, surveyId, waveId, questionId, null, filter)
                        .addValue("limit", limit))
                .query(String.class).list();
    }

    /** The latest texts given with a question's "Autre" choice (for the structure's own eyes). */
    public List<String> otherTexts(long structureId, long surveyId, @Nullable Long waveId, long questionId,
            @Nullable Filter filter, int limit) {
        return jdbc.sql("""
                SELECT answers -> 'other' ->> :q
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                  AND jsonb_exists(answers -> 'other', :q)
                  %s
                ORDER BY submitted_at DESC, id DESC
                LIMIT :limit
                """.formatted(Filter.sql(filter)))
                .paramSource(parameters(structureId, surveyId, waveId, questionId, null, filter)
                        .addValue("limit", limit))
                .query(String.class).list();
    }

    /** Respondents of the survey (in a wave, and among those whose answer to a question is a value). */
    public long respondents(long structureId, long surveyId, @Nullable Long waveId, @Nullable Filter filter) {
        return jdbc.sql("""
                SELECT count(*)
                FROM survey_response
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                  AND (CAST(:waveId AS bigint) IS NULL OR wave_id = :waveId)
                  %s
                """.formatted(Filter.sql(filter)))
                .paramSource(parameters(structureId, surveyId, waveId, 0, null, filter))
                .query(Long.class).single();
    }

    /** Respondents whose answer to a question (a choice, a level, true/false) is a value; multiple choices contain it. */
    public record Filter(long questionId, String value) {

        static String sql(@Nullable Filter filter) {
            return filter == null ? ""
                    : "AND (answers ->> :fq = :fv OR (jsonb_typeof(answers -> :fq) = 'array' AND jsonb_exists(answers -> :fq, :fv)))";
        }
    }

    private static MapSqlParameterSource parameters(long structureId, long surveyId, @Nullable Long waveId,
            long questionId, @Nullable Long breakdown, @Nullable Filter filter) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("structureId", structureId).addValue("surveyId", surveyId)
                .addValue("waveId", waveId, Types.BIGINT).addValue("q", String.valueOf(questionId))
                .addValue("b", breakdown == null ? "-" : String.valueOf(breakdown));
        if (filter != null) {
            parameters.addValue("fq", String.valueOf(filter.questionId())).addValue("fv", filter.value());
        }
        return parameters;
    }
}
