package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.LinkDraft;

public record LinkForm(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String rationale) {

    public static LinkForm empty() {
        return new LinkForm(null, null, "");
    }

    public LinkDraft toDraft() {
        return new LinkDraft(sourceId, targetId, rationale);
    }
}
