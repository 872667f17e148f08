package fr.maillon.workshop;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;

/** What a card form sends: its kind, the target of an effect, its text, and the consent a testimony needs. */
public record CardDraft(@Nullable CardKind kind, @Nullable EffectTarget target, @Nullable String text,
        boolean consent) {
}
