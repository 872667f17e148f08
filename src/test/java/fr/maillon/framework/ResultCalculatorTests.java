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

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }
}
