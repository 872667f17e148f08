package fr.maillon.framework;

/**
 * What was typed (or pasted) in one cell of the grid; empty clears the cell. The category is one of
 * the indicator's disaggregation (a label such as "Femmes"), or empty for the total.
 */
public record CellInput(long indicatorId, String period, String category, String text) {

    public CellInput(long indicatorId, String period, String text) {
        this(indicatorId, period, "", text);
    }
}
