package fr.maillon.network;

/** A programme invitation just created, with its one-time link's token (shown once). */
public record IssuedProgrammeInvitation(ProgrammeInvitation invitation, String token) {
}
