package fr.maillon.network;

import java.time.OffsetDateTime;

/** A structure in a programme's cohort, and when it joined. */
public record ProgrammeCohortStructure(long structureId, String name, OffsetDateTime joinedAt) {
}
