package fr.maillon.restitution;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An evaluative question with its verdict, if written: the question (its id, text and criterion),
 * the verdict and its argued text, the evidence cited (resolved for display, in the author's
 * order), and the verdict's version (0 while none is written) with who saved it last and when.
 */
public record QuestionVerdict(long questionId, String question, long criterionId, String criterion,
        @Nullable Verdict verdict, @Nullable String argument, List<CitedEvidence> evidence, int version,
        @Nullable String updatedBy, @Nullable OffsetDateTime updatedAt, @Nullable String plainMessage) {

    public QuestionVerdict {
        evidence = List.copyOf(evidence);
    }

    /** Whether a verdict is written. */
    @JsonProperty("answered")
    public boolean answered() {
        return verdict != null;
    }

    /** A verdict written without any evidence: shown « non étayé ». */
    @JsonProperty("unsupported")
    public boolean unsupported() {
        return verdict != null && evidence.isEmpty();
    }
}
