package fr.maillon.account.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** The browser session of the person who just changed her password: it stays signed in, under a new id. */
@Component
public class SignedInSessions {

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final Clock clock;

    SignedInSessions(Clock clock) {
        this.clock = clock;
    }

    /** Signs the current session in again now, so that the password change just made does not end it. */
    public void keepCurrent(HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof AccountPrincipal principal)) {
            return;
        }
        AccountPrincipal renewed = principal.signedInAgainAt(clock.instant().truncatedTo(ChronoUnit.MICROS));
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                renewed, null, renewed.getAuthorities());
        authentication.setDetails(current.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        repository.saveContext(context, request, response);
    }
}
