package fr.maillon.workshop.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;
import fr.maillon.workshop.Card;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;

/** A card as the facilitator writes or edits it. */
public record CardForm(@Nullable CardKind kind, @Nullable EffectTarget target, @Nullable String text,
        @Nullable Boolean consent) {

    static CardForm empty() {
        return new CardForm(null, null, "", false);
    }

    static CardForm of(Card card) {
        return new CardForm(card.kind(), card.target(), card.text(), card.consent());
    }

    CardDraft toDraft() {
        return new CardDraft(kind, target, text, Boolean.TRUE.equals(consent));
    }
}
