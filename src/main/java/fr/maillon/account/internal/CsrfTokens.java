package fr.maillon.account.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where CSRF tokens are kept. A browser with a session (signed in) keeps its token in the session,
 * where no other site can set it. A stranger, who has no session, gets hers in a cookie of its own
 * (HttpOnly, SameSite=Lax, {@code __Host-} prefixed over HTTPS so that no other site of the domain
 * can set it), so that opening the sign-in form writes no session row in the database. At sign-in
 * the token is renewed, then kept in the new session.
 */
final class CsrfTokens implements CsrfTokenRepository {

    static final CsrfTokens REPOSITORY = new CsrfTokens();

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository plain = cookie("MAILLON_CSRF");
    private final CookieCsrfTokenRepository secure = cookie("__Host-MAILLON_CSRF");

    private CsrfTokens() {
    }

    private static CookieCsrfTokenRepository cookie(String name) {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieName(name);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    private CsrfTokenRepository of(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            return sessions;
        }
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
