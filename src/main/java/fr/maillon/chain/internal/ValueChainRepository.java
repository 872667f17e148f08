package fr.maillon.chain.internal;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.chain.ChainElement;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.Dimension;
import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.Interaction;
import fr.maillon.chain.InteractionDraft;
import fr.maillon.chain.Link;
import fr.maillon.chain.LinkDraft;
import fr.maillon.chain.Stakeholder;
import fr.maillon.chain.StakeholderDraft;
import fr.maillon.web.Edit;

/** The value chain of an evaluation: stakeholders, elements, links and interactions. */
@Repository
public class ValueChainRepository {

    private static final String SELECT_STAKEHOLDERS = """
            SELECT id, evaluation_id, name, type, community_member, presentation, field_of_intervention,
                   constraints, strengths, position, version
            FROM stakeholder
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            ORDER BY position, id
            """;

    private static final String SELECT_ELEMENTS = """
            SELECT id, evaluation_id, kind, name, description, position, resource_kind, provider_id, quantity, unit,
                   value_eur, activity_type, support_category, target, dimension_id, version
            FROM chain_element
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            ORDER BY array_position(ARRAY['RESOURCE', 'ACTIVITY', 'OUTPUT', 'EFFECT'], kind),
                     activity_type DESC NULLS LAST, position, id
            """;

    private static final String SELECT_LINKS = """
            SELECT id, evaluation_id, source_id, target_id, rationale, hypothesis, justification, evidence, version
            FROM chain_link
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            ORDER BY id
            """;

    private static final String SELECT_INTERACTIONS = """
            SELECT id, evaluation_id, stakeholder_id, activity_id, cost, cost_quantity, cost_unit, cost_value_eur,
                   benefit, benefit_quantity, benefit_unit, benefit_value_eur, position, version
            FROM interaction
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            ORDER BY position, id
            """;

    /**
     * Swaps an element's position with its neighbour in the same list (same kind, and for
     * activities the same type), before (up) or after it.
     */
    private static final String MOVE = """
            WITH current AS (
                SELECT id, evaluation_id, position, %1$s AS grouping
                FROM %2$s
                WHERE id = :id
                  AND structure_id = :structureId
            ), neighbour AS (
                SELECT t.id, t.position
                FROM %2$s t, current c
                WHERE t.structure_id = :structureId
                  AND t.evaluation_id = c.evaluation_id
                  AND t.%1$s IS NOT DISTINCT FROM c.grouping
                  AND t.id <> c.id
                  AND (CASE WHEN :up THEN (t.position, t.id) < (c.position, c.id)
                            ELSE (t.position, t.id) > (c.position, c.id) END)
                ORDER BY CASE WHEN :up THEN -t.position ELSE t.position END,
                         CASE WHEN :up THEN -t.id ELSE t.id END
                LIMIT 1
            )
            UPDATE %2$s t
            SET position = CASE WHEN t.id = c.id THEN n.position ELSE c.position END
            FROM current c, neighbour n
            WHERE t.id IN (c.id, n.id)
              AND t.structure_id = :structureId
            """;

    private final JdbcClient jdbc;

    public ValueChainRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- reading ------------------------------------------------------------------------------

    public List<Stakeholder> stakeholders(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_STAKEHOLDERS).params(scope(structureId, evaluationId)).query(Stakeholder.class).list();
    }

    public List<ChainElement> elements(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_ELEMENTS).params(scope(structureId, evaluationId)).query(ChainElement.class).list();
    }

    public List<Link> links(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_LINKS).params(scope(structureId, evaluationId)).query(Link.class).list();
    }

    public List<Interaction> interactions(long structureId, long evaluationId) {
        return jdbc.sql(SELECT_INTERACTIONS).params(scope(structureId, evaluationId)).query(Interaction.class).list();
    }

    /** The built-in référentiels' dimensions and the structure's own. */
    public List<Dimension> dimensions(long structureId) {
        return jdbc.sql("""
                SELECT d.id, r.code AS referential_code, r.name AS referential_name, d.code, d.label
                FROM referential_dimension d
                JOIN referential r ON r.id = d.referential_id
                WHERE r.structure_id IS NULL
                   OR r.structure_id = :structureId
                ORDER BY r.structure_id NULLS FIRST, r.id, d.position
                """)
                .param("structureId", structureId)
                .query(Dimension.class)
                .list();
    }

    /** The dimensions of the référentiels offered to the structure that it did not hide. */
    public List<Dimension> offeredDimensions(long structureId) {
        return jdbc.sql("""
                SELECT d.id, r.code AS referential_code, r.name AS referential_name, d.code, d.label
                FROM referential_dimension d
                JOIN referential r ON r.id = d.referential_id
                JOIN structure s ON s.id = :structureId
                """ + ReferentialRepository.OFFERED + """
                  AND NOT EXISTS (SELECT 1
                                  FROM structure_hidden_referential hidden
                                  WHERE hidden.structure_id = :structureId
                                    AND hidden.referential_id = r.id)
                ORDER BY r.structure_id NULLS FIRST, r.id, d.position
                """)
                .param("structureId", structureId)
                .query(Dimension.class)
                .list();
    }

    // --- stakeholders -------------------------------------------------------------------------

    public long insertStakeholder(long structureId, long evaluationId, StakeholderDraft draft) {
        return jdbc.sql("""
                INSERT INTO stakeholder (structure_id, evaluation_id, name, type, community_member, presentation,
                                         field_of_intervention, constraints, strengths, position)
                VALUES (:structureId, :evaluationId, :name, :type, :communityMember, :presentation,
                        :fieldOfIntervention, :constraints, :strengths,
                        (SELECT coalesce(max(position), 0) + 1 FROM stakeholder
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId))
                RETURNING id
                """)
                .paramSource(stakeholderParameters(structureId, evaluationId, draft))
                .query(Long.class)
                .single();
    }

    /** Saves the draft over the version the editor read; false when someone saved meanwhile. */
    public boolean updateStakeholder(long structureId, long evaluationId, long id, StakeholderDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE stakeholder
                SET name = :name, type = :type, community_member = :communityMember, presentation = :presentation,
                    field_of_intervention = :fieldOfIntervention, constraints = :constraints, strengths = :strengths,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(stakeholderParameters(structureId, evaluationId, draft).addValue("id", id)))
                .update() == 1;
    }

    public boolean deleteStakeholder(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM stakeholder
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .params(scope(structureId, evaluationId)).param("id", id)
                .update() == 1;
    }

    // --- elements -----------------------------------------------------------------------------

    public long insertElement(long structureId, long evaluationId, ChainElementDraft draft) {
        return jdbc.sql("""
                INSERT INTO chain_element (structure_id, evaluation_id, kind, name, description, resource_kind,
                                           provider_id, quantity, unit, value_eur, activity_type, support_category,
                                           target, dimension_id, position)
                VALUES (:structureId, :evaluationId, :kind, :name, :description, :resourceKind, :providerId,
                        :quantity, :unit, :valueEur, :activityType, :supportCategory, :target, :dimensionId,
                        (SELECT coalesce(max(position), 0) + 1 FROM chain_element
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId AND kind = :kind))
                RETURNING id
                """)
                .paramSource(elementParameters(structureId, evaluationId, draft))
                .query(Long.class)
                .single();
    }

    /** Saves the draft over the version the editor read; false when someone saved meanwhile. */
    public boolean updateElement(long structureId, long evaluationId, long id, ChainElementDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE chain_element
                SET name = :name, description = :description, resource_kind = :resourceKind,
                    provider_id = :providerId, quantity = :quantity, unit = :unit, value_eur = :valueEur,
                    activity_type = :activityType, support_category = :supportCategory, target = :target,
                    dimension_id = :dimensionId,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(elementParameters(structureId, evaluationId, draft).addValue("id", id)))
                .update() == 1;
    }

    public boolean deleteElement(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM chain_element
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .params(scope(structureId, evaluationId)).param("id", id)
                .update() == 1;
    }

    public boolean moveElement(long structureId, long id, boolean up) {
        return jdbc.sql(MOVE.formatted("kind || coalesce(activity_type, '')", "chain_element"))
                .param("structureId", structureId).param("id", id).param("up", up)
                .update() == 2;
    }

    public boolean moveStakeholder(long structureId, long id, boolean up) {
        return jdbc.sql(MOVE.formatted("evaluation_id", "stakeholder"))
                .param("structureId", structureId).param("id", id).param("up", up)
                .update() == 2;
    }

    // --- links and interactions ---------------------------------------------------------------

    public long insertLink(long structureId, long evaluationId, long sourceId, long targetId, LinkDraft draft) {
        return jdbc.sql("""
                INSERT INTO chain_link (structure_id, evaluation_id, source_id, target_id, rationale, hypothesis,
                                        justification, evidence)
                VALUES (:structureId, :evaluationId, :sourceId, :targetId, :rationale, :hypothesis, :justification,
                        :evidence)
                ON CONFLICT (source_id, target_id) DO NOTHING
                RETURNING id
                """)
                .paramSource(linkParameters(structureId, evaluationId, draft)
                        .addValue("sourceId", sourceId).addValue("targetId", targetId))
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Saves the link's rationale and hypothesis over the version the editor read; false when someone saved meanwhile. */
    public boolean updateLink(long structureId, long evaluationId, long id, LinkDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE chain_link
                SET rationale = :rationale, hypothesis = :hypothesis, justification = :justification,
                    evidence = :evidence,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(linkParameters(structureId, evaluationId, draft).addValue("id", id)))
                .update() == 1;
    }

    public boolean deleteLink(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM chain_link
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .params(scope(structureId, evaluationId)).param("id", id)
                .update() == 1;
    }

    public long insertInteraction(long structureId, long evaluationId, InteractionDraft draft) {
        return jdbc.sql("""
                INSERT INTO interaction (structure_id, evaluation_id, stakeholder_id, activity_id, cost, cost_quantity,
                                         cost_unit, cost_value_eur, benefit, benefit_quantity, benefit_unit,
                                         benefit_value_eur, position)
                VALUES (:structureId, :evaluationId, :stakeholderId, :activityId, :cost, :costQuantity, :costUnit,
                        :costValueEur, :benefit, :benefitQuantity, :benefitUnit, :benefitValueEur,
                        (SELECT coalesce(max(position), 0) + 1 FROM interaction
                         WHERE structure_id = :structureId AND evaluation_id = :evaluationId))
                RETURNING id
                """)
                .paramSource(interactionParameters(structureId, evaluationId, draft))
                .query(Long.class)
                .single();
    }

    /** Saves the draft over the version the editor read; false when someone saved meanwhile. */
    public boolean updateInteraction(long structureId, long evaluationId, long id, InteractionDraft draft, Edit edit) {
        return jdbc.sql("""
                UPDATE interaction
                SET stakeholder_id = :stakeholderId, activity_id = :activityId, cost = :cost,
                    cost_quantity = :costQuantity, cost_unit = :costUnit, cost_value_eur = :costValueEur,
                    benefit = :benefit, benefit_quantity = :benefitQuantity, benefit_unit = :benefitUnit,
                    benefit_value_eur = :benefitValueEur,
                    version = version + 1, updated_by = :updatedBy, updated_at = :updatedAt
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND (CAST(:version AS integer) IS NULL OR version = :version)
                """)
                .paramSource(edit.addTo(interactionParameters(structureId, evaluationId, draft).addValue("id", id)))
                .update() == 1;
    }

    public boolean deleteInteraction(long structureId, long evaluationId, long id) {
        return jdbc.sql("""
                DELETE FROM interaction
                WHERE id = :id
                  AND structure_id = :structureId
                  AND evaluation_id = :evaluationId
                """)
                .params(scope(structureId, evaluationId)).param("id", id)
                .update() == 1;
    }

    // --- parameters ---------------------------------------------------------------------------

    private static Map<String, Object> scope(long structureId, long evaluationId) {
        return Map.of("structureId", structureId, "evaluationId", evaluationId);
    }

    private static MapSqlParameterSource base(long structureId, long evaluationId) {
        return new MapSqlParameterSource().addValue("structureId", structureId).addValue("evaluationId", evaluationId);
    }

    private static MapSqlParameterSource stakeholderParameters(long structureId, long evaluationId,
            StakeholderDraft draft) {
        return base(structureId, evaluationId)
                .addValue("name", draft.name())
                .addValue("type", draft.type().name())
                .addValue("communityMember", Boolean.TRUE.equals(draft.communityMember()))
                .addValue("presentation", draft.presentation())
                .addValue("fieldOfIntervention", draft.fieldOfIntervention())
                .addValue("constraints", draft.constraints())
                .addValue("strengths", draft.strengths());
    }

    private static MapSqlParameterSource elementParameters(long structureId, long evaluationId,
            ChainElementDraft draft) {
        return base(structureId, evaluationId)
                .addValue("kind", draft.kind().name())
                .addValue("name", draft.name())
                .addValue("description", draft.description())
                .addValue("resourceKind", name(draft.resourceKind()))
                .addValue("providerId", draft.providerId())
                .addValue("quantity", draft.quantity())
                .addValue("unit", draft.unit())
                .addValue("valueEur", draft.valueEur())
                .addValue("activityType", name(draft.activityType()))
                .addValue("supportCategory", name(draft.supportCategory()))
                .addValue("target", name(draft.target()))
                .addValue("dimensionId", draft.dimensionId());
    }

    private static MapSqlParameterSource linkParameters(long structureId, long evaluationId, LinkDraft draft) {
        return base(structureId, evaluationId)
                .addValue("rationale", draft.rationale())
                .addValue("hypothesis", draft.hypothesis() == null ? HypothesisStatus.NON_TESTEE.name()
                        : draft.hypothesis().name())
                .addValue("justification", draft.justification())
                .addValue("evidence", draft.evidence());
    }

    private static MapSqlParameterSource interactionParameters(long structureId, long evaluationId,
            InteractionDraft draft) {
        return base(structureId, evaluationId)
                .addValue("stakeholderId", draft.stakeholderId())
                .addValue("activityId", draft.activityId())
                .addValue("cost", draft.cost())
                .addValue("costQuantity", draft.costQuantity())
                .addValue("costUnit", draft.costUnit())
                .addValue("costValueEur", draft.costValueEur())
                .addValue("benefit", draft.benefit())
                .addValue("benefitQuantity", draft.benefitQuantity())
                .addValue("benefitUnit", draft.benefitUnit())
                .addValue("benefitValueEur", draft.benefitValueEur());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
