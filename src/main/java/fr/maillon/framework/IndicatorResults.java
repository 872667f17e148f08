package fr.maillon.framework;

import java.util.List;
import java.util.Map;

/**
 * An indicator with its results, period by period, for its total and for each category of its
 * disaggregation (in the disaggregation's order; empty when it has none).
 */
public record IndicatorResults(Indicator indicator, List<PeriodResult> periods,
        Map<String, List<PeriodResult>> categories) {
}
