package fr.maillon.account.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose account changed since the sign-in: its password was changed
 * (from another session), or it was locked or disabled. Read from the database on each request,
 * so it holds across several instances; the request then goes on as anonymous (sign-in page, or
 * 401 for the API). Requests made with an API token are checked by {@link BearerTokenFilter}.
 */
final class SessionValidityFilter extends OncePerRequestFilter {

    private final UserRepository users;
    private final Clock clock;

    SessionValidityFilter(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal principal
                && !BearerTokenFilter.API_TOKEN.equals(authentication.getDetails())) {
            Optional<UserRow> user = users.findById(principal.user().id());
            if (user.isEmpty() || !user.get().acceptsSession(principal.signedInAt(), clock.instant())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
