package fr.maillon.restitution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A report of an evaluation for an audience, with its finalised versions (newest last). */
public record Report(long id, long structureId, long evaluationId, ReportAudience audience, String title,
        List<Version> versions) {

    public Report {
        versions = List.copyOf(versions);
    }

    /** A finalised version; {@code importedAt} when it was brought from another instance, as it was there. */
    public record Version(int version, Instant finalisedAt, @Nullable Instant importedAt) {

        /** The day it was imported, in the given zone (the application's: {@code #zone} in templates). */
        public @Nullable LocalDate importedOn(ZoneId zone) {
            return importedAt == null ? null : LocalDate.ofInstant(importedAt, zone);
        }
    }

    public int lastVersion() {
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    }
}
