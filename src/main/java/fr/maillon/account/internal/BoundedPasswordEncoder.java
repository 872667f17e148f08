package fr.maillon.account.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The application's password encoder: every hash and check holds a {@link PasswordHashing} permit,
 * whoever calls it (sign-in form, token API, password change, account creation, and the check that
 * Spring Security makes against a dummy hash for unknown usernames).
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final PasswordHashing hashing;
    private final AtomicLong hashes = new AtomicLong();

    BoundedPasswordEncoder(PasswordEncoder delegate, PasswordHashing hashing) {
        this.delegate = delegate;
        this.hashing = hashing;
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        return hashing.withPermit(() -> {
            hashes.incrementAndGet();
            return delegate.encode(rawPassword);
        });
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        return hashing.withPermit(() -> {
            hashes.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        });
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** How many hashes were computed since start: unknown usernames cost one as known ones do. */
    public long hashesComputed() {
        return hashes.get();
    }
}
