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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hall of participants posting cards at once, on loopback. Opens a workshop through the API (as
 * the given account, on its first evaluation), lets {@code participants} join it from their own
 * "phones" (one cookie each), then in {@code rounds} rounds all of them post a card at the same
 * instant (a barrier), as a room does when the facilitator says « à vous ». A projector polls the
 * workshop's changes every second, as the projector page does. Reports the card posts' latency
 * (p50, p99, max), the delay from a card's acknowledgement to its first sight on the projector,
 * and the cards acknowledged but never seen.
 * Usage: {@code java bench/WorkshopLoad.java http://localhost:18080 coope maillon-demo [participants] [rounds]}
 */
public class WorkshopLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** With -Dbaseline=true, the phones get a static file instead: the same burst, the least the server can do. */
    private static final boolean BASELINE = Boolean.getBoolean("baseline");
    /**
     * With -Dspread=S, each phone posts at a random instant within S seconds of the round's start, as
     * a hall does when each finishes writing at her own pace; without it, all at the same instant.
     */
    private static final long SPREAD_MS = Long.getLong("spread", 0) * 1000;
    private static final Pattern CARD = Pattern.compile("banc-(\\d+)-(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int participants = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        String bearer = "Bearer " + find(post(base + "/api/v1/tokens", null, "{\"username\":\"" + args[1]
                + "\",\"password\":\"" + args[2] + "\",\"label\":\"atelier " + UUID.randomUUID() + "\"}").body(),
                "\"token\"\\s*:\\s*\"([^\"]+)\"");
        String structure = find(get(base + "/api/v1/structures", bearer).body(), "\"id\"\\s*:\\s*(\\d+)");
        String evaluation = find(get(base + "/api/v1/structures/" + structure + "/evaluations", bearer).body(),
                "\"id\"\\s*:\\s*(\\d+)");
        // a first workshop warms the server up (its figures are not reported), then the measured one
        hall(base, bearer, evaluation, participants, rounds, false);
        hall(base, bearer, evaluation, participants, rounds, true);
    }

    private static void hall(String base, String bearer, String evaluation, int participants, int rounds,
            boolean report) throws Exception {
        HttpResponse<String> opened = post(base + "/api/v1/evaluations/" + evaluation + "/workshops", bearer,
                "{\"title\":\"Banc d'essai\",\"durationMinutes\":120,\"cardLimit\":" + Math.min(50, rounds) + "}");
        String code = find(opened.body(), "\"code\"\\s*:\\s*\"([A-Z2-9]{6})\"");
        String projector = find(opened.body(), "\"projectorUrl\"\\s*:\\s*\"[^\"]*/w/p/([A-Za-z0-9_-]+)\"");

        List<String> cookies = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            HttpResponse<String> joined = form(base + "/w/" + code + "/join", null, "role=HABITANT");
            String cookie = joined.headers().firstValue("Set-Cookie").orElseThrow(
                    () -> new IllegalStateException("join answered " + joined.statusCode() + " without a cookie"));
            cookies.add(cookie.substring(0, cookie.indexOf(';')));
        }
        if (report) {
            System.out.printf(Locale.ROOT, "workshop %s: %d participants joined, %d rounds of one card each%n", code,
                    participants, rounds);
        }

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        Thread poller = new Thread(() -> poll(base + "/w/p/" + projector + "/changes?after=", seen));
        poller.setDaemon(true);
        poller.start();

        long[] latencies = new long[participants * rounds];
        AtomicInteger posted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(participants);
        ExecutorService hall = Executors.newFixedThreadPool(participants);
        List<Future<?>> phones = new ArrayList<>();
        long started = System.nanoTime();
        for (int p = 0; p < participants; p++) {
            int participant = p;
            phones.add(hall.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    barrier.await();
                    if (SPREAD_MS > 0) {
                        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(SPREAD_MS));
                    }
                    String text = "banc-" + participant + "-" + round;
                    long start = System.nanoTime();
                    HttpResponse<String> response = BASELINE ? get(base + "/css/workshop-participant.css", null)
                            : form(base + "/w/" + code + "/cards", cookies.get(participant),
                                    "submissionKey=" + UUID.randomUUID() + "&kind=ACTIVITY&text=" + text);
                    long end = System.nanoTime();
                    if (response.statusCode() == (BASELINE ? 200 : 303)) {
                        acknowledged.put(text, end);
                        latencies[posted.getAndIncrement()] = end - start;
                    }
                    else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> phone : phones) {
            phone.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        hall.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!seen.keySet().containsAll(acknowledged.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        poller.interrupt();
        if (!report) {
            return;
        }
        long[] posts = Arrays.copyOf(latencies, posted.get());
        Arrays.sort(posts);
        long[] delays = acknowledged.entrySet().stream().filter(card -> seen.containsKey(card.getKey()))
                .mapToLong(card -> Math.max(0, seen.get(card.getKey()) - card.getValue())).sorted().toArray();
        long unseen = acknowledged.keySet().stream().filter(card -> !seen.containsKey(card)).count();
        System.out.printf(Locale.ROOT, "card posts: %d acknowledged, %d refused, %.0f per second over %.1f s%n",
                posts.length, refused.get(), posts.length / seconds, seconds);
        System.out.printf(Locale.ROOT, "post latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", ms(posts, 0.50),
                ms(posts, 0.99), ms(posts, 1.0));
        System.out.printf(Locale.ROOT, "on the projector after: p50 %.0f ms, p99 %.0f ms, max %.0f ms; unseen %d%n",
                ms(delays, 0.50), ms(delays, 0.99), ms(delays, 1.0), unseen);
    }

    /** The projector: every second, the changes since the last answer; the first sight of each card. */
    private static void poll(String changes, Map<String, Long> seen) {
        long after = 0;
        while (true) {
            try {
                String body = get(changes + after, null).body();
                long now = System.nanoTime();
                Matcher card = CARD.matcher(body);
                while (card.find()) {
                    seen.putIfAbsent(card.group(), now);
                }
                after = Long.parseLong(find(body, "\"next\"\\s*:\\s*(\\d+)"));
                Thread.sleep(1000);
            }
            catch (InterruptedException ex) {
                return;
            }
            catch (Exception ex) {
                System.err.println("projector: " + ex.getMessage());
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static HttpResponse<String> form(String url, String cookie, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("not found: " + regex + " in " + text.substring(0, Math.min(300, text.length())));
        }
        return matcher.group(1);
    }
}
