package fr.maillon.network;

import java.time.OffsetDateTime;

/** A link inviting a structure into a programme, still waiting to be used. */
public record ProgrammeInvitation(long id, String invitee, OffsetDateTime expiresAt) {
}
