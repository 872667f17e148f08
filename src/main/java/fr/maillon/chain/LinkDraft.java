package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/**
 * A link as typed: its two ends, its rationale, and its hypothesis (status, justification,
 * evidence); a missing status means not tested. On an update, the ends stay as they are (null) or
 * must be the link's own.
 */
public record LinkDraft(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale,
        @Nullable HypothesisStatus hypothesis, @Nullable String justification, @Nullable String evidence) {

    /** A link whose hypothesis is not tested yet. */
    public LinkDraft(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale) {
        this(sourceId, targetId, rationale, null, null, null);
    }
}
