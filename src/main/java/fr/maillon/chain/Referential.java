package fr.maillon.chain;

import java.util.List;

/** A référentiel of effect dimensions: built in ({@code own} false) or the structure's own list. */
public record Referential(String code, String name, boolean own, List<Dimension> dimensions) {
}
