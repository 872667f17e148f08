package fr.maillon.account.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import fr.maillon.account.CurrentUser;

/** A row of {@code app_user}, password hash included: it never leaves this module. */
public record UserRow(long id, String username, String displayName, String passwordHash, boolean platformAdmin,
        @Nullable Instant lockedUntil) {

    public CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, platformAdmin);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
