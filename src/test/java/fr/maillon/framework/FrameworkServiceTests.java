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
    DisaggregationService disaggregations;

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
                        .containsExactly("1", "2", "3", "4"));
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

        framework.saveValues(evaluation, List.of(new CellInput(count, "2018Q2", "", "7", "Feuilles d'émargement")),
                DataSource.IMPORT);
        framework.comment(evaluation, count, "2018Q2", "", "Feuilles d'émargement, vérifiées");
        assertViolation(() -> framework.comment(evaluation, count, "2018Q2", "", "x".repeat(1001)),
                "framework.text.invalid");
        ValueLog log = framework.valueLog(evaluation, count);
        assertThat(log.values()).singleElement().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo(DataSource.IMPORT);
            assertThat(entry.comment()).isEqualTo("Feuilles d'émargement, vérifiées");
            assertThat(entry.enteredBy()).startsWith("Test member");
        });
        assertThat(log.history()).extracting(change -> log.show(change.value(), change.textValue()))
                .containsExactly("12", "10");
    }

    @Test
    void quarterlyValuesAddUpToAYearAgainstACumulativeTarget() {
        IndicatorDraft draft = indicator("kg", Measure.COUNT, null);
        long kg = framework.addIndicator(evaluation, new IndicatorDraft(draft.code(), "Kilos", null, Measure.COUNT, "kg",
                null, null, null, null, PeriodType.QUARTER, Aggregation.SUM, true, DataSource.MANUAL, null, null, null,
                null, null));
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

    @Test
    void aDisaggregatedIndicatorAddsUpItsCategoriesAndAFormulaFollowsThem() {
        long sexe = disaggregations.disaggregations(evaluation).stream().filter(d -> d.code().equals("sexe"))
                .findFirst().orElseThrow().id();
        long participants = framework.addIndicator(evaluation, disaggregated("participants", Measure.COUNT, null, sexe));
        long qpv = framework.addIndicator(evaluation, disaggregated("participants_qpv", Measure.COUNT, null, sexe));
        framework.addIndicator(evaluation, disaggregated("part_qpv", Measure.PERCENTAGE,
                "participants_qpv / participants * 100", sexe));
        framework.saveGrid(evaluation, false, List.of(
                new CellInput(participants, "2018", "Femmes", "60"), new CellInput(participants, "2018", "Hommes", "40"),
                new CellInput(participants, "2018", "Autre ou non précisé", "0"),
                new CellInput(qpv, "2018", "Femmes", "30"), new CellInput(qpv, "2018", "Hommes", "10"),
                new CellInput(participants, "2019", "Femmes", "80"), new CellInput(participants, "2019", "", "")));
        // a total typed that is not the sum of its categories is refused, and nothing is saved
        assertThatThrownBy(() -> framework.saveGrid(evaluation, false, List.of(
                new CellInput(participants, "2020", "Femmes", "5"), new CellInput(participants, "2020", "", "7"),
                new CellInput(participants, "2020", "Enfants", "2"))))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::field).containsExactly("2"));
        assertThatThrownBy(() -> framework.saveGrid(evaluation, false, List.of(
                new CellInput(participants, "2020", "Femmes", "5"), new CellInput(participants, "2020", "", "7"))))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::field).containsExactly("1"));

        List<IndicatorResults> results = framework.results(evaluation, PeriodType.YEAR);
        IndicatorResults total = results.get(0);
        assertThat(total.periods().get(0).value()).isEqualByComparingTo("100");
        assertThat(total.periods().get(1).value()).isEqualByComparingTo("80");
        assertThat(total.periods().get(1).cumulative()).isEqualByComparingTo("180");
        assertThat(total.periods().get(2).noValue().reason()).isEqualTo(NoValue.Reason.NO_DATA);
        assertThat(total.categories().keySet()).containsExactly("Femmes", "Hommes", "Autre ou non précisé");
        assertThat(total.categories().get("Femmes").get(1).cumulative()).isEqualByComparingTo("140");
        assertThat(total.categories().get("Hommes").get(0).value()).isEqualByComparingTo("40");
        IndicatorResults share = results.get(2);
        assertThat(share.periods().get(0).value()).isEqualByComparingTo("40");
        assertThat(share.categories().get("Femmes").get(0).value()).isEqualByComparingTo("50");
        assertThat(share.categories().get("Hommes").get(0).value()).isEqualByComparingTo("25");
        assertThat(share.categories().get("Autre ou non précisé").get(0).noValue().reason())
                .isEqualTo(NoValue.Reason.MISSING_INPUT);
        assertThat(share.categories().get("Femmes").get(1).noValue().reason()).isEqualTo(NoValue.Reason.MISSING_INPUT);
        // the grid shows the categories under the total, the total computed
        DataGrid grid = framework.grid(evaluation, PeriodType.YEAR, false);
        assertThat(grid.rows()).extracting(DataGrid.Row::categoryLabel).startsWith(null, "Femmes", "Hommes",
                "Autre ou non précisé", null);
        assertThat(grid.cell(grid.rows().get(0), "2018")).isEqualTo("100");
        assertThat(grid.cell(grid.rows().get(1), "2019")).isEqualTo("80");
        // the grid posts the stored total back with a changed category: the total follows
        framework.saveGrid(evaluation, false, List.of(new CellInput(participants, "2018", "", "100"),
                new CellInput(participants, "2018", "Femmes", "70")));
        assertThat(framework.grid(evaluation, PeriodType.YEAR, false).cell(grid.rows().get(0), "2018")).isEqualTo("110");
        // the disaggregation cannot change while values are entered by category
        assertViolation(() -> framework.updateIndicator(evaluation, participants, indicator("participants",
                Measure.COUNT, null)), "framework.indicator.disaggregation.inUse");
    }

    @Test
    void customPeriodsGatherTheValuesTheyContain() {
        long kg = framework.addIndicator(evaluation, indicator("kg", Measure.COUNT, null));
        disaggregations.addCustomPeriod(evaluation, "Année scolaire 2018–2019", LocalDate.of(2018, 9, 1),
                LocalDate.of(2019, 6, 30));
        assertViolation(() -> disaggregations.addCustomPeriod(evaluation, "Trop tard", LocalDate.of(2021, 9, 1),
                LocalDate.of(2022, 6, 30)), "framework.period.outside");
        assertViolation(() -> disaggregations.addCustomPeriod(evaluation, "Doublon", LocalDate.of(2018, 9, 1),
                LocalDate.of(2019, 6, 30)), "framework.period.taken");
        framework.saveGrid(evaluation, false, List.of(new CellInput(kg, "2018-08", "1000"),
                new CellInput(kg, "2018-09", "10"), new CellInput(kg, "2018Q4", "20"), new CellInput(kg, "2019-06", "5"),
                new CellInput(kg, "2019-07", "1000")));
        // a quarter and a month inside it are not both counted
        framework.saveGrid(evaluation, false, List.of(new CellInput(kg, "2018-10", "7")));
        IndicatorResults results = framework.results(evaluation, PeriodType.CUSTOM).get(0);
        assertThat(results.periods()).hasSize(1);
        assertThat(results.periods().get(0).period().code()).isEqualTo("2018-09-01..2019-06-30");
        assertThat(results.periods().get(0).value()).isEqualByComparingTo("35");
        DataGrid grid = framework.grid(evaluation, PeriodType.CUSTOM, false);
        assertThat(grid.label(grid.periods().get(0))).isEqualTo("Année scolaire 2018–2019");
    }

    private static IndicatorDraft indicator(String code, Measure measure, String formula) {
        return new IndicatorDraft(code, "Indicateur " + code, null, measure, null, null, null, null, null, null, null,
                false, formula == null ? DataSource.MANUAL : DataSource.FORMULA, formula, null, null, null, null);
    }

    private static IndicatorDraft disaggregated(String code, Measure measure, String formula, long disaggregation) {
        IndicatorDraft draft = indicator(code, measure, formula);
        return new IndicatorDraft(draft.code(), draft.name(), null, measure, null, null, null, null, null, null,
                Aggregation.SUM, false, draft.source(), formula, null, null, null, disaggregation);
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }

}
