package fr.maillon.chain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Bad input gets a clear French message, keeps what was typed, and writes nothing; never a 500. */
@SpringBootTest
@AutoConfigureMockMvc
class EvaluationFormTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created editor;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
    }

    @Test
    void anEndBeforeTheStartIsRefusedAndTheFormKeepsWhatWasTyped() throws Exception {
        MockHttpServletResponse response = create("Ateliers cuisine", "ACTION", "Ateliers", "2024-06-01", "2024-01-01");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("La fin de la période précède son début.")
                .contains("value=\"Ateliers cuisine\"").contains("aria-invalid=\"true\"")
                .contains("aria-describedby=\"periodEnd-error\"");
        assertThat(count()).isZero();
    }

    @Test
    void malformedDatesAndUnknownChoicesGetMessagesNotErrors() throws Exception {
        MockHttpServletResponse response = create("Titre", "BOGUS", "", "2024-13-45", "demain");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("Date invalide").contains("Valeur invalide.")
                .contains("value=\"Titre\"");
        assertThat(count()).isZero();
    }

    @Test
    void anEmptyOrHugeTitleAndAMissingActionNameAreRefused() throws Exception {
        assertThat(create("", "PROJET_SOCIAL", "", "2024-01-01", "2024-12-31").getContentAsString())
                .contains("Le titre est obligatoire");
        assertThat(create("x".repeat(10_000), "PROJET_SOCIAL", "", "2024-01-01", "2024-12-31").getContentAsString())
                .contains("Le titre est obligatoire (200 caractères au plus).");
        assertThat(create("Conserverie", "ACTION", " ", "2024-01-01", "2024-12-31").getContentAsString())
                .contains("Donnez le nom de l&#39;action évaluée.");
        assertThat(count()).isZero();
    }

    @Test
    void controlCharactersAndImpossibleYearsNeverGiveA500() throws Exception {
        MockHttpServletResponse nul = create("Titre\u0000nul", "PROJET_SOCIAL", "", "2024-01-01", "2024-12-31");
        assertThat(nul.getStatus()).isEqualTo(200);
        assertThat(nul.getContentAsString()).contains("caractères de contrôle invisibles");
        MockHttpServletResponse farFuture = create("Titre", "PROJET_SOCIAL", "", "2024-01-01", "+9999999-12-31");
        assertThat(farFuture.getStatus()).isEqualTo(200);
        MockHttpServletResponse farPast = create("Titre", "PROJET_SOCIAL", "", "0001-01-01", "2024-12-31");
        assertThat(farPast.getContentAsString()).contains("Date hors des limites (entre 1900 et 2200).");
        assertThat(count()).isZero();
    }

    @Test
    void scriptInATitleIsStoredAsTextAndShownEscaped() throws Exception {
        String title = "<script>alert('x')</script> & <b>gras</b>";
        MockHttpServletResponse created = create(title, "PROJET_SOCIAL", "", "2024-01-01", "2024-12-31");
        assertThat(created.getRedirectedUrl()).matches("/evaluations/\\d+");
        String page = mvc.perform(get(created.getRedirectedUrl()).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void unknownIdsGiveTheFrenchNotFoundPageAndMalformedOnesTheBadRequestPage() throws Exception {
        for (String path : new String[] { "/evaluations/987654", "/structures/-1" }) {
            MockHttpServletResponse response = mvc.perform(get(path).with(users.as(editor.username()))).andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(404);
            assertThat(response.getContentAsString()).contains("Page introuvable");
        }
        for (String path : new String[] { "/evaluations/abc", "/evaluations/99999999999999999999" }) {
            MockHttpServletResponse response = mvc.perform(get(path).with(users.as(editor.username()))).andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("Demande invalide");
        }
    }

    @Test
    void theApiAnswersRuleViolationsWithJsonPaths() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/v1/structures/{id}/evaluations",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"title\":\"\",\"scope\":\"ACTION\",\"periodStart\":\"2024-06-01\",\"periodEnd\":\"2024-01-01\"}"))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentType()).contains("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"path\":\"$.title\"").contains("\"path\":\"$.periodEnd\"")
                .contains("\"path\":\"$.actionName\"");

        MockHttpServletResponse malformed = mvc.perform(post("/api/v1/structures/{id}/evaluations",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"title\": \"x\", \"periodStart\": \"pas une date\"}")).andReturn().getResponse();
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentType()).contains("application/problem+json");
        assertThat(malformed.getContentAsString()).contains("\"path\":\"$.periodStart\"")
                .contains("Le document JSON est illisible.");
        MockHttpServletResponse badEnum = mvc.perform(post("/api/v1/structures/{id}/evaluations",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"title\": \"x\", \"scope\": \"TOUT\"}")).andReturn().getResponse();
        assertThat(badEnum.getContentAsString()).contains("\"path\":\"$.scope\"");
        MockHttpServletResponse nul = mvc.perform(post("/api/v1/structures/{id}/evaluations",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"title\":\"a\\u0000b\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\"}"))
                .andReturn().getResponse();
        assertThat(nul.getStatus()).isEqualTo(422);

        MockHttpServletResponse created = mvc.perform(post("/api/v1/structures/{id}/evaluations",
                editor.structureId()).with(users.as(editor.username())).with(csrf()).contentType("application/json")
                .content("{\"title\":\"Par l'API\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\"}"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(count()).isEqualTo(1);
        assertThat(mvc.perform(get("/api/v1/evaluations/abc").with(users.as(editor.username()))).andReturn()
                .getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void acceptsFrenchDatesTypedWhereNoDatePickerExists() throws Exception {
        assertThat(create("Dates à la française", "PROJET_SOCIAL", "", "01/01/2024", "31/12/2024").getRedirectedUrl())
                .matches("/evaluations/\\d+");
        assertThat(jdbc.sql("SELECT period_end FROM evaluation WHERE structure_id = :s").param("s", editor.structureId())
                .query(String.class).single()).isEqualTo("2024-12-31");
    }

    @Test
    void anEditorEditsHerEvaluation() throws Exception {
        String location = create("Avant", "PROJET_SOCIAL", "", "2024-01-01", "2024-12-31").getRedirectedUrl();
        MockHttpServletResponse edited = mvc.perform(post(location + "/edit").with(users.as(editor.username()))
                .with(csrf()).param("title", "Après").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2025-12-31").param("status", "COLLECTING")).andReturn().getResponse();
        assertThat(edited.getRedirectedUrl()).isEqualTo(location);
        assertThat(jdbc.sql("SELECT title || ' ' || status || ' ' || period_end FROM evaluation WHERE structure_id = :s")
                .param("s", editor.structureId()).query(String.class).single()).isEqualTo("Après COLLECTING 2025-12-31");
    }

    private MockHttpServletResponse create(String title, String scope, String actionName, String start, String end)
            throws Exception {
        return mvc.perform(post("/structures/{id}/evaluations/new", editor.structureId())
                .with(users.as(editor.username())).with(csrf()).param("title", title).param("scope", scope)
                .param("actionName", actionName).param("periodStart", start).param("periodEnd", end)
                .param("status", "FRAMING")).andReturn().getResponse();
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM evaluation WHERE structure_id = :structureId")
                .param("structureId", editor.structureId()).query(Long.class).single();
    }
}
