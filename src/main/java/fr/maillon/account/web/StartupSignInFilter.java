package fr.maillon.account.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import fr.maillon.web.Problems;

/**
 * While Maillon starts (the demo accounts or the first administrator may not exist yet), a
 * sign-in is not tried: the form comes back with "démarrage en cours" rather than "wrong
 * password", and a token request gets 503. Runs just before Spring Security (order -100).
 */
@Component
@Order(-101)
class StartupSignInFilter extends OncePerRequestFilter {

    static final String STARTING_DETAIL = "Démarrage en cours : réessayez dans quelques secondes.";

    private final ApplicationAvailability availability;

    StartupSignInFilter(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!request.getMethod().equals("POST")
                || availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            return true;
        }
        String path = path(request);
        return !path.equals("/login") && !path.equals("/api/v1/tokens");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (path(request).equals("/login")) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/login?starting");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(Problems.json(503, "Service Unavailable", STARTING_DETAIL)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
