package fr.maillon.workshop.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.LinkDraft;

/** A link of the chain drawn during the workshop: its two ends and why. */
public record WorkshopLinkForm(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale) {

    static WorkshopLinkForm empty() {
        return new WorkshopLinkForm(null, null, "");
    }

    LinkDraft toDraft() {
        return new LinkDraft(sourceId, targetId, rationale == null || rationale.isBlank() ? null : rationale);
    }
}
