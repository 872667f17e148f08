package fr.maillon.framework;

import org.jspecify.annotations.Nullable;

/** What the results calculator needs to know of an indicator. {@code formula} null: a collected indicator. */
public record IndicatorSpec(String code, Aggregation aggregation, boolean cumulativeTargets, @Nullable String formula) {
}
