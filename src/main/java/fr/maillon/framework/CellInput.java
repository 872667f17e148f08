package fr.maillon.framework;

import org.jspecify.annotations.Nullable;

/**
 * What was typed (or pasted, or imported) in one cell: empty text clears the cell. The category
 * is one of the indicator's disaggregation (a label such as "Femmes"), or empty for the total; a
 * comment, when given, is kept with the value.
 */
public record CellInput(long indicatorId, String period, String category, String text, @Nullable String comment) {

    public CellInput(long indicatorId, String period, String text) {
        this(indicatorId, period, "", text, null);
    }

    public CellInput(long indicatorId, String period, String category, String text) {
        this(indicatorId, period, category, text, null);
    }
}
