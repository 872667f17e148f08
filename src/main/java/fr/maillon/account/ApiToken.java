package fr.maillon.account;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/** A personal API token as its owner sees it: never the secret, which is shown once. */
public record ApiToken(long id, String label, OffsetDateTime createdAt, @Nullable OffsetDateTime lastUsedAt,
        OffsetDateTime expiresAt) {
}
