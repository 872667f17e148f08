package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.maillon.web.Decimals;
import fr.maillon.web.SpreadsheetCells;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, items 5 and 8: numbers are written for people, rounded to their indicator's precision,
 * with their unit and thousands separators; a ratio or a percentage is never summed over time.
 */
class NumberDisplayTests {

    private static final char NARROW = '\u202f';
    private static final char NBSP = '\u00a0';

    @Test
    void writesFrenchNumbersWithThousandsSeparatorsDecimalCommaAndUnit() {
        assertThat(Decimals.format(new BigDecimal("1347230.4"), 0, "€")).isEqualTo("1" + NARROW + "347" + NARROW + "230" + NBSP + "€");
        assertThat(Decimals.format(new BigDecimal("314000"), 0, "€")).isEqualTo("314" + NARROW + "000" + NBSP + "€");
        assertThat(Decimals.format(new BigDecimal("66.6667"), 1, "%")).isEqualTo("66,7" + NBSP + "%");
        assertThat(Decimals.format(new BigDecimal("54.5455"), 1)).isEqualTo("54,5");
        assertThat(Decimals.format(new BigDecimal("63.8298"), 2)).isEqualTo("63,83");
        assertThat(Decimals.format(new BigDecimal("50.00"), 1, "%")).as("no trailing zeros").isEqualTo("50" + NBSP + "%");
        assertThat(Decimals.format(new BigDecimal("-1234.5"), 0)).isEqualTo("-1" + NARROW + "235");
        assertThat(Decimals.format(new BigDecimal("-0.04"), 1)).as("no minus zero").isEqualTo("0");
        assertThat(Decimals.format(new BigDecimal("999.96"), 1)).isEqualTo("1" + NARROW + "000");
        assertThat(Decimals.format(null, 1)).isEmpty();
        assertThat(Decimals.format(new BigDecimal("1347230.4"), 1, "€", Locale.ENGLISH)).isEqualTo("1,347,230.4" + NBSP + "€");
    }

    @Test
    void aSurveyShareCarriesItsN() {
        assertThat(Decimals.share(new BigDecimal("66.6667"), 12, Locale.FRENCH)).isEqualTo("66,7" + NBSP + "% (n = 12)");
        assertThat(Decimals.share(null, 3, Locale.FRENCH)).isEqualTo("— (n = 3)");
        assertThat(Decimals.share(null, 0, Locale.FRENCH)).isEqualTo("—");
    }

    @Test
    void precisionDefaultsFollowTheMeasureAndTheUnit() {
        assertThat(Measure.COUNT.defaultPrecision("personnes")).isZero();
        assertThat(Measure.COUNT.defaultPrecision("kg")).isZero();
        assertThat(Measure.EUR.defaultPrecision("€")).isZero();
        assertThat(Measure.EUR.defaultPrecision("€/h")).as("a rate keeps its cents").isEqualTo(2);
        assertThat(Measure.HOURS.defaultPrecision(null)).isZero();
        assertThat(Measure.PERCENTAGE.defaultPrecision(null)).isEqualTo(1);
        assertThat(Measure.COUNT.defaultPrecision("%")).isEqualTo(1);
        assertThat(Measure.RATIO.defaultPrecision(null)).isEqualTo(2);
        assertThat(Measure.ORDINAL.defaultPrecision(null)).isEqualTo(1);
    }

    @Test
    void anIndicatorShowsItsValuesRoundedWithItsUnit() {
        Indicator share = indicator("part", Measure.PERCENTAGE, null, Aggregation.SUM);
        assertThat(share.displayPrecision()).isEqualTo(1);
        assertThat(share.show(new BigDecimal("66.6667"))).isEqualTo("66,7" + NBSP + "%");
        Indicator money = indicator("budget", Measure.EUR, null, Aggregation.SUM);
        assertThat(money.show(new BigDecimal("1347230.4"))).isEqualTo("1" + NARROW + "347" + NARROW + "230" + NBSP + "€");
    }

    @Test
    void theCumulativeOfARatioIsNotASum() {
        Indicator share = indicator("part", Measure.PERCENTAGE, null, Aggregation.SUM);
        Indicator people = indicator("personnes", Measure.COUNT, "personnes", Aggregation.SUM);
        assertThat(share.timeAggregation()).isEqualTo(Aggregation.AVERAGE);
        assertThat(indicator("last", Measure.RATIO, null, Aggregation.LAST).timeAggregation()).isEqualTo(Aggregation.LAST);
        Period first = Period.parse("2020").orElseThrow();
        Period second = Period.parse("2021").orElseThrow();
        List<IndicatorResult> results = ResultCalculator.compute(List.of(share.spec(), people.spec()),
                Map.of("part", Map.of(first, new BigDecimal("50"), second, new BigDecimal("70")),
                        "personnes", Map.of(first, new BigDecimal("10"), second, new BigDecimal("12"))),
                Map.of(), List.of(first, second));
        assertThat(results.get(0).periods().get(1).cumulative()).as("the mean of 50 % and 70 %, not 120 %")
                .isEqualByComparingTo("60");
        assertThat(results.get(1).periods().get(1).cumulative()).as("people add up").isEqualByComparingTo("22");
    }

    @Test
    void workbookFormatsFollowThePrecision() {
        assertThat(SpreadsheetCells.numberFormat(0)).isEqualTo("#,##0");
        assertThat(SpreadsheetCells.numberFormat(1)).isEqualTo("#,##0.0");
        assertThat(SpreadsheetCells.numberFormat(9)).isEqualTo("#,##0.0000");
    }

    private static Indicator indicator(String code, Measure measure, String unit, Aggregation aggregation) {
        return new Indicator(1, 1, code, code, null, measure, unit, null, null, null, Direction.INCREASE,
                PeriodType.YEAR, aggregation, false, DataSource.MANUAL, null, null, null, null, 1, null, null, 0);
    }
}
