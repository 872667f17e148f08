package fr.maillon.chain.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sums behind stakeholder balances and resource valuation, computed by PostgreSQL. */
@Repository
public class BalanceRepository {

    private static final String AMOUNTS = """
            SELECT stakeholder_id, side, unit, sum(quantity) AS quantity
            FROM (
                SELECT stakeholder_id, 'BRINGS' AS side, cost_unit AS unit, cost_quantity AS quantity
                FROM interaction
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND cost_quantity IS NOT NULL
                UNION ALL
                SELECT stakeholder_id, 'GETS', benefit_unit, benefit_quantity
                FROM interaction
                WHERE structure_id = :structureId
                  AND evaluation_id = :evaluationId
                  AND benefit_quantity IS NOT NULL
            ) AS amounts
            GROUP BY stakeholder_id, side, unit
            ORDER BY stakeholder_id, side, unit
            """;

    private static final String EUROS = """
            SELECT stakeholder_id, count(*) AS interactions,
                   coalesce(sum(cost_value_eur), 0) AS brings_eur,
                   coalesce(sum(benefit_value_eur), 0) AS gets_eur
            FROM interaction
            WHERE structure_id = :structureId
              AND evaluation_id = :evaluationId
            GROUP BY stakeholder_id
            """;

    /**
     * Each resource's € value (its own, or volunteer hours × the rate when its unit is hours) and
     * the fraction of it that support activities use (its links to support activities over its
     * links to activities).
     */
    private static final String VALUED_RESOURCES = """
            SELECT e.id,
                   coalesce(e.value_eur,
                            CASE WHEN e.resource_kind = 'VOLUNTEER_TIME' AND e.quantity IS NOT NULL
                                      AND lower(e.unit) ~ :hoursUnit
                                 THEN round(e.quantity * :hourlyRate, 2) END,
                            0) AS value_eur,
                   e.value_eur IS NULL AND e.resource_kind = 'VOLUNTEER_TIME' AND e.quantity IS NOT NULL
                       AND lower(e.unit) ~ :hoursUnit AS computed,
                   count(a.id) FILTER (WHERE a.activity_type = 'SUPPORT') AS support_links,
                   count(a.id) AS activity_links,
                   e.resource_kind, e.provider_id
            FROM chain_element e
            LEFT JOIN chain_link l ON l.source_id = e.id AND l.structure_id = e.structure_id
            LEFT JOIN chain_element a ON a.id = l.target_id AND a.kind = 'ACTIVITY' AND a.structure_id = e.structure_id
            WHERE e.structure_id = :structureId
              AND e.evaluation_id = :evaluationId
              AND e.kind = 'RESOURCE'
            GROUP BY e.id
            """;

    private static final String TOTALS = "WITH valued AS (" + VALUED_RESOURCES + """
            )
            SELECT CASE WHEN GROUPING(resource_kind) = 0 THEN 'KIND'
                        WHEN GROUPING(provider_id) = 0 THEN 'PROVIDER'
                        ELSE 'TOTAL' END AS grouping,
                   resource_kind, provider_id,
                   coalesce(sum(value_eur), 0) AS value_eur,
                   coalesce(round(sum(value_eur * support_links / nullif(activity_links, 0)), 2), 0) AS support_eur
            FROM valued
            GROUP BY GROUPING SETS ((resource_kind), (provider_id), ())
            ORDER BY grouping, value_eur DESC
            """;

    /**
     * Units that say hours over the evaluation's period or per year ("heures", "h/an", "heures par
     * an"), not per week or month: only those are multiplied by the hourly rate.
     */
    static final String HOURS_UNIT = "^(h|hrs?|heures?|hours?)( ?(/|par|per) ?(an|année|annee|year|période|periode))?$";

    private final JdbcClient jdbc;

    public BalanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AmountRow> amounts(long structureId, long evaluationId) {
        return jdbc.sql(AMOUNTS).param("structureId", structureId).param("evaluationId", evaluationId)
                .query(AmountRow.class).list();
    }

    public List<EuroRow> euros(long structureId, long evaluationId) {
        return jdbc.sql(EUROS).param("structureId", structureId).param("evaluationId", evaluationId)
                .query(EuroRow.class).list();
    }

    public List<ValuedRow> valuedResources(long structureId, long evaluationId, BigDecimal hourlyRate) {
        return jdbc.sql(VALUED_RESOURCES).param("structureId", structureId).param("evaluationId", evaluationId)
                .param("hourlyRate", hourlyRate).param("hoursUnit", HOURS_UNIT).query(ValuedRow.class).list();
    }

    public List<TotalRow> totals(long structureId, long evaluationId, BigDecimal hourlyRate) {
        return jdbc.sql(TOTALS).param("structureId", structureId).param("evaluationId", evaluationId)
                .param("hourlyRate", hourlyRate).param("hoursUnit", HOURS_UNIT).query(TotalRow.class).list();
    }

    public record AmountRow(long stakeholderId, String side, String unit, BigDecimal quantity) {
    }

    public record EuroRow(long stakeholderId, int interactions, BigDecimal bringsEur, BigDecimal getsEur) {
    }

    public record ValuedRow(long id, BigDecimal valueEur, boolean computed, long supportLinks, long activityLinks) {

        public BigDecimal supportFraction() {
            return activityLinks == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(supportLinks).divide(BigDecimal.valueOf(activityLinks), 4, RoundingMode.HALF_UP);
        }
    }

    public record TotalRow(String grouping, @Nullable String resourceKind, @Nullable Long providerId,
            BigDecimal valueEur, BigDecimal supportEur) {
    }
}
