package fr.maillon.chain;

/** What a workshop entry added: counts of each thing created (names already there are reused). */
public record WorkshopResult(int stakeholders, int elements, int links, int interactions) {
}
