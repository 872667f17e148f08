package fr.maillon.organisation;

import java.time.Instant;

/** An invitation still waiting to be used. The link's secret is shown once, at creation. */
public record Invitation(long id, long organisationId, String organisationName, Role role, String invitee,
        Instant expiresAt) {
}
