package fr.maillon.account;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.account.internal.BoundedPasswordEncoder;
import fr.maillon.account.internal.PasswordHashing;
import fr.maillon.account.internal.SignInThrottle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Sign-in as a stranger and a crowd would try it (issue 13, item 6): failures slow down the one
 * who makes them, per username and address and per address, with delays that double, and never
 * lock the owner out from her own address; the answers say nothing of which accounts exist; only
 * a few passwords are hashed at once and the rest get 429 at once; a password change ends the
 * other sessions and can revoke the tokens; tokens expire and stop with their account. The clock
 * is the application's, moved forward by the tests (each starts two hours later, so that earlier
 * failures are forgotten). Client addresses are set on MockMvc requests; sessions, the 429 page
 * and parallel sign-ins go through the real server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "maillon.sign-in.concurrent-hashes=2", "maillon.sign-in.hash-wait=PT0.2S" })
@AutoConfigureMockMvc
class SignInHardeningTests {

    static final MovableClock CLOCK = new MovableClock();

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    PasswordHashing hashing;

    @Autowired
    BoundedPasswordEncoder passwordEncoder;

    @BeforeEach
    void forgetEarlierFailures() {
        CLOCK.advance(SignInThrottle.FORGET_AFTER.multipliedBy(2));
    }

    @Test
    void aStrangersFailuresDoNotStopTheOwnerAtAnotherAddress() throws Exception {
        String username = users.newUsername("owner");
        users.newUser(username);
        for (int i = 0; i < SignInThrottle.PER_ACCOUNT_AND_ADDRESS.freeFailures(); i++) {
            assertThat(signIn(username, "wrong-" + i, "203.0.113.10").getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse stranger = signIn(username, TestUsers.PASSWORD, "203.0.113.10");
        assertThat(stranger.getStatus()).as("the stranger's own address waits, even with the right password")
                .isEqualTo(429);
        assertThat(stranger.getHeader("Retry-After")).isEqualTo("1");

        assertThat(signIn(username, TestUsers.PASSWORD, "198.51.100.20").getRedirectedUrl())
                .as("the owner at her address signs in").isEqualTo("/");
        assertThat(mvc.perform(post("/api/v1/tokens").contentType("application/json").with(from("198.51.100.21"))
                .content(tokenRequest(username, TestUsers.PASSWORD, null))).andReturn().getResponse().getStatus())
                .isEqualTo(201);
    }

    @Test
    void manyAddressesTogetherSlowAUsernameDownButNotAtTheAddressesTheOwnerUses() throws Exception {
        String username = users.newUsername("target");
        users.newUser(username);
        assertThat(signIn(username, TestUsers.PASSWORD, "198.51.100.30").getRedirectedUrl()).isEqualTo("/");
        for (int i = 0; i < SignInThrottle.PER_ACCOUNT.freeFailures(); i++) {
            assertThat(signIn(username, "wrong", "203.0.113." + (100 + i)).getRedirectedUrl())
                    .isEqualTo("/login?error");
        }
        assertThat(signIn(username, TestUsers.PASSWORD, "198.51.100.31").getStatus())
                .as("a new address waits").isEqualTo(429);
        assertThat(signIn(username, TestUsers.PASSWORD, "198.51.100.30").getRedirectedUrl())
                .as("the address she signed in from does not").isEqualTo("/");
    }

    @Test
    void delaysFromOneAddressGrowWhateverTheUsernames() throws Exception {
        String address = "203.0.113.50";
        for (int i = 0; i < SignInThrottle.PER_ADDRESS.freeFailures(); i++) {
            assertThat(signIn("nobody-" + i, "guess", address).getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse refused = signIn("nobody-else", "guess", address);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getForwardedUrl()).isEqualTo("/login/refused");
        assertThat(signIn("nobody-else", "guess", "203.0.113.51").getRedirectedUrl())
                .as("another address is not slowed").isEqualTo("/login?error");

        CLOCK.advance(Duration.ofMillis(1001));
        assertThat(signIn("nobody-else", "guess", address).getRedirectedUrl()).isEqualTo("/login?error");
        MockHttpServletResponse doubled = signIn("nobody-more", "guess", address);
        assertThat(doubled.getStatus()).isEqualTo(429);
        assertThat(doubled.getHeader("Retry-After")).as("the delay doubled").isEqualTo("2");
        CLOCK.advance(Duration.ofMillis(1001));
        assertThat(signIn("nobody-more", "guess", address).getStatus()).isEqualTo(429);
        CLOCK.advance(Duration.ofMillis(1001));
        assertThat(signIn("nobody-more", "guess", address).getRedirectedUrl()).isEqualTo("/login?error");

        MockHttpServletResponse api = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .with(from(address)).content(tokenRequest("nobody-more", "guess", null))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(429);
        assertThat(api.getContentType()).contains("application/problem+json");
        assertThat(api.getHeader("Retry-After")).isEqualTo("4");
        assertThat(api.getContentAsString()).contains("Trop d'essais de connexion");
    }

    @Test
    void unknownAndKnownUsernamesGetTheSameAnswersAndCostTheSameWork() throws Exception {
        String known = users.newUsername("known");
        users.newUser(known);
        String unknown = users.newUsername("unknown");
        signIn(unknown, "warm-up", "203.0.113.60");

        long before = passwordEncoder.hashesComputed();
        assertThat(signIn(unknown, "guess", "203.0.113.61").getRedirectedUrl()).isEqualTo("/login?error");
        long forUnknown = passwordEncoder.hashesComputed() - before;
        before = passwordEncoder.hashesComputed();
        assertThat(signIn(known, "guess", "203.0.113.61").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(passwordEncoder.hashesComputed() - before).as("an unknown username is checked against a dummy hash")
                .isEqualTo(forUnknown).isEqualTo(1);

        Browser browser = new Browser();
        List<String> answers = new ArrayList<>();
        for (String username : List.of(known, unknown)) {
            for (int i = 0; i < SignInThrottle.PER_ACCOUNT_AND_ADDRESS.freeFailures(); i++) {
                HttpResponse<String> wrong = browser.signIn(username, "wrong-" + i);
                assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
            }
            assertThat(alert(browser.get("/login?error").body())).isEqualTo("Identifiant ou mot de passe incorrect.");
            HttpResponse<String> refused = browser.signIn(username, "wrong");
            assertThat(refused.statusCode()).isEqualTo(429);
            answers.add(refused.headers().firstValue("Retry-After").orElseThrow() + " " + alert(refused.body()));
        }
        assertThat(answers.get(0)).as("throttled: the same page for a known and an unknown username")
                .isEqualTo(answers.get(1)).contains("Trop d&#39;essais de connexion");

        String locked = users.newUsername("locked");
        users.newUser(locked);
        jdbc.sql("UPDATE app_user SET locked_until = :until WHERE username = :username")
                .param("until", Timestamp.from(CLOCK.instant().plus(Duration.ofHours(1))))
                .param("username", locked).update();
        String disabled = users.newUsername("disabled");
        users.newUser(disabled);
        jdbc.sql("UPDATE app_user SET disabled_at = :now WHERE username = :username")
                .param("now", Timestamp.from(CLOCK.instant())).param("username", disabled).update();
        String unknownAnswer = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .with(from("203.0.113.62")).content(tokenRequest(unknown, TestUsers.PASSWORD, null))).andReturn()
                .getResponse().getContentAsString();
        for (String inactive : List.of(locked, disabled)) {
            assertThat(signIn(inactive, TestUsers.PASSWORD, "203.0.113.62").getRedirectedUrl())
                    .as("the right password of an account that is not active answers as a wrong one")
                    .isEqualTo("/login?error");
            MockHttpServletResponse api = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                    .with(from("203.0.113.62")).content(tokenRequest(inactive, TestUsers.PASSWORD, null))).andReturn()
                    .getResponse();
            assertThat(api.getStatus()).isEqualTo(401);
            assertThat(api.getContentAsString()).isEqualTo(unknownAnswer);
        }
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndRevokesTheTokensWhenAsked() throws Exception {
        String username = users.newUsername("change");
        users.newUser(username);
        Browser laptop = new Browser();
        Browser phone = new Browser();
        assertThat(laptop.signIn(username, TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/");
        assertThat(phone.signIn(username, TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/");
        String token = token(username, TestUsers.PASSWORD, null);
        CLOCK.advance(Duration.ofSeconds(1));

        String page = laptop.get("/account").body();
        assertThat(find(page, "(<input[^>]*name=\"revokeTokens\"[^>]*>)")).as("ticked by default").contains("checked");
        HttpResponse<String> changed = laptop.post("/account/password", "currentPassword=" + TestUsers.PASSWORD
                + "&newPassword=a-brand-new-password&confirmation=a-brand-new-password&revokeTokens=true"
                + "&_revokeTokens=on&_csrf=" + csrfOf(page));
        assertThat(changed.headers().firstValue("Location").orElseThrow()).endsWith("/account");

        assertThat(laptop.get("/account").statusCode()).as("the session that changed it goes on").isEqualTo(200);
        HttpResponse<String> other = phone.get("/account");
        assertThat(other.statusCode()).isEqualTo(302);
        assertThat(other.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(apiStatus(token)).as("the token was revoked").isEqualTo(401);

        String kept = token(username, "a-brand-new-password", null);
        assertThat(phone.signIn(username, "a-brand-new-password").headers().firstValue("Location").orElseThrow())
                .doesNotContain("/login");
        CLOCK.advance(Duration.ofSeconds(1));
        page = laptop.get("/account").body();
        laptop.post("/account/password", "currentPassword=a-brand-new-password&newPassword=yet-another-password"
                + "&confirmation=yet-another-password&_revokeTokens=on&_csrf=" + csrfOf(page));
        assertThat(phone.get("/account").statusCode()).isEqualTo(302);
        assertThat(apiStatus(kept)).as("unticked: the tokens stay").isEqualTo(200);
    }

    @Test
    void tokensExpireAndShowTheirLastUse() throws Exception {
        String username = users.newUsername("expiry");
        users.newUser(username);
        MockHttpServletResponse created = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest(username, TestUsers.PASSWORD, 2))).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String token = field(created.getContentAsString(), "token");
        Instant expiresAt = Instant.parse(field(created.getContentAsString(), "expiresAt"));
        assertThat(expiresAt).isBetween(CLOCK.instant().plus(Duration.ofDays(2)).minusSeconds(60),
                CLOCK.instant().plus(Duration.ofDays(2)));
        Instant defaultExpiry = Instant.parse(field(mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest(username, TestUsers.PASSWORD, null))).andReturn().getResponse()
                .getContentAsString(), "expiresAt"));
        assertThat(defaultExpiry).as("one year by default")
                .isBetween(CLOCK.instant().plus(Duration.ofDays(365)).minusSeconds(60), CLOCK.instant().plus(Duration.ofDays(365)));
        MockHttpServletResponse tooLong = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest(username, TestUsers.PASSWORD, 5000))).andReturn().getResponse();
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(tooLong.getContentAsString()).contains("\"path\":\"$.expiresInDays\"");

        assertThat(apiStatus(token)).isEqualTo(200);
        String list = mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + token)).andReturn()
                .getResponse().getContentAsString();
        assertThat(list).contains("\"expiresAt\"").containsPattern("\"lastUsedAt\":\"\\d{4}-");
        String page = mvc.perform(get("/account").with(users.as(username))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Expire le").contains("Dernier usage");
        assertThat(Pattern.compile("<td>\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}</td>").matcher(page).results().count())
                .as("two tokens created, one used: three dates with a time").isEqualTo(3);

        CLOCK.advance(Duration.ofDays(2));
        MockHttpServletResponse expired = mvc.perform(get("/api/v1/structures").header("Authorization", "Bearer " + token))
                .andReturn().getResponse();
        assertThat(expired.getStatus()).isEqualTo(401);
        assertThat(expired.getContentAsString()).contains("expiré");

        String fromPage = mvc.perform(post("/account/tokens").with(users.as(username)).with(csrf())
                .param("label", "tableur").param("expiresInDays", "0")).andReturn().getResponse().getContentAsString();
        assertThat(fromPage).contains("La durée de validité doit être comprise entre 1 et 1095 jours.")
                .doesNotContain("mln_");
    }

    @Test
    void theTokensAndSessionsOfALockedOrDisabledAccountStop() throws Exception {
        String username = users.newUsername("suspended");
        users.newUser(username);
        String token = token(username, TestUsers.PASSWORD, null);
        Browser browser = new Browser();
        browser.signIn(username, TestUsers.PASSWORD);
        assertThat(apiStatus(token)).isEqualTo(200);

        jdbc.sql("UPDATE app_user SET locked_until = :until WHERE username = :username")
                .param("until", Timestamp.from(CLOCK.instant().plus(Duration.ofMinutes(15))))
                .param("username", username).update();
        assertThat(apiStatus(token)).as("locked").isEqualTo(401);
        assertThat(browser.get("/account").statusCode()).as("locked: the session ends").isEqualTo(302);
        CLOCK.advance(Duration.ofMinutes(16));
        assertThat(apiStatus(token)).as("the lock is over").isEqualTo(200);

        jdbc.sql("UPDATE app_user SET disabled_at = :now WHERE username = :username")
                .param("now", Timestamp.from(CLOCK.instant())).param("username", username).update();
        assertThat(apiStatus(token)).as("disabled").isEqualTo(401);
    }

    @Test
    void signInsBeyondTheHashingPermitsGet429AtOnce() throws Exception {
        String username = users.newUsername("crowd");
        users.newUser(username);
        int permits = hashing.capacity();
        CountDownLatch holding = new CountDownLatch(permits);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(permits);
        try {
            for (int i = 0; i < permits; i++) {
                holders.submit(() -> hashing.withPermit(() -> {
                    holding.countDown();
                    try {
                        return release.await(60, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            int crowd = 3 * permits + 4;
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < crowd; i++) {
                Browser browser = new Browser();
                String csrf = csrfOf(browser.get("/login").body());
                answers.add(browser.postAsync("/login", "username=" + username + "&password=" + TestUsers.PASSWORD
                        + "&_csrf=" + csrf));
                answers.add(new Browser().postJsonAsync("/api/v1/tokens",
                        tokenRequest(users.newUsername("anyone"), "guess", null)));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("answered while every permit is still held").isEqualTo(429);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
                assertThat(response.body()).contains(response.uri().getPath().startsWith("/api/")
                        ? "\"status\":429" : "Le serveur reçoit beaucoup de connexions en ce moment.");
            }

            assertThatThrownBy(() -> accounts.createAccount(new NewAccount(users.newUsername("late"), "Late",
                    TestUsers.PASSWORD, false))).isInstanceOf(ServerBusyException.class);
            MockHttpServletResponse change = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                    .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "another-long-one")
                    .param("confirmation", "another-long-one")).andReturn().getResponse();
            assertThat(change.getStatus()).isEqualTo(429);
            assertThat(change.getContentAsString()).contains("rien n&#39;a été modifié");
        }
        finally {
            release.countDown();
            holders.shutdown();
            assertThat(holders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        Browser browser = new Browser();
        assertThat(browser.signIn(username, TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
                .as("once the permits are free").endsWith("/");
    }

    @Test
    void aBurstOfParallelSignInsIsAnsweredWithoutErrors() throws Exception {
        String username = users.newUsername("burst");
        users.newUser(username);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(new Browser().postJsonAsync("/api/v1/tokens",
                    tokenRequest(username, TestUsers.PASSWORD, null)));
        }
        int created = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            int status = answer.get(60, TimeUnit.SECONDS).statusCode();
            assertThat(status).isIn(201, 429);
            created += status == 201 ? 1 : 0;
        }
        assertThat(created).isPositive();
    }

    private MockHttpServletResponse signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(from(address))).andReturn().getResponse();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String token(String username, String password, Integer days) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest(username, password, days))).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        return field(created.getContentAsString(), "token");
    }

    private int apiStatus(String token) throws Exception {
        return mvc.perform(get("/api/v1/structures").header("Authorization", "Bearer " + token)).andReturn()
                .getResponse().getStatus();
    }

    private static String tokenRequest(String username, String password, Integer days) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"label\":\"script\""
                + (days == null ? "" : ",\"expiresInDays\":" + days) + "}";
    }

    private static String field(String json, String name) {
        return find(json, "\"" + name + "\":\"([^\"]+)\"");
    }

    private static String csrfOf(String page) {
        return find(page, "name=\"_csrf\" value=\"([^\"]+)\"");
    }

    /** The text of the page's alert, the message a refused sign-in shows. */
    private static String alert(String page) {
        return find(page, "role=\"alert\"[^>]*>([^<]*)<").strip();
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in " + text).isTrue();
        return matcher.group(1);
    }

    /** One browser on the real server: its own cookies, redirects not followed. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return postAsync(path, form).get(60, TimeUnit.SECONDS);
        }

        CompletableFuture<HttpResponse<String>> postAsync(String path, String form) {
            return http.sendAsync(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        CompletableFuture<HttpResponse<String>> postJsonAsync(String path, String json) {
            return http.sendAsync(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signIn(String username, String password) throws Exception {
            String csrf = csrfOf(get("/login").body());
            return post("/login", "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf);
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    /** The suite's fixed start ({@link TestClock#START}), then real time, moved forward by the tests. */
    static final class MovableClock extends Clock {

        private final long startNanos = System.nanoTime();
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration duration) {
            offset = offset.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Europe/Paris");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock same = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return same.withZone(other);
                }

                @Override
                public Instant instant() {
                    return same.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return TestClock.START.plusNanos(System.nanoTime() - startNanos).plus(offset);
        }
    }
}
