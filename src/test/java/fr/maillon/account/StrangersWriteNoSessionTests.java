package fr.maillon.account;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are rows in the database: a stranger who opens the sign-in form, asks a page or fails to
 * sign in writes none (the CSRF token, the page asked and the name typed are kept in cookies), so
 * that a flood of visits does not grow the sessions table. Over real HTTP, as a browser: a MockMvc
 * test's {@code csrf()} would put the shared context's tokens back into the session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StrangersWriteNoSessionTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @Test
    void theSignInFormAPageAskedAndAFailedSignInWriteNoSessionThenTheSignInDoes() throws Exception {
        long before = sessionRows();
        for (int i = 0; i < 200; i++) {
            assertThat(new Visitor().get("/login").statusCode()).isEqualTo(200);
        }
        Visitor visitor = new Visitor();
        HttpResponse<String> asked = visitor.get("/account");
        assertThat(asked.statusCode()).isEqualTo(302);
        HttpResponse<String> form = visitor.get("/login");
        assertThat(form.headers().allValues("Set-Cookie")).as("the form's token in a cookie of its own")
                .anySatisfy(cookie -> assertThat(cookie).startsWith("MAILLON_CSRF=").contains("HttpOnly")
                        .contains("SameSite=Lax"));
        HttpResponse<String> failed = visitor.post("/login", "username=" + URLEncoder.encode("inconnue-é",
                StandardCharsets.UTF_8) + "&password=faux&_csrf=" + csrfOf(form.body()));
        assertThat(failed.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(new Visitor().post("/login", "username=x&password=y").statusCode())
                .as("without the cookie's token, refused").isEqualTo(403);
        assertThat(sessionRows()).as("no row for 200 visits of the form, a page asked and a failed sign-in")
                .isEqualTo(before);
        assertThat(visitor.cookie("MAILLON_SESSION")).isNull();

        HttpResponse<String> again = visitor.get("/login?error");
        assertThat(again.body()).as("the name typed, back in the form").contains("value=\"inconnue-é\"");
        assertThat(visitor.cookie("MAILLON_LAST_USERNAME")).as("then forgotten").isNull();
        Visitor stranger = new Visitor();
        stranger.cookies.getCookieStore().add(URI.create("http://127.0.0.1:" + port + "/login"), lastUsername("%zz"));
        assertThat(stranger.get("/login").statusCode()).as("a cookie Maillon did not write").isEqualTo(200);

        String username = users.newUsername("retour");
        users.newUser(username);
        HttpResponse<String> signedIn = visitor.post("/login", "username=" + username + "&password="
                + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrfOf(again.body()));
        assertThat(signedIn.headers().firstValue("Location").orElseThrow())
                .as("back to the page asked before signing in").contains("/account");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(username)
                .query(Long.class).single()).as("the sign-in writes the session").isEqualTo(1);
        assertThat(visitor.get("/account").statusCode()).isEqualTo(200);
    }

    private static HttpCookie lastUsername(String value) {
        HttpCookie cookie = new HttpCookie("MAILLON_LAST_USERNAME", value);
        cookie.setPath("/login");
        cookie.setVersion(0);
        return cookie;
    }

    private long sessionRows() {
        return jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
    }

    private static String csrfOf(String page) {
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    }

    private final class Visitor {

        final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpCookie cookie(String name) {
            List<HttpCookie> all = cookies.getCookieStore().getCookies();
            return all.stream().filter(cookie -> cookie.getName().equals(name)).findFirst().orElse(null);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }
}
