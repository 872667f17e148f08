package fr.maillon.workshop.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;

/** A card as the facilitator writes or edits it. */
public record FacilitatorCardForm(@Nullable CardKind kind, @Nullable EffectTarget target, @Nullable String text,
        @Nullable Boolean consent) {

    static FacilitatorCardForm empty() {
        return new FacilitatorCardForm(null, null, "", false);
    }

    static FacilitatorCardForm of(Card card) {
        return new FacilitatorCardForm(card.kind(), card.target(), card.text(), card.consent());
    }

    CardDraft toDraft() {
        return new CardDraft(kind, target, text, Boolean.TRUE.equals(consent));
    }
}
