package fr.maillon.workshop;

/** A participant of a workshop: her role only, and how many cards she posted. */
public record Participant(long id, long workshopId, ParticipantRole role, int cardsPosted) {
}
