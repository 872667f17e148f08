package fr.maillon.account.internal;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import fr.maillon.account.CurrentUser;

/**
 * What Spring Security keeps in the session for a signed-in person. Roles per organisation are
 * not authorities: the organisation module's access policy reads memberships. {@code signedInAt}
 * dates the sign-in, so that a later password change ends the session.
 */
public final class AccountPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final CurrentUser user;
    private @Nullable String passwordHash;
    private final boolean locked;
    private final boolean disabled;
    private final @Nullable Instant signedInAt;

    public AccountPrincipal(CurrentUser user, @Nullable String passwordHash, boolean locked, boolean disabled,
            @Nullable Instant signedInAt) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.locked = locked;
        this.disabled = disabled;
        this.signedInAt = signedInAt;
    }

    public CurrentUser user() {
        return user;
    }

    /** When this person signed in (null in sessions kept from before this was recorded). */
    public @Nullable Instant signedInAt() {
        return signedInAt;
    }

    /** The same person, signed in again at {@code instant} (after she changed her password). */
    public AccountPrincipal signedInAgainAt(Instant instant) {
        return new AccountPrincipal(user, null, locked, disabled, instant);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return user.platformAdmin() ? List.of(new SimpleGrantedAuthority("ROLE_PLATFORM_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return !disabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
