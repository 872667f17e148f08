package fr.maillon.account.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Browser sessions signed in by Maillon itself rather than by the sign-in form: the person who just
 * changed her password stays signed in, and the person who just opened her account is signed in.
 * Both as the form does it: a new session id (against session fixation), a new CSRF token, the
 * security context saved in the session.
 */
@Component
public class SignedInSessions {

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    /** What the sign-in form does on success (its CSRF token renewed). */
    private final SessionAuthenticationStrategy onSignIn = new CompositeSessionAuthenticationStrategy(List.of(
            new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(CsrfTokens.REPOSITORY)));
    private final UserDetailsChecker accountStatus = new AccountStatusUserDetailsChecker();
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();
    private final AccountUserDetailsService userDetails;
    private final Clock clock;

    SignedInSessions(AccountUserDetailsService userDetails, Clock clock) {
        this.userDetails = userDetails;
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

    /**
     * Signs this session in as the person whose account this is, signed in now, without checking her
     * password: for the account she has just opened, whose password she has just chosen. A locked or
     * disabled account throws as at the sign-in form. Reached through
     * {@code AccountService.signIn}, which only an account just opened unlocks.
     */
    public void signIn(String username, HttpServletRequest request, HttpServletResponse response) {
        AccountPrincipal principal = (AccountPrincipal) userDetails.loadUserByUsername(username);
        accountStatus.check(principal);
        principal.eraseCredentials();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities());
        authentication.setDetails(details.buildDetails(request));
        onSignIn.onAuthentication(authentication, request, response);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
    }
}
