package fr.maillon.framework;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * An indicator's result for one period: its value (or why there is none), its target, how far
 * the value (or the cumulative value, for cumulative targets) goes towards the target in percent,
 * the change from the previous period, and the cumulative value since the first period.
 */
public record PeriodResult(Period period, @Nullable BigDecimal value, @Nullable NoValue noValue,
        @Nullable BigDecimal target, @Nullable BigDecimal percentOfTarget, @Nullable BigDecimal change,
        @Nullable BigDecimal cumulative) {
}
