package fr.maillon.restitution;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A network member's comment on a report, an indicator or a verdict of an evaluation shared with
 * her organisation, and the structure's answer. {@code targetName} is the report's title, the
 * indicator's name or the question, as the caller may read it.
 */
public record Annotation(long id, long evaluationId, long organisationId, String organisationName,
        AnnotationTarget targetKind, long targetId, String targetName, String text, @Nullable String author,
        Instant createdAt, @Nullable String answer, @Nullable String answeredBy, @Nullable Instant answeredAt) {

    /** Not answered yet. */
    public boolean open() {
        return answer == null;
    }
}
