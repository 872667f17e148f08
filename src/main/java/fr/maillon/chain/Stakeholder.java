package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/** A partie prenante of the evaluated project, with its identity card. */
public record Stakeholder(long id, long evaluationId, String name, StakeholderType type, boolean communityMember,
        @Nullable String presentation, @Nullable String fieldOfIntervention, @Nullable String constraints,
        @Nullable String strengths, int position, int version) {

    /** The longest summary lists show of its card. */
    static final int SUMMARY_LENGTH = 160;

    /** Whether its identity card says more than its name, type and membership. */
    public boolean hasCard() {
        return filled(presentation) || filled(fieldOfIntervention) || filled(constraints) || filled(strengths);
    }

    /**
     * What lists show of its card: the first sentence of its presentation (else of its field of
     * intervention), cut at a word with "…" beyond {@value #SUMMARY_LENGTH} characters; null when both are empty.
     */
    public @Nullable String summary() {
        String text = filled(presentation) ? presentation : filled(fieldOfIntervention) ? fieldOfIntervention : null;
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        int end = line.indexOf(". ");
        if (end > 0) {
            line = line.substring(0, end + 1);
        }
        if (line.length() <= SUMMARY_LENGTH) {
            return line;
        }
        int cut = line.lastIndexOf(' ', SUMMARY_LENGTH - 1);
        return line.substring(0, cut > SUMMARY_LENGTH / 2 ? cut : SUMMARY_LENGTH - 1).replaceAll("[\\s,;:]+$", "")
                + "…";
    }

    private static boolean filled(@Nullable String text) {
        return text != null && !text.isBlank();
    }
}
