package fr.maillon.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * CSRF tokens kept in a cookie of their own rather than in the session, so that a stranger opening
 * the sign-in form writes no session row in the database. HttpOnly and SameSite=Lax; on HTTPS the
 * cookie is {@code __Host-} prefixed, so that no other site of the domain can set it.
 */
final class CsrfCookies implements CsrfTokenRepository {

    static final CsrfCookies REPOSITORY = new CsrfCookies();

    private final CookieCsrfTokenRepository plain = repository("MAILLON_CSRF");
    private final CookieCsrfTokenRepository secure = repository("__Host-MAILLON_CSRF");

    private CsrfCookies() {
    }

    private static CookieCsrfTokenRepository repository(String name) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(name);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    private CookieCsrfTokenRepository of(HttpServletRequest request) {
        return request.isSecure() ? secure : plain;
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return of(request).generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return of(request).loadToken(request);
    }
}
