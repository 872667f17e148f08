package fr.maillon.organisation;

/** An organisation's card, and whether the caller manages its members. */
public record OrganisationPage(Organisation organisation, boolean canAdminister) {
}
