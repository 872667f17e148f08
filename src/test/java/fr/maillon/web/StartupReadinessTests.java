package fr.maillon.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import fr.maillon.MaillonApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 11: until the start-up work is done (demo data, first administrator), the health
 * endpoint and its readiness group answer 503 "démarrage en cours", and the sign-in page says so
 * instead of calling a right password wrong.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StartupReadinessTests {

    private static final String NOTICE = "Démarrage en cours";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void whileStartingHealthAnswers503AndSignInSaysStartUpIsInProgress() throws Exception {
        String base = "http://localhost:" + port;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            HttpResponse<String> health = get(client, base + "/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("OUT_OF_SERVICE").contains("démarrage en cours");
            assertThat(get(client, base + "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(get(client, base + "/actuator/health/liveness").statusCode()).isEqualTo(200);

            HttpResponse<String> page = get(client, base + "/login");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(NOTICE);
            HttpResponse<String> signIn = post(client, base + "/login", "application/x-www-form-urlencoded",
                    "username=coope&password=maillon-demo&_csrf=" + csrf(page.body()));
            assertThat(signIn.statusCode()).isEqualTo(303);
            assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/login?starting");
            assertThat(get(client, base + "/login?starting").body()).contains(NOTICE)
                    .doesNotContain("Identifiant ou mot de passe incorrect");

            HttpResponse<String> token = post(client, base + "/api/v1/tokens", "application/json",
                    "{\"username\":\"coope\",\"password\":\"maillon-demo\",\"label\":\"au démarrage\"}");
            assertThat(token.statusCode()).isEqualTo(503);
            assertThat(token.body()).contains(NOTICE);
        }
        finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }

        HttpResponse<String> health = get(client, base + "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(client, base + "/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> page = get(client, base + "/login?starting");
        assertThat(page.body()).doesNotContain(NOTICE).contains("votre connexion n&#39;a pas été tentée");
    }

    /**
     * The finding as it was seen: Maillon started on an empty folder answers "UP" only once the
     * demo accounts exist, so the first sign-in after "UP" succeeds; a sign-in tried earlier is
     * told that start-up is in progress, never that the password is wrong.
     */
    @Test
    void healthSaysUpOnlyOnceTheDemoAccountsCanSignIn(@TempDir Path data) throws Exception {
        int applicationPort = freePort();
        String base = "http://localhost:" + applicationPort;
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaillon.db.data-directory=" + data.resolve("maillon"), "-Dserver.port=" + applicationPort,
                "-Dmaillon.demo=true", "-cp", System.getProperty("java.class.path"), MaillonApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(data.resolve("maillon.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String tokenRequest = "{\"username\":\"coope\",\"password\":\"maillon-demo\",\"label\":\"premier\"}";
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                assertThat(server.isAlive()).as("the server runs").isTrue();
                assertThat(System.nanoTime()).as("the server is ready within five minutes").isLessThan(deadline);
                HttpResponse<String> health;
                try {
                    health = get(http, base + "/actuator/health");
                }
                catch (IOException ex) {
                    Thread.sleep(100);
                    continue;
                }
                if (health.statusCode() == 200) {
                    break;
                }
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).as("the state before the first readiness event")
                        .contains("\"OUT_OF_SERVICE\"").contains("démarrage en cours");
                assertThat(post(http, base + "/api/v1/tokens", "application/json", tokenRequest).statusCode())
                        .as("a sign-in during start-up is not called wrong").isIn(503, 201);
                Thread.sleep(100);
            }
            HttpResponse<String> token = post(http, base + "/api/v1/tokens", "application/json", tokenRequest);
            assertThat(token.statusCode()).as("the first sign-in after UP: " + token.body()).isEqualTo(201);
        }
        finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String type, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("a CSRF field").isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
