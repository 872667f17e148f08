package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.HypothesisStatus;
import fr.maillon.chain.Link;
import fr.maillon.chain.LinkDraft;

public record LinkForm(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale,
        @Nullable HypothesisStatus hypothesis, @Nullable String justification, @Nullable String evidence,
        @Nullable Integer version) {

    public static LinkForm empty() {
        return from(null);
    }

    public static LinkForm from(@Nullable Long sourceId) {
        return new LinkForm(sourceId, null, "", HypothesisStatus.NON_TESTEE, "", "", null);
    }

    public static LinkForm of(Link link) {
        return new LinkForm(link.sourceId(), link.targetId(), link.rationale(), link.hypothesis(), link.justification(),
                link.evidence(), link.version());
    }

    public LinkDraft toDraft() {
        return new LinkDraft(sourceId, targetId, rationale, hypothesis, justification, evidence);
    }
}
