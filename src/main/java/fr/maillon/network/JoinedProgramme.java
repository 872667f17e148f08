package fr.maillon.network;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/** A programme a structure joined, and who runs it. */
public record JoinedProgramme(long programmeId, String name, @Nullable String runByName, OffsetDateTime joinedAt) {
}
