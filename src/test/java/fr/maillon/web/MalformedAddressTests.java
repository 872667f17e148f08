package fr.maillon.web;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A path variable or parameter that does not read as its type (a letter in an id, a year like
 * {@code 20x4}) answers 400 with a French sentence naming it and saying what it should hold: the
 * error page for pages, a problem detail under {@code /api/v1}; never a 404, a 500 nor a Java
 * exception's text. A well-formed id that does not exist, or that the caller may not see, stays 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MalformedAddressTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    JsonMapper json;

    TestUsers.Created editor;
    long evaluation;
    long network;
    String delegate;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Projet social 2024",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), null));
        SecurityContextHolder.clearContext();
        network = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération " + users.newUsername("f"), List.of("07")));
        delegate = users.newUsername("delegate");
        users.addMember(network, users.newUser(delegate), Role.FEDERATION_MEMBER);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void pagesAnswerTheFrenchBadRequestPageNamingTheValue() throws Exception {
        for (String path : List.of("/evaluations/abc", "/evaluations/99999999999999999999", "/structures/x1",
                "/evaluations/1e3/balance")) {
            MockHttpServletResponse response = send(get(path), editor.username());
            assertThat(response.getStatus()).as(path).isEqualTo(400);
            assertThat(response.getContentAsString()).as(path).contains("Demande invalide")
                    .contains("doit être un nombre entier écrit en chiffres").contains("id=\"error-detail\"")
                    .doesNotContain("NumberFormatException", "Failed to convert", "java.lang");
        }
        MockHttpServletResponse year = send(get("/networks/{id}/summary", network).param("year", "20x4"), delegate);
        assertThat(year.getStatus()).isEqualTo(400);
        assertThat(year.getContentAsString()).contains("« year » doit être un nombre entier");
        MockHttpServletResponse entry = send(get("/networks/{id}/territories", network).param("entry", "x"), delegate);
        assertThat(entry.getStatus()).isEqualTo(400);
        assertThat(entry.getContentAsString()).contains("« entry » doit être un nombre entier");
        MockHttpServletResponse validated = send(get("/networks/{id}/summary", network)
                .param("validated", "peut-être"), delegate);
        assertThat(validated.getStatus()).isEqualTo(400);
        assertThat(validated.getContentAsString()).contains("« validated » doit valoir true (oui) ou false (non)");
        MockHttpServletResponse frequency = send(get("/evaluations/{id}/data", evaluation).param("frequency", "WEEK"),
                editor.username());
        assertThat(frequency.getStatus()).isEqualTo(400);
        assertThat(frequency.getContentAsString()).contains("« frequency » doit être l&#39;une de ces valeurs : ")
                .contains("YEAR");
    }

    @Test
    void englishReadersReadTheSentenceInEnglish() throws Exception {
        MockHttpServletResponse response = send(get("/evaluations/abc")
                .cookie(new jakarta.servlet.http.Cookie("MAILLON_LANG", "en")), editor.username());
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("must be a whole number written in digits");
    }

    @Test
    void wellFormedIdsThatDoNotExistOrAreNotSharedStayNotFound() throws Exception {
        assertThat(send(get("/evaluations/987654321"), editor.username()).getStatus()).isEqualTo(404);
        assertThat(send(get("/evaluations/{id}", evaluation), delegate).getStatus()).isEqualTo(404);
        assertThat(send(get("/api/v1/evaluations/987654321/agrement"), editor.username()).getStatus()).isEqualTo(404);
        assertThat(send(get("/api/v1/evaluations/{id}/agrement", evaluation), delegate).getStatus()).isEqualTo(404);
        assertThat(send(get("/evaluations/{id}", evaluation), editor.username()).getStatus()).isEqualTo(200);
    }

    @Test
    void theApiAnswersAProblemDetailNamingTheValue() throws Exception {
        for (String path : List.of("/api/v1/evaluations/abc/agrement", "/api/v1/evaluations/abc",
                "/api/v1/structures/x/evaluations")) {
            MockHttpServletResponse response = send(get(path), editor.username());
            assertThat(response.getStatus()).as(path).isEqualTo(400);
            assertThat(response.getContentType()).as(path).contains("application/problem+json");
            JsonNode problem = json.readTree(response.getContentAsString());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).isEqualTo("La demande est incomplète ou mal formée.");
            assertThat(problem.get("errors")).hasSize(1);
            assertThat(problem.get("errors").get(0).get("message").asString()).as(path)
                    .contains("doit être un nombre entier écrit en chiffres");
            assertThat(response.getContentAsString()).doesNotContain("NumberFormatException", "Failed to convert");
        }
        MockHttpServletResponse year = send(get("/api/v1/networks/{id}/summary", network).param("year", "20x4"),
                delegate);
        assertThat(year.getStatus()).isEqualTo(400);
        JsonNode error = json.readTree(year.getContentAsString()).get("errors").get(0);
        assertThat(error.get("path").asString()).isEqualTo("year");
        assertThat(error.get("message").asString()).startsWith("« year » doit être un nombre entier");
        MockHttpServletResponse entry = send(get("/api/v1/networks/{id}/territories", network).param("entry", "x"),
                delegate);
        assertThat(entry.getStatus()).isEqualTo(400);
        assertThat(json.readTree(entry.getContentAsString()).get("errors").get(0).get("path").asString())
                .isEqualTo("entry");
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String username) throws Exception {
        return mvc.perform(request.with(users.as(username))).andReturn().getResponse();
    }

}
