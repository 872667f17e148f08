package fr.maillon.chain;

import java.util.List;

/**
 * A référentiel of effect dimensions offered to a structure: shipped with Maillon ({@code own}
 * false: national, or of the structure's département) or the structure's own list; {@code hidden}
 * when the structure chose not to be offered it.
 */
public record Referential(long id, String code, String name, boolean own, boolean hidden,
        List<Dimension> dimensions) {

    public Referential {
        dimensions = List.copyOf(dimensions);
    }
}
