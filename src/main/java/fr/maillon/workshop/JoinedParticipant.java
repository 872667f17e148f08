package fr.maillon.workshop;

/** A participant who just joined, and the secret her browser keeps (in a cookie) to post as her. */
public record JoinedParticipant(Participant participant, String secret) {
}
