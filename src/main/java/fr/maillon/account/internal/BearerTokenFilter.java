package fr.maillon.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import fr.maillon.account.Secrets;
import fr.maillon.web.Problems;

/**
 * Authenticates {@code Authorization: Bearer <token>} with a personal API token. The context is
 * for this request only: nothing is saved in a session. An unknown, revoked or expired token, or
 * one whose account is locked or disabled, answers 401.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String PREFIX = "Bearer ";

    /** The details of an authentication made with a personal API token. */
    public static final String API_TOKEN = "api-token";

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final Clock clock;

    BearerTokenFilter(ApiTokenRepository tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim();
        Instant now = clock.instant();
        String tokenHash = token.isEmpty() || token.length() > 200 ? null : Secrets.sha256(token);
        Optional<UserRow> user = tokenHash == null ? Optional.empty()
                : tokens.findOwnerOfValidToken(tokenHash, now).flatMap(users::findById)
                        .filter(row -> row.activeAt(now));
        if (user.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(Problems.json(401, "Unauthorized",
                    "Jeton d'API inconnu, révoqué ou expiré, ou compte suspendu.").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            tokens.markUsed(tokenHash, now);
        }
        catch (DataAccessException readOnly) {
            // an instance on a read-only replica: the token's last use is not written, its call is served
            log.debug("The token's last use could not be written: {}", readOnly.getMessage());
        }
        AccountPrincipal principal = new AccountPrincipal(user.get().toCurrentUser(), null, false, false, null);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities());
        authentication.setDetails(API_TOKEN);
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }
}
