package fr.maillon.web;

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

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers and cookies as a real HTTP client sees them, directly and behind an HTTPS reverse proxy. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void pagesSendACspWithoutInlineScriptAndRefuseFraming() throws Exception {
        HttpResponse<String> login = get("/login", List.of());
        assertThat(login.statusCode()).isEqualTo(200);
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void theCookiesAreHttpOnlyAndLaxAndNotSecureOverPlainHttp() throws Exception {
        List<String> cookies = signIn(List.of("X-Forwarded-For", "203.0.113.7"));
        assertThat(cookies.get(0)).as("the form's CSRF token").startsWith("MAILLON_CSRF=").contains("HttpOnly")
                .contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(cookies.get(1)).as("the session, once signed in").startsWith("MAILLON_SESSION=").contains("HttpOnly")
                .contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void theCookiesAreSecureBehindAnHttpsProxy() throws Exception {
        List<String> proxied = List.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9");
        assertThat(get("/login", proxied).headers().firstValue("Strict-Transport-Security")).isPresent();
        List<String> cookies = signIn(proxied);
        assertThat(cookies.get(0)).as("a CSRF cookie no other site of the domain can set")
                .startsWith("__Host-MAILLON_CSRF=").contains("Secure").contains("Path=/").contains("HttpOnly")
                .contains("SameSite=Lax");
        assertThat(cookies.get(1)).startsWith("MAILLON_SESSION=").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Lax");
    }

    /** Opens the sign-in form and signs in a new account with its token; the two cookies set, CSRF then session. */
    private List<String> signIn(List<String> headers) throws Exception {
        String username = users.newUsername("cookies");
        users.newUser(username);
        HttpResponse<String> form = get("/login", headers);
        String csrfCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
        String token = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        HttpResponse<String> signedIn = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("MAILLON_SESSION=")).findFirst().orElseThrow();
        return List.of(csrfCookie, session);
    }

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health", List.of());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get("/actuator/env", List.of()).statusCode()).isIn(401, 302, 404);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> docs = get("/api/docs", List.of());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\"").contains("/api/v1/tokens").contains("/api/v1/structures")
                .contains("/api/v1/structures/{structureId}/evaluations")
                .contains("/api/v1/evaluations/{evaluationId}/chain").contains("/api/v1/evaluations/{evaluationId}/balance")
                .contains("/api/v1/evaluations/{evaluationId}/diagram.svg").contains("/api/v1/evaluations/{evaluationId}/export")
                .contains("/api/v1/structures/{structureId}/evaluations/import");
        HttpResponse<String> ui = client.send(HttpRequest.newBuilder(URI.create(url("/api/docs/swagger-ui/index.html")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPagesAndApiCallsAnswerInTheirOwnLanguage() throws Exception {
        HttpResponse<String> page = get("/no/such/page", List.of("Accept", "text/html"));
        assertThat(page.statusCode()).isIn(302, 404);
        HttpResponse<String> api = get("/api/v1/structures", List.of());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> get(String path, List<String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        for (int i = 0; i < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
