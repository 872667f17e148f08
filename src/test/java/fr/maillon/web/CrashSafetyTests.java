package fr.maillon.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.maillon.MaillonApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maillon in a process of its own, killed with SIGKILL in the middle of a burst of survey answers
 * from 16 clients, then started again on the same data: every answer it acknowledged (redirected
 * to the thank-you page) is there. Each answer carries its own number, so that the numbers stored
 * can be compared with those acknowledged.
 */
class CrashSafetyTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path data;

    Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void answersAcknowledgedBeforeASigkillAreAllStored() throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        server = start(port, "first.log");
        String bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String evaluations = get(base + "/api/v1/structures/1/evaluations", bearer);
        String evaluation = find(evaluations, "\"id\"\\s*:\\s*(\\d+)");
        String year = find(evaluations, "\"periodEnd\"\\s*:\\s*\"(\\d{4})");
        String survey = find(post(base + "/api/v1/evaluations/" + evaluation + "/surveys", bearer,
                "{\"title\":\"Sous la charge\",\"audience\":\"HABITANTS\"}"), "\"id\"\\s*:\\s*(\\d+)");
        String question = find(post(base + "/api/v1/surveys/" + survey + "/questions", bearer,
                "{\"code\":\"numero\",\"kind\":\"NUMBER\",\"label\":\"Numéro\",\"minimum\":0,\"maximum\":1000000,"
                        + "\"required\":true}"), "\"id\"\\s*:\\s*(\\d+)");
        post(base + "/api/v1/surveys/" + survey + "/waves", bearer, "{\"label\":\"Rafale\",\"period\":\"" + year + "\"}");
        String wave = find(get(base + "/api/v1/surveys/" + survey, bearer), "\"token\"\\s*:\\s*\"([A-Za-z0-9_-]{20,64})\"");

        Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger numbers = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        for (int c = 0; c < 16; c++) {
            clients.submit(() -> {
                while (server.isAlive()) {
                    int number = numbers.incrementAndGet();
                    try {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/s/" + wave))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("q" + question + "=" + number
                                        + "&submission=" + UUID.randomUUID())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 302
                                && response.headers().firstValue("Location").orElse("").endsWith("/merci")) {
                            acknowledged.add(number);
                        }
                    }
                    catch (IOException | InterruptedException ex) {
                        // the server is gone: nothing acknowledged
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 500 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);

        server = start(port, "second.log");
        bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String responses = get(base + "/api/v1/surveys/" + survey + "/responses", bearer);
        Set<Integer> stored = new HashSet<>();
        Matcher answer = Pattern.compile("\"" + question + "\"\\s*:\\s*(\\d+)").matcher(responses);
        while (answer.find()) {
            stored.add(Integer.parseInt(answer.group(1)));
        }
        assertThat(stored).as("every acknowledged answer survives SIGKILL").containsAll(acknowledged);
    }

    /**
     * Killed with SIGKILL while a hall of 40 participants posts workshop cards from 16 phones at
     * once, then started again: every card acknowledged (redirected back to the workshop's page) is
     * among the workshop's cards.
     */
    @Test
    void workshopCardsAcknowledgedBeforeASigkillAreAllStored() throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        server = start(port, "workshop-first.log");
        String bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String evaluation = find(get(base + "/api/v1/structures/1/evaluations", bearer), "\"id\"\\s*:\\s*(\\d+)");
        String opened = post(base + "/api/v1/evaluations/" + evaluation + "/workshops", bearer,
                "{\"title\":\"Atelier sous la charge\",\"cardLimit\":50}");
        String workshop = find(opened, "\"id\"\\s*:\\s*(\\d+)");
        String code = find(opened, "\"code\"\\s*:\\s*\"([A-Z2-9]{6})\"");
        String[] participants = new String[40];
        for (int p = 0; p < participants.length; p++) {
            HttpResponse<String> joined = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/w/" + code + "/join"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("role=HABITANT")).build(), HttpResponse.BodyHandlers.ofString());
            String cookie = joined.headers().firstValue("Set-Cookie").orElseThrow();
            participants[p] = cookie.substring(0, cookie.indexOf(';'));
        }

        Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger numbers = new AtomicInteger();
        ExecutorService phones = Executors.newFixedThreadPool(16);
        for (int c = 0; c < 16; c++) {
            phones.submit(() -> {
                while (server.isAlive()) {
                    int number = numbers.incrementAndGet();
                    try {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/w/" + code
                                + "/cards")).header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", participants[number % participants.length])
                                .POST(HttpRequest.BodyPublishers.ofString("submissionKey=" + UUID.randomUUID()
                                        + "&kind=ACTIVITY&text=carte+" + number)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 303
                                && response.headers().firstValue("Location").orElse("").contains("/w/" + code + "#")) {
                            acknowledged.add(number);
                        }
                    }
                    catch (IOException | InterruptedException ex) {
                        // the server is gone: nothing acknowledged
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        phones.shutdown();
        assertThat(phones.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        server = start(port, "workshop-second.log");
        bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        Set<Integer> stored = new HashSet<>();
        Matcher card = Pattern.compile("carte (\\d+)").matcher(get(base + "/api/v1/workshops/" + workshop + "/cards",
                bearer));
        while (card.find()) {
            stored.add(Integer.parseInt(card.group(1)));
        }
        assertThat(stored).as("every acknowledged card survives SIGKILL").containsAll(acknowledged);
    }

    /**
     * Killed with SIGKILL while it imports a 100,000-row CSV of values in the background, then
     * started again: the evaluation holds all of the file or none of it, never a part.
     */
    @Test
    void anImportKilledHalfwayLeavesAllOfTheFileOrNone() throws Exception {
        int port = freePort();
        String base = "http://localhost:" + port;
        server = start(port, "import-first.log");
        String bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String evaluation = find(post(base + "/api/v1/structures/1/evaluations", bearer, "{\"title\":\"Import coupé\","
                + "\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"1940-01-01\",\"periodEnd\":\"2023-12-31\"}"),
                "\"id\"\\s*:\\s*(\\d+)");
        for (int i = 1; i <= 100; i++) {
            post(base + "/api/v1/evaluations/" + evaluation + "/indicators", bearer, "{\"code\":\"indicateur_" + i
                    + "\",\"name\":\"Indicateur " + i + "\",\"measure\":\"COUNT\",\"frequency\":\"MONTH\","
                    + "\"source\":\"IMPORT\"}");
        }
        StringBuilder csv = new StringBuilder("Indicateur;Période;Valeur\n");
        for (int month = 0; month < 1000; month++) {
            String period = String.format("%d-%02d", 1940 + month / 12, month % 12 + 1);
            for (int i = 1; i <= 100; i++) {
                csv.append("indicateur_").append(i).append(';').append(period).append(';').append(month + i).append('\n');
            }
        }

        // as a person would: signed in, the file uploaded from the import page, the columns confirmed
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        form(browser, base + "/login", "username=coope&password=maillon-demo&_csrf=" + csrf(login));
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/evaluations/" + evaluation + "/imports"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        String boundary = "maillon" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nVALUES\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(page) + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"valeurs.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = browser.send(HttpRequest.newBuilder(URI.create(base + "/evaluations/" + evaluation
                + "/imports")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
        String preview = URI.create(base).resolve(uploaded.headers().firstValue("Location").orElseThrow()).toString();
        String previewPage = browser.send(HttpRequest.newBuilder(URI.create(preview)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> started = form(browser, preview, "indicator=0&period=1&value=2&category=-1&comment=-1&_csrf="
                + csrf(previewPage));
        String job = URI.create(base).resolve(started.headers().firstValue("Location").orElseThrow()).toString();
        assertThat(job).contains("/imports/jobs/");
        // every row checked, the job still running: it is writing them when it is killed
        Pattern writing = Pattern.compile("<progress max=\"100\" value=\"100\"");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state;
        do {
            Thread.sleep(20);
            state = browser.send(HttpRequest.newBuilder(URI.create(job)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        while (!writing.matcher(state).find() && state.contains("<progress") && System.nanoTime() < deadline);
        assertThat(state).as("killed while the rows are being written").containsPattern(writing);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        server = start(port, "import-second.log");
        bearer = "Bearer " + find(token(base), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        long values = Pattern.compile("\"indicatorId\"").matcher(get(base + "/api/v1/evaluations/" + evaluation
                + "/values", bearer)).results().count();
        assertThat(values).as("all of the file or none of it").isIn(0L, 100_000L);
    }

    private static HttpResponse<String> form(HttpClient client, String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        return find(page, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    private Process start(int port, String log) throws Exception {
        // system properties, which win over the tests' configuration file on the class path
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmaillon.db.data-directory=" + data.resolve("maillon"), "-Dserver.port=" + port,
                "-Dmaillon.demo=true", "-Dmaillon.survey.answers-per-hour-per-client=1000000000",
                "-Dmaillon.workshop.posts-per-minute-per-client=1000000000",
                "-cp", System.getProperty("java.class.path"), MaillonApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(data.resolve(log).toFile()).start();
    }

    /** A token for the demo's coope, once the server answers and its demo data is there. */
    private String token(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return post(base + "/api/v1/tokens", null,
                        "{\"username\":\"coope\",\"password\":\"maillon-demo\",\"label\":\"crash " + UUID.randomUUID() + "\"}");
            }
            catch (IOException | IllegalStateException ex) {
                assertThat(server.isAlive()).as("the server runs").isTrue();
                assertThat(System.nanoTime()).as("the server answers within two minutes").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    private static String get(String url, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String post(String url, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in " + text).isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
