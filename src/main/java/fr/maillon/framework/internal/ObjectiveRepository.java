package fr.maillon.framework.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;


import fr.maillon.chain.EffectTarget;
import fr.maillon.framework.Criterion;
import fr.maillon.framework.EvaluativeQuestion;
import fr.maillon.framework.IndicatorLinks;
import fr.maillon.framework.Objective;
import fr.maillon.web.Edit;

/** Criteria, transformation objectives and evaluative questions, with their links. */
@Repository
public class ObjectiveRepository {

    private final JdbcClient jdbc;

    public ObjectiveRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Criterion> criteria(long structureId) {
        return jdbc.sql("""
                SELECT id, code, label, definition, structure_id IS NOT NULL AS own
                FROM criterion
                WHERE structure_id IS NULL
                   OR structure_id = :structureId
                ORDER BY structure_id NULLS FIRST, position, id
                """)
                .param("structureId", structureId)
                .query(Criterion.class)
                .list();
    }

    public long insertCriterion(long structureId, String code, String label) {
        return jdbc.sql("""
                INSERT INTO criterion (structure_id, code, label, position)
                VALUES (:structureId, :code, :label,
                        (SELECT coalesce(max(position), 0) + 1 FROM criterion WHERE structure_id = :structureId))
                RETURNING id
                """)
                .param("structureId", structureId).param("code", code).param("label", label)
                .query(Long.class)
                .single();
    }

    public List<Objective> objectives(long structureId, long evaluationId) {
        Map<Long, List<Long>> effects = links("""
                SELECT objective_id AS owner, effect_id AS other
                FROM objective_effect
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY effect_id
                """, structureId, evaluationId);
        return jdbc.sql("""
                SELECT id, evaluation_id, target, title, description, position, version
                FROM objective
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY array_position(ARRAY['HABITANTS', 'TERRITOIRE', 'COMMUNAUTE_ACTION'], target), position, id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query((rs, row) -> new Objective(rs.getLong("id"), rs.getLong("evaluation_id"),
                        EffectTarget.valueOf(rs.getString("target")), rs.getString("title"),
                        rs.getString("description"), rs.getInt("position"),
                        effects.getOrDefault(rs.getLong("id"), List.of()), rs.getInt("version")))
                .list();
    }

    public List<EvaluativeQuestion> questions(long structureId, long evaluationId) {
        Map<Long, List<Long>> objectives = links("""
                SELECT question_id AS owner, objective_id AS other
                FROM question_objective
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY objective_id
                """, structureId, evaluationId);
        return jdbc.sql("""
                SELECT id, evaluation_id, criterion_id, text, position, version
                FROM evaluative_question
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY position, id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query((rs, row) -> new EvaluativeQuestion(rs.getLong("id"), rs.getLong("evaluation_id"),
                        rs.getLong("criterion_id"), rs.getString("text"), rs.getInt("position"),
                        objectives.getOrDefault(rs.getLong("id"), List.of()), rs.getInt("version")))
                .list();
    }

    public long insertObjective(long structureId, long evaluationId, EffectTarget target, String title,
            String description) {
        return jdbc.sql("""
                INSERT INTO objective (structure_id, evaluation_id, target, title, description, position)
                VALUES (:structureId, :evaluationId, :target, :title, :description,
                        (SELECT coalesce(max(position), 0) + 1 FROM objective
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId))
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId).param("target", target.name())
                .param("title", title).param("description", description)
                .query(Long.class)
                .single();
    }

    /** Saves over the version the editor read; false when someone saved meanwhile. */
    public boolean updateObjective(long structureId, long evaluationId, long id, EffectTarget target, String title,
            String description, Edit edit) {
        return jdbc.sql("""
                UPDATE objective
                SET target = :target, title = :title, description = :description,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                        .addValue("evaluationId", evaluationId).addValue("id", id).addValue("target", target.name())
                        .addValue("title", title).addValue("description", description)))
                .update() == 1;
    }

    public void replaceEffects(long structureId, long evaluationId, long objectiveId, Collection<Long> effectIds) {
        jdbc.sql("DELETE FROM objective_effect WHERE structure_id = :structureId AND objective_id = :objectiveId")
                .param("structureId", structureId).param("objectiveId", objectiveId).update();
        for (long effectId : effectIds) {
            jdbc.sql("""
                    INSERT INTO objective_effect (objective_id, effect_id, structure_id, evaluation_id)
                    VALUES (:objectiveId, :effectId, :structureId, :evaluationId)
                    """)
                    .param("objectiveId", objectiveId).param("effectId", effectId).param("structureId", structureId)
                    .param("evaluationId", evaluationId).update();
        }
    }

    public long insertQuestion(long structureId, long evaluationId, long criterionId, String text) {
        return jdbc.sql("""
                INSERT INTO evaluative_question (structure_id, evaluation_id, criterion_id, text, position)
                VALUES (:structureId, :evaluationId, :criterionId, :text,
                        (SELECT coalesce(max(position), 0) + 1 FROM evaluative_question
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId))
                RETURNING id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .param("criterionId", criterionId).param("text", text)
                .query(Long.class)
                .single();
    }

    /** Saves over the version the editor read; false when someone saved meanwhile. */
    public boolean updateQuestion(long structureId, long evaluationId, long id, long criterionId, String text,
            Edit edit) {
        return jdbc.sql("""
                UPDATE evaluative_question
                SET criterion_id = :criterionId, text = :text,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("structureId", structureId)
                        .addValue("evaluationId", evaluationId).addValue("id", id)
                        .addValue("criterionId", criterionId).addValue("text", text)))
                .update() == 1;
    }

    public void replaceObjectives(long structureId, long evaluationId, long questionId, Collection<Long> objectiveIds) {
        jdbc.sql("DELETE FROM question_objective WHERE structure_id = :structureId AND question_id = :questionId")
                .param("structureId", structureId).param("questionId", questionId).update();
        for (long objectiveId : objectiveIds) {
            jdbc.sql("""
                    INSERT INTO question_objective (question_id, objective_id, structure_id, evaluation_id)
                    VALUES (:questionId, :objectiveId, :structureId, :evaluationId)
                    """)
                    .param("questionId", questionId).param("objectiveId", objectiveId)
                    .param("structureId", structureId).param("evaluationId", evaluationId).update();
        }
    }

    /** The questions and elements of every indicator of the evaluation. */
    public List<IndicatorLinks> indicatorLinks(long structureId, long evaluationId) {
        Map<Long, List<Long>> questions = links("""
                SELECT indicator_id AS owner, question_id AS other
                FROM indicator_question
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY question_id
                """, structureId, evaluationId);
        Map<Long, List<Long>> elements = links("""
                SELECT indicator_id AS owner, element_id AS other
                FROM indicator_element
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY element_id
                """, structureId, evaluationId);
        return jdbc.sql("""
                SELECT id
                FROM indicator
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                ORDER BY position, id
                """)
                .param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Long.class).list().stream()
                .map(id -> new IndicatorLinks(id, questions.getOrDefault(id, List.of()),
                        elements.getOrDefault(id, List.of())))
                .toList();
    }

    /**
     * Raises an indicator's version for a change of its links, over the version its editor read;
     * false, and nothing changed, when someone saved the indicator meanwhile.
     */
    public boolean touchIndicator(long structureId, long evaluationId, long indicatorId, Edit edit) {
        return jdbc.sql("""
                UPDATE indicator
                SET version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(new MapSqlParameterSource().addValue("id", indicatorId)
                        .addValue("structureId", structureId).addValue("evaluationId", evaluationId)))
                .update() == 1;
    }

    public void replaceIndicatorLinks(long structureId, long evaluationId, IndicatorLinks links) {
        jdbc.sql("DELETE FROM indicator_question WHERE structure_id = :structureId AND indicator_id = :indicatorId")
                .param("structureId", structureId).param("indicatorId", links.indicatorId()).update();
        jdbc.sql("DELETE FROM indicator_element WHERE structure_id = :structureId AND indicator_id = :indicatorId")
                .param("structureId", structureId).param("indicatorId", links.indicatorId()).update();
        for (long questionId : links.questionIds()) {
            jdbc.sql("""
                    INSERT INTO indicator_question (indicator_id, question_id, structure_id, evaluation_id)
                    VALUES (:indicatorId, :questionId, :structureId, :evaluationId)
                    """)
                    .param("indicatorId", links.indicatorId()).param("questionId", questionId)
                    .param("structureId", structureId).param("evaluationId", evaluationId).update();
        }
        for (long elementId : links.elementIds()) {
            jdbc.sql("""
                    INSERT INTO indicator_element (indicator_id, element_id, structure_id, evaluation_id)
                    VALUES (:indicatorId, :elementId, :structureId, :evaluationId)
                    """)
                    .param("indicatorId", links.indicatorId()).param("elementId", elementId)
                    .param("structureId", structureId).param("evaluationId", evaluationId).update();
        }
    }

    public boolean deleteObjective(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM objective
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("id", id).param("structureId", structureId).param("evaluationId", evaluationId)
                .update() == 1;
    }

    public boolean deleteQuestion(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM evaluative_question
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .param("id", id).param("structureId", structureId).param("evaluationId", evaluationId)
                .update() == 1;
    }

    public record Pair(long owner, long other) {
    }

    private Map<Long, List<Long>> links(String sql, long structureId, long evaluationId) {
        return jdbc.sql(sql).param("structureId", structureId).param("evaluationId", evaluationId)
                .query(Pair.class).list().stream()
                .collect(Collectors.groupingBy(Pair::owner, Collectors.mapping(Pair::other, Collectors.toList())));
    }
}
