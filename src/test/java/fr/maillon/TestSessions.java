package fr.maillon;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Browser sessions as the tests see them: the session cookie a response sets, sent back as a
 * browser does, and the session it names read from the database by a repository of its own, as
 * another instance of Maillon would read it. MockMvc's {@code session(...)} and {@code flashAttr(...)}
 * put things in a mock session that Spring Session never reads: send the cookie instead.
 */
@Component
public class TestSessions {

    public static final String COOKIE = "MAILLON_SESSION";

    private final JdbcIndexedSessionRepository anotherInstance;

    TestSessions(DataSource dataSource) {
        this.anotherInstance = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    /** The session cookie this response sets (null if it sets none, or only clears one). */
    public static @Nullable Cookie cookie(MockHttpServletResponse response) {
        Cookie cookie = response.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie;
    }

    /**
     * The session cookie a browser holds after this exchange: the one the response sets, otherwise the
     * one the request sent (a signed-in session goes on under its cookie); null if neither.
     */
    public static @Nullable Cookie cookie(MvcResult result) {
        Cookie set = cookie(result.getResponse());
        if (set != null || result.getResponse().getCookie(COOKIE) != null) {
            return set;
        }
        Cookie[] sent = result.getRequest().getCookies();
        return sent == null ? null : Arrays.stream(sent).filter(c -> COOKIE.equals(c.getName())).findFirst()
                .orElse(null);
    }

    /** Sends this session cookie back, and nothing else of the session, as a browser does. */
    public static RequestPostProcessor with(Cookie cookie) {
        return request -> {
            request.setCookies(new Cookie(COOKIE, cookie.getValue()));
            return request;
        };
    }

    /** The session id in this cookie (Spring Session writes it in Base64). */
    public static String id(Cookie cookie) {
        return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
    }

    /** The session this cookie names, read from the database now (null if there is none, or it expired). */
    public @Nullable Session find(Cookie cookie) {
        return anotherInstance.findById(id(cookie));
    }

    /** The security context kept in the session this cookie names (null if none). */
    public @Nullable SecurityContext securityContext(Cookie cookie) {
        Session session = find(cookie);
        return session == null ? null
                : session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    }
}
