package fr.maillon.framework;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A value recorded for an indicator, a period and a category ("" for the total): a number (the
 * level's rank for an ordinal scale) or a text, where it came from, and an optional comment.
 */
public record DataValue(long indicatorId, String period, String category, @Nullable BigDecimal value,
        @Nullable String textValue, DataSource source, @Nullable String comment) {
}
