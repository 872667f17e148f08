package fr.maillon.chain;

import org.jspecify.annotations.Nullable;

/**
 * A directed link from one chain element to another, with a short rationale, and the hypothesis it
 * states: its status, why (justification) and on what evidence (which indicators, testimonies,
 * documents); its version, for the forms and the API that edit it.
 */
public record Link(long id, long evaluationId, long sourceId, long targetId, @Nullable String rationale,
        HypothesisStatus hypothesis, @Nullable String justification, @Nullable String evidence, int version) {

    public Link {
        hypothesis = hypothesis == null ? HypothesisStatus.NON_TESTEE : hypothesis;
    }
}
