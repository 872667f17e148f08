package fr.maillon.restitution;

import java.time.Instant;
import java.util.List;

/** A report of an evaluation for an audience, with its finalised versions (newest last). */
public record Report(long id, long structureId, long evaluationId, ReportAudience audience, String title,
        List<Version> versions) {

    public Report {
        versions = List.copyOf(versions);
    }

    public record Version(int version, Instant finalisedAt) {
    }

    public int lastVersion() {
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    }
}
