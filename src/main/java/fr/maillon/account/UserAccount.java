package fr.maillon.account;

/** A person with an account, as lists of members show her. */
public record UserAccount(long id, String username, String displayName) {
}
