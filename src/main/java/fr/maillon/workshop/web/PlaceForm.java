package fr.maillon.workshop.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ActivityType;
import fr.maillon.chain.ChainElementDraft;
import fr.maillon.chain.EffectTarget;
import fr.maillon.chain.ResourceKind;
import fr.maillon.chain.SupportCategory;
import fr.maillon.workshop.Card;

/**
 * Placing a card into the chain: the element's name (the card's text, cut to a name's length; the
 * whole text then goes to its description), and what its kind requires: a resource's kind and the
 * stakeholder providing it (optional), an activity's type and a support activity's category, an
 * effect's target.
 */
public record PlaceForm(@Nullable String name, @Nullable String description, @Nullable ResourceKind resourceKind,
        @Nullable Long providerId, @Nullable ActivityType activityType, @Nullable SupportCategory supportCategory,
        @Nullable EffectTarget target) {

    /** The longest name of a chain element. */
    static final int MAX_NAME = 200;

    static PlaceForm of(Card card) {
        String text = card.text();
        boolean cut = text.length() > MAX_NAME;
        String name = cut ? text.substring(0, Character.isHighSurrogate(text.charAt(MAX_NAME - 2)) ? MAX_NAME - 2
                : MAX_NAME - 1) + "…" : text;
        return new PlaceForm(name, cut ? text : "", null, null, ActivityType.PRIMARY, null, card.target());
    }

    ChainElementDraft toDraft() {
        return new ChainElementDraft(null, name, description == null || description.isBlank() ? null : description,
                resourceKind, providerId, null, null, null, activityType,
                activityType == ActivityType.SUPPORT ? supportCategory : null, target, null);
    }
}
