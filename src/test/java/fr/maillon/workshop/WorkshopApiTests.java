package fr.maillon.workshop;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestClock;
import fr.maillon.TestUsers;
import fr.maillon.chain.EffectTarget;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Opening a workshop and reading its cards through the API, with a personal token, as a script would. */
@SpringBootTest
@AutoConfigureMockMvc
class WorkshopApiTests {


    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    WorkshopService workshops;

    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    String token;
    long evaluation;

    @BeforeEach
    void setUp() throws Exception {
        token = token(users.structureWithMember(Role.STRUCTURE_EDITOR));
        evaluation = json.readTree(call(post("/api/v1/structures/{id}/evaluations", structureOf(token)),
                "{\"title\":\"Jardin\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2026-01-01\","
                        + "\"periodEnd\":\"2026-12-31\"}", token).getContentAsString()).get("id").asLong();
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        clock.reset();
    }

    @Test
    void opensAWorkshopWithItsCodeAddressesAndAFrenchTitleOfTheDay() throws Exception {
        MockHttpServletResponse opened = call(post("/api/v1/evaluations/{id}/workshops", evaluation), null, token);
        assertThat(opened.getStatus()).isEqualTo(201);
        JsonNode body = json.readTree(opened.getContentAsString());
        String code = body.get("code").asString();
        assertThat(code).matches("[A-Z2-9]{6}");
        assertThat(body.get("joinUrl").asString()).matches("https?://[^/]+/w/" + code);
        assertThat(body.get("projectorUrl").asString()).matches("https?://[^/]+/w/p/[A-Za-z0-9_-]{20,64}");
        Instant opensAt = Instant.parse(body.get("opensAt").asString());
        Instant closesAt = Instant.parse(body.get("closesAt").asString());
        assertThat(Duration.between(opensAt, closesAt)).isEqualTo(Duration.ofMinutes(WorkshopService.DEFAULT_DURATION_MINUTES));
        assertThat(body.get("cardLimit").asInt()).isEqualTo(WorkshopService.DEFAULT_CARD_LIMIT);
        // the test clock's day in Paris: 15 March 2026 (still the 14th in UTC)
        assertThat(workshops.byCode(code).title()).isEqualTo("Atelier du 15 mars 2026");

        JsonNode given = json.readTree(call(post("/api/v1/evaluations/{id}/workshops", evaluation),
                "{\"title\":\"Atelier des familles\",\"durationMinutes\":60,\"cardLimit\":5}", token).getContentAsString());
        assertThat(Duration.between(Instant.parse(given.get("opensAt").asString()),
                Instant.parse(given.get("closesAt").asString()))).isEqualTo(Duration.ofMinutes(60));
        assertThat(given.get("cardLimit").asInt()).isEqualTo(5);
        assertThat(workshops.byCode(given.get("code").asString()).title()).isEqualTo("Atelier des familles");

        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        String first = json.readTree(call(post("/api/v1/evaluations/{id}/workshops", evaluation), "{}", token)
                .getContentAsString()).get("code").asString();
        assertThat(workshops.byCode(first).title()).isEqualTo("Atelier du 1er avril 2026");
    }

    @Test
    void badInputIsRefusedWithItsFieldsAndNothingOpened() throws Exception {
        MockHttpServletResponse refused = call(post("/api/v1/evaluations/{id}/workshops", evaluation),
                "{\"title\":\"" + "x".repeat(200) + "\",\"durationMinutes\":5,\"cardLimit\":0}", token);
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentType()).contains("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"path\":\"$.title\"", "\"path\":\"$.durationMinutes\"",
                "\"path\":\"$.cardLimit\"", "La durée va de 15 minutes à 12 heures.");
        for (String body : new String[] { "{\"durationMinutes\":\"long\"}", "{\"cardLimit\":1e99}", "[", "\"texte\"",
                "{\"title\":\"a\\u0000b\"}" }) {
            int status = call(post("/api/v1/evaluations/{id}/workshops", evaluation), body, token).getStatus();
            assertThat(status).as(body).isBetween(400, 422);
        }
        assertThat(workshopCount()).isZero();
    }

    @Test
    void listsEveryCardForAnEditorAndNothingForAnotherStructure() throws Exception {
        JsonNode opened = json.readTree(call(post("/api/v1/evaluations/{id}/workshops", evaluation),
                "{\"cardLimit\":3}", token).getContentAsString());
        String code = opened.get("code").asString();
        long id = opened.get("id").asLong();
        JoinedParticipant anna = workshops.join(code, ParticipantRole.HABITANT);
        JoinedParticipant bruno = workshops.join(code, ParticipantRole.PARTENAIRE);
        workshops.post(code, anna.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.EFFECT, EffectTarget.TERRITOIRE, "Le quartier se parle", false));
        workshops.post(code, anna.secret(), UUID.randomUUID(),
                new CardDraft(CardKind.TESTIMONY, null, "Ici je me sens utile", true));
        long effect = workshops.shownCards(workshops.byCode(code)).get(0).id();
        workshops.dot(code, bruno.secret(), effect);

        MockHttpServletResponse cards = call(get("/api/v1/workshops/{id}/cards", id), null, token);
        assertThat(cards.getStatus()).isEqualTo(200);
        JsonNode list = json.readTree(cards.getContentAsString());
        assertThat(list.size()).isEqualTo(2);
        JsonNode first = list.get(0);
        assertThat(first.get("id").asLong()).isEqualTo(effect);
        assertThat(first.get("kind").asString()).isEqualTo("EFFECT");
        assertThat(first.get("target").asString()).isEqualTo("TERRITOIRE");
        assertThat(first.get("text").asString()).isEqualTo("Le quartier se parle");
        assertThat(first.get("state").asString()).isEqualTo("SHOWN");
        // what a card has not (yet) is left out, as everywhere in the API
        assertThat(first.path("mergedInto").isMissingNode() || first.path("mergedInto").isNull()).isTrue();
        assertThat(first.path("elementId").isMissingNode() || first.path("elementId").isNull()).isTrue();
        assertThat(first.get("role").asString()).isEqualTo("HABITANT");
        assertThat(first.get("dots").asInt()).isEqualTo(1);
        assertThat(Instant.parse(first.get("postedAt").asString())).isNotNull();
        assertThat(list.get(1).get("kind").asString()).isEqualTo("TESTIMONY");
        assertThat(cards.getContentAsString()).doesNotContain("participantId", "secret", "token");

        String stranger = token(users.structureWithMember(Role.STRUCTURE_ADMIN));
        MockHttpServletResponse foreign = call(get("/api/v1/workshops/{id}/cards", id), null, stranger);
        assertThat(foreign.getStatus()).isEqualTo(404);
        assertThat(foreign.getContentAsString()).doesNotContain("Le quartier se parle");
        assertThat(call(post("/api/v1/evaluations/{id}/workshops", evaluation), "{}", stranger).getStatus())
                .isEqualTo(404);
        assertThat(call(get("/api/v1/workshops/{id}/cards", -1), null, token).getStatus()).isEqualTo(404);
        assertThat(call(get("/api/v1/workshops/abc/cards"), null, token).getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/api/v1/workshops/{id}/cards", id)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesBothCalls() throws Exception {
        String docs = mvc.perform(get("/api/docs")).andReturn().getResponse().getContentAsString();
        assertThat(docs).contains("/api/v1/evaluations/{evaluationId}/workshops", "/api/v1/workshops/{workshopId}/cards",
                "Ateliers", "joinUrl", "projectorUrl", "cardLimit", "mergedInto");
    }

    private long workshopCount() {
        return jdbc.sql("SELECT count(*) FROM workshop WHERE evaluation_id = ?").param(evaluation).query(Long.class)
                .single();
    }

    private String token(TestUsers.Created user) throws Exception {
        // from her signed-in session: no password to check, so no other class's sign-in failures count
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(user.username())).with(csrf())
                .contentType("application/json").content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString();
        String issued = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        structures.put(issued, user.structureId());
        return issued;
    }

    private final java.util.Map<String, Long> structures = new java.util.HashMap<>();

    private long structureOf(String token) {
        return structures.get(token);
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String body, String bearer)
            throws Exception {
        request = request.header("Authorization", "Bearer " + bearer);
        if (body != null) {
            request = request.contentType("application/json").content(body);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
