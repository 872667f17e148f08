package fr.maillon.agrement.web;

import org.jspecify.annotations.Nullable;

/** The structure's text for a part of its file, and for the projet familles whether it is "sans objet". */
public record NoteForm(@Nullable String text, @Nullable Boolean notApplicable) {

    public boolean markedNotApplicable() {
        return Boolean.TRUE.equals(notApplicable);
    }
}
