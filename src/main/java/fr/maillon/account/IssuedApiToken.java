package fr.maillon.account;

import java.time.Instant;

/** A token just created: the secret is in {@code token}, shown once and never stored. */
public record IssuedApiToken(long id, String label, String token, Instant expiresAt) {
}
