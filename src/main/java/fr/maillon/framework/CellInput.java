package fr.maillon.framework;

/** What was typed (or pasted) in one cell of the grid; empty clears the cell. */
public record CellInput(long indicatorId, String period, String text) {
}
