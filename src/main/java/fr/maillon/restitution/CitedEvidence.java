package fr.maillon.restitution;

import org.jspecify.annotations.Nullable;

/**
 * A piece of evidence as a verdict shows it. {@code label} names it: an indicator's name, a survey
 * question's label, a testimony's title, or the name of the effect whose contribution analysis is
 * cited. {@code code} is an indicator's code; {@code surveyTitle} and {@code waveLabel} place a
 * survey question (no wave: every wave). {@code id} and {@code waveId} are those of
 * {@link VerdictEvidence} (for a contribution analysis, its effect's id).
 */
public record CitedEvidence(VerdictEvidenceKind kind, long id, @Nullable Long waveId, String label,
        @Nullable String code, @Nullable String surveyTitle, @Nullable String waveLabel) {

    /** The reference that cites it, and its form value ({@code KIND:id[:waveId]}). */
    public VerdictEvidence reference() {
        return new VerdictEvidence(kind, id, waveId);
    }

    public String token() {
        return reference().token();
    }
}
