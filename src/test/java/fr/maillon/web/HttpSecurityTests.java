package fr.maillon.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers and cookies as a real HTTP client sees them, directly and behind an HTTPS reverse proxy. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HttpSecurityTests {

    @LocalServerPort
    int port;

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
    void theSessionCookieIsHttpOnlyAndLaxAndNotSecureOverPlainHttp() throws Exception {
        String cookie = get("/login", List.of()).headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("MAILLON_SESSION=").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void theSessionCookieIsSecureBehindAnHttpsProxy() throws Exception {
        HttpResponse<String> login = get("/login", List.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
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
