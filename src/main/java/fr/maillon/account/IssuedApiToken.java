package fr.maillon.account;

/** A token just created: the secret is in {@code token}, shown once and never stored. */
public record IssuedApiToken(long id, String label, String token) {
}
