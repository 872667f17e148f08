package fr.maillon.agrement;

import org.jspecify.annotations.Nullable;

/**
 * What the structure wrote for a part of its file: its text (up to {@value AgrementPart#MAX_NOTE} characters) and,
 * for the projet familles only, whether it marked it "sans objet".
 */
public record AgrementNote(AgrementPart part, @Nullable String text, boolean notApplicable) {
}
