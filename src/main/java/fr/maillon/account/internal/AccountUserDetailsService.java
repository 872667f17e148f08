package fr.maillon.account.internal;

import java.time.Instant;
import java.util.Locale;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    public AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .map(row -> new AccountPrincipal(row.toCurrentUser(), row.passwordHash(), row.lockedAt(Instant.now())))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
