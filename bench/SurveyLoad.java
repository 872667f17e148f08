import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a running Maillon with anonymous survey answers, on loopback. Creates (through the API, as
 * the given account) a survey of 20 required numeric questions with one open wave, then measures,
 * each for a warm-up and a measured run with 32 concurrent clients:
 * <ol>
 * <li>the baseline: the same server answering a static file;</li>
 * <li>answer posts alone (each with its own submission key);</li>
 * <li>whole respondent sessions: get the page, read its submission key, post the answers.</li>
 * </ol>
 * It then counts the stored responses through the API: every answer acknowledged (303/302 to the
 * thank-you page) must be there. Usage (bench/survey.sh starts the server and drives wrk instead):
 * {@code java bench/SurveyLoad.java http://localhost:18080 coope maillon-demo [seconds] [clients]};
 * with {@code setup} instead of the seconds, it only creates the survey and prints what wrk needs;
 * {@code java bench/SurveyLoad.java URL count SURVEY BEARER} prints the stored responses.
 */
public class SurveyLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        if (args[1].equals("count")) {
            System.out.println(stored(base, args[2], args[3]));
            return;
        }
        int seconds = args.length > 3 && !args[3].equals("setup") ? Integer.parseInt(args[3]) : 20;
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        String bearer = "Bearer " + find(token(base, args[1], args[2]), "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String structure = find(get(base + "/api/v1/structures", bearer).body(), "\"id\"\\s*:\\s*(\\d+)");
        String evaluations = get(base + "/api/v1/structures/" + structure + "/evaluations", bearer).body();
        String evaluation = find(evaluations, "\"id\"\\s*:\\s*(\\d+)");
        String year = find(evaluations, "\"periodEnd\"\\s*:\\s*\"(\\d{4})");
        String survey = find(post(base + "/api/v1/evaluations/" + evaluation + "/surveys", bearer,
                "{\"title\":\"Banc d'essai : 20 questions\",\"audience\":\"HABITANTS\"}"), "\"id\"\\s*:\\s*(\\d+)");
        for (int i = 1; i <= 20; i++) {
            post(base + "/api/v1/surveys/" + survey + "/questions", bearer, "{\"code\":\"q" + i
                    + "\",\"kind\":\"NUMBER\",\"label\":\"Sur une échelle de 0 à 10, question " + i
                    + "\",\"minimum\":0,\"maximum\":10,\"required\":true}");
        }
        post(base + "/api/v1/surveys/" + survey + "/waves", bearer, "{\"label\":\"Banc d'essai\",\"period\":\"" + year + "\"}");
        String token = find(get(base + "/api/v1/surveys/" + survey, bearer).body(),
                "\"token\"\\s*:\\s*\"([A-Za-z0-9_-]{20,64})\"");
        String page = get(base + "/s/" + token, null).body();
        List<String> fields = new ArrayList<>();
        Matcher field = Pattern.compile("name=\"(q\\d+)\"").matcher(page);
        while (field.find()) {
            if (!fields.contains(field.group(1))) {
                fields.add(field.group(1));
            }
        }
        System.out.printf(Locale.ROOT, "survey page: %d bytes, %d questions%n",
                page.getBytes(StandardCharsets.UTF_8).length, fields.size());

        String form = String.join("&", fields.stream().map(name -> name + "=" + (name.length() % 11)).toList());
        if (args.length > 3 && args[3].equals("setup")) {
            // for wrk: the form, the wave's token, and how to count what was stored
            System.out.println("TOKEN=" + token);
            System.out.println("FORM='" + form + "&consent=true'");
            System.out.println("SURVEY=" + survey);
            System.out.println("BEARER='" + bearer + "'");
            return;
        }
        AtomicLong acknowledged = new AtomicLong();
        run("static file (baseline)", seconds, clients, () -> get(base + "/css/survey.css", null).statusCode() == 200);
        run("answer posts", seconds, clients, () -> answer(base, token, form, UUID.randomUUID().toString(),
                acknowledged));
        run("respondent sessions (page + post)", seconds, clients, () -> {
            String served = get(base + "/s/" + token, null).body();
            return answer(base, token, form, find(served, "name=\"submission\" value=\"([^\"]+)\""), acknowledged);
        });
        System.out.printf(Locale.ROOT, "answers acknowledged: %d, stored: %d%n", acknowledged.get(),
                stored(base, survey, bearer));
    }

    /** The responses the survey holds, counted through the API. */
    static long stored(String base, String survey, String bearer) throws Exception {
        String responses = get(base + "/api/v1/surveys/" + survey + "/responses", bearer).body();
        return Pattern.compile("\"waveId\"").matcher(responses).results().count();
    }

    /** A personal API token; the demo accounts appear a few seconds after the server answers. */
    private static String token(String base, String username, String password) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return post(base + "/api/v1/tokens", null, "{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\",\"label\":\"bench " + UUID.randomUUID() + "\"}");
            }
            catch (IllegalStateException ex) {
                if (attempt == 60) {
                    throw ex;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static boolean answer(String base, String token, String form, String key, AtomicLong acknowledged)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/s/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&consent=true&submission=" + key)).build(),
                HttpResponse.BodyHandlers.ofString());
        boolean ok = (response.statusCode() == 302 || response.statusCode() == 303)
                && response.headers().firstValue("Location").orElse("").endsWith("/merci");
        if (ok) {
            acknowledged.incrementAndGet();
        }
        return ok;
    }

    interface Call {
        boolean call() throws Exception;
    }

    /** A warm-up of a quarter of the time, then the measured run: throughput, p50, p99, errors. */
    private static void run(String label, int seconds, int clients, Call call) throws Exception {
        measure(Math.max(2, seconds / 4), clients, call);
        long[] result = measure(seconds, clients, call);
        long count = result.length - 1;
        long errors = result[result.length - 1];
        long[] latencies = Arrays.copyOf(result, (int) count);
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%s: %.0f per second, p50 %.1f ms, p99 %.1f ms, %d errors (%d clients, %d s)%n",
                label, count / (double) seconds, latencies.length == 0 ? 0 : latencies[latencies.length / 2] / 1e6,
                latencies.length == 0 ? 0 : latencies[(int) (latencies.length * 0.99)] / 1e6, errors, clients,
                seconds);
    }

    /** Latencies in nanoseconds, and the error count last. */
    private static long[] measure(int seconds, int clients, Call call) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (running.get()) {
                    long began = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.call();
                    }
                    catch (Exception ex) {
                        ok = false;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - began;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        int total = 0;
        for (var future : futures) {
            long[] latencies = future.get();
            perClient.add(latencies);
            total += latencies.length;
        }
        long[] all = new long[total + 1];
        int i = 0;
        for (long[] latencies : perClient) {
            System.arraycopy(latencies, 0, all, i, latencies.length);
            i += latencies.length;
        }
        all[total] = errors.get();
        return all;
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        if (!matcher.find()) {
            throw new IllegalStateException("no " + regex + " in " + text.substring(0, Math.min(300, text.length())));
        }
        return matcher.group(1);
    }
}
