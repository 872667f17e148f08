package fr.maillon.survey.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.survey.Audience;
import fr.maillon.survey.Choice;
import fr.maillon.survey.Feed;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Section;
import fr.maillon.survey.Statistic;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.Wave;
import fr.maillon.web.Edit;

/** Surveys, their sections, questions, choices and waves, and the indicators they feed. */
@Repository
public class SurveyRepository {

    private record SurveyRow(long id, long structureId, long evaluationId, String title, @Nullable String titleEn,
            @Nullable String introduction, String audience, @Nullable String consentText, int version,
            boolean followsRespondents) {
    }

    private record ChoiceRow(long questionId, String code, String label, @Nullable String labelEn) {
    }

    private final JdbcClient jdbc;
    private final PublicSurveyCache cache;

    public SurveyRepository(JdbcClient jdbc, PublicSurveyCache cache) {
        this.cache = cache;
        this.jdbc = jdbc;
    }

    public List<Survey> surveys(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT id, structure_id, evaluation_id, title, title_en, introduction, audience, consent_text, version,
                       follows_respondents
                FROM survey
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(SurveyRow.class).list().stream().map(this::survey).toList();
    }

    /** A survey, whoever asks: the caller checks access to its structure. */
    public Optional<Survey> find(long surveyId) {
        return jdbc.sql("""
                SELECT id, structure_id, evaluation_id, title, title_en, introduction, audience, consent_text, version,
                       follows_respondents
                FROM survey
                WHERE id = :id
                """)
                .param("id", surveyId)
                .query(SurveyRow.class).optional().map(this::survey);
    }

    /** The survey and wave of a public link. */
    public Optional<Long> surveyOfToken(String token) {
        return jdbc.sql("SELECT survey_id FROM survey_wave WHERE token = :token")
                .param("token", token).query(Long.class).optional();
    }

    private Survey survey(SurveyRow row) {
        List<Section> sections = jdbc.sql("""
                SELECT id, title, title_en, position, parent_id, relevant, layout
                FROM survey_section
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                ORDER BY position, id
                """)
                .param("structureId", row.structureId()).param("surveyId", row.id())
                .query(Section.class).list();
        Map<Long, List<Choice>> choices = jdbc.sql("""
                SELECT choice.question_id, choice.code, choice.label, choice.label_en
                FROM survey_choice choice
                JOIN survey_question question ON question.id = choice.question_id
                WHERE question.structure_id = :structureId
                  AND question.survey_id = :surveyId
                ORDER BY choice.position, choice.id
                """)
                .param("structureId", row.structureId()).param("surveyId", row.id())
                .query(ChoiceRow.class).list().stream()
                .collect(Collectors.groupingBy(ChoiceRow::questionId,
                        Collectors.mapping(choice -> new Choice(choice.code(), choice.label(), choice.labelEn()),
                                Collectors.toList())));
        List<Question> questions = jdbc.sql("""
                SELECT id, survey_id, section_id, code, kind, label, label_en, hint, hint_en, required, personal_data,
                       minimum, maximum, condition_question_id, condition_values, position, version, relevant,
                       constraint_expression, constraint_message, constraint_message_en, or_other
                FROM survey_question
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                ORDER BY position, id
                """)
                .param("structureId", row.structureId()).param("surveyId", row.id())
                .query((rs, n) -> {
                    Array values = rs.getArray("condition_values");
                    long id = rs.getLong("id");
                    return new Question(id, rs.getLong("survey_id"), rs.getObject("section_id", Long.class),
                            rs.getString("code"), QuestionKind.valueOf(rs.getString("kind")), rs.getString("label"),
                            rs.getString("label_en"), rs.getString("hint"), rs.getString("hint_en"),
                            rs.getBoolean("required"), rs.getBoolean("personal_data"), rs.getBigDecimal("minimum"),
                            rs.getBigDecimal("maximum"), rs.getObject("condition_question_id", Long.class),
                            values == null ? null : Arrays.asList((String[]) values.getArray()), rs.getInt("position"),
                            choices.getOrDefault(id, List.of()), rs.getInt("version"), rs.getString("relevant"),
                            rs.getString("constraint_expression"), rs.getString("constraint_message"),
                            rs.getString("constraint_message_en"), rs.getBoolean("or_other"));
                }).list();
        List<Wave> waves = jdbc.sql("""
                SELECT id, survey_id, label, token, opens_at, closes_at, period, position, version
                FROM survey_wave
                WHERE structure_id = :structureId
                  AND survey_id = :surveyId
                ORDER BY position, id
                """)
                .param("structureId", row.structureId()).param("surveyId", row.id())
                .query(Wave.class).list();
        return new Survey(row.id(), row.structureId(), row.evaluationId(), row.title(), row.titleEn(),
                row.introduction(), Audience.valueOf(row.audience()), row.consentText(), sections, questions, waves,
                row.version(), row.followsRespondents());
    }

    /** Follows respondents across waves or stops; the survey's secret for their codes is made once and kept. */
    public void followRespondents(long structureId, long surveyId, boolean follow, byte[] newSecret) {
        jdbc.sql("""
                UPDATE survey
                SET follows_respondents = :follow,
                    respondent_secret = coalesce(respondent_secret, :secret)
                WHERE structure_id = :structureId
                  AND id = :surveyId
                """)
                .param("follow", follow).param("secret", newSecret)
                .param("structureId", structureId).param("surveyId", surveyId)
                .update();
        cache.forget(surveyId);
    }

    /** The survey's secret for its respondents' codes; none until it first followed them. */
    public Optional<byte[]> respondentSecret(long structureId, long surveyId) {
        return jdbc.sql("""
                SELECT respondent_secret
                FROM survey
                WHERE structure_id = :structureId
                  AND id = :surveyId
                  AND respondent_secret IS NOT NULL
                """)
                .param("structureId", structureId).param("surveyId", surveyId)
                .query(byte[].class).optional();
    }

    public long insert(long structureId, long evaluationId, SurveyDraft draft) {
        return jdbc.sql("""
                INSERT INTO survey (structure_id, evaluation_id, title, title_en, introduction, audience, consent_text)
                VALUES (:structureId, :evaluationId, :title, :titleEn, :introduction, :audience, :consentText)
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("title", draft.title()).param("titleEn", draft.titleEn())
                .param("introduction", draft.introduction()).param("audience", draft.audience().name())
                .param("consentText", draft.consentText())
                .query(Long.class).single();
    }

    /** Saves the survey over the version the editor read; false when someone saved it meanwhile. */
    public boolean update(long structureId, long surveyId, SurveyDraft draft, Edit edit) {
        cache.forget(surveyId);
        return jdbc.sql("""
                UPDATE survey
                SET title = :title, title_en = :titleEn, introduction = :introduction, audience = :audience,
                    consent_text = :consentText,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                        .addValue("id", surveyId).addValue("title", draft.title()).addValue("titleEn", draft.titleEn())
                        .addValue("introduction", draft.introduction()).addValue("audience", draft.audience().name())
                        .addValue("consentText", draft.consentText())))
                .update() == 1;
    }

    public void delete(long structureId, long surveyId) {
        cache.forget(surveyId);
        jdbc.sql("DELETE FROM survey WHERE id = :id AND structure_id = :structureId")
                .param("structureId", structureId).param("id", surveyId).update();
    }

    /** Deletes a wave that no response belongs to; false when it has some (or is not the survey's). */
    public boolean deleteEmptyWave(long structureId, long surveyId, long waveId) {
        cache.forget(surveyId);
        return jdbc.sql("""
                DELETE FROM survey_wave wave
                WHERE wave.structure_id = :structureId
                  AND wave.survey_id = :surveyId
                  AND wave.id = :waveId
                  AND NOT EXISTS (SELECT 1 FROM survey_response response
                                  WHERE response.wave_id = wave.id AND response.survey_id = :surveyId)
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("waveId", waveId)
                .update() == 1;
    }

    /** The next place in the survey's one order of questions and sections. */
    private static final String NEXT_POSITION = """
            (SELECT coalesce(max(position), 0) + 1
             FROM (SELECT position FROM survey_question WHERE survey_id = :surveyId
                   UNION ALL
                   SELECT position FROM survey_section WHERE survey_id = :surveyId) used)""";

    public long insertSection(long structureId, long surveyId, String title, @Nullable String titleEn) {
        return insertSection(structureId, surveyId, new Section(0, title, titleEn, 0));
    }

    /** Adds a section after everything the survey holds (its parent and expression as given). */
    public long insertSection(long structureId, long surveyId, Section section) {
        cache.forget(surveyId);
        return jdbc.sql("""
                INSERT INTO survey_section (survey_id, structure_id, title, title_en, parent_id, relevant, layout,
                                            position)
                VALUES (:surveyId, :structureId, :title, :titleEn, :parentId, :relevant, :layout, %s)
                RETURNING id
                """.formatted(NEXT_POSITION))
                .param("structureId", structureId).param("surveyId", surveyId).param("title", section.title())
                .param("titleEn", section.titleEn()).param("parentId", section.parentId(), Types.BIGINT)
                .param("relevant", section.relevant()).param("layout", section.layout())
                .query(Long.class).single();
    }

    /** Changes a section's titles, parent and expression (its place is kept); false when it is not the survey's. */
    public boolean updateSection(long structureId, long surveyId, Section section) {
        cache.forget(surveyId);
        return jdbc.sql("""
                UPDATE survey_section
                SET title = :title, title_en = :titleEn, parent_id = :parentId, relevant = :relevant
                WHERE id = :id
                  AND survey_id = :surveyId
                  AND structure_id = :structureId
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("id", section.id())
                .param("title", section.title()).param("titleEn", section.titleEn())
                .param("parentId", section.parentId(), Types.BIGINT).param("relevant", section.relevant())
                .update() == 1;
    }

    /** Sets a question's expressions and messages (after the questions they name exist: an import). */
    public void updateLogic(long structureId, long surveyId, long questionId, @Nullable String relevant,
            @Nullable String constraint, @Nullable String message, @Nullable String messageEn) {
        cache.forget(surveyId);
        jdbc.sql("""
                UPDATE survey_question
                SET relevant = :relevant, constraint_expression = :constraint, constraint_message = :message,
                    constraint_message_en = :messageEn
                WHERE id = :id
                  AND survey_id = :surveyId
                  AND structure_id = :structureId
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("id", questionId)
                .param("relevant", relevant).param("constraint", constraint).param("message", message)
                .param("messageEn", messageEn)
                .update();
    }

    public void deleteSection(long structureId, long surveyId, long sectionId) {
        cache.forget(surveyId);
        jdbc.sql("DELETE FROM survey_section WHERE id = :id AND survey_id = :surveyId AND structure_id = :structureId")
                .param("structureId", structureId).param("surveyId", surveyId).param("id", sectionId).update();
    }

    /** Inserts (id null) or updates a question, then replaces its choices. */
    /**
     * Adds a question, or saves one over the version the editor read ({@code edit}); its id, or
     * empty when someone saved it meanwhile (nothing written).
     */
    public Optional<Long> saveQuestion(long structureId, long surveyId, @Nullable Long id, QuestionDraft question,
            Edit edit) {
        cache.forget(surveyId);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("structureId", structureId).addValue("surveyId", surveyId).addValue("id", id)
                .addValue("sectionId", question.sectionId()).addValue("code", question.code())
                .addValue("kind", question.kind().name()).addValue("label", question.label())
                .addValue("labelEn", question.labelEn()).addValue("hint", question.hint())
                .addValue("hintEn", question.hintEn()).addValue("required", Boolean.TRUE.equals(question.required()))
                .addValue("personalData", Boolean.TRUE.equals(question.personalData()))
                .addValue("minimum", question.minimum(), Types.NUMERIC)
                .addValue("maximum", question.maximum(), Types.NUMERIC)
                .addValue("conditionQuestionId", question.conditionQuestionId(), Types.BIGINT)
                .addValue("conditionValues", question.conditionValues() == null ? null
                        : question.conditionValues().toArray(String[]::new), Types.ARRAY)
                .addValue("relevant", question.relevant()).addValue("constraint", question.constraint())
                .addValue("constraintMessage", question.constraintMessage())
                .addValue("constraintMessageEn", question.constraintMessageEn())
                .addValue("orOther", Boolean.TRUE.equals(question.orOther()));
        edit.addTo(parameters);
        long saved = id == null ? jdbc.sql("""
                INSERT INTO survey_question (survey_id, structure_id, section_id, code, kind, label, label_en, hint,
                                             hint_en, required, personal_data, minimum, maximum,
                                             condition_question_id, condition_values, relevant,
                                             constraint_expression, constraint_message, constraint_message_en,
                                             or_other, position)
                VALUES (:surveyId, :structureId, :sectionId, :code, :kind, :label, :labelEn, :hint, :hintEn, :required,
                        :personalData, :minimum, :maximum, :conditionQuestionId, :conditionValues, :relevant,
                        :constraint, :constraintMessage, :constraintMessageEn, :orOther, %s)
                RETURNING id
                """.formatted(NEXT_POSITION)).paramSource(parameters).query(Long.class).single()
                : jdbc.sql("""
                UPDATE survey_question
                SET section_id = :sectionId, code = :code, kind = :kind, label = :label, label_en = :labelEn,
                    hint = :hint, hint_en = :hintEn, required = :required, personal_data = :personalData,
                    minimum = :minimum, maximum = :maximum, condition_question_id = :conditionQuestionId,
                    condition_values = :conditionValues, relevant = :relevant,
                    constraint_expression = :constraint, constraint_message = :constraintMessage,
                    constraint_message_en = :constraintMessageEn, or_other = :orOther,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND survey_id = :surveyId
                  AND structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                RETURNING id
                """).paramSource(parameters).query(Long.class).optional().orElse(0L);
        if (saved == 0L) {
            return Optional.empty();
        }
        jdbc.sql("DELETE FROM survey_choice WHERE question_id = :id AND structure_id = :structureId")
                .param("id", saved).param("structureId", structureId).update();
        List<Choice> choices = question.choices() == null ? List.of() : question.choices();
        if (!choices.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO survey_choice (question_id, structure_id, code, label, label_en, position)
                    SELECT :questionId, :structureId, choice.code, choice.label, choice.label_en, choice.position
                    FROM unnest(:codes, :labels, :labelsEn) WITH ORDINALITY AS choice (code, label, label_en, position)
                    """)
                    .param("questionId", saved).param("structureId", structureId)
                    .param("codes", choices.stream().map(Choice::code).toArray(String[]::new), Types.ARRAY)
                    .param("labels", choices.stream().map(Choice::label).toArray(String[]::new), Types.ARRAY)
                    .param("labelsEn", choices.stream().map(Choice::labelEn).toArray(String[]::new), Types.ARRAY)
                    .update();
        }
        return Optional.of(saved);
    }

    public void deleteQuestion(long structureId, long surveyId, long questionId) {
        cache.forget(surveyId);
        jdbc.sql("DELETE FROM survey_question WHERE id = :id AND survey_id = :surveyId AND structure_id = :structureId")
                .param("structureId", structureId).param("surveyId", surveyId).param("id", questionId).update();
    }

    /** Swaps two questions' places in the survey's order (neighbours in the same section). */
    public void swapQuestions(long structureId, long surveyId, long questionId, long otherId) {
        cache.forget(surveyId);
        jdbc.sql("""
                UPDATE survey_question question
                SET position = CASE WHEN question.id = :questionId THEN other.position ELSE moved.position END
                FROM survey_question moved, survey_question other
                WHERE moved.id = :questionId
                  AND other.id = :otherId
                  AND question.id IN (:questionId, :otherId)
                  AND question.survey_id = :surveyId
                  AND question.structure_id = :structureId
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("questionId", questionId)
                .param("otherId", otherId)
                .update();
    }

    public long insertWave(long structureId, long surveyId, String label, String token, @Nullable Instant opensAt,
            @Nullable Instant closesAt, String period) {
        cache.forget(surveyId);
        return jdbc.sql("""
                INSERT INTO survey_wave (survey_id, structure_id, label, token, opens_at, closes_at, period, position)
                VALUES (:surveyId, :structureId, :label, :token, :opensAt, :closesAt, :period,
                        (SELECT coalesce(max(position), 0) + 1 FROM survey_wave WHERE survey_id = :surveyId))
                RETURNING id
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("label", label)
                .param("token", token).param("opensAt", opensAt == null ? null : Timestamp.from(opensAt))
                .param("closesAt", closesAt == null ? null : Timestamp.from(closesAt)).param("period", period)
                .query(Long.class).single();
    }

    /** Changes a wave over the version its editor read; false, and nothing written, when someone saved it meanwhile. */
    public boolean updateWave(long structureId, long surveyId, long waveId, String label, @Nullable Instant opensAt,
            @Nullable Instant closesAt, String period, Edit edit) {
        cache.forget(surveyId);
        return jdbc.sql("""
                UPDATE survey_wave
                SET label = :label, opens_at = :opensAt, closes_at = :closesAt, period = :period,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id AND survey_id = :surveyId AND structure_id = :structureId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                        .addValue("surveyId", surveyId).addValue("id", waveId).addValue("label", label)
                        .addValue("opensAt", opensAt == null ? null : Timestamp.from(opensAt))
                        .addValue("closesAt", closesAt == null ? null : Timestamp.from(closesAt))
                        .addValue("period", period)))
                .update() == 1;
    }

    // --- feeds --------------------------------------------------------------------------------

    public List<Feed> feeds(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT indicator_id, survey_id, question_id, statistic, choice_code, breakdown_question_id
                FROM survey_feed
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY indicator_id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query((rs, n) -> new Feed(rs.getLong("indicator_id"), rs.getLong("survey_id"),
                        rs.getLong("question_id"), Statistic.valueOf(rs.getString("statistic")),
                        rs.getString("choice_code"), rs.getObject("breakdown_question_id", Long.class)))
                .list();
    }

    public void saveFeed(long structureId, long evaluationId, Feed feed) {
        jdbc.sql("""
                INSERT INTO survey_feed (indicator_id, evaluation_id, structure_id, question_id, survey_id, statistic,
                                         choice_code, breakdown_question_id)
                VALUES (:indicatorId, :evaluationId, :structureId, :questionId, :surveyId, :statistic, :choiceCode,
                        :breakdownQuestionId)
                ON CONFLICT (indicator_id) DO UPDATE
                SET question_id = EXCLUDED.question_id, survey_id = EXCLUDED.survey_id,
                    statistic = EXCLUDED.statistic, choice_code = EXCLUDED.choice_code,
                    breakdown_question_id = EXCLUDED.breakdown_question_id
                """)
                .param("indicatorId", feed.indicatorId()).param("evaluationId", evaluationId)
                .param("structureId", structureId).param("questionId", feed.questionId())
                .param("surveyId", feed.surveyId()).param("statistic", feed.statistic().name())
                .param("choiceCode", feed.choiceCode()).param("breakdownQuestionId", feed.breakdownQuestionId())
                .update();
    }

    public void deleteFeed(long structureId, long surveyId, long indicatorId) {
        jdbc.sql("""
                DELETE FROM survey_feed
                WHERE indicator_id = :indicatorId
                  AND survey_id = :surveyId
                  AND structure_id = :structureId
                """)
                .param("structureId", structureId).param("surveyId", surveyId).param("indicatorId", indicatorId)
                .update();
    }
}
