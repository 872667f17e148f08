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
 * Two editors save the same item from the same version: the second save is refused with
 * « modifié entre-temps par … » naming the first editor and when, her form shows both what she
 * typed and the version now stored, and nothing was overwritten; saving again from the stored
 * version goes through. The API answers 409 with the current version when {@code If-Match} is
 * stale, and still accepts a PUT that sends no version. The same holds for a contribution analysis
 * (an upsert whose version starts at 1), a survey wave, and an indicator's links through the API.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConcurrentEditTests {

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
    long structure;
    long evaluation;

    @BeforeEach
    void setUp() throws Exception {
        alice = users.structureWithMember(Role.STRUCTURE_EDITOR);
        structure = alice.structureId();
        berenice = users.newUsername("berenice");
        users.addMember(structure, users.newUser(berenice), Role.STRUCTURE_EDITOR);
        String location = send(alice.username(), post("/structures/{id}/evaluations/new", structure)
                .param("title", "Épicerie").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2024-12-31")).getRedirectedUrl();
        evaluation = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    // --- pages --------------------------------------------------------------------------------

    @Test
    void secondSaveOfAnEvaluationIsRefusedWithBothVersionsAndOverwritesNothing() throws Exception {
        String path = "/evaluations/" + evaluation + "/edit";
        int read = versionIn(send(alice.username(), get(path)).getContentAsString());
        assertThat(send(berenice, evaluationForm(path, "Épicerie de Bérénice", read)).getRedirectedUrl())
                .isEqualTo("/evaluations/" + evaluation);

        MockHttpServletResponse refused = send(alice.username(), evaluationForm(path, "Epicerie d'Alice", read));

        assertThat(refused.getStatus()).isEqualTo(200);
        String page = refused.getContentAsString();
        assertRefusedNaming(page, berenice);
        assertThat(page).contains("value=\"Epicerie d&#39;Alice\"").contains("Épicerie de Bérénice");
        assertThat(versionIn(page)).isEqualTo(read + 1);
        assertThat(text("SELECT title FROM evaluation WHERE id = " + evaluation)).isEqualTo("Épicerie de Bérénice");

        assertThat(send(alice.username(), evaluationForm(path, "Epicerie d'Alice", versionIn(page)))
                .getRedirectedUrl()).isEqualTo("/evaluations/" + evaluation);
        assertThat(text("SELECT title FROM evaluation WHERE id = " + evaluation)).isEqualTo("Epicerie d'Alice");
    }

    @Test
    void aFormPostWithoutVersionStillSaves() throws Exception {
        send(berenice, evaluationForm("/evaluations/" + evaluation + "/edit", "Première", 0));
        assertThat(send(alice.username(), post("/evaluations/{e}/edit", evaluation).param("title", "Sans version")
                .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31")
                .param("status", "FRAMING")).getStatus()).isEqualTo(302);
        assertThat(text("SELECT title FROM evaluation WHERE id = " + evaluation)).isEqualTo("Sans version");
    }

    @Test
    void secondSavesOfChainItemsAreRefused() throws Exception {
        send(alice.username(), post("/evaluations/{e}/stakeholders/new", evaluation).param("name", "Mairie")
                .param("type", "COLLECTIVITE"));
        long city = id("SELECT id FROM stakeholder WHERE evaluation_id = " + evaluation);
        String stakeholderPath = "/evaluations/" + evaluation + "/stakeholders/" + city + "/edit";
        int read = versionIn(send(alice.username(), get(stakeholderPath)).getContentAsString());
        send(berenice, post(stakeholderPath).param("name", "Mairie de Privas").param("type", "COLLECTIVITE")
                .param("presentation", "Vue par Bérénice").param("version", String.valueOf(read)));
        String page = send(alice.username(), post(stakeholderPath).param("name", "Ville").param("type", "COLLECTIVITE")
                .param("presentation", "Vue par Alice").param("version", String.valueOf(read))).getContentAsString();
        assertRefusedNaming(page, berenice);
        assertThat(page).contains("Vue par Alice").contains("Vue par Bérénice").contains("Mairie de Privas");
        assertThat(text("SELECT presentation FROM stakeholder WHERE id = " + city)).isEqualTo("Vue par Bérénice");

        send(alice.username(), post("/evaluations/{e}/elements/new", evaluation).param("kind", "ACTIVITY")
                .param("name", "Épicerie solidaire").param("activityType", "PRIMARY"));
        long shop = id("SELECT id FROM chain_element WHERE evaluation_id = " + evaluation);
        String elementPath = "/evaluations/" + evaluation + "/elements/" + shop + "/edit";
        read = versionIn(send(alice.username(), get(elementPath)).getContentAsString());
        send(berenice, post(elementPath).param("name", "Épicerie du quartier").param("activityType", "PRIMARY")
                .param("version", String.valueOf(read)));
        page = send(alice.username(), post(elementPath).param("name", "Epicerie d'Alice")
                .param("activityType", "PRIMARY").param("version", String.valueOf(read))).getContentAsString();
        assertRefusedNaming(page, berenice);
        assertThat(page).contains("value=\"Epicerie d&#39;Alice\"").contains("Épicerie du quartier");
        assertThat(text("SELECT name FROM chain_element WHERE id = " + shop)).isEqualTo("Épicerie du quartier");

        send(alice.username(), post("/evaluations/{e}/interactions/new", evaluation)
                .param("stakeholderId", String.valueOf(city)).param("activityId", String.valueOf(shop))
                .param("cost", "Prêt du local").param("benefit", "Lien social"));
        long interaction = id("SELECT id FROM interaction WHERE evaluation_id = " + evaluation);
        String interactionPath = "/evaluations/" + evaluation + "/interactions/" + interaction + "/edit";
        read = versionIn(send(alice.username(), get(interactionPath)).getContentAsString());
        send(berenice, post(interactionPath).param("stakeholderId", String.valueOf(city))
                .param("activityId", String.valueOf(shop)).param("cost", "Local et chauffage")
                .param("benefit", "Lien social").param("version", String.valueOf(read)));
        page = send(alice.username(), post(interactionPath).param("stakeholderId", String.valueOf(city))
                .param("activityId", String.valueOf(shop)).param("cost", "Local seul").param("benefit", "Lien social")
                .param("version", String.valueOf(read))).getContentAsString();
        assertRefusedNaming(page, berenice);
        assertThat(page).contains("Local seul").contains("Local et chauffage");
        assertThat(text("SELECT cost FROM interaction WHERE id = " + interaction)).isEqualTo("Local et chauffage");
    }

    @Test
    void secondSavesOfFrameworkItemsAreRefused() throws Exception {
        send(alice.username(), post("/evaluations/{e}/objectives/new", evaluation).param("target", "HABITANTS")
                .param("title", "Rompre l'isolement"));
        long objective = id("SELECT id FROM objective WHERE evaluation_id = " + evaluation);
        secondSaveRefused("/evaluations/" + evaluation + "/objectives/" + objective + "/edit",
                (title, version) -> post("/evaluations/{e}/objectives/{o}/edit", evaluation, objective)
                        .param("target", "HABITANTS").param("title", title).param("version", version),
                "SELECT title FROM objective WHERE id = " + objective, "Rompre l'isolement des aînés",
                "Objectif d'Alice");

        long criterion = id("SELECT id FROM criterion WHERE code = 'efficacite' AND structure_id IS NULL");
        send(alice.username(), post("/evaluations/{e}/questions/new", evaluation)
                .param("criterionId", String.valueOf(criterion)).param("text", "Les ateliers aident-ils ?"));
        long question = id("SELECT id FROM evaluative_question WHERE evaluation_id = " + evaluation);
        secondSaveRefused("/evaluations/" + evaluation + "/questions/" + question + "/edit",
                (text, version) -> post("/evaluations/{e}/questions/{q}/edit", evaluation, question)
                        .param("criterionId", String.valueOf(criterion)).param("text", text).param("version", version),
                "SELECT text FROM evaluative_question WHERE id = " + question, "Les ateliers aident-ils les aînés ?",
                "Question d'Alice");

        send(alice.username(), indicatorForm(post("/evaluations/{e}/indicators/new", evaluation), "Participants", null));
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = " + evaluation);
        secondSaveRefused("/evaluations/" + evaluation + "/indicators/" + indicator + "/edit",
                (name, version) -> indicatorForm(post("/evaluations/{e}/indicators/{i}/edit", evaluation, indicator),
                        name, version),
                "SELECT name FROM indicator WHERE id = " + indicator, "Participants réguliers", "Indicateur d'Alice");

        send(alice.username(), post("/evaluations/{e}/disaggregations", evaluation).param("name", "Quartiers")
                .param("categories", "Centre\nLes Balmes"));
        long quarters = id("SELECT id FROM disaggregation WHERE structure_id = " + structure);
        secondSaveRefused("/evaluations/" + evaluation + "/disaggregations/" + quarters + "/edit",
                (name, version) -> post("/evaluations/{e}/disaggregations/{d}/edit", evaluation, quarters)
                        .param("name", name).param("categories", "Centre\nLes Balmes").param("version", version),
                "SELECT name FROM disaggregation WHERE id = " + quarters, "Quartiers de Privas", "Quartiers d'Alice");
    }

    @Test
    void secondSaveOfAStructureCardIsRefused() throws Exception {
        jdbc.sql("UPDATE membership SET role = 'STRUCTURE_ADMIN' WHERE organisation_id = :s").param("s", structure)
                .update();
        secondSaveRefused("/structures/" + structure + "/edit",
                (commune, version) -> post("/structures/{s}/edit", structure).param("name", "Centre social")
                        .param("kind", "CENTRE_SOCIAL").param("departement", "07").param("commune", commune)
                        .param("volunteerHourlyRate", "12").param("version", version),
                "SELECT commune FROM structure WHERE id = " + structure, "Aubenas", "Annonay");
    }

    @Test
    void secondSaveOfAReportSectionIsRefused() throws Exception {
        // the general assembly's report: its first text is the context's, whose version the form is read for
        String location = send(alice.username(), post("/evaluations/{e}/reports", evaluation)
                .param("audience", "ASSEMBLEE").param("title", "Rapport")).getRedirectedUrl();
        long report = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        secondSaveRefused("/reports/" + report,
                (narrative, version) -> post("/reports/{r}/sections/CONTEXT", report).param("narrative", narrative)
                        .param("version", version),
                "SELECT narrative FROM report_section WHERE section = 'CONTEXT' AND report_id = " + report,
                "Le contexte selon Bérénice", "Contexte d'Alice");
    }

    @Test
    void secondSavesOfASurveyAndItsQuestionsAreRefused() throws Exception {
        String location = send(alice.username(), post("/evaluations/{e}/surveys", evaluation)
                .param("title", "Paroles d'habitants").param("audience", "HABITANTS")).getRedirectedUrl();
        long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        secondSaveRefused("/surveys/" + survey,
                (title, version) -> post("/surveys/{s}", survey).param("title", title).param("audience", "HABITANTS")
                        .param("version", version),
                "SELECT title FROM survey WHERE id = " + survey, "Paroles des habitants du quartier",
                "Enquete d'Alice");

        send(alice.username(), post("/surveys/{s}/questions/new", survey).param("label", "Que diriez-vous ?")
                .param("kind", "LONG_TEXT"));
        long question = id("SELECT id FROM survey_question WHERE survey_id = " + survey);
        secondSaveRefused("/surveys/" + survey + "/questions/" + question + "/edit",
                (label, version) -> post("/surveys/{s}/questions/{q}/edit", survey, question).param("label", label)
                        .param("kind", "LONG_TEXT").param("version", version),
                "SELECT label FROM survey_question WHERE id = " + question, "Que diriez-vous du centre ?",
                "Question d'Alice");
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

    // --- API ----------------------------------------------------------------------------------

    @Test
    void apiRefusesAStaleIfMatchWith409AndKeepsSavesWithoutVersion() throws Exception {
        String aliceToken = token(alice.username());
        String bereniceToken = token(berenice);
        MockHttpServletResponse created = api(aliceToken, post("/api/v1/evaluations/{e}/stakeholders", evaluation),
                null, "{\"name\":\"Mairie\",\"type\":\"COLLECTIVITE\"}");
        long city = Long.parseLong(created.getContentAsString().replaceAll("\\D", ""));
        assertThat(api(aliceToken, get("/api/v1/evaluations/{e}/chain", evaluation), null, null).getContentAsString())
                .contains("\"version\":0");
        String path = "/api/v1/evaluations/" + evaluation + "/stakeholders/" + city;

        assertThat(api(bereniceToken, put(path), "\"0\"", "{\"name\":\"Mairie de Privas\",\"type\":\"COLLECTIVITE\"}")
                .getStatus()).isEqualTo(204);
        MockHttpServletResponse stale = api(aliceToken, put(path), "\"0\"",
                "{\"name\":\"Ville\",\"type\":\"COLLECTIVITE\"}");

        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentType()).startsWith("application/problem+json");
        assertThat(stale.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(stale.getContentAsString()).contains("\"currentVersion\":1")
                .contains("\"updatedBy\":\"Test " + berenice + "\"").contains("\"name\":\"Mairie de Privas\"")
                .contains("Modifié entre-temps par Test " + berenice);
        assertThat(text("SELECT name FROM stakeholder WHERE id = " + city)).isEqualTo("Mairie de Privas");

        assertThat(api(aliceToken, put(path), "\"1\"", "{\"name\":\"Ville\",\"type\":\"COLLECTIVITE\"}").getStatus())
                .isEqualTo(204);
        assertThat(api(aliceToken, put(path), null, "{\"name\":\"Sans version\",\"type\":\"COLLECTIVITE\"}")
                .getStatus()).isEqualTo(204);
        assertThat(text("SELECT name FROM stakeholder WHERE id = " + city)).isEqualTo("Sans version");
        assertThat(api(aliceToken, put(path), "\"1\"", "{\"name\":\"Trop tard\",\"type\":\"COLLECTIVITE\"}")
                .getStatus()).isEqualTo(409);
        assertThat(api(aliceToken, put(path), "pas une version", "{\"name\":\"X\",\"type\":\"COLLECTIVITE\"}")
                .getStatus()).isEqualTo(422);
        assertThat(text("SELECT name FROM stakeholder WHERE id = " + city)).isEqualTo("Sans version");
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
        assertRefusedNaming(page, berenice);
        assertThat(page).contains(second.replace("'", "&#39;")).contains(first.replace("'", "&#39;"));
        assertThat(versionIn(page)).isGreaterThan(read);
        assertThat(text(storedSql)).isEqualTo(first);

        assertThat(send(alice.username(), save.apply(second, String.valueOf(versionIn(page)))).getStatus())
                .isEqualTo(302);
        assertThat(text(storedSql)).isEqualTo(second);
    }

    private static MockHttpServletRequestBuilder indicatorForm(MockHttpServletRequestBuilder request, String name,
            String version) {
        request.param("code", "participants").param("name", name).param("measure", "COUNT").param("source", "MANUAL")
                .param("frequency", "YEAR").param("aggregation", "SUM").param("direction", "INCREASE");
        return version == null ? request : request.param("version", version);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static void assertRefusedNaming(String page, String editor) {
        assertThat(page).contains("Modifié entre-temps par Test " + editor + " le ")
                .contains("Version enregistrée :");
    }

    private MockHttpServletRequestBuilder evaluationForm(String path, String title, int version) {
        return post(path).param("title", title).param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2024-12-31").param("status", "FRAMING").param("version", String.valueOf(version));
    }

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
