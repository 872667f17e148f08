package fr.maillon.chain.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Copies an evaluation's chain into another evaluation of the same structure, table by table: each
 * statement is an {@code INSERT … SELECT} that lists its columns, and the tables whose rows others
 * point at (stakeholders, chain elements) give back the id of each copy, as a map from the old id.
 * A column added to one of these tables is copied once added to both lists of its statement.
 */
@Repository
public class ChainCopyRepository {

    /** Old id → new id: each row of the previous evaluation gets its new id before it is copied. */
    private static final String COPY_STAKEHOLDERS = """
            WITH ids AS (
                SELECT id AS old_id, nextval(pg_get_serial_sequence('stakeholder', 'id')) AS new_id
                FROM stakeholder
                WHERE structure_id = :structureId
                  AND evaluation_id = :fromId
            ),
            copied AS (
                INSERT INTO stakeholder (id, structure_id, evaluation_id,
                                         name, type, community_member, presentation, field_of_intervention,
                                         constraints, strengths, position)
                OVERRIDING SYSTEM VALUE
                SELECT ids.new_id, s.structure_id, :toId,
                       s.name, s.type, s.community_member, s.presentation, s.field_of_intervention,
                       s.constraints, s.strengths, s.position
                FROM stakeholder s
                JOIN ids ON ids.old_id = s.id
                WHERE s.structure_id = :structureId
            )
            SELECT old_id, new_id
            FROM ids
            """;

    private static final String COPY_ELEMENTS = """
            WITH ids AS (
                SELECT id AS old_id, nextval(pg_get_serial_sequence('chain_element', 'id')) AS new_id
                FROM chain_element
                WHERE structure_id = :structureId
                  AND evaluation_id = :fromId
            ),
            stakeholders AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:stakeholdersFrom AS bigint[]), CAST(:stakeholdersTo AS bigint[])) AS m (old_id, new_id)
            ),
            copied AS (
                INSERT INTO chain_element (id, structure_id, evaluation_id,
                                           kind, name, description, position, resource_kind, provider_id, quantity,
                                           unit, value_eur, activity_type, support_category, target, dimension_id)
                OVERRIDING SYSTEM VALUE
                SELECT ids.new_id, e.structure_id, :toId,
                       e.kind, e.name, e.description, e.position, e.resource_kind, provider.new_id, e.quantity,
                       e.unit, e.value_eur, e.activity_type, e.support_category, e.target, e.dimension_id
                FROM chain_element e
                JOIN ids ON ids.old_id = e.id
                LEFT JOIN stakeholders provider ON provider.old_id = e.provider_id
                WHERE e.structure_id = :structureId
            )
            SELECT old_id, new_id
            FROM ids
            """;

    private static final String COPY_LINKS = """
            WITH elements AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:elementsFrom AS bigint[]), CAST(:elementsTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO chain_link (structure_id, evaluation_id,
                                    source_id, target_id, rationale)
            SELECT l.structure_id, :toId,
                   from_element.new_id, to_element.new_id, l.rationale
            FROM chain_link l
            JOIN elements from_element ON from_element.old_id = l.source_id
            JOIN elements to_element ON to_element.old_id = l.target_id
            WHERE l.structure_id = :structureId
              AND l.evaluation_id = :fromId
            """;

    private static final String COPY_INTERACTIONS = """
            WITH elements AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:elementsFrom AS bigint[]), CAST(:elementsTo AS bigint[])) AS m (old_id, new_id)
            ),
            stakeholders AS (
                SELECT old_id, new_id
                FROM unnest(CAST(:stakeholdersFrom AS bigint[]), CAST(:stakeholdersTo AS bigint[])) AS m (old_id, new_id)
            )
            INSERT INTO interaction (structure_id, evaluation_id,
                                     stakeholder_id, activity_id, cost, cost_quantity, cost_unit, cost_value_eur,
                                     benefit, benefit_quantity, benefit_unit, benefit_value_eur, position)
            SELECT i.structure_id, :toId,
                   stakeholder.new_id, activity.new_id, i.cost, i.cost_quantity, i.cost_unit, i.cost_value_eur,
                   i.benefit, i.benefit_quantity, i.benefit_unit, i.benefit_value_eur, i.position
            FROM interaction i
            JOIN stakeholders stakeholder ON stakeholder.old_id = i.stakeholder_id
            JOIN elements activity ON activity.old_id = i.activity_id
            WHERE i.structure_id = :structureId
              AND i.evaluation_id = :fromId
            """;

    private static final RowMapper<Map.Entry<Long, Long>> OLD_TO_NEW = (row, number) -> Map.entry(
            row.getLong("old_id"), row.getLong("new_id"));

    private final JdbcClient jdbc;

    public ChainCopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The copied stakeholders: old id → new id. */
    public Map<Long, Long> copyStakeholders(long structureId, long fromId, long toId) {
        return toMap(jdbc.sql(COPY_STAKEHOLDERS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .query(OLD_TO_NEW).list());
    }

    /** The copied elements (resources, activities, outputs, effects): old id → new id. */
    public Map<Long, Long> copyElements(long structureId, long fromId, long toId, Map<Long, Long> stakeholders) {
        return toMap(jdbc.sql(COPY_ELEMENTS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("stakeholdersFrom", from(stakeholders)).param("stakeholdersTo", to(stakeholders))
                .query(OLD_TO_NEW).list());
    }

    public int copyLinks(long structureId, long fromId, long toId, Map<Long, Long> elements) {
        return jdbc.sql(COPY_LINKS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("elementsFrom", from(elements)).param("elementsTo", to(elements))
                .update();
    }

    public int copyInteractions(long structureId, long fromId, long toId, Map<Long, Long> stakeholders,
            Map<Long, Long> elements) {
        return jdbc.sql(COPY_INTERACTIONS)
                .param("structureId", structureId).param("fromId", fromId).param("toId", toId)
                .param("stakeholdersFrom", from(stakeholders)).param("stakeholdersTo", to(stakeholders))
                .param("elementsFrom", from(elements)).param("elementsTo", to(elements))
                .update();
    }

    private static Map<Long, Long> toMap(List<Map.Entry<Long, Long>> entries) {
        Map<Long, Long> map = new HashMap<>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    private static Long[] from(Map<Long, Long> map) {
        return map.keySet().toArray(Long[]::new);
    }

    /** The new ids, in the order of {@link #from}'s old ids. */
    private static Long[] to(Map<Long, Long> map) {
        return map.keySet().stream().map(map::get).toArray(Long[]::new);
    }
}
