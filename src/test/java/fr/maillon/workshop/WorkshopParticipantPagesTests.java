package fr.maillon.workshop;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A participant's pages of a live workshop, through the application's filters: joining with a role
 * (a cookie for this workshop only), posting cards (a resend stored once, the limit, refusals that
 * keep what was typed), +1s, the closed workshop, the unknown code, the throttle; every page a
 * plain form that needs no JavaScript. Joins are throttled low here, to see the 429.
 */
@SpringBootTest(properties = { "maillon.workshop.joins-per-minute-per-client=4",
        "maillon.workshop.posts-per-minute-per-client=60" })
@AutoConfigureMockMvc
class WorkshopParticipantPagesTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    WorkshopService workshops;

    @Autowired
    JdbcClient jdbc;

    Workshop workshop;
    /** This test's client address, so that the throttle counts each test apart. */
    String address;

    @BeforeEach
    void open() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Jardin partagé",
                EvaluationScope.ACTION, "Jardin", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null));
        workshop = workshops.open(evaluation, new WorkshopDraft("Atelier du jardin", 60, 2));
        SecurityContextHolder.clearContext();
        address = "10.1.0." + ADDRESSES.getAndIncrement();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void aParticipantJoinsPostsWithinTheLimitAndAResendIsStoredOnce() throws Exception {
        MockHttpServletResponse joinPage = send(get("/w/" + workshop.code()), null);
        assertThat(joinPage.getStatus()).isEqualTo(200);
        assertThat(html(joinPage)).contains("Atelier du jardin", "Qui êtes-vous ?", "Aucun nom n'est demandé",
                "action=\"/w/" + workshop.code() + "/join\"", "name=\"role\" value=\"HABITANT\"",
                "Habitant ou habitante", "Bénévole", "Partenaire");

        Cookie anna = join("HABITANT");
        MockHttpServletResponse cardPage = send(get("/w/" + workshop.code()), anna);
        assertThat(cardPage.getStatus()).isEqualTo(200);
        String page = html(cardPage);
        assertThat(page).contains("0 carte sur 2", "Ce que j'apporte", "Ce qu'on fait ensemble", "Ce que ça change",
                "Un témoignage", "Pour moi", "Pour le quartier", "Pour les partenaires", "Habitants", "Territoire",
                "Communauté d'action", "name=\"submissionKey\"", "J'accepte que ce témoignage soit cité");

        String key = submissionKey(page);
        MockHttpServletResponse first = send(card(key, "RESOURCE", null, "Mes recettes de confitures", null), anna);
        assertThat(first.getStatus()).isEqualTo(303);
        assertThat(first.getRedirectedUrl()).isEqualTo("/w/" + workshop.code() + "#mine");
        assertThat(send(card(key, "RESOURCE", null, "Mes recettes de confitures", null), anna).getStatus())
                .isEqualTo(303);
        assertThat(cardTexts()).containsExactly("Mes recettes de confitures");
        assertThat(html(send(get("/w/" + workshop.code()), anna))).contains("1 carte sur 2", "Mes recettes de confitures");

        assertThat(send(card(UUID.randomUUID().toString(), "EFFECT", "TERRITOIRE", "Le quartier se parle", null), anna)
                .getStatus()).isEqualTo(303);
        MockHttpServletResponse limit = send(card(UUID.randomUUID().toString(), "ACTIVITY", null, "Une de trop", null),
                anna);
        assertThat(limit.getStatus()).isEqualTo(422);
        assertThat(html(limit)).contains("Vous avez posté vos 2 cartes : c'est la limite de cet atelier.", "Une de trop");
        assertThat(cardTexts()).containsExactly("Mes recettes de confitures", "Le quartier se parle");
        String full = html(send(get("/w/" + workshop.code()), anna));
        assertThat(full).contains("2 cartes sur 2", "Vous pouvez encore mettre des +1")
                .doesNotContain("id=\"card-form\"").contains("Ce que ça change : Territoire");
    }

    @Test
    void theCookieIsHttpOnlyLaxForThisWorkshopOnlyUntilItCloses() throws Exception {
        MockHttpServletResponse joined = send(post("/w/" + workshop.code() + "/join").param("role", "BENEVOLE"), null);
        assertThat(joined.getStatus()).isEqualTo(303);
        assertThat(joined.getRedirectedUrl()).isEqualTo("/w/" + workshop.code());
        String cookie = joined.getHeader("Set-Cookie");
        assertThat(cookie).contains("Path=/w/" + workshop.code(), "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        long maxAge = Long.parseLong(cookie.replaceAll(".*Max-Age=(\\d+).*", "$1"));
        assertThat(maxAge).isBetween(59L * 60, 60L * 60);
        MockHttpServletResponse secure = send(post("/w/" + workshop.code() + "/join").param("role", "BENEVOLE")
                .secure(true), null);
        assertThat(secure.getHeader("Set-Cookie")).contains("Secure");
        assertThat(jdbc.sql("SELECT count(*) FROM workshop_participant WHERE workshop_id = ?").param(workshop.id())
                .query(Long.class).single()).isEqualTo(2);
        // no personal data: a role, nothing else, is stored of a participant
        assertThat(jdbc.sql("SELECT role FROM workshop_participant WHERE workshop_id = ?").param(workshop.id())
                .query(String.class).list()).containsOnly("BENEVOLE");
    }

    @Test
    void othersCardsGetAPlusOneThatShowsItsStateAndCount() throws Exception {
        Cookie anna = join("HABITANT");
        Cookie bruno = join("PARTENAIRE");
        send(card(UUID.randomUUID().toString(), "ACTIVITY", null, "Le jardin du mercredi", null), anna);
        long card = jdbc.sql("SELECT id FROM workshop_card WHERE workshop_id = ?").param(workshop.id())
                .query(Long.class).single();
        String before = html(send(get("/w/" + workshop.code()), bruno));
        assertThat(before).contains("Le jardin du mercredi", "0 point", "aria-pressed=\"false\"",
                "action=\"/w/" + workshop.code() + "/cards/" + card + "/dot\"", "Je soutiens cette carte");

        MockHttpServletResponse dot = send(post("/w/" + workshop.code() + "/cards/" + card + "/dot"), bruno);
        assertThat(dot.getStatus()).isEqualTo(303);
        assertThat(dot.getRedirectedUrl()).isEqualTo("/w/" + workshop.code() + "#card-" + card);
        String after = html(send(get("/w/" + workshop.code()), bruno));
        assertThat(after).contains("1 point", "aria-pressed=\"true\"", "Retirer mon +1");
        // Anna sees the +1 on her own card, which she cannot dot herself from her list
        assertThat(html(send(get("/w/" + workshop.code()), anna))).contains("Mes cartes", "Le jardin du mercredi",
                "1 point").doesNotContain("/cards/" + card + "/dot");

        send(post("/w/" + workshop.code() + "/cards/" + card + "/dot"), bruno);
        assertThat(html(send(get("/w/" + workshop.code()), bruno))).contains("0 point", "aria-pressed=\"false\"");

        for (String unknown : new String[] { "-1", "0", "999999999" }) {
            MockHttpServletResponse refused = send(post("/w/" + workshop.code() + "/cards/" + unknown + "/dot"), bruno);
            assertThat(refused.getStatus()).as(unknown).isEqualTo(422);
            assertThat(html(refused)).contains("Cette carte n'existe pas dans cet atelier.");
        }
        assertThat(send(post("/w/" + workshop.code() + "/cards/abc/dot"), bruno).getStatus()).isEqualTo(400);
    }

    @Test
    void refusalsShowTheMessageBesideItsFieldAndKeepWhatWasTyped() throws Exception {
        Cookie anna = join("SALARIE");
        String key = UUID.randomUUID().toString();
        check(card(key, "RESOURCE", null, "   ", null), anna, "text-error", "Écrivez quelques mots sur la carte.");
        check(card(key, "RESOURCE", null, "é".repeat(300), null), anna, "text-error",
                "Une carte tient en 280 caractères ; celle-ci en a 300.", "é".repeat(300));
        check(card(key, "EFFECT", null, "On sort de chez soi", null), anna, "target-error",
                "Dites pour qui ça change", "On sort de chez soi", "value=\"EFFECT\" checked");
        check(card(key, "EFFECT", "NOWHERE", "On sort de chez soi", null), anna, "target-error",
                "Dites pour qui ça change", "On sort de chez soi");
        check(card(key, "TESTIMONY", null, "Ici je me sens utile", null), anna, "consent-error",
                "Un témoignage n'est gardé qu'avec votre accord", "Ici je me sens utile");
        check(card(key, "POEM", null, "Un poème", "true"), anna, "kind-error", "Choisissez le genre de carte", "Un poème");
        check(card(key, null, null, "Sans genre", null), anna, "kind-error", "Choisissez le genre de carte", "Sans genre");
        check(card(key, "RESOURCE", null, "Avec un\u0000caractère caché", null), anna, "text-error",
                "caractères invisibles", "Avec uncaractère caché");
        check(card("pas-une-clé", "RESOURCE", null, "Ma clé est fausse", null), anna, "text-error",
                "Ce formulaire était trop ancien", "Ma clé est fausse");
        check(card(key, "RESOURCE", null, "<script>alert(1)</script>", null).param("text", "x".repeat(400)), anna,
                "text-error", "Une carte tient en 280 caractères");
        assertThat(cardTexts()).isEmpty();

        MockHttpServletResponse noRole = send(post("/w/" + workshop.code() + "/join").param("role", "ROI"), null);
        assertThat(noRole.getStatus()).isEqualTo(422);
        assertThat(html(noRole)).contains("id=\"role-error\"", "Dites qui vous êtes");
        MockHttpServletResponse withoutCookie = send(card(key, "RESOURCE", null, "Sans cookie", null), null);
        assertThat(withoutCookie.getStatus()).isEqualTo(422);
        assertThat(html(withoutCookie)).contains("Rejoignez d'abord l'atelier", "Qui êtes-vous ?");
        assertThat(cardTexts()).isEmpty();

        // once typed right, the kept card goes through with the same key
        assertThat(send(card(key, "TESTIMONY", null, "Ici je me sens utile", "true"), anna).getStatus()).isEqualTo(303);
        assertThat(cardTexts()).containsExactly("Ici je me sens utile");
    }

    @Test
    void aClosedWorkshopSaysWhenItEndedAndTakesNothing() throws Exception {
        Cookie anna = join("HABITANT");
        clock.set(workshop.closesAt().plusSeconds(60));
        MockHttpServletResponse page = send(get("/w/" + workshop.code()), anna);
        assertThat(page.getStatus()).isEqualTo(410);
        assertThat(html(page)).contains("Atelier du jardin", "Cet atelier est terminé depuis le").doesNotContain("<form");
        MockHttpServletResponse late = send(card(UUID.randomUUID().toString(), "RESOURCE", null, "Trop tard", null), anna);
        assertThat(late.getStatus()).isEqualTo(410);
        assertThat(html(late)).contains("Votre carte est arrivée après la fin", "Trop tard").doesNotContain("<form");
        assertThat(send(post("/w/" + workshop.code() + "/join").param("role", "HABITANT"), null).getStatus())
                .isEqualTo(410);
        assertThat(cardTexts()).isEmpty();
    }

    @Test
    void anUnknownCodeOffersAFieldAndATypedCodeLeadsToItsWorkshop() throws Exception {
        MockHttpServletResponse unknown = send(get("/w/ZZZZZZ"), null);
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(html(unknown)).contains("Aucun atelier n'a ce code", "name=\"code\"", "value=\"ZZZZZZ\"",
                "action=\"/w\"", "method=\"get\"");
        assertThat(send(get("/w/<script>"), null).getStatus()).isEqualTo(404);

        String lower = workshop.code().toLowerCase();
        MockHttpServletResponse typed = send(get("/w").param("code", " " + lower + " "), null);
        assertThat(typed.getStatus()).isEqualTo(303);
        assertThat(typed.getRedirectedUrl()).isEqualTo("/w/" + workshop.code());
        assertThat(send(get("/w/" + lower), null).getRedirectedUrl()).isEqualTo("/w/" + workshop.code());
        assertThat(send(get("/w").param("code", "trop long pour un code"), null).getStatus()).isEqualTo(404);
        MockHttpServletResponse empty = send(get("/w"), null);
        assertThat(empty.getStatus()).isEqualTo(200);
        assertThat(html(empty)).contains("Rejoindre un atelier", "name=\"code\"");
    }

    @Test
    void everyPageIsAPlainFormWithoutJavaScriptNeededNorAnythingExternal() throws Exception {
        Cookie anna = join("AUTRE");
        for (MockHttpServletResponse response : new MockHttpServletResponse[] {
                send(get("/w/" + workshop.code()), null), send(get("/w/" + workshop.code()), anna),
                send(get("/w"), null) }) {
            String page = html(response);
            assertThat(page).containsPattern("<form[^>]* method=\"(get|post)\"").contains("<button type=\"submit\"", "name=\"viewport\"")
                    .doesNotContain("http://", "https://", "onclick", "hx-", "<style", "style=\"");
            assertThat(page.replaceAll("<script src=\"/js/workshop-participant.js\" defer></script>", ""))
                    .doesNotContain("<script");
        }
        String cards = html(send(get("/w/" + workshop.code()), anna));
        assertThat(cards).contains("id=\"card-form\" method=\"post\" action=\"/w/" + workshop.code() + "/cards\"",
                "type=\"radio\" name=\"kind\"", "type=\"radio\" name=\"target\"", "type=\"checkbox\" name=\"consent\"",
                "<textarea id=\"text\" name=\"text\"", "href=\"/w/" + workshop.code() + "?lang=en\"");
        String english = html(send(get("/w/" + workshop.code()).param("lang", "en"), anna));
        assertThat(english).contains("0 cards of 2", "What I bring", "For me", "Post my card");
    }

    @Test
    void joinsBeyondTheThrottleGet429WithRetryAfterAndAPageInFrench() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(send(post("/w/" + workshop.code() + "/join").param("role", "HABITANT"), null).getStatus())
                    .isEqualTo(303);
        }
        MockHttpServletResponse refused = send(post("/w/" + workshop.code() + "/join").param("role", "HABITANT"), null);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(html(refused)).contains("Trop d'envois", "Attendez une minute");
        assertThat(jdbc.sql("SELECT count(*) FROM workshop_participant WHERE workshop_id = ?").param(workshop.id())
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aBodyBeyondSixteenKilobytesIsRefusedBeforeItIsRead() throws Exception {
        Cookie anna = join("HABITANT");
        MockHttpServletResponse huge = send(post("/w/" + workshop.code() + "/cards")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("kind=RESOURCE&submissionKey=" + UUID.randomUUID() + "&text=" + "x".repeat(17 * 1024)), anna);
        assertThat(huge.getStatus()).isEqualTo(413);
        assertThat(html(huge)).contains("16 Ko", "Rien n'a été modifié");
        assertThat(cardTexts()).isEmpty();
    }

    private Cookie join(String role) throws Exception {
        MockHttpServletResponse joined = send(post("/w/" + workshop.code() + "/join").param("role", role), null);
        assertThat(joined.getStatus()).isEqualTo(303);
        // each participant from her own phone: the throttle counts addresses
        address = "10.2." + ADDRESSES.get() / 250 + "." + ADDRESSES.getAndIncrement() % 250;
        return joined.getCookie("maillon_workshop");
    }

    private void check(MockHttpServletRequestBuilder request, Cookie cookie, String errorId, String... shown)
            throws Exception {
        MockHttpServletResponse response = send(request, cookie);
        assertThat(response.getStatus()).as(errorId).isEqualTo(422);
        String page = html(response);
        assertThat(page).contains("id=\"" + errorId + "\"").contains(shown);
        assertThat(page).contains("aria-describedby=\"").contains("name=\"submissionKey\"");
    }

    private MockHttpServletRequestBuilder card(String key, String kind, String target, String text, String consent) {
        MockHttpServletRequestBuilder request = post("/w/" + workshop.code() + "/cards").param("submissionKey", key)
                .param("text", text);
        if (kind != null) {
            request = request.param("kind", kind);
        }
        if (target != null) {
            request = request.param("target", target);
        }
        if (consent != null) {
            request = request.param("consent", consent);
        }
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, Cookie cookie) throws Exception {
        String from = address;
        RequestPostProcessor client = mock -> {
            mock.setRemoteAddr(from);
            return mock;
        };
        if (cookie != null) {
            request = request.cookie(cookie);
        }
        return mvc.perform(request.with(client)).andReturn().getResponse();
    }

    private java.util.List<String> cardTexts() {
        return jdbc.sql("SELECT text FROM workshop_card WHERE workshop_id = ? ORDER BY id").param(workshop.id())
                .query(String.class).list();
    }

    private static String submissionKey(String page) {
        return page.replaceAll("(?s).*name=\"submissionKey\" value=\"([0-9a-f-]{36})\".*", "$1");
    }

    private static String html(MockHttpServletResponse response) throws Exception {
        return HtmlUtils.htmlUnescape(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
