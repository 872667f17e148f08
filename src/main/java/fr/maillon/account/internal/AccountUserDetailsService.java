package fr.maillon.account.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final Clock clock;

    public AccountUserDetailsService(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The person with her password hash, signed in now if the password matches. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return users.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .map(row -> new AccountPrincipal(row.toCurrentUser(), row.passwordHash(), row.lockedAt(now),
                        row.disabled(), now))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
