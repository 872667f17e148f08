package fr.maillon.restitution.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.restitution.Narrative;

/** A section's narrative as its form posts it, with the version it was read at (0: none yet). */
public record NarrativeForm(@Nullable String narrative, @Nullable Integer version) {

    public static NarrativeForm of(Narrative narrative) {
        return new NarrativeForm(narrative.text(), narrative.version());
    }
}
