package fr.maillon.workshop;

import org.jspecify.annotations.Nullable;

/** What the facilitator sets when opening a workshop: its title, how long it stays open, and how many cards each participant may post. */
public record WorkshopDraft(@Nullable String title, @Nullable Integer durationMinutes, @Nullable Integer cardLimit) {
}
