package fr.maillon.framework;

import java.math.BigDecimal;

/** An indicator's target for a period. */
public record IndicatorTarget(long indicatorId, String period, BigDecimal value) {
}
