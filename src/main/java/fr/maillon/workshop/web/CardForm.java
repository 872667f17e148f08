package fr.maillon.workshop.web;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import fr.maillon.chain.EffectTarget;
import fr.maillon.workshop.CardDraft;
import fr.maillon.workshop.CardKind;

/**
 * What a participant's card form sends, as typed: every field a string, so that a wrong value is
 * refused with a message beside its field and the text is shown again, never a binding error.
 */
public record CardForm(@Nullable String submissionKey, @Nullable String kind, @Nullable String target,
        @Nullable String text, @Nullable String consent) {

    /** How much of a refused text is written back into the form: far more than a card holds, bounded all the same. */
    static final int MAX_KEPT = 2_000;

    static CardForm empty() {
        return new CardForm(null, null, null, null, null);
    }

    CardDraft draft() {
        return new CardDraft(parse(CardKind.class, kind), parse(EffectTarget.class, target), text, consented());
    }

    boolean consented() {
        return "true".equals(consent) || "on".equals(consent);
    }

    Optional<UUID> key() {
        if (submissionKey == null || submissionKey.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(submissionKey));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The chosen kind's name, if it is one (to check its radio button again). */
    @Nullable
    String kindName() {
        CardKind parsed = parse(CardKind.class, kind);
        return parsed == null ? null : parsed.name();
    }

    @Nullable
    String targetName() {
        EffectTarget parsed = parse(EffectTarget.class, target);
        return parsed == null ? null : parsed.name();
    }

    /** The text as typed, without the invisible control characters a refusal asked to remove, bounded. */
    String keptText() {
        if (text == null) {
            return "";
        }
        String visible = text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
        return visible.length() > MAX_KEPT ? visible.substring(0, MAX_KEPT) : visible;
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null || value.isBlank() || value.length() > 40) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
