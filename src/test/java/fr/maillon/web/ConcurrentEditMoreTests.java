package fr.maillon.web;

import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * What {@link ConcurrentEditTests} proves for most items, for the rest: a contribution analysis (an
 * upsert whose version starts at 1), a survey wave, and an indicator's links through the API. The
 * second save from the same version is refused naming the first editor, nothing is overwritten, and
 * a save from the current version goes through.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConcurrentEditMoreTests {

    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    /** Alice edits second and is refused; Bérénice saves first. */
    TestUsers.Created alice;
    String berenice;
    long evaluation;

    @BeforeEach
    void setUp() throws Exception {
        alice = users.structureWithMember(Role.STRUCTURE_EDITOR);
        berenice = users.newUsername("berenice");
        users.addMember(alice.structureId(), users.newUser(berenice), Role.STRUCTURE_EDITOR);
        String location = send(alice.username(), post("/structures/{id}/evaluations/new", alice.structureId())
                .param("title", "Épicerie").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2024-12-31")).getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void secondSaveOfAContributionAnalysisIsRefusedEvenWhenBothWroteTheFirstOne() throws Exception {
        long effect = effect("Alimentation digne");
        String stored = "SELECT claim FROM contribution WHERE effect_id = " + effect;

        secondSaveRefused("/evaluations/" + evaluation + "/contributions",
                (claim, version) -> post("/evaluations/{e}/contributions/{id}", evaluation, effect)
                        .param("claim", claim).param("strength", "MODERATE").param("otherFactors", "")
                        .param("strengthReason", "").param("version", version),
                stored, "Les ateliers y contribuent, selon Bérénice", "Contribution d'Alice");

        assertThat(jdbc.sql("SELECT version FROM contribution WHERE effect_id = " + effect).query(Integer.class)
                .single()).isEqualTo(2);
    }

    @Test
    void aContributionIsWrittenAtVersionOneAndSavesWithoutVersionAsBefore() throws Exception {
        long effect = effect("Lien social");
        assertThat(versionIn(send(alice.username(), get("/evaluations/{e}/contributions", evaluation))
                .getContentAsString())).isZero();
        send(alice.username(), post("/evaluations/{e}/contributions/{id}", evaluation, effect)
                .param("claim", "Premier texte").param("strength", "WEAK").param("version", "0"));
        assertThat(jdbc.sql("SELECT version FROM contribution WHERE effect_id = " + effect).query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(send(berenice, post("/evaluations/{e}/contributions/{id}", evaluation, effect)
                .param("claim", "Sans version").param("strength", "WEAK")).getStatus()).isEqualTo(302);
        assertThat(text("SELECT claim FROM contribution WHERE effect_id = " + effect)).isEqualTo("Sans version");
    }

    @Test
    void secondSaveOfASurveyWaveIsRefused() throws Exception {
        String location = send(alice.username(), post("/evaluations/{e}/surveys", evaluation)
                .param("title", "Paroles d'habitants").param("audience", "HABITANTS")).getRedirectedUrl();
        long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        long wave = id("SELECT id FROM survey_wave WHERE survey_id = " + survey);
        assertThat(send(alice.username(), get("/surveys/{s}", survey)).getContentAsString())
                .contains("/surveys/" + survey + "/waves/" + wave + "/edit");

        secondSaveRefused("/surveys/" + survey + "/waves/" + wave + "/edit",
                (label, version) -> post("/surveys/{s}/waves/{w}/edit", survey, wave).param("label", label)
                        .param("period", "2024").param("opensOn", "").param("closesOn", "")
                        .param("version", version),
                "SELECT label FROM survey_wave WHERE id = " + wave, "Avant l'action", "Vague d'Alice");

        // a post without version (as the form before versions existed) is not checked
        assertThat(send(berenice, post("/surveys/{s}/waves/{w}", survey, wave).param("label", "Après")
                .param("period", "2024")).getStatus()).isEqualTo(302);
        assertThat(text("SELECT label FROM survey_wave WHERE id = " + wave)).isEqualTo("Après");
    }

    @Test
    void apiRefusesLinksOverAStaleIndicatorVersion() throws Exception {
        long effect = effect("Mieux manger");
        send(alice.username(), post("/evaluations/{e}/indicators/new", evaluation).param("code", "participants")
                .param("name", "Participants").param("measure", "COUNT").param("source", "MANUAL")
                .param("frequency", "YEAR").param("aggregation", "SUM").param("direction", "INCREASE"));
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = " + evaluation);
        int read = jdbc.sql("SELECT version FROM indicator WHERE id = " + indicator).query(Integer.class).single();
        String path = "/api/v1/evaluations/" + evaluation + "/indicators/" + indicator + "/links";
        String aliceToken = token(alice.username());
        String linked = "{\"questionIds\":[],\"elementIds\":[" + effect + "]}";

        assertThat(api(token(berenice), put(path), "\"" + read + "\"", linked).getStatus()).isEqualTo(204);
        MockHttpServletResponse stale = api(aliceToken, put(path), "\"" + read + "\"",
                "{\"questionIds\":[],\"elementIds\":[]}");

        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getHeader("ETag")).isEqualTo("\"" + (read + 1) + "\"");
        assertThat(stale.getContentAsString()).contains("\"currentVersion\":" + (read + 1))
                .contains("\"updatedBy\":\"Test " + berenice + "\"").contains("\"elementIds\":[" + effect + "]")
                .contains("Modifié entre-temps par Test " + berenice);
        assertThat(linkCount(indicator)).isEqualTo(1);

        assertThat(api(aliceToken, put(path), "\"" + (read + 1) + "\"", "{\"questionIds\":[],\"elementIds\":[]}")
                .getStatus()).isEqualTo(204);
        assertThat(linkCount(indicator)).isZero();
        assertThat(api(aliceToken, put(path), null, linked).getStatus()).isEqualTo(204);
        assertThat(linkCount(indicator)).isEqualTo(1);
        assertThat(api(aliceToken, put(path), "\"" + (read + 1) + "\"", "{\"questionIds\":[],\"elementIds\":[]}")
                .getStatus()).isEqualTo(409);
        assertThat(linkCount(indicator)).isEqualTo(1);
    }

    /**
     * Both read the form at the same version; Bérénice saves {@code first}, then Alice's {@code second}
     * is refused and shown with the stored version; Alice saves again from there and it goes through.
     */
    private void secondSaveRefused(String formPath, BiFunction<String, String, MockHttpServletRequestBuilder> save,
            String storedSql, String first, String second) throws Exception {
        int read = versionIn(send(alice.username(), get(formPath)).getContentAsString());
        MockHttpServletResponse saved = send(berenice, save.apply(first, String.valueOf(read)));
        assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(302);

        MockHttpServletResponse refused = send(alice.username(), save.apply(second, String.valueOf(read)));

        assertThat(refused.getStatus()).isEqualTo(200);
        String page = refused.getContentAsString();
        assertThat(page).contains("Modifié entre-temps par Test " + berenice + " le ")
                .contains("Version enregistrée :");
        assertThat(page).contains(second.replace("'", "&#39;")).contains(first.replace("'", "&#39;"));
        assertThat(versionIn(page)).isGreaterThan(read);
        assertThat(text(storedSql)).isEqualTo(first);

        assertThat(send(alice.username(), save.apply(second, String.valueOf(versionIn(page)))).getStatus())
                .isEqualTo(302);
        assertThat(text(storedSql)).isEqualTo(second);
    }

    // --- helpers ------------------------------------------------------------------------------

    private long effect(String name) throws Exception {
        MockHttpServletResponse created = send(alice.username(), post("/evaluations/{e}/elements/new", evaluation)
                .param("kind", "EFFECT").param("name", name).param("target", "HABITANTS"));
        assertThat(created.getRedirectedUrl()).as(created.getContentAsString()).isNotNull();
        return id("SELECT max(id) FROM chain_element WHERE evaluation_id = " + evaluation);
    }

    private int linkCount(long indicator) {
        return jdbc.sql("SELECT count(*) FROM indicator_element WHERE indicator_id = " + indicator)
                .query(Integer.class).single();
    }

    private MockHttpServletResponse send(String username, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(username)).with(csrf())).andReturn().getResponse();
    }

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").contentType("application/json").content(
                "{\"username\":\"" + username + "\",\"password\":\"" + TestUsers.PASSWORD + "\",\"label\":\"api\"}"))
                .andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private MockHttpServletResponse api(String token, MockHttpServletRequestBuilder request, String ifMatch,
            String json) throws Exception {
        request.header("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (json != null) {
            request.contentType("application/json").content(json);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static int versionIn(String page) {
        Matcher matcher = VERSION.matcher(page);
        assertThat(matcher.find()).as("a hidden version field in the form").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }
}
