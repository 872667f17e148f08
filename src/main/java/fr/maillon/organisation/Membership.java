package fr.maillon.organisation;

/** One of the signed-in person's memberships, for the header and the home page. */
public record Membership(long organisationId, OrganisationType organisationType, String organisationName, Role role) {
}
