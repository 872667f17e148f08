package fr.maillon.chain;

import java.io.Serializable;

/**
 * What a workshop entry added: counts of each thing created (names already there are reused).
 * Serializable: it is a flash attribute, kept in the session (in the database) across a redirect.
 */
public record WorkshopResult(int stakeholders, int elements, int links, int interactions) implements Serializable {
}
