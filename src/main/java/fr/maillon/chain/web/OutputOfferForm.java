package fr.maillon.chain.web;

import org.jspecify.annotations.Nullable;

/** The offer of an output of the source activity, in place of a link between two primary activities. */
public record OutputOfferForm(@Nullable Long sourceId, @Nullable Long targetId, @Nullable String name,
        @Nullable String rationale) {
}
