package fr.maillon.restitution;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report as it travels between instances: its audience and title, the narratives of its draft
 * (by section name, in a stable order) and its finalised versions, each frozen as it was shown.
 */
public record ReportArchive(ReportAudience audience, String title, Map<String, String> narratives,
        List<Frozen> versions) {

    public ReportArchive {
        narratives = Collections.unmodifiableMap(new TreeMap<>(narratives));
        versions = List.copyOf(versions);
    }

    public record Frozen(int version, Instant finalisedAt, ReportContent content) {
    }
}
