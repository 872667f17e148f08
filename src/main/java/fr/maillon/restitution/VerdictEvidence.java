package fr.maillon.restitution;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A piece of evidence a verdict cites, by id: an indicator's id, a survey question's id (with a
 * wave's id, or none for every wave), an evidence item's id, or, for a contribution analysis, the
 * id of its effect (an analysis is the one of its effect). Nullable parts are refused by the service
 * with a message, so that a malformed request never reaches the database.
 */
public record VerdictEvidence(@Nullable VerdictEvidenceKind kind, @Nullable Long id, @Nullable Long waveId) {

    public static VerdictEvidence of(VerdictEvidenceKind kind, long id) {
        return new VerdictEvidence(kind, id, null);
    }

    /** As a form sends it: {@code KIND:id} or {@code SURVEY_QUESTION:id:waveId}; empty when malformed. */
    public static Optional<VerdictEvidence> parse(@Nullable String value) {
        if (value == null || !value.matches("[A-Z_]{1,20}:[0-9]{1,18}(:[0-9]{1,18})?")) {
            return Optional.empty();
        }
        String[] parts = value.split(":");
        try {
            return Optional.of(new VerdictEvidence(VerdictEvidenceKind.valueOf(parts[0]), Long.valueOf(parts[1]),
                    parts.length == 3 ? Long.valueOf(parts[2]) : null));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The form's value of this reference, as {@link #parse} reads it. */
    public String token() {
        return kind + ":" + id + (waveId == null ? "" : ":" + waveId);
    }
}
