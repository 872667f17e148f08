package fr.maillon.account.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import fr.maillon.account.CurrentUser;

/** A row of {@code app_user}, password hash included: it never leaves this module. */
public record UserRow(long id, String username, String displayName, String passwordHash, boolean platformAdmin,
        @Nullable Instant lockedUntil, @Nullable Instant disabledAt, @Nullable Instant credentialsChangedAt) {

    public CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, platformAdmin);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    /** Neither disabled nor locked at this instant: its sessions and tokens may be used. */
    public boolean activeAt(Instant now) {
        return !disabled() && !lockedAt(now);
    }

    /**
     * Whether a session signed in at {@code signedInAt} may go on at {@code now}: the account is
     * active and its password has not changed since. A session of unknown age ends if the password
     * ever changed.
     */
    public boolean acceptsSession(@Nullable Instant signedInAt, Instant now) {
        if (!activeAt(now)) {
            return false;
        }
        if (credentialsChangedAt == null) {
            return true;
        }
        return signedInAt != null && !signedInAt.truncatedTo(ChronoUnit.MICROS).isBefore(credentialsChangedAt);
    }
}
