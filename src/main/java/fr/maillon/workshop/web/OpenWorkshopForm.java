package fr.maillon.workshop.web;

import org.jspecify.annotations.Nullable;

import fr.maillon.workshop.WorkshopDraft;

/** The form that opens a workshop: its title, how long it stays open, the cards each participant may post. */
public record OpenWorkshopForm(@Nullable String title, @Nullable Integer durationMinutes, @Nullable Integer cardLimit) {

    WorkshopDraft toDraft() {
        return new WorkshopDraft(title, durationMinutes, cardLimit);
    }
}
