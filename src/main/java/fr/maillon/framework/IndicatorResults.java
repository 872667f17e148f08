package fr.maillon.framework;

import java.util.List;

/** An indicator with its results, period by period. */
public record IndicatorResults(Indicator indicator, List<PeriodResult> periods) {
}
