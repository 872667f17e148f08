package fr.maillon.cycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.TestUsers;
import fr.maillon.chain.Evaluation;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.NextCycleDraft;
import fr.maillon.framework.IndicatorTarget;
import fr.maillon.framework.internal.MovedTargets;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The next cycle of the demo's Conserverie (exported from La Coopération and imported into a structure of the
 * test's own): the chain and the cadre copied, the targets moved on, no value copied, the previous evaluation
 * unchanged, the pages showing the previous cycle and its last figures, and bad requests refused with nothing
 * written.
 */
@SpringBootTest
@AutoConfigureMockMvc
class NextCycleTests {

    /** The tables copied, each with as many rows in the next cycle as in the previous one. */
    private static final List<String> COPIED = List.of("stakeholder", "chain_element", "chain_link", "interaction",
            "objective", "objective_effect", "evaluative_question", "question_objective", "indicator",
            "indicator_question", "indicator_element");

    private static final String NEXT = "{\"title\":\"Conserverie 2022–2025\",\"periodStart\":\"2022-01-01\","
            + "\"periodEnd\":\"2025-12-31\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long previous;

    @BeforeEach
    void importTheDemosConserverie() throws Exception {
        long conserverie = jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
        String document = mvc.perform(get("/api/v1/evaluations/{id}/export", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        MockHttpServletResponse imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content(document)).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        previous = Long.parseLong(imported.getContentAsString().replaceAll("\\D", ""));
    }

    @Test
    void theNextCycleStartsWithTheChainTheCadreAndTheTargetsMovedOnButNoValue() throws Exception {
        String before = export(previous);
        Map<String, Long> counts = COPIED.stream().collect(java.util.stream.Collectors.toMap(table -> table,
                table -> count(table, previous)));
        // the demo as loaded (other tests may add to it): 27 elements, 36 links, 13 interactions, 11 stakeholders…
        assertThat(counts.values()).allMatch(count -> count > 0);
        assertThat(count("data_value", previous)).isPositive();

        MockHttpServletResponse started = start(previous, NEXT, editor.username());
        assertThat(started.getStatus()).as(started.getContentAsString()).isEqualTo(201);
        long next = Long.parseLong(started.getContentAsString().replaceAll("\\D", ""));

        for (String table : COPIED) {
            assertThat(count(table, next)).as(table).isEqualTo(counts.get(table));
        }
        assertThat(count("data_value", next)).isZero();
        assertThat(count("data_value_history", next)).isZero();
        assertThat(count("survey", next)).isZero();
        assertThat(count("evidence", next)).isZero();
        assertThat(count("report", next)).isZero();
        assertThat(jdbc.sql("SELECT previous_evaluation_id FROM evaluation WHERE id = :id").param("id", next)
                .query(Long.class).single()).isEqualTo(previous);
        assertThat(jdbc.sql("SELECT status FROM evaluation WHERE id = :id").param("id", next).query(String.class)
                .single()).isEqualTo("FRAMING");

        // the same chain, link by link, and the same interactions, by name
        assertThat(links(next)).containsExactlyInAnyOrderElementsOf(links(previous));
        assertThat(interactions(next)).containsExactlyInAnyOrderElementsOf(interactions(previous));
        assertThat(objectiveEffects(next)).containsExactlyInAnyOrderElementsOf(objectiveEffects(previous));
        assertThat(indicatorLinks(next)).containsExactlyInAnyOrderElementsOf(indicatorLinks(previous));

        // each question names the one it was copied from, the same text in the previous evaluation
        assertThat(jdbc.sql("""
                SELECT count(*)
                FROM evaluative_question q
                JOIN evaluative_question p ON p.id = q.previous_question_id
                WHERE q.evaluation_id = :next AND p.evaluation_id = :previous AND p.text = q.text
                  AND p.criterion_id = q.criterion_id
                """).param("next", next).param("previous", previous).query(Long.class).single())
                .isEqualTo(counts.get("evaluative_question"));
        assertThat(jdbc.sql("""
                SELECT count(*)
                FROM indicator i
                JOIN indicator p ON p.id = i.previous_indicator_id
                WHERE i.evaluation_id = :next AND p.evaluation_id = :previous AND p.code = i.code
                  AND p.formula IS NOT DISTINCT FROM i.formula
                  AND p.disaggregation_id IS NOT DISTINCT FROM i.disaggregation_id
                  AND p.library_indicator_id IS NOT DISTINCT FROM i.library_indicator_id
                """).param("next", next).param("previous", previous).query(Long.class).single())
                .isEqualTo(counts.get("indicator"));

        // targets moved on: cumulative ones restart their trajectory, the others keep the last level
        assertThat(targets(next, "kg_transformes")).containsExactly(
                "2022=400", "2023=800", "2024=1300", "2025=1800");
        assertThat(targets(next, "producteurs")).containsExactly("2022=25", "2023=25", "2024=25", "2025=25");
        assertThat(targets(next, "part_qpv")).containsExactly("2022=50", "2023=50", "2024=50", "2025=50");
        assertThat(targets(previous, "kg_transformes")).containsExactly(
                "2018=400", "2019=800", "2020=1300", "2021=1800");

        // the figures of the last cycle are the new baselines: the volunteers of 2021 (21 in the demo)
        assertThat(jdbc.sql("""
                SELECT baseline_value, baseline_date
                FROM indicator
                WHERE evaluation_id = :next AND code = 'benevoles'
                """).param("next", next).query((row, n) -> row.getBigDecimal(1).stripTrailingZeros().toPlainString()
                        + " " + row.getDate(2).toLocalDate()).single()).isEqualTo(volunteers2021() + " 2021-12-31");

        // the previous evaluation is unchanged, and an evaluation has one next cycle at most
        assertThat(export(previous)).isEqualTo(before);
        MockHttpServletResponse again = start(previous, NEXT.replace("2022-01-01", "2026-01-01")
                .replace("2025-12-31", "2029-12-31"), editor.username());
        assertThat(again.getStatus()).isEqualTo(422);
        assertThat(again.getContentAsString()).contains("Le cycle suivant de cette évaluation existe déjà");
    }

    @Test
    void thePagesShowThePreviousCycleAndItsLastFiguresAsTheStartingPoint() throws Exception {
        String form = page("/evaluations/" + previous + "/next-cycle");
        assertThat(form).contains("value=\"Conserverie Mobile et Solidaire 2022&ndash;2025\"")
                .contains("value=\"2022-01-01\"").contains("value=\"2025-12-31\"");
        MockHttpServletResponse created = mvc.perform(post("/evaluations/{id}/next-cycle", previous)
                .with(users.as(editor.username())).with(csrf())
                .param("title", "Conserverie Mobile et Solidaire 2022–2025")
                .param("periodStart", "2022-01-01").param("periodEnd", "2025-12-31")).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        long next = Long.parseLong(created.getRedirectedUrl().replaceAll("\\D", ""));

        String evaluation = page("/evaluations/" + next);
        assertThat(evaluation).contains("Cycle précédent").contains("href=\"/evaluations/" + previous + "\"")
                .contains("du 01/01/2018 au 31/12/2021");
        assertThat(page("/evaluations/" + previous)).contains("Cycle suivant")
                .contains("href=\"/evaluations/" + next + "\"").doesNotContain("/next-cycle\"");

        long oldQuestion = jdbc.sql("SELECT min(id) FROM evaluative_question WHERE evaluation_id = :id")
                .param("id", previous).query(Long.class).single();
        long questions = jdbc.sql("SELECT count(*) FROM evaluative_question WHERE evaluation_id = :id")
                .param("id", previous).query(Long.class).single();
        String cadre = page("/evaluations/" + next + "/framework");
        assertThat(cadre).contains("Point de départ : le cycle précédent")
                .contains(questions + " questions évaluatives reprises du cycle précédent")
                .contains("/evaluations/" + previous + "/framework#question-" + oldQuestion)
                .contains("Bénévoles actifs").contains(volunteers2021() + " personnes (2021)");
        String dashboard = page("/evaluations/" + next + "/dashboard");
        assertThat(dashboard).contains("id=\"previous-cycle\"").contains(volunteers2021() + " personnes (2021)")
                .contains("cumul : ");
        // the previous cycle's verdicts are the starting point of the new one's
        String verdict = jdbc.sql("SELECT argument FROM verdict WHERE question_id = :q").param("q", oldQuestion)
                .query(String.class).single();
        assertThat(HtmlUtils.htmlUnescape(dashboard)).contains("id=\"previous-verdicts\"")
                .contains(verdict.substring(0, 40));
        assertThat(page("/evaluations/" + previous + "/dashboard")).doesNotContain("id=\"previous-cycle\"");
    }

    @Test
    void aClosedEvaluationOffersItsNextCycleToItsEditorsOnly() throws Exception {
        jdbc.sql("UPDATE evaluation SET status = 'CLOSED' WHERE id = :id").param("id", previous).update();
        assertThat(page("/evaluations/" + previous)).contains("id=\"next-cycle-offer\"")
                .contains("/evaluations/" + previous + "/next-cycle");
        String viewer = users.newUsername("viewer");
        users.addMember(editor.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);
        String read = mvc.perform(get("/evaluations/{id}", previous).with(users.as(viewer))).andReturn()
                .getResponse().getContentAsString();
        assertThat(read).doesNotContain("next-cycle-offer");
        assertThat(mvc.perform(get("/evaluations/{id}/next-cycle", previous).with(users.as(viewer))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(start(previous, NEXT, viewer).getStatus()).isEqualTo(403);
        assertThat(count("evaluation", 0)).isEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithAClearMessageAndNothingWritten() throws Exception {
        assertRefused(NEXT.replace("2025-12-31", "2021-06-30"), "$.periodEnd", "La fin de la période précède son début.");
        assertRefused(NEXT.replace("2022-01-01", "2021-06-01"), "$.periodStart",
                "Le cycle suivant commence après la fin du précédent (le 31/12/2021).");
        assertRefused(NEXT.replace("2022-01-01", "2015-01-01").replace("2025-12-31", "2016-12-31"), "$.periodStart",
                "Le cycle suivant commence après la fin du précédent");
        assertRefused(NEXT.replace("Conserverie 2022–2025", "  "), "$.title", "Le titre est obligatoire");
        assertRefused(NEXT.replace("Conserverie 2022–2025", "x".repeat(201)), "$.title", "Le titre est obligatoire");
        assertRefused("{}", "$.periodStart", "Indiquez la date.");

        MockHttpServletResponse broken = start(previous, NEXT.replace("2022-01-01", "2022-13-45"), editor.username());
        assertThat(broken.getStatus()).isEqualTo(400);

        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_EDITOR);
        MockHttpServletResponse foreign = start(previous, NEXT, stranger.username());
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(foreign.getContentAsString()).doesNotContain("Conserverie");
        assertThat(count("evaluation", 0)).isEqualTo(1);

        // the page's form keeps what was typed and says what is wrong
        String page = mvc.perform(post("/evaluations/{id}/next-cycle", previous).with(users.as(editor.username()))
                .with(csrf()).param("title", "Suite").param("periodStart", "2021-01-01").param("periodEnd", "2024-12-31"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Le cycle suivant commence après la fin du précédent (le 31/12/2021).")
                .contains("value=\"Suite\"");
        assertThat(count("evaluation", 0)).isEqualTo(1);
        assertThat(count("stakeholder", 0)).isEqualTo(count("stakeholder", previous));
    }

    @Test
    void theProposalIsTheNextPeriodOfTheSameLengthWithTheYearsMovedOn() {
        assertThat(NextCycleDraft.after(evaluation("Projet social 2018-2021", "2018-01-01", "2021-12-31")))
                .isEqualTo(new NextCycleDraft("Projet social 2022-2025", LocalDate.parse("2022-01-01"),
                        LocalDate.parse("2025-12-31")));
        assertThat(NextCycleDraft.after(evaluation("Accueil de loisirs", "2023-09-01", "2024-08-31")))
                .isEqualTo(new NextCycleDraft("Accueil de loisirs 2024–2025", LocalDate.parse("2024-09-01"),
                        LocalDate.parse("2025-08-31")));
        assertThat(NextCycleDraft.after(evaluation("Fête 2024", "2024-06-10", "2024-06-20")))
                .isEqualTo(new NextCycleDraft("Fête 2024", LocalDate.parse("2024-06-21"),
                        LocalDate.parse("2024-07-01")));
        assertThat(NextCycleDraft.after(evaluation("x".repeat(200), "2020-01-01", "2020-12-31")).title())
                .hasSize(200).endsWith(" 2021");
    }

    @Test
    void targetsMoveOnByKindOfPeriod() {
        List<IndicatorTarget> rising = List.of(target("2018", 10), target("2019", 12), target("2020", 14),
                target("2021", 16), target("2018-01-01..2019-12-31", 30));
        assertThat(MovedTargets.moveOn(9, false, rising, date("2018-01-01"), date("2021-12-31"), date("2022-01-01"),
                date("2024-12-31"))).extracting(target -> target.period() + "=" + target.value())
                .containsExactly("2022=16", "2023=16", "2024=16");
        assertThat(MovedTargets.moveOn(9, true, rising, date("2018-01-01"), date("2021-12-31"), date("2022-01-01"),
                date("2027-12-31"))).extracting(target -> target.period() + "=" + target.value())
                .containsExactly("2022=10", "2023=12", "2024=14", "2025=16", "2026=16", "2027=16");
        assertThat(MovedTargets.moveOn(9, false, List.of(target("2021Q4", 5)), date("2021-01-01"),
                date("2021-12-31"), date("2022-01-01"), date("2022-06-30")))
                .extracting(IndicatorTarget::period).containsExactly("2022Q1", "2022Q2");
        assertThat(MovedTargets.moveOn(9, true, List.of(), date("2021-01-01"), date("2021-12-31"),
                date("2022-01-01"), date("2022-12-31"))).isEmpty();
    }

    /** The demo's last figure of its volunteers (21), as the previous evaluation holds it. */
    private String volunteers2021() {
        return jdbc.sql("""
                SELECT trim_scale(v.value)
                FROM data_value v
                JOIN indicator i ON i.id = v.indicator_id
                WHERE v.evaluation_id = :id AND i.code = 'benevoles' AND v.period = '2021' AND v.category = ''
                """).param("id", previous).query(String.class).single();
    }

    private void assertRefused(String body, String path, String message) throws Exception {
        long evaluations = count("evaluation", 0);
        long stakeholders = count("stakeholder", 0);
        MockHttpServletResponse response = start(previous, body, editor.username());
        assertThat(response.getStatus()).as(body).isEqualTo(422);
        assertThat(response.getContentType()).contains("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"path\":\"" + path + "\"").contains(message);
        assertThat(count("evaluation", 0)).isEqualTo(evaluations);
        assertThat(count("stakeholder", 0)).isEqualTo(stakeholders);
    }

    private MockHttpServletResponse start(long evaluationId, String body, String username) throws Exception {
        return mvc.perform(post("/api/v1/evaluations/{id}/next-cycle", evaluationId).with(users.as(username))
                .with(csrf()).contentType("application/json").content(body)).andReturn().getResponse();
    }

    private String page(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).with(users.as(editor.username()))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    private String export(long evaluationId) throws Exception {
        return mvc.perform(get("/api/v1/evaluations/{id}/export", evaluationId).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
    }

    /** Rows of the table in the evaluation, or in the whole test structure (evaluationId 0). */
    private long count(String table, long evaluationId) {
        String column = table.equals("evaluation") ? "id" : "evaluation_id";
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE structure_id = :structure"
                + (evaluationId == 0 ? "" : " AND " + column + " = :evaluation"))
                .param("structure", editor.structureId()).param("evaluation", evaluationId)
                .query(Long.class).single();
    }

    private List<String> links(long evaluationId) {
        return jdbc.sql("""
                SELECT s.name || ' -> ' || t.name || ' : ' || coalesce(l.rationale, '')
                FROM chain_link l
                JOIN chain_element s ON s.id = l.source_id
                JOIN chain_element t ON t.id = l.target_id
                WHERE l.evaluation_id = :id
                """).param("id", evaluationId).query(String.class).list();
    }

    private List<String> interactions(long evaluationId) {
        return jdbc.sql("""
                SELECT s.name || ' / ' || a.name || ' : ' || i.cost || ' / ' || i.benefit
                FROM interaction i
                JOIN stakeholder s ON s.id = i.stakeholder_id
                JOIN chain_element a ON a.id = i.activity_id
                WHERE i.evaluation_id = :id
                """).param("id", evaluationId).query(String.class).list();
    }

    private List<String> objectiveEffects(long evaluationId) {
        return jdbc.sql("""
                SELECT o.title || ' -> ' || e.name
                FROM objective_effect oe
                JOIN objective o ON o.id = oe.objective_id
                JOIN chain_element e ON e.id = oe.effect_id
                WHERE oe.evaluation_id = :id
                UNION ALL
                SELECT q.text || ' ? ' || o.title
                FROM question_objective qo
                JOIN evaluative_question q ON q.id = qo.question_id
                JOIN objective o ON o.id = qo.objective_id
                WHERE qo.evaluation_id = :id
                """).param("id", evaluationId).query(String.class).list();
    }

    private List<String> indicatorLinks(long evaluationId) {
        return jdbc.sql("""
                SELECT i.code || ' answers ' || q.text
                FROM indicator_question iq
                JOIN indicator i ON i.id = iq.indicator_id
                JOIN evaluative_question q ON q.id = iq.question_id
                WHERE iq.evaluation_id = :id
                UNION ALL
                SELECT i.code || ' follows ' || e.name
                FROM indicator_element ie
                JOIN indicator i ON i.id = ie.indicator_id
                JOIN chain_element e ON e.id = ie.element_id
                WHERE ie.evaluation_id = :id
                """).param("id", evaluationId).query(String.class).list();
    }

    private List<String> targets(long evaluationId, String code) {
        return jdbc.sql("""
                SELECT t.period || '=' || trim_scale(t.value)
                FROM indicator_target t
                JOIN indicator i ON i.id = t.indicator_id
                WHERE t.evaluation_id = :id AND i.code = :code
                ORDER BY t.period
                """).param("id", evaluationId).param("code", code).query(String.class).list();
    }

    private static Evaluation evaluation(String title, String start, String end) {
        return new Evaluation(1, 1, title, EvaluationScope.PROJET_SOCIAL, null, date(start), date(end),
                EvaluationStatus.CLOSED, 0, null);
    }

    private static IndicatorTarget target(String period, int value) {
        return new IndicatorTarget(1, period, BigDecimal.valueOf(value));
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
