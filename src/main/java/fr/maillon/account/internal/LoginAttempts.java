package fr.maillon.account.internal;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Locks an account for {@link #LOCK_DURATION} after {@link #MAX_ATTEMPTS} wrong passwords in a row. */
@Component
public class LoginAttempts {

    public static final int MAX_ATTEMPTS = 5;
    /** The session attribute in which a failed sign-in leaves the username that was typed. */
    public static final String LAST_USERNAME = "MAILLON_LAST_USERNAME";
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);

    private final UserRepository users;

    LoginAttempts(UserRepository users) {
        this.users = users;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        users.recordFailure(normalize(event.getAuthentication().getName()), MAX_ATTEMPTS, LOCK_DURATION);
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountPrincipal principal) {
            users.recordSuccess(principal.getUsername());
        }
    }

    private static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
