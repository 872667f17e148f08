package fr.maillon.organisation;

/** A person in an organisation, as its members page lists her. */
public record Member(long userId, String username, String displayName, Role role) {
}
