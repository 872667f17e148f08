package fr.maillon.organisation;

/** An invitation just created, with the one-time link's token. */
public record IssuedInvitation(Invitation invitation, String token) {
}
