package fr.maillon.framework;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 13: an editor's {@code FACT(5000000)} held its results page and the network refresh. A
 * formula over bounds is refused on save (service, page, API) with a French message naming the
 * problem, nothing saved; one planted in the database gives "pas de valeur" with its reason.
 */
@SpringBootTest
@AutoConfigureMockMvc
class FormulaBoundsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Bornes", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2018, 1, 1), LocalDate.of(2019, 12, 31), null));
        framework.addIndicator(evaluation, indicator("participants", null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void formulasOverBoundsAreRefusedWhenSavedAndNothingIsSaved() {
        assertRefused(() -> framework.addIndicator(evaluation, indicator("f", "FACT(5000000)")),
                "framework.formula.limit.factorial");
        assertRefused(() -> framework.addIndicator(evaluation, indicator("f", "10^1000000")),
                "framework.formula.limit.power");
        assertRefused(() -> framework.addIndicator(evaluation, indicator("f", "participants ^ 1000000")),
                "framework.formula.limit.power");
        assertRefused(() -> framework.addIndicator(evaluation, indicator("f", "STR_FORMAT(\"%0999999999d\", 1)")),
                "framework.formula.function");
        long kept = framework.addIndicator(evaluation, indicator("f", "participants * 2"));
        assertRefused(() -> framework.updateIndicator(evaluation, kept, indicator("f", "FACT(participants) * 1E+500")),
                "framework.formula.limit.magnitude");
        assertThat(jdbc.sql("SELECT formula FROM indicator WHERE evaluation_id = :e AND code = 'f'")
                .param("e", evaluation).query(String.class).single()).isEqualTo("participants * 2");
    }

    @Test
    void thePageAndTheApiSayWhatIsWrongWithTheFormula() throws Exception {
        MockHttpServletResponse page = as(post("/evaluations/{e}/indicators/new", evaluation).param("code", "f")
                .param("name", "F").param("measure", "COUNT").param("source", "FORMULA")
                .param("formula", "FACT(5000000)").param("frequency", "YEAR").param("aggregation", "SUM")
                .param("direction", "INCREASE"));
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("FACT accepte au plus 50").contains("FACT(5000000)");
        MockHttpServletResponse power = as(post("/evaluations/{e}/indicators/new", evaluation).param("code", "f")
                .param("name", "F").param("measure", "COUNT").param("source", "FORMULA")
                .param("formula", "10^1000000").param("frequency", "YEAR").param("aggregation", "SUM")
                .param("direction", "INCREASE"));
        assertThat(power.getContentAsString()).contains("L&#39;exposant de « ^ » doit rester entre -100 et 100");

        MockHttpServletResponse api = as(post("/api/v1/evaluations/{e}/indicators", evaluation)
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"code": "f", "name": "F", "measure": "COUNT", "source": "FORMULA", "formula": "10^1000000"}
                        """));
        assertThat(api.getStatus()).isEqualTo(422);
        assertThat(api.getContentAsString()).contains("\"path\":\"$.formula\"")
                .contains("doit rester entre -100 et 100");
        assertThat(jdbc.sql("SELECT count(*) FROM indicator WHERE evaluation_id = :e").param("e", evaluation)
                .query(Integer.class).single()).isOne();
    }

    // a guard against a hang (what the finding was), not a measure of time
    @Test
    @Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES,
            threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFormulaPlantedInTheDatabaseGivesNoValueWithItsReason() throws Exception {
        users.signIn(editor.username()); // this test runs on a thread of its own
        long participants = framework.indicators(evaluation).get(0).id();
        framework.addIndicator(evaluation, indicator("f", "participants * 2"));
        framework.saveGrid(evaluation, false, List.of(new CellInput(participants, "2018", "3")));
        jdbc.sql("UPDATE indicator SET formula = 'FACT(5000000)' WHERE evaluation_id = :e AND code = 'f'")
                .param("e", evaluation).update();

        PeriodResult planted = framework.results(evaluation, PeriodType.YEAR).get(1).periods().get(0);
        assertThat(planted.value()).isNull();
        assertThat(planted.noValue().reason().name()).isEqualTo("OUT_OF_BOUNDS");
        assertThat(planted.noValue().detail()).isEqualTo("FACT");
        String results = mvc.perform(get("/evaluations/{e}/results", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(results).contains("pas de valeur : la formule sort des limites de calcul (FACT)");
    }

    private static IndicatorDraft indicator(String code, String formula) {
        return new IndicatorDraft(code, "Indicateur " + code, null, Measure.COUNT, null, null, null, null, null, null,
                null, false, formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula, null, null, null, null);
    }

    private static void assertRefused(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }

    private MockHttpServletResponse as(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
    }
}
