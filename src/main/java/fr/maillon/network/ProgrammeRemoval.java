package fr.maillon.network;

import java.time.OffsetDateTime;

/** A programme that removed a structure from its cohort, and when: what the structure's members read. */
public record ProgrammeRemoval(long programmeId, String name, OffsetDateTime removedAt) {
}
