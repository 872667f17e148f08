package fr.maillon.chain.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.web.Edit;

@Repository
public class EvaluationRepository {

    private static final String SELECT_EVALUATION = """
            SELECT id, structure_id, title, scope, action_name, period_start, period_end, status, version,
                   previous_evaluation_id, target_name_habitants, target_name_territoire, target_name_communaute_action,
                   purpose, audiences, means, steering
            FROM evaluation
            """;

    private final JdbcClient jdbc;

    public EvaluationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The owner of an evaluation, to ask the access policy before reading it. */
    public Optional<Long> findStructureId(long id) {
        return jdbc.sql("SELECT structure_id FROM evaluation WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    public Optional<Evaluation> find(long structureId, long id) {
        return jdbc.sql(SELECT_EVALUATION + """
                WHERE structure_id = :structureId
                  AND id = :id
                """)
                .param("structureId", structureId)
                .param("id", id)
                .query(Evaluation.class)
                .optional();
    }

    /** The kind of the structure an evaluation belongs to (its targets' default names depend on it). */
    public Optional<String> findStructureKind(long structureId) {
        return jdbc.sql("""
                SELECT kind
                  FROM structure
                 WHERE id = :structureId
                """)
                .param("structureId", structureId)
                .query(String.class)
                .optional();
    }

    public List<Evaluation> findByStructure(long structureId) {
        return jdbc.sql(SELECT_EVALUATION + """
                WHERE structure_id = :structureId
                ORDER BY period_start DESC, id DESC
                """)
                .param("structureId", structureId)
                .query(Evaluation.class)
                .list();
    }

    public List<Evaluation> findByStructures(Collection<Long> structureIds) {
        if (structureIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_EVALUATION + """
                WHERE structure_id IN (:structureIds)
                ORDER BY structure_id, period_start DESC, id DESC
                """)
                .param("structureIds", structureIds)
                .query(Evaluation.class)
                .list();
    }

    /** Whether the evaluation's figures are illustrative (the demo's): its pages say so. */
    public boolean illustrative(long structureId, long id) {
        return jdbc.sql("""
                SELECT illustrative
                FROM evaluation
                WHERE structure_id = :structureId
                  AND id = :id
                """)
                .param("structureId", structureId).param("id", id)
                .query(Boolean.class).optional().orElse(false);
    }

    public boolean markIllustrative(long structureId, long id, boolean illustrative) {
        return jdbc.sql("""
                UPDATE evaluation
                SET illustrative = :illustrative
                WHERE structure_id = :structureId
                  AND id = :id
                """)
                .param("structureId", structureId).param("id", id).param("illustrative", illustrative)
                .update() == 1;
    }

    public long insert(long structureId, EvaluationDraft draft) {
        return jdbc.sql("""
                INSERT INTO evaluation (structure_id, title, scope, action_name, period_start, period_end, status,
                                        target_name_habitants, target_name_territoire, target_name_communaute_action,
                                        purpose, audiences, means, steering)
                VALUES (:structureId, :title, :scope, :actionName, :periodStart, :periodEnd, :status,
                        :targetNameHabitants, :targetNameTerritoire, :targetNameCommunauteAction,
                        :purpose, :audiences, :means, :steering)
                RETURNING id
                """)
                .paramSource(parameters(structureId, 0, draft))
                .query(Long.class)
                .single();
    }

    /** Whether figures were entered or answered for the evaluation: a value, or a survey answer. */
    public boolean hasFigures(long structureId, long evaluationId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM data_value WHERE structure_id = :structureId AND evaluation_id = :id)
                    OR EXISTS (SELECT 1 FROM survey s JOIN survey_response r ON r.survey_id = s.id
                               WHERE s.structure_id = :structureId AND s.evaluation_id = :id)
                """)
                .param("structureId", structureId)
                .param("id", evaluationId)
                .query(Boolean.class)
                .single();
    }

    /** The next cycle of an evaluation: the one started from it, if any. */
    public Optional<Evaluation> findNext(long structureId, long previousId) {
        return jdbc.sql(SELECT_EVALUATION + """
                WHERE structure_id = :structureId
                  AND previous_evaluation_id = :previousId
                """)
                .param("structureId", structureId)
                .param("previousId", previousId)
                .query(Evaluation.class)
                .optional();
    }

    /** Inserts the next cycle of {@code previousId}, in the same structure, its targets named as the previous ones. */
    public long insertNext(long structureId, long previousId, EvaluationDraft draft) {
        return jdbc.sql("""
                INSERT INTO evaluation (structure_id, title, scope, action_name, period_start, period_end, status,
                                        previous_evaluation_id, illustrative, target_name_habitants,
                                        target_name_territoire, target_name_communaute_action)
                SELECT :structureId, :title, :scope, :actionName, :periodStart, :periodEnd, :status, :previousId,
                       previous.illustrative, previous.target_name_habitants, previous.target_name_territoire,
                       previous.target_name_communaute_action
                FROM evaluation previous
                WHERE previous.id = :previousId AND previous.structure_id = :structureId
                RETURNING id
                """)
                .paramSource(parameters(structureId, 0, draft).addValue("previousId", previousId))
                .query(Long.class)
                .single();
    }

    /** Saves the draft over the version the editor read; false when someone saved meanwhile. */
    public boolean update(long structureId, long id, EvaluationDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE evaluation
                SET title = :title, scope = :scope, action_name = :actionName,
                    period_start = :periodStart, period_end = :periodEnd, status = :status,
                    target_name_habitants = :targetNameHabitants, target_name_territoire = :targetNameTerritoire,
                    target_name_communaute_action = :targetNameCommunauteAction,
                    purpose = :purpose, audiences = :audiences, means = :means, steering = :steering,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE structure_id = :structureId
                  AND id = :id
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(parameters(structureId, id, draft)))
                .update() == 1;
    }

    private static MapSqlParameterSource parameters(long structureId, long id, EvaluationDraft draft) {
        return new MapSqlParameterSource()
                .addValue("structureId", structureId)
                .addValue("id", id)
                .addValue("title", draft.title())
                .addValue("scope", draft.scope().name())
                .addValue("actionName", draft.actionName())
                .addValue("periodStart", draft.periodStart())
                .addValue("periodEnd", draft.periodEnd())
                .addValue("status", draft.status().name())
                .addValue("targetNameHabitants", draft.targetNameHabitants())
                .addValue("targetNameTerritoire", draft.targetNameTerritoire())
                .addValue("targetNameCommunauteAction", draft.targetNameCommunauteAction())
                .addValue("purpose", draft.purpose())
                .addValue("audiences", draft.audiences())
                .addValue("means", draft.means())
                .addValue("steering", draft.steering());
    }
}
