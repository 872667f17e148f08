package fr.maillon.restitution;

import java.util.List;

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
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 18, point 5: the federation and the CAF comment on what La Coopération shared with them
 * (its finalised CAF report, an indicator, a verdict); the structure's editors answer; each network
 * reads its own annotations only; the thread shows in the report's review trail.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnnotationTests {

    private static final String DEMO_QUESTION = "combien de bénévoles animateurs sont issus";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    long cooperation;
    long evaluation;
    long report;
    long draftReport;
    long indicator;

    @BeforeEach
    void demo() {
        cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'").query(Long.class).single();
        evaluation = jdbc.sql("""
                SELECT id FROM evaluation WHERE structure_id = :s AND title = 'Conserverie Mobile et Solidaire'
                """).param("s", cooperation).query(Long.class).single();
        report = jdbc.sql("""
                SELECT r.id FROM report r WHERE r.evaluation_id = :e
                AND EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id)
                ORDER BY r.id LIMIT 1
                """).param("e", evaluation).query(Long.class).single();
        draftReport = jdbc.sql("""
                SELECT r.id FROM report r WHERE r.evaluation_id = :e
                AND NOT EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id)
                ORDER BY r.id LIMIT 1
                """).param("e", evaluation).query(Long.class).single();
        indicator = jdbc.sql("SELECT min(id) FROM indicator WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();
    }

    @Test
    void theDemoThreadShowsInTheReportsTrailForTheFederationAndTheStructureNotForTheCaf() throws Exception {
        String federation = page(get("/reports/{id}", report).param("version", "1"), "federation26");
        assertThat(federation).contains("id=\"annotations\"").contains(DEMO_QUESTION)
                .contains("Fédération des centres sociaux de la Drôme").contains("sept habitent");
        String structure = page(get("/reports/{id}", report).param("version", "1"), "coope");
        assertThat(structure).contains(DEMO_QUESTION).contains("sept habitent");
        String caf = page(get("/reports/{id}", report).param("version", "1"), "caf26");
        assertThat(caf).contains("id=\"annotations\"").doesNotContain(DEMO_QUESTION).doesNotContain("sept habitent");
        assertThat(page(get("/evaluations/{id}/annotations", evaluation), "caf26")).doesNotContain(DEMO_QUESTION);
        assertThat(page(get("/api/v1/evaluations/{id}/annotations", evaluation), "caf26")).doesNotContain(DEMO_QUESTION);
    }

    @Test
    void theCafCommentsOnAnIndicatorAndTheStructureAnswersOnThePage() throws Exception {
        String text = "Pouvez-vous préciser la source de cet indicateur ? " + System.nanoTime();
        MockHttpServletResponse created = mvc.perform(post("/evaluations/{id}/annotations", evaluation)
                .with(users.as("caf26")).with(csrf()).param("target", "INDICATOR-" + indicator).param("text", text))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(302);
        long id = jdbc.sql("SELECT id FROM annotation WHERE text = :t").param("t", text).query(Long.class).single();

        String structure = page(get("/evaluations/{id}/annotations", evaluation), "coope");
        assertThat(structure).contains(text).contains("CAF de la Drôme").contains("sans réponse")
                .containsPattern("\\d+ annotations? (attend|attendent) une réponse");
        assertThat(page(get("/evaluations/{id}/reports", evaluation), "coope")).contains("en attente de réponse");
        assertThat(page(get("/evaluations/{id}/annotations", evaluation), "federation26")).doesNotContain(text);

        assertThat(mvc.perform(post("/evaluations/{e}/annotations/{id}/answer", evaluation, id).with(users.as("coope"))
                .with(csrf()).param("answer", "Le relevé des feuilles de présence.")).andReturn().getResponse()
                .getStatus()).isEqualTo(302);
        assertThat(page(get("/evaluations/{id}/annotations", evaluation), "caf26")).contains(text)
                .contains("Le relevé des feuilles de présence.");
    }

    @Test
    void theStructuresViewerCannotAnswerNorCanTheNetworks() throws Exception {
        long id = jdbc.sql("SELECT min(id) FROM annotation WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();
        String viewer = users.newUsername("lectrice");
        users.addMember(cooperation, users.newUser(viewer), Role.STRUCTURE_VIEWER);
        assertThat(status(post("/evaluations/{e}/annotations/{id}/answer", evaluation, id).with(csrf())
                .param("answer", "Non."), viewer)).isEqualTo(403);
        assertThat(page(get("/evaluations/{id}/annotations", evaluation), viewer)).contains(DEMO_QUESTION)
                .doesNotContain("/answer");
        assertThat(status(post("/evaluations/{e}/annotations/{id}/answer", evaluation, id).with(csrf())
                .param("answer", "Non."), "federation26")).isEqualTo(403);
        assertThat(status(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "REPORT-" + report).param("text", "Moi aussi"), "coope"))
                .as("the structure answers, it does not annotate itself").isEqualTo(403);
        assertThat(jdbc.sql("SELECT answer FROM annotation WHERE id = :id").param("id", id).query(String.class)
                .single()).contains("sept habitent");
    }

    @Test
    void anotherNetworksMemberGets404AndHostileInputIsRefusedWithItsField() throws Exception {
        long elsewhere = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération de l'Ardèche " + System.nanoTime(), List.of("07")));
        String stranger = users.newUsername("ardeche");
        users.addMember(elsewhere, users.newUser(stranger), Role.FEDERATION_MEMBER);
        assertThat(status(get("/evaluations/{id}/annotations", evaluation), stranger)).isEqualTo(404);
        assertThat(status(get("/api/v1/evaluations/{id}/annotations", evaluation), stranger)).isEqualTo(404);
        assertThat(status(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "REPORT-" + report).param("text", "Bonjour"), stranger)).isEqualTo(404);

        String token = token("federation26");
        MockHttpServletResponse tooLong = api(token, "{\"targetKind\":\"REPORT\",\"targetId\":" + report
                + ",\"text\":\"" + "a".repeat(4001) + "\"}");
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(tooLong.getContentAsString()).contains("\"path\":\"$.text\"").contains("4");
        MockHttpServletResponse control = api(token, "{\"targetKind\":\"REPORT\",\"targetId\":" + report
                + ",\"text\":\"a\\u0000b\"}");
        assertThat(control.getStatus()).isEqualTo(422);
        MockHttpServletResponse draft = api(token, "{\"targetKind\":\"REPORT\",\"targetId\":" + draftReport
                + ",\"text\":\"Et ce brouillon ?\"}");
        assertThat(draft.getStatus()).as("a draft is not shared").isEqualTo(422);
        assertThat(draft.getContentAsString()).contains("\"path\":\"$.targetId\"");
        MockHttpServletResponse unknown = api(token, "{\"targetKind\":\"<script>\",\"targetId\":1,\"text\":\"\"}");
        assertThat(unknown.getStatus()).isEqualTo(422);
        assertThat(unknown.getContentAsString()).contains("$.targetId").contains("$.text").doesNotContain("<script>");

        String typed = "Un texte gardé";
        String refused = page(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "INDICATOR-999999999").param("text", typed), "federation26");
        assertThat(refused).contains(typed).contains("aria-invalid=\"true\"").contains("Choisissez dans la liste");

        long drome = jdbc.sql("SELECT id FROM organisation WHERE name = 'Fédération des centres sociaux de la Drôme'")
                .query(Long.class).single();
        MockHttpServletResponse ok = api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator
                + ",\"text\":\"Par l'API\",\"organisationId\":" + drome + "}");
        assertThat(ok.getStatus()).isEqualTo(201);
        assertThat(ok.getContentAsString()).contains("\"id\":");
        assertThat(page(get("/api/v1/evaluations/{id}/annotations", evaluation), "federation26")).contains("Par l'API")
                .contains(DEMO_QUESTION).contains("\"organisationName\":\"Fédération des centres sociaux de la Drôme\"");
    }

    @Test
    void aRevokedShareHidesTheAnnotationsAndTheirTargets() throws Exception {
        long programme = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.PROGRAMME, "Programme d'accompagnement " + System.nanoTime(), List.of("26")));
        String facilitator = users.newUsername("animatrice");
        long facilitatorId = users.newUser(facilitator);
        users.addMember(programme, facilitatorId, Role.PROGRAMME_MEMBER);
        long coope = jdbc.sql("SELECT id FROM app_user WHERE username = 'coope'").query(Long.class).single();
        long share = organisations.shareUnchecked(cooperation, evaluation, programme, coope);
        String text = "Une question du programme " + System.nanoTime();
        assertThat(status(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "REPORT-" + report).param("text", text), facilitator)).isEqualTo(302);
        assertThat(page(get("/reports/{id}", report).param("version", "1"), facilitator)).contains(text)
                .doesNotContain(DEMO_QUESTION);

        jdbc.sql("UPDATE evaluation_share SET revoked_at = now() WHERE id = :id").param("id", share).update();
        assertThat(status(get("/evaluations/{id}/annotations", evaluation), facilitator)).isEqualTo(404);
        assertThat(status(get("/api/v1/evaluations/{id}/annotations", evaluation), facilitator)).isEqualTo(404);
        assertThat(status(get("/reports/{id}", report).param("version", "1"), facilitator)).isEqualTo(404);
        assertThat(status(get("/evaluations/{e}/indicators/{i}/values", evaluation, indicator), facilitator))
                .isEqualTo(404);
        assertThat(page(get("/evaluations/{id}/annotations", evaluation), "coope")).as("the structure keeps them")
                .contains(text);
    }

    private String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(users.as(username)).with(csrf()).contentType("application/json")
                .content("{\"label\":\"api\"}")).andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private MockHttpServletResponse api(String token, String json) throws Exception {
        return mvc.perform(post("/api/v1/evaluations/{id}/annotations", evaluation)
                .header("Authorization", "Bearer " + token).contentType("application/json").content(json))
                .andReturn().getResponse();
    }

    private String page(MockHttpServletRequestBuilder request, String username) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(users.as(username))).andReturn().getResponse();
        assertThat(response.getStatus()).as(request.toString()).isEqualTo(200);
        return response.getContentAsString();
    }

    private int status(MockHttpServletRequestBuilder request, String username) throws Exception {
        return mvc.perform(request.with(users.as(username))).andReturn().getResponse().getStatus();
    }
}
