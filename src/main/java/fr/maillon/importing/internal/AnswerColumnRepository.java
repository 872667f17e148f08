package fr.maillon.importing.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The columns of answers exports mapped onto a survey's questions at its last import, by folded header. */
@Repository
public class AnswerColumnRepository {

    /** A remembered column: its folded header, the question it answers, and the choice it marks (or none). */
    public record AnswerColumn(String header, long questionId, @Nullable String choiceCode) {
    }

    private static final String UPSERT = """
            INSERT INTO survey_answer_column (survey_id, structure_id, header, question_id, choice_code, updated_at)
            SELECT :surveyId, :structureId, column_header, column_question, column_choice, :now
            FROM unnest(CAST(:headers AS text[]), CAST(:questions AS bigint[]), CAST(:choices AS text[]))
                 AS remembered (column_header, column_question, column_choice)
            ON CONFLICT (survey_id, header)
            DO UPDATE SET question_id = EXCLUDED.question_id,
                          choice_code = EXCLUDED.choice_code,
                          updated_at = EXCLUDED.updated_at
            """;

    private final JdbcClient jdbc;

    public AnswerColumnRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AnswerColumn> columns(long structureId, long surveyId) {
        return jdbc.sql("""
                SELECT header, question_id, choice_code
                FROM survey_answer_column
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                """)
                .param("structureId", structureId).param("surveyId", surveyId)
                .query(AnswerColumn.class).list();
    }

    /** Remembers the columns of this import, each replacing what its header answered before. */
    public void remember(long structureId, long surveyId, List<AnswerColumn> columns, Instant now) {
        if (columns.isEmpty()) {
            return;
        }
        jdbc.sql(UPSERT).param("surveyId", surveyId).param("structureId", structureId)
                .param("headers", columns.stream().map(AnswerColumn::header).toArray(String[]::new))
                .param("questions", columns.stream().map(AnswerColumn::questionId).toArray(Long[]::new))
                .param("choices", columns.stream().map(AnswerColumn::choiceCode).toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }
}
