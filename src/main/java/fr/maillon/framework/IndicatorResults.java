package fr.maillon.framework;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An indicator with its results, period by period, for its total and for each category of its
 * disaggregation (in the disaggregation's order; empty when it has none). For an indicator a survey
 * feeds: {@code answered}, per period code, how many answered (the n of its percentage), and
 * {@code typedReplaced}, per period code, a value typed for a period the survey also gives: kept,
 * shown, but the survey's value counts.
 */
public record IndicatorResults(Indicator indicator, List<PeriodResult> periods,
        Map<String, List<PeriodResult>> categories, Map<String, Long> answered, Map<String, BigDecimal> typedReplaced) {

    public IndicatorResults {
        answered = answered == null ? Map.of() : Map.copyOf(answered);
        typedReplaced = typedReplaced == null ? Map.of() : Map.copyOf(typedReplaced);
    }

    public IndicatorResults(Indicator indicator, List<PeriodResult> periods, Map<String, List<PeriodResult>> categories) {
        this(indicator, periods, categories, Map.of(), Map.of());
    }

    /** How many answered the survey for that period (null: not a survey's value). */
    public Long answered(Period period) {
        return answered.get(period.code());
    }

    /** The typed value the survey's value replaces for that period (null: none). */
    public BigDecimal typedReplaced(Period period) {
        return typedReplaced.get(period.code());
    }
}
