package fr.maillon.framework;

import org.jspecify.annotations.Nullable;

/** A criterion of evaluative questions: one of the six defaults, or the structure's own ({@code own}). */
public record Criterion(long id, String code, String label, @Nullable String definition, boolean own) {
}
