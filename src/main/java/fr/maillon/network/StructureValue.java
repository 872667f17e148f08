package fr.maillon.network;

import java.math.BigDecimal;

/**
 * One structure's result for a library entry and a period, as shared with the network, from an
 * evaluation of the whole structure; {@code signedOff}: the structure signed that year's data off.
 */
public record StructureValue(long entryId, long structureId, String name, String period, BigDecimal value,
        boolean signedOff) {

    public StructureValue(long entryId, long structureId, String name, String period, BigDecimal value) {
        this(entryId, structureId, name, period, value, false);
    }
}
