package fr.maillon.workshop;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.ElementKind;

/**
 * What a card says: « ce que j'apporte » (a resource), « ce qu'on fait ensemble » (an activity),
 * « ce que ça change » (an effect, for one of the three targets), or a short testimony, given with
 * consent, which is evidence rather than an element of the chain.
 */
public enum CardKind {
    RESOURCE, ACTIVITY, EFFECT, TESTIMONY;

    /** The kind of chain element this card becomes when placed; none for a testimony. */
    public @Nullable ElementKind elementKind() {
        return switch (this) {
            case RESOURCE -> ElementKind.RESOURCE;
            case ACTIVITY -> ElementKind.ACTIVITY;
            case EFFECT -> ElementKind.EFFECT;
            case TESTIMONY -> null;
        };
    }
}
