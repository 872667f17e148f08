package fr.maillon.network;

import java.math.BigDecimal;

/** One structure's result for a library entry and a period, as shared with the network. */
public record StructureValue(long entryId, long structureId, String name, String period, BigDecimal value) {
}
