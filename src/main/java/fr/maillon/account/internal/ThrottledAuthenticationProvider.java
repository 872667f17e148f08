package fr.maillon.account.internal;

import java.time.Duration;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import fr.maillon.account.internal.SignInRefusedException.Reason;

/**
 * Username and password sign-in (the form and the token API) with its protections around Spring
 * Security's own provider: the throttle first (a refused attempt costs no hash), then a hashing
 * permit, then the check itself, counted as a failure or a success. Unknown usernames are checked
 * against a dummy hash by the delegate (same work, same answer), and a locked or disabled account
 * answers as a wrong password does, so the answer never tells which accounts exist.
 */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    /** The address of a sign-in that came with none (no request): one shared bucket. */
    static final String NO_ADDRESS = "-";

    private final AuthenticationProvider delegate;
    private final SignInThrottle throttle;
    private final PasswordHashing hashing;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, SignInThrottle throttle,
            PasswordHashing hashing) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : NO_ADDRESS;
        refuseIfThrottled(username, address);
        try {
            return hashing.withPermit(() -> {
                // Checked again: attempts that waited for a permit may have failed meanwhile.
                refuseIfThrottled(username, address);
                try {
                    Authentication result = delegate.authenticate(authentication);
                    throttle.succeeded(username, address);
                    return result;
                }
                catch (BadCredentialsException | AccountStatusException ex) {
                    throttle.failed(username, address);
                    throw new BadCredentialsException("wrong username or password, or account not active");
                }
            });
        }
        catch (HashingBusyException ex) {
            throw new SignInRefusedException(Reason.BUSY, Duration.ofSeconds(1));
        }
    }

    private void refuseIfThrottled(String username, String address) {
        throttle.refusal(username, address).ifPresent(wait -> {
            throw new SignInRefusedException(Reason.THROTTLED, wait);
        });
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
