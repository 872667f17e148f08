package fr.maillon.framework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Indicators saved with their rules, the grid checked cell by cell, results computed from the database. */
@SpringBootTest
class FrameworkServiceTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    JdbcClient jdbc;

    long evaluation;

    @BeforeEach
    void setUp() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Cadre", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2018, 1, 1), LocalDate.of(2021, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void formulasAreCheckedWhenSavedAndComputedWhenRead() {
        long hours = framework.addIndicator(evaluation, indicator("volunteers_hours", Measure.HOURS, null));
        framework.addIndicator(evaluation, indicator("hourly_rate", Measure.EUR, null));
        long value = framework.addIndicator(evaluation, indicator("volunteering_value", Measure.EUR,
                "volunteers_hours * hourly_rate"));
        assertViolation(() -> framework.addIndicator(evaluation, indicator("x", Measure.COUNT, "inconnu + 1")),
                "framework.formula.unknown");
        assertViolation(() -> framework.addIndicator(evaluation, indicator("volunteers_hours", Measure.COUNT, null)),
                "framework.indicator.code.taken");
        assertViolation(() -> framework.updateIndicator(evaluation, hours, indicator("volunteers_hours",
                Measure.HOURS, "volunteering_value / 2")), "framework.formula.cycle");
        assertViolation(() -> framework.deleteIndicator(evaluation, hours), "framework.indicator.usedByFormula");

        List<CellInput> cells = new ArrayList<>();
        cells.add(new CellInput(hours, "2018", "1 200"));
        cells.add(new CellInput(hours, "2019", "1500,5"));
        long rate = framework.indicators(evaluation).get(1).id();
        cells.add(new CellInput(rate, "2018", "11,88"));
        assertThat(framework.saveGrid(evaluation, false, cells)).isEqualTo(3);

        List<IndicatorResults> results = framework.results(evaluation, PeriodType.YEAR);
        IndicatorResults computed = results.stream().filter(r -> r.indicator().id() == value).findFirst().orElseThrow();
        assertThat(computed.periods().get(0).value()).isEqualByComparingTo("14256");
        assertThat(computed.periods().get(1).value()).isNull();
        assertThat(computed.periods().get(1).noValue().reason()).isEqualTo(NoValue.Reason.MISSING_INPUT);
        assertThat(computed.periods().get(1).noValue().detail()).isEqualTo("hourly_rate");
    }

    @Test
    void theGridNamesEveryBadCellAndSavesNothing() {
        long count = framework.addIndicator(evaluation, indicator("participants", Measure.COUNT, null));
        long share = framework.addIndicator(evaluation, indicator("share", Measure.PERCENTAGE, null));
        long formula = framework.addIndicator(evaluation, indicator("double", Measure.COUNT, "participants * 2"));
        assertThatThrownBy(() -> framework.saveGrid(evaluation, false, List.of(
                new CellInput(count, "2018", "12"),
                new CellInput(count, "2019", "douze"),
                new CellInput(share, "2018", "120"),
                new CellInput(count, "2030", "5"),
                new CellInput(formula, "2018", "3"))))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::field)
                        .containsExactly("cell_" + count + "_2019", "cell_" + share + "_2018", "cell_" + count + "_2030",
                                "cell_" + formula + "_2018"));
        assertThat(jdbc.sql("SELECT count(*) FROM data_value WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).isZero();
    }

    @Test
    void replacedValuesAreKeptInTheHistory() {
        long count = framework.addIndicator(evaluation, indicator("sessions", Measure.COUNT, null));
        framework.saveGrid(evaluation, false, List.of(new CellInput(count, "2018Q1", "10")));
        framework.saveGrid(evaluation, false, List.of(new CellInput(count, "2018Q1", "10")));
        framework.saveGrid(evaluation, false, List.of(new CellInput(count, "2018Q1", "12")));
        framework.saveGrid(evaluation, false, List.of(new CellInput(count, "2018Q1", "")));
        assertThat(jdbc.sql("SELECT string_agg(value::text, ',' ORDER BY id) FROM data_value_history "
                + "WHERE indicator_id = :i").param("i", count).query(String.class).single()).isEqualTo("10.0000,12.0000");
        assertThat(jdbc.sql("SELECT count(*) FROM data_value WHERE indicator_id = :i").param("i", count)
                .query(Long.class).single()).isZero();
    }

    @Test
    void quarterlyValuesAddUpToAYearAgainstACumulativeTarget() {
        IndicatorDraft draft = indicator("kg", Measure.COUNT, null);
        long kg = framework.addIndicator(evaluation, new IndicatorDraft(draft.code(), "Kilos", null, Measure.COUNT, "kg",
                null, null, null, null, PeriodType.QUARTER, Aggregation.SUM, true, DataSource.MANUAL, null, null, null,
                null));
        framework.saveGrid(evaluation, false, List.of(new CellInput(kg, "2018Q1", "100"),
                new CellInput(kg, "2018Q3", "200"), new CellInput(kg, "2019Q2", "300")));
        framework.saveGrid(evaluation, true, List.of(new CellInput(kg, "2018", "400"), new CellInput(kg, "2019", "800")));
        List<PeriodResult> years = framework.results(evaluation, PeriodType.YEAR).get(0).periods();
        assertThat(years.get(0).value()).isEqualByComparingTo("300");
        assertThat(years.get(0).percentOfTarget()).isEqualByComparingTo("75");
        assertThat(years.get(1).cumulative()).isEqualByComparingTo("600");
        assertThat(years.get(1).percentOfTarget()).isEqualByComparingTo("75");
        assertThat(years.get(2).noValue().reason()).isEqualTo(NoValue.Reason.NO_DATA);
    }

    private static IndicatorDraft indicator(String code, Measure measure, String formula) {
        return new IndicatorDraft(code, "Indicateur " + code, null, measure, null, null, null, null, null, null, null,
                false, formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula, null, null, null);
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }

}
