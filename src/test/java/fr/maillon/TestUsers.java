package fr.maillon;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;
import fr.maillon.organisation.StructureDraft;
import fr.maillon.organisation.StructureKind;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.securityContext;

/** Creates structures and people for tests, and signs them in as the application itself would. */
@Component
public class TestUsers {

    public static final String PASSWORD = "a-long-test-password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final AccountService accounts;
    private final OrganisationService organisations;
    private final UserDetailsService userDetails;
    private final SessionRepository<? extends Session> sessions;

    TestUsers(AccountService accounts, OrganisationService organisations, UserDetailsService userDetails,
            SessionRepository<? extends Session> sessions) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.userDetails = userDetails;
        this.sessions = sessions;
    }

    public String newUsername(String prefix) {
        return prefix + "-" + System.nanoTime() % 100000 + "-" + SEQUENCE.incrementAndGet();
    }

    public long newUser(String username) {
        return accounts.createAccount(new NewAccount(username, "Test " + username, PASSWORD, false));
    }

    public long newStructure(String name) {
        return organisations.createStructureUnchecked(new StructureDraft(name, StructureKind.CENTRE_SOCIAL, "07",
                "Privas", null, null, null, null, false, null, null));
    }

    /** A new structure with a new member of the given role; returns {structureId, username}. */
    public Created structureWithMember(Role role) {
        long structureId = newStructure("Structure " + SEQUENCE.incrementAndGet());
        String username = newUsername("member");
        long userId = newUser(username);
        organisations.addMemberUnchecked(structureId, userId, role);
        return new Created(structureId, username, userId);
    }

    public void addMember(long organisationId, long userId, Role role) {
        organisations.addMemberUnchecked(organisationId, userId, role);
    }

    /**
     * Signs in as this person for one MockMvc request, as a browser is signed in: a new session kept in
     * the database by the application's own session repository, holding the security context the
     * sign-in form saves (the principal it gives, credentials erased), and its cookie sent with the
     * request. Every filter then sees the request as the signed-in browser's, the request size limits
     * included. A new session on each call: a test that signs out or changes a password ends only its
     * own. To go on in the same session (a flash message after a redirect), send back the cookie
     * with {@link TestSessions#cookie(org.springframework.test.web.servlet.MvcResult)}.
     */
    public RequestPostProcessor as(String username) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        return request -> {
            UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                    principal, null, principal.getAuthorities());
            authentication.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
            authentication.eraseCredentials();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            String id = signedIn(sessions, context);
            Cookie cookie = new Cookie(TestSessions.COOKIE,
                    Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
            Cookie[] others = request.getCookies() == null ? new Cookie[0] : request.getCookies();
            request.setCookies(Stream.concat(Arrays.stream(others).filter(c -> !TestSessions.COOKIE.equals(c.getName())),
                    Stream.of(cookie)).toArray(Cookie[]::new));
            // the same context for Spring Security Test, which would otherwise take this thread's sign-in
            // for service calls (signIn) before the session's
            return securityContext(context).postProcessRequest(request);
        };
    }

    private static <S extends Session> String signedIn(SessionRepository<S> sessions, SecurityContext context) {
        S session = sessions.createSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        sessions.save(session);
        return session.getId();
    }

    /** Signs in as this person for service calls made on this thread (clear the context afterwards). */
    public void signIn(String username) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    public record Created(long structureId, String username, long userId) {
    }
}
