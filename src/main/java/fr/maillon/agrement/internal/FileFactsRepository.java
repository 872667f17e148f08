package fr.maillon.agrement.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What decides whether each part of many files is done, read in one statement for a network's list of files (the
 * file's own page reads the evaluation through the modules' services instead, to tell what fills each part): the
 * counts the parts' rules look at, per evaluation of the whole projet social.
 */
@Repository
public class FileFactsRepository {

    /**
     * An evaluation's facts: framed (why and who steers written), its stakeholders (and those of type habitants),
     * resources, inhabitants who took part in its workshops, objectives, evaluative questions and verdicts written,
     * the previous cycle's evaluation and its finalised reports, whether the structure marked its projet familles
     * "sans objet", and the names of its objectives and elements that may speak of families (to be confirmed by the
     * file's own rule).
     */
    public record Facts(long evaluationId, boolean framed, int stakeholders, int inhabitantStakeholders,
            int resources, int inhabitants, int objectives, int questions, int verdicts,
            @Nullable Long previousEvaluationId, int previousFinalisedReports, boolean familiesMarkedNotApplicable,
            List<String> familyCandidates) {
    }

    /** A loose first filter of the family words; the file's rule ({@code speaksOfFamilies}) decides. */
    private static final String FAMILY_PATTERN = "(f.m.l|p.r.nt.l.t|acf)";

    private static final String FACTS = """
            SELECT e.id,
                   e.purpose IS NOT NULL AND e.steering IS NOT NULL AS framed,
                   e.previous_evaluation_id,
                   (SELECT count(*) FROM stakeholder s
                     WHERE s.evaluation_id = e.id AND s.structure_id = e.structure_id) AS stakeholders,
                   (SELECT count(*) FROM stakeholder s
                     WHERE s.evaluation_id = e.id AND s.structure_id = e.structure_id
                       AND s.type = 'HABITANTS') AS inhabitant_stakeholders,
                   (SELECT count(*) FROM chain_element c
                     WHERE c.evaluation_id = e.id AND c.structure_id = e.structure_id
                       AND c.kind = 'RESOURCE') AS resources,
                   (SELECT count(*) FROM workshop w
                      JOIN workshop_participant p ON p.workshop_id = w.id AND p.structure_id = w.structure_id
                     WHERE w.evaluation_id = e.id AND w.structure_id = e.structure_id
                       AND p.role = 'HABITANT') AS inhabitants,
                   (SELECT count(*) FROM objective o
                     WHERE o.evaluation_id = e.id AND o.structure_id = e.structure_id) AS objectives,
                   (SELECT count(*) FROM evaluative_question q
                     WHERE q.evaluation_id = e.id AND q.structure_id = e.structure_id) AS questions,
                   (SELECT count(*) FROM verdict v
                     WHERE v.evaluation_id = e.id AND v.structure_id = e.structure_id) AS verdicts,
                   (SELECT count(*) FROM report r
                     WHERE r.evaluation_id = e.previous_evaluation_id AND r.structure_id = e.structure_id
                       AND EXISTS (SELECT 1 FROM report_version rv
                                   WHERE rv.report_id = r.id AND rv.structure_id = r.structure_id))
                       AS previous_finalised,
                   EXISTS (SELECT 1 FROM agrement_note n
                           WHERE n.evaluation_id = e.id AND n.structure_id = e.structure_id
                             AND n.part = 'FAMILIES' AND n.not_applicable) AS families_not_applicable,
                   ARRAY(SELECT o.title FROM objective o
                          WHERE o.evaluation_id = e.id AND o.structure_id = e.structure_id
                            AND o.title ~* :families
                         UNION ALL
                         SELECT c.name FROM chain_element c
                          WHERE c.evaluation_id = e.id AND c.structure_id = e.structure_id
                            AND c.name ~* :families) AS family_candidates
            FROM evaluation e
            WHERE e.id = ANY (:ids)
              AND e.scope = 'PROJET_SOCIAL'
            """;

    private final JdbcClient jdbc;

    public FileFactsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The facts of those evaluations that are of the whole projet social, by id; the caller read them all. */
    public Map<Long, Facts> facts(Collection<Long> evaluationIds) {
        Map<Long, Facts> facts = new HashMap<>();
        if (evaluationIds.isEmpty()) {
            return facts;
        }
        jdbc.sql(FACTS)
                .param("ids", evaluationIds.toArray(Long[]::new))
                .param("families", FAMILY_PATTERN)
                .query((rs, row) -> new Facts(rs.getLong("id"), rs.getBoolean("framed"), rs.getInt("stakeholders"),
                        rs.getInt("inhabitant_stakeholders"), rs.getInt("resources"), rs.getInt("inhabitants"),
                        rs.getInt("objectives"), rs.getInt("questions"), rs.getInt("verdicts"),
                        rs.getObject("previous_evaluation_id", Long.class), rs.getInt("previous_finalised"),
                        rs.getBoolean("families_not_applicable"),
                        Arrays.asList((String[]) rs.getArray("family_candidates").getArray())))
                .list()
                .forEach(found -> facts.put(found.evaluationId(), found));
        return facts;
    }
}
