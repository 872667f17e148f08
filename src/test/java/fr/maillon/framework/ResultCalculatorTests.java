package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Worked examples: exact results for formulas, cumulative targets, aggregation, missing inputs, cycles. */
class ResultCalculatorTests {

    private static final Period Y2018 = Period.year(2018);
    private static final Period Y2019 = Period.year(2019);
    private static final Period Y2020 = Period.year(2020);

    @Test
    void aFormulaMultipliesHoursByTheRate() {
        List<IndicatorResult> results = ResultCalculator.compute(List.of(
                new IndicatorSpec("volunteers_hours", Aggregation.SUM, false, null),
                new IndicatorSpec("hourly_rate", Aggregation.LAST, false, null),
                new IndicatorSpec("volunteering_value", Aggregation.SUM, false, "volunteers_hours * hourly_rate")),
                Map.of("volunteers_hours", Map.of(Y2018, bd("1200"), Y2019, bd("1500.5")),
                        "hourly_rate", Map.of(Y2018, bd("11.88"), Y2019, bd("11.88"))),
                Map.of(), List.of(Y2018, Y2019));
        PeriodResult y2019 = results.get(2).periods().get(1);
        assertThat(results.get(2).periods().get(0).value()).isEqualByComparingTo("14256");
        assertThat(y2019.value()).isEqualByComparingTo("17825.94");
        assertThat(y2019.change()).isEqualByComparingTo("3569.94");
        assertThat(y2019.cumulative()).isEqualByComparingTo("32081.94");
    }

    @Test
    void aPercentageFormulaAndAMissingInputOrADivisionByZero() {
        List<IndicatorSpec> indicators = List.of(
                new IndicatorSpec("participants", Aggregation.SUM, false, null),
                new IndicatorSpec("participants_qpv", Aggregation.SUM, false, null),
                new IndicatorSpec("share_qpv", Aggregation.AVERAGE, false, "participants_qpv / participants * 100"));
        List<IndicatorResult> results = ResultCalculator.compute(indicators,
                Map.of("participants", Map.of(Y2018, bd("80"), Y2019, bd("0.0000"), Y2020, bd("50")),
                        "participants_qpv", Map.of(Y2018, bd("52"), Y2019, bd("0.0000"))),
                Map.of(), List.of(Y2018, Y2019, Y2020));
        List<PeriodResult> share = results.get(2).periods();
        assertThat(share.get(0).value()).isEqualByComparingTo("65");
        assertThat(share.get(1).value()).isNull();
        assertThat(share.get(1).noValue()).isEqualTo(new NoValue(NoValue.Reason.DIVISION_BY_ZERO, "share_qpv"));
        assertThat(share.get(2).value()).isNull();
        assertThat(share.get(2).noValue()).isEqualTo(new NoValue(NoValue.Reason.MISSING_INPUT, "participants_qpv"));
        assertThat(share.get(2).change()).isNull();
        assertThat(share.get(2).cumulative()).isEqualByComparingTo("65");
    }

    @Test
    void aCumulativeTargetComparesTheRunningTotal() {
        List<IndicatorResult> results = ResultCalculator.compute(List.of(
                new IndicatorSpec("kg_processed", Aggregation.SUM, true, null),
                new IndicatorSpec("jars", Aggregation.SUM, false, null)),
                Map.of("kg_processed", Map.of(Y2018, bd("300"), Y2019, bd("450"), Y2020, bd("600")),
                        "jars", Map.of(Y2018, bd("900"), Y2019, bd("1100"))),
                Map.of("kg_processed", Map.of(Y2018, bd("400"), Y2019, bd("800"), Y2020, bd("1500")),
                        "jars", Map.of(Y2019, bd("1000"))),
                List.of(Y2018, Y2019, Y2020));
        List<PeriodResult> kg = results.get(0).periods();
        assertThat(kg.get(0).percentOfTarget()).isEqualByComparingTo("75");
        assertThat(kg.get(1).cumulative()).isEqualByComparingTo("750");
        assertThat(kg.get(1).percentOfTarget()).isEqualByComparingTo("93.75");
        assertThat(kg.get(2).cumulative()).isEqualByComparingTo("1350");
        assertThat(kg.get(2).percentOfTarget()).isEqualByComparingTo("90");
        PeriodResult jars2019 = results.get(1).periods().get(1);
        assertThat(jars2019.percentOfTarget()).isEqualByComparingTo("110");
        assertThat(results.get(1).periods().get(2).noValue().reason()).isEqualTo(NoValue.Reason.NO_DATA);
    }

    @Test
    void aYearAddsItsQuartersOrAveragesOrKeepsTheLast() {
        Map<Period, BigDecimal> quarters = Map.of(Period.quarter(2019, 1), bd("10"), Period.quarter(2019, 2),
                bd("20"), Period.quarter(2019, 4), bd("40"));
        List<IndicatorResult> results = ResultCalculator.compute(List.of(
                new IndicatorSpec("sessions", Aggregation.SUM, false, null),
                new IndicatorSpec("satisfaction", Aggregation.AVERAGE, false, null),
                new IndicatorSpec("volunteers", Aggregation.LAST, false, null)),
                Map.of("sessions", quarters, "satisfaction", quarters, "volunteers", quarters), Map.of(),
                List.of(Y2019));
        assertThat(results.get(0).periods().get(0).value()).isEqualByComparingTo("70");
        assertThat(results.get(1).periods().get(0).value()).isEqualByComparingTo("23.3333");
        assertThat(results.get(2).periods().get(0).value()).isEqualByComparingTo("40");
    }

    @Test
    void aCycleIsRefusedWithTheCycleNamed() {
        Map<String, String> formulas = Map.of("b", "c + 1", "c", "a * 2");
        List<String> known = List.of("a", "b", "c", "d");
        assertThatThrownBy(() -> Formulas.check("a", "b / d", formulas, known))
                .isInstanceOfSatisfying(InvalidFormulaException.class, ex -> {
                    assertThat(ex.code()).isEqualTo("framework.formula.cycle");
                    assertThat(ex.detail()).isEqualTo("a → b → c → a");
                });
        assertThatThrownBy(() -> Formulas.check("a", "a + 1", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.detail()).isEqualTo("a → a"));
        assertThatThrownBy(() -> Formulas.check("a", "b + inconnu", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class, ex -> {
                    assertThat(ex.code()).isEqualTo("framework.formula.unknown");
                    assertThat(ex.detail()).isEqualTo("inconnu");
                });
        assertThatThrownBy(() -> Formulas.check("a", "b * (c", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.syntax"));
        Formulas.check("d", "b + c", formulas, known);
    }

    @Test
    void aCycleSavedAnywayGivesNoValueRatherThanALoop() {
        List<IndicatorResult> results = ResultCalculator.compute(List.of(
                new IndicatorSpec("a", Aggregation.SUM, false, "b + 1"),
                new IndicatorSpec("b", Aggregation.SUM, false, "a + 1")), Map.of(), Map.of(), List.of(Y2018));
        assertThat(results.get(0).periods().get(0).value()).isNull();
        assertThat(results.get(0).periods().get(0).noValue()).isNotNull();
    }

    @Test
    void periodsReadTheirCodes() {
        assertThat(Period.parse("2024Q3")).contains(Period.quarter(2024, 3));
        assertThat(Period.parse("2024-03").orElseThrow().end()).isEqualTo("2024-03-31");
        assertThat(Period.parse("202402").orElseThrow().end()).isEqualTo("2024-02-29");
        assertThat(Period.parse("2024-01-01..2024-06-30").orElseThrow().type()).isEqualTo(PeriodType.CUSTOM);
        assertThat(Period.parse("2024-02-30..2024-06-30")).isEmpty();
        assertThat(Period.parse("2024-06-30..2024-01-01")).isEmpty();
        assertThat(Period.parse("2024Q5")).isEmpty();
        assertThat(Period.parse("")).isEmpty();
        assertThat(Period.quarter(2024, 1).previous()).isEqualTo(Period.quarter(2023, 4));
        assertThat(Period.between(PeriodType.QUARTER, java.time.LocalDate.of(2018, 2, 1),
                java.time.LocalDate.of(2018, 12, 31))).extracting(Period::code)
                .containsExactly("2018Q1", "2018Q2", "2018Q3", "2018Q4");
        assertThat(Period.year(2019).contains(Period.parse("2019-07").orElseThrow())).isTrue();
    }

    // --- formulas within bounds (issue 13: FACT(5000000) held the network refresh) -------------------

    /** The one result of a formula {@code f} over {@code x} = 2 and {@code n} = {@code n}, in 2018. */
    private static PeriodResult computed(String formula, String n) {
        return computed(formula, n, ResultCalculator.deadline(ResultCalculator.DEFAULT_BUDGET));
    }

    private static PeriodResult computed(String formula, String n, long deadline) {
        return ResultCalculator.compute(List.of(
                new IndicatorSpec("x", Aggregation.SUM, false, null),
                new IndicatorSpec("n", Aggregation.SUM, false, null),
                new IndicatorSpec("f", Aggregation.SUM, false, formula)),
                Map.of("x", Map.of(Y2018, bd("2")), "n", Map.of(Y2018, bd(n))), Map.of(), List.of(Y2018), deadline)
                .get(2).periods().get(0);
    }

    private static void assertOutOfBounds(PeriodResult result, String detail) {
        assertThat(result.value()).isNull();
        assertThat(result.noValue()).isEqualTo(new NoValue(NoValue.Reason.OUT_OF_BOUNDS, detail));
    }

    @Test
    void aFactorialOfFiveMillionGivesNoValueInsteadOfHoldingTheThread() {
        assertOutOfBounds(computed("FACT(5000000)", "1"), "FACT");
        assertOutOfBounds(computed("x * FACT(n)", "5000000"), "FACT");
        assertOutOfBounds(computed("FACT(n)", "1E+20"), "FACT");
        assertThat(computed("FACT(n) / x", "5").value()).isEqualByComparingTo("60");
    }

    @Test
    void aPowerIsBoundedByItsExponentAndItsResult() {
        assertOutOfBounds(computed("10^1000000", "1"), "^");
        assertOutOfBounds(computed("x ^ n", "1000000"), "^");
        assertOutOfBounds(computed("x ^ n", "-999999999"), "^");
        // within the exponent limit, but beyond 10^100 on the way
        assertOutOfBounds(computed("(x * 1000) ^ 99 / (x * 1000) ^ 98", "1"), "^");
        assertThat(computed("x ^ 10", "1").value()).isEqualByComparingTo("1024");
        assertThat(computed("n ^ 0.5", "2.25").value()).isEqualByComparingTo("1.5");
        assertThat(computed("x ^ -2", "1").value()).isEqualByComparingTo("0.25");
    }

    @Test
    void numbersStayWithinBoundsAndResultsWithinTheLimitOfValues() {
        assertOutOfBounds(computed("x * 1E+999999999", "1"), "*");
        assertOutOfBounds(computed("ROUND(x, n)", "999999999"), "ROUND");
        assertThat(computed("ROUND(x / 3, n)", "2").value()).isEqualByComparingTo("0.67");
        // a result beyond what a value may hold: no value rather than a number the network cannot keep
        assertOutOfBounds(computed("x * 1E+20", "1"), "f");
        assertOutOfBounds(computed("1E+999999999", "1"), "f");
        // nearer zero than 10^-100 counts as zero, cheaply, wherever it appears
        assertThat(computed("x + 1E-999999999", "1").value()).isEqualByComparingTo("2");
        assertThat(computed("1E-999999999", "1").value()).isEqualByComparingTo("0");
        assertThat(computed("CEILING(x * 1E-999999999)", "1").value()).isEqualByComparingTo("0");
        assertThat(computed("SQRT(x * 1E+20)", "1").value()).isEqualByComparingTo("14142135623.731");
    }

    @Test
    void whatIsNotANumberOrNotANumericFunctionGivesNoValueNotAnError() {
        PeriodResult root = computed("(0 - x) ^ 0.5", "1");
        assertThat(root.value()).isNull();
        assertThat(root.noValue().reason()).isEqualTo(NoValue.Reason.FORMULA_ERROR);
        assertThat(computed("ACOS(x)", "1").noValue().reason()).isEqualTo(NoValue.Reason.FORMULA_ERROR);
        assertThat(computed("LOG(x * 1E-99)", "1").value()).isNotNull();
        assertThat(computed("STR_LENGTH(\"abc\")", "1").noValue().reason()).isEqualTo(NoValue.Reason.FORMULA_ERROR);
        assertThat(computed("RANDOM()", "1").noValue().reason()).isEqualTo(NoValue.Reason.FORMULA_ERROR);
    }

    @Test
    void aFormulaComputedAfterTheDeadlineOrOnAnInterruptedThreadGivesNoValue() {
        PeriodResult late = computed("x * 2", "1", System.nanoTime() - 1);
        assertThat(late.value()).isNull();
        assertThat(late.noValue()).isEqualTo(new NoValue(NoValue.Reason.TIME_BUDGET, "f"));
        Thread.currentThread().interrupt();
        try {
            assertThat(computed("x * 2", "1").noValue()).isEqualTo(new NoValue(NoValue.Reason.TIME_BUDGET, "f"));
        }
        finally {
            Thread.interrupted();
        }
        assertThat(computed("x * 2", "1").value()).isEqualByComparingTo("4");
    }

    @Test
    void aFormulaOverBudgetIsRefusedWhenSaved() {
        List<String> known = List.of("x", "n", "f");
        assertThatThrownBy(() -> Formulas.check("f", "FACT(5000000)", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class, ex -> {
                    assertThat(ex.code()).isEqualTo("framework.formula.limit.factorial");
                    assertThat(ex.detail()).isEqualTo("50");
                });
        assertThatThrownBy(() -> Formulas.check("f", "10^1000000", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.limit.power"));
        assertThatThrownBy(() -> Formulas.check("f", "x ^ (2 * 500000)", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.limit.power"));
        assertThatThrownBy(() -> Formulas.check("f", "ROUND(x, 1000000000)", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.limit.round"));
        assertThatThrownBy(() -> Formulas.check("f", "x * 1E+500", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.limit.magnitude"));
        assertThatThrownBy(() -> Formulas.check("f", "10^20 + 1", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class,
                        ex -> assertThat(ex.code()).isEqualTo("framework.formula.limit.result"));
        assertThatThrownBy(() -> Formulas.check("f", "STR_FORMAT(\"%0999999999d\", x)", Map.of(), known))
                .isInstanceOfSatisfying(InvalidFormulaException.class, ex -> {
                    assertThat(ex.code()).isEqualTo("framework.formula.function");
                    assertThat(ex.detail()).isEqualTo("STR_FORMAT");
                });
        // what depends on the inputs is bounded when computed; what is within bounds is saved
        Formulas.check("f", "FACT(n) + x ^ 2 + ROUND(x / 3, 2) + 10^20 / 10^10", Map.of(), known);
        Formulas.check("f", "x / 0", Map.of(), known);
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }
}
