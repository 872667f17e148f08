package fr.maillon.network.internal;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.maillon.network.ProgressQuery.Place;

/**
 * What each evaluation shared with a network holds of the method's steps, for a page of the structures of its
 * territory at once: one statement, each step's counts grouped per evaluation over the shared evaluations only, so
 * that a page of 50 structures costs one query, not 50 times the evaluation page's.
 */
@Repository
public class ProgressRepository {

    private static final String FACTS = """
            WITH shared AS (
                SELECT DISTINCT e.id, e.structure_id
                FROM network_territory t
                JOIN evaluation e ON e.structure_id = t.structure_id
                JOIN evaluation_share s ON s.structure_id = e.structure_id
                                       AND s.recipient_id = :organisation
                                       AND s.revoked_at IS NULL
                                       AND (s.evaluation_id IS NULL OR s.evaluation_id = e.id)
                WHERE t.organisation_id = :organisation AND t.structure_id IN (:structures)
            ),
            elements AS (
                SELECT c.evaluation_id, count(*) AS elements,
                       count(*) FILTER (WHERE c.activity_type = 'PRIMARY') AS primary_activities,
                       count(*) FILTER (WHERE c.kind = 'OUTPUT') AS outputs,
                       count(*) FILTER (WHERE c.kind = 'EFFECT') AS effects,
                       max(c.updated_at) AS updated_at
                FROM shared x
                JOIN chain_element c ON c.structure_id = x.structure_id AND c.evaluation_id = x.id
                GROUP BY c.evaluation_id
            ),
            links AS (
                SELECT l.evaluation_id,
                       count(*) FILTER (WHERE source.kind = 'ACTIVITY' AND target.kind = 'OUTPUT') AS activity_output,
                       count(*) FILTER (WHERE source.kind = 'OUTPUT' AND target.kind = 'EFFECT') AS output_effect
                FROM shared x
                JOIN chain_link l ON l.structure_id = x.structure_id AND l.evaluation_id = x.id
                JOIN chain_element source ON source.id = l.source_id
                JOIN chain_element target ON target.id = l.target_id
                GROUP BY l.evaluation_id
            ),
            workshops AS (
                SELECT w.evaluation_id, count(DISTINCT w.id) AS workshops, max(w.opened_at) AS last_at
                FROM shared x
                JOIN workshop w ON w.structure_id = x.structure_id AND w.evaluation_id = x.id
                WHERE EXISTS (SELECT 1 FROM workshop_participant p WHERE p.workshop_id = w.id)
                GROUP BY w.evaluation_id
            ),
            stakeholders AS (
                SELECT p.evaluation_id, count(*) AS stakeholders, max(p.updated_at) AS updated_at
                FROM shared x
                JOIN stakeholder p ON p.structure_id = x.structure_id AND p.evaluation_id = x.id
                GROUP BY p.evaluation_id
            ),
            objectives AS (
                SELECT o.evaluation_id, count(*) AS objectives, max(o.updated_at) AS updated_at
                FROM shared x
                JOIN objective o ON o.structure_id = x.structure_id AND o.evaluation_id = x.id
                GROUP BY o.evaluation_id
            ),
            answering AS (
                SELECT i.evaluation_id, max(i.updated_at) AS updated_at
                FROM shared x
                JOIN indicator i ON i.structure_id = x.structure_id AND i.evaluation_id = x.id
                WHERE EXISTS (SELECT 1 FROM indicator_question a
                              WHERE a.indicator_id = i.id AND a.evaluation_id = i.evaluation_id)
                GROUP BY i.evaluation_id
            ),
            questions AS (
                SELECT q.evaluation_id, count(*) AS questions,
                       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM indicator_question a
                                                          WHERE a.question_id = q.id
                                                            AND a.evaluation_id = q.evaluation_id)) AS unanswered,
                       max(q.updated_at) AS updated_at,
                       count(v.id) AS verdicts, max(v.updated_at) AS verdicts_at
                FROM shared x
                JOIN evaluative_question q ON q.structure_id = x.structure_id AND q.evaluation_id = x.id
                LEFT JOIN verdict v ON v.question_id = q.id AND v.evaluation_id = q.evaluation_id
                GROUP BY q.evaluation_id
            ),
            indicators AS (
                -- formulas and survey-fed indicators get no typed value: only the others wait for one;
                -- each indicator's first and last value, read through its index (indicator, day entered)
                SELECT i.evaluation_id, count(*) FILTER (WHERE i.source IN ('MANUAL', 'IMPORT')) AS indicators,
                       count(v.first_at) FILTER (WHERE i.source IN ('MANUAL', 'IMPORT')) AS measured,
                       count(*) FILTER (WHERE i.source NOT IN ('MANUAL', 'IMPORT')) AS computed_indicators,
                       max(v.first_at) AS measured_at, max(v.last_at) AS last_value_at,
                       min(v.first_at) AS first_value_at
                FROM shared x
                JOIN indicator i ON i.structure_id = x.structure_id AND i.evaluation_id = x.id
                CROSS JOIN LATERAL (SELECT min(d.entered_at) AS first_at, max(d.entered_at) AS last_at
                                    FROM data_value d WHERE d.indicator_id = i.id) v
                GROUP BY i.evaluation_id
            ),
            answers AS (
                -- each survey's first answer, read through its index: whether it has answers, and since when
                SELECT s.evaluation_id, count(*) AS surveys, count(r.first_at) AS answered,
                       min(r.first_at) AS first_at, greatest(max(s.created_at), max(s.updated_at)) AS surveys_at
                FROM shared x
                JOIN survey s ON s.structure_id = x.structure_id AND s.evaluation_id = x.id
                CROSS JOIN LATERAL (SELECT min(r.submitted_at) AS first_at
                                    FROM survey_response r
                                    WHERE r.structure_id = s.structure_id AND r.survey_id = s.id) r
                GROUP BY s.evaluation_id
            ),
            testimonies AS (
                SELECT t.evaluation_id, count(*) AS testimonies, min(t.created_at) AS first_at
                FROM shared x
                JOIN evidence t ON t.structure_id = x.structure_id AND t.evaluation_id = x.id
                GROUP BY t.evaluation_id
            ),
            contributions AS (
                SELECT c.evaluation_id, count(*) AS contributions, max(c.updated_at) AS updated_at
                FROM shared x
                JOIN contribution c ON c.structure_id = x.structure_id AND c.evaluation_id = x.id
                GROUP BY c.evaluation_id
            ),
            reports AS (
                SELECT r.evaluation_id, count(*) AS reports, max(r.created_at) AS created_at,
                       sum(w.reviewers) AS reviewers, min(w.first_at) AS reviewers_at,
                       sum(o.opinions) AS opinions, min(o.first_at) AS opinions_at,
                       min(f.first_at) AS finalised_at
                FROM shared x
                JOIN report r ON r.structure_id = x.structure_id AND r.evaluation_id = x.id
                CROSS JOIN LATERAL (SELECT count(*) AS reviewers, min(created_at) AS first_at
                                    FROM report_reviewer
                                    WHERE structure_id = r.structure_id AND report_id = r.id) w
                CROSS JOIN LATERAL (SELECT count(*) AS opinions, min(created_at) AS first_at
                                    FROM review_comment
                                    WHERE structure_id = r.structure_id AND report_id = r.id) o
                CROSS JOIN LATERAL (SELECT min(finalised_at) AS first_at
                                    FROM report_version
                                    WHERE structure_id = r.structure_id AND report_id = r.id) f
                GROUP BY r.evaluation_id
            )
            SELECT x.id, x.structure_id,
                   coalesce(p.stakeholders, 0) AS stakeholders, coalesce(c.elements, 0) AS elements,
                   coalesce(c.primary_activities, 0) AS primary_activities, coalesce(c.outputs, 0) AS outputs,
                   coalesce(c.effects, 0) AS effects, coalesce(l.activity_output, 0) AS activity_output_links,
                   coalesce(l.output_effect, 0) AS output_effect_links,
                   coalesce(w.workshops, 0) AS workshops,
                   greatest(c.updated_at, p.updated_at, w.last_at) AS chain_at,
                   coalesce(o.objectives, 0) AS objectives,
                   coalesce(q.questions, 0) AS questions, coalesce(q.unanswered, 0) AS unanswered,
                   greatest(q.updated_at, o.updated_at, ai.updated_at) AS questions_at, coalesce(q.verdicts, 0) AS verdicts, q.verdicts_at,
                   coalesce(i.indicators, 0) AS indicators, coalesce(i.measured, 0) AS measured,
                   coalesce(i.computed_indicators, 0) AS computed_indicators,
                   i.measured_at, i.last_value_at,
                   least(i.first_value_at, a.first_at, t.first_at) AS first_collected_at,
                   coalesce(a.answered, 0) + coalesce(t.testimonies, 0) AS other_collected,
                   coalesce(a.surveys, 0) AS surveys, a.surveys_at,
                   coalesce(n.contributions, 0) AS contributions, n.updated_at AS contributions_at,
                   coalesce(r.reports, 0) AS reports, r.created_at AS reports_at,
                   coalesce(r.reviewers, 0) AS reviewers, r.reviewers_at,
                   coalesce(r.opinions, 0) AS opinions, r.opinions_at, r.finalised_at
            FROM shared x
            LEFT JOIN elements c ON c.evaluation_id = x.id
            LEFT JOIN links l ON l.evaluation_id = x.id
            LEFT JOIN stakeholders p ON p.evaluation_id = x.id
            LEFT JOIN workshops w ON w.evaluation_id = x.id
            LEFT JOIN objectives o ON o.evaluation_id = x.id
            LEFT JOIN answering ai ON ai.evaluation_id = x.id
            LEFT JOIN questions q ON q.evaluation_id = x.id
            LEFT JOIN indicators i ON i.evaluation_id = x.id
            LEFT JOIN answers a ON a.evaluation_id = x.id
            LEFT JOIN testimonies t ON t.evaluation_id = x.id
            LEFT JOIN contributions n ON n.evaluation_id = x.id
            LEFT JOIN reports r ON r.evaluation_id = x.id
            """;

    private final JdbcClient jdbc;

    public ProgressRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What each evaluation holds of the method, read only for the evaluations shared with this network. */
    public record Facts(long id, long structureId, long stakeholders, long elements, long primaryActivities,
            long outputs, long effects, long activityOutputLinks, long outputEffectLinks, long workshops,
            @Nullable OffsetDateTime chainAt, long objectives, long questions, long unanswered, @Nullable OffsetDateTime questionsAt,
            long verdicts, @Nullable OffsetDateTime verdictsAt, long indicators, long measured, long computedIndicators,
            @Nullable OffsetDateTime measuredAt, @Nullable OffsetDateTime lastValueAt,
            @Nullable OffsetDateTime firstCollectedAt, long otherCollected, long surveys,
            @Nullable OffsetDateTime surveysAt, long contributions,
            @Nullable OffsetDateTime contributionsAt, long reports, @Nullable OffsetDateTime reportsAt,
            long reviewers, @Nullable OffsetDateTime reviewersAt, long opinions, @Nullable OffsetDateTime opinionsAt,
            @Nullable OffsetDateTime finalisedAt) {
    }

    /** Every evaluation an active share gives this network, of these structures of its territory. */
    public List<Facts> facts(long organisationId, Collection<Long> structureIds) {
        if (structureIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(FACTS)
                .param("organisation", organisationId)
                .param("structures", structureIds)
                .query(Facts.class)
                .list();
    }

    /** The départements of the network's territory, by région, with how many structures each holds. */
    public List<Place> places(long organisationId) {
        return jdbc.sql("""
                SELECT d.code AS departement, d.name AS departement_name, r.code AS region, r.name AS region_name,
                       count(*) AS structures
                FROM network_territory t
                JOIN structure st ON st.id = t.structure_id
                JOIN departement d ON d.code = st.departement
                JOIN region r ON r.code = d.region
                WHERE t.organisation_id = :organisation
                GROUP BY d.code, r.code
                ORDER BY r.name, d.code
                """)
                .param("organisation", organisationId)
                .query(Place.class)
                .list();
    }
}
