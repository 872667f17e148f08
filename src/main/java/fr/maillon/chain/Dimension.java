package fr.maillon.chain;

/** One dimension of a référentiel, that an effect may be filed under. */
public record Dimension(long id, String referentialCode, String referentialName, String code, String label) {
}
