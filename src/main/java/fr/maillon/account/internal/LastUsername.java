package fr.maillon.account.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.util.WebUtils;

/**
 * The name typed at a failed sign-in, kept a minute in a cookie of the sign-in form (not in a
 * session: a stranger's attempt writes no session row), to fill the form in again once.
 */
public final class LastUsername {

    public static final String COOKIE = "MAILLON_LAST_USERNAME";
    private static final int MAX_LENGTH = 100;

    private LastUsername() {
    }

    /** Remembers the name typed; nothing for a name longer than a username may be. */
    static void remember(String username, HttpServletRequest request, HttpServletResponse response) {
        if (username.length() <= MAX_LENGTH) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(URLEncoder.encode(username, StandardCharsets.UTF_8),
                    Duration.ofMinutes(1), request.isSecure()).toString());
        }
    }

    /** The name remembered, then forgotten; empty when there is none or the cookie was not Maillon's. */
    public static String takeBack(HttpServletRequest request, HttpServletResponse response) {
        Cookie remembered = WebUtils.getCookie(request, COOKIE);
        if (remembered == null) {
            return "";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()).toString());
        try {
            String username = URLDecoder.decode(remembered.getValue(), StandardCharsets.UTF_8);
            return username.length() <= MAX_LENGTH ? username : "";
        }
        catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).path("/login").maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite("Lax").build();
    }
}
