package fr.maillon.framework;

import org.jspecify.annotations.Nullable;

/** Rules as typed in a form or sent to the API: numbers as text ("1 200,5"), blank for none; required null is no. */
public record RulesDraft(@Nullable String minimum, @Nullable String maximum, @Nullable String jumpPercent,
        @Nullable Boolean required) {
}
