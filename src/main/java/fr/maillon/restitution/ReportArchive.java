package fr.maillon.restitution;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A report as it travels between instances: its audience and title, the narratives of its draft
 * (by section name) and its finalised versions, each frozen as it was shown.
 */
public record ReportArchive(ReportAudience audience, String title, Map<String, String> narratives,
        List<Frozen> versions) {

    public ReportArchive {
        narratives = Map.copyOf(narratives);
        versions = List.copyOf(versions);
    }

    public record Frozen(int version, Instant finalisedAt, ReportContent content) {
    }
}
