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
 * The demo's federation26 belongs to the Drôme federation and to the programme « Évaluer ensemble 2027 » it runs,
 * and La Coopération shares its Conserverie with both: she chooses « Au nom de » which one signs her annotation, the
 * chosen one is stored and shown; without a choice, or with a network she does not belong to or that has no share,
 * her annotation is refused with the field named, and nothing is stored. With one network only, no choice is asked.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnnotationAuthorTests {

    private static final String FEDERATION = "Fédération des centres sociaux de la Drôme";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    long evaluation;
    long indicator;
    long federation;
    long programme;
    String programmeName;
    long caf;

    @BeforeEach
    void demo() {
        long cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'").query(Long.class)
                .single();
        evaluation = jdbc.sql("""
                SELECT id FROM evaluation WHERE structure_id = :s AND title = 'Conserverie Mobile et Solidaire'
                """).param("s", cooperation).query(Long.class).single();
        indicator = jdbc.sql("SELECT min(id) FROM indicator WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();
        federation = jdbc.sql("SELECT id FROM organisation WHERE name = :n").param("n", FEDERATION)
                .query(Long.class).single();
        programme = jdbc.sql("""
                SELECT p.organisation_id FROM programme p JOIN organisation o ON o.id = p.organisation_id
                WHERE p.run_by = :f AND o.name = 'Évaluer ensemble 2027'
                ORDER BY p.organisation_id LIMIT 1
                """).param("f", federation).query(Long.class).single();
        programmeName = "Évaluer ensemble 2027";
        caf = jdbc.sql("SELECT id FROM organisation WHERE name = 'CAF de la Drôme'").query(Long.class).single();
    }

    @Test
    void theFormAsksOnWhoseBehalfAndTheChosenNetworkSignsTheAnnotation() throws Exception {
        String form = page(get("/evaluations/{id}/annotations", evaluation), "federation26");
        assertThat(form).contains("id=\"annotation-organisation\"").contains("Au nom de")
                .contains("<option value=\"" + federation + "\"").contains("<option value=\"" + programme + "\"");

        String text = "Au nom du programme : où en est la collecte ? " + System.nanoTime();
        assertThat(status(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "INDICATOR-" + indicator).param("organisationId", String.valueOf(programme))
                .param("text", text), "federation26")).isEqualTo(302);
        assertThat(signedBy(text)).containsExactly(programme);
        assertThat(item(page(get("/evaluations/{id}/annotations", evaluation), "coope"), text))
                .as("the structure reads who signed it").contains("<strong>" + programmeName + "</strong>");
        assertThat(item(page(get("/evaluations/{id}/annotations", evaluation), "federation26"), text))
                .contains("<strong>" + programmeName + "</strong>");
        assertThat(page(get("/api/v1/evaluations/{id}/annotations", evaluation), "federation26"))
                .contains("\"organisationId\":" + programme + ",\"organisationName\":\"" + programmeName + "\"");

        // forgetting to choose: refused on the page, with the field named and what was typed kept
        String forgotten = "Sans choisir " + System.nanoTime();
        String refused = page(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "INDICATOR-" + indicator).param("text", forgotten), "federation26");
        assertThat(refused).contains(forgotten).contains("id=\"annotation-organisation-error\"")
                .contains("Choisissez au nom de quelle organisation vous écrivez");
        String hostile = page(post("/evaluations/{id}/annotations", evaluation).with(csrf())
                .param("target", "INDICATOR-" + indicator).param("organisationId", "<script>")
                .param("text", forgotten), "federation26");
        assertThat(hostile).contains("Choisissez au nom de laquelle de vos organisations").doesNotContain("<script>");
        assertThat(signedBy(forgotten)).isEmpty();
    }

    @Test
    void anAmbiguousOrForeignOrganisationIsRefusedByTheApiAndNothingIsStored() throws Exception {
        String token = token("federation26");
        String text = "Par l'API, sans dire pour qui " + System.nanoTime();
        MockHttpServletResponse ambiguous = api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator
                + ",\"text\":\"" + text + "\"}");
        assertThat(ambiguous.getStatus()).isEqualTo(422);
        assertThat(ambiguous.getContentAsString()).contains("\"path\":\"$.organisationId\"")
                .contains("Choisissez au nom de quelle organisation vous écrivez");
        MockHttpServletResponse notHers = api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator
                + ",\"text\":\"" + text + "\",\"organisationId\":" + caf + "}");
        assertThat(notHers.getStatus()).isEqualTo(422);
        assertThat(notHers.getContentAsString()).contains("\"path\":\"$.organisationId\"");
        assertThat(signedBy(text)).isEmpty();

        MockHttpServletResponse chosen = api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator
                + ",\"text\":\"" + text + "\",\"organisationId\":" + federation + "}");
        assertThat(chosen.getStatus()).isEqualTo(201);
        assertThat(signedBy(text)).containsExactly(federation);
    }

    @Test
    void withOneNetworkSharingNothingIsAskedAndAMembershipWithoutShareIsRefused() throws Exception {
        // a delegate of the Drôme federation who also belongs to a network La Coopération shares nothing with
        String delegate = users.newUsername("deleguee");
        long delegateId = users.newUser(delegate);
        users.addMember(federation, delegateId, Role.FEDERATION_MEMBER);
        long unshared = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Réseau sans partage " + System.nanoTime(), List.of("26")));
        users.addMember(unshared, delegateId, Role.FEDERATION_MEMBER);

        assertThat(page(get("/evaluations/{id}/annotations", evaluation), delegate))
                .doesNotContain("annotation-organisation").contains("id=\"annotation-text\"");
        String token = token(delegate);
        String text = "Une seule organisation lit cette évaluation " + System.nanoTime();
        MockHttpServletResponse withoutShare = api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator
                + ",\"text\":\"" + text + "\",\"organisationId\":" + unshared + "}");
        assertThat(withoutShare.getStatus()).isEqualTo(422);
        assertThat(withoutShare.getContentAsString()).contains("\"path\":\"$.organisationId\"");
        assertThat(signedBy(text)).isEmpty();
        assertThat(api(token, "{\"targetKind\":\"INDICATOR\",\"targetId\":" + indicator + ",\"text\":\"" + text
                + "\"}").getStatus()).isEqualTo(201);
        assertThat(signedBy(text)).containsExactly(federation);
    }

    /** The annotation's item in the page's list. */
    private static String item(String page, String text) {
        return java.util.Arrays.stream(page.split("<li class=\"card annotation\"")).filter(chunk -> chunk.contains(text))
                .findFirst().orElseThrow();
    }

    private List<Long> signedBy(String text) {
        return jdbc.sql("SELECT organisation_id FROM annotation WHERE text = :t").param("t", text).query(Long.class)
                .list();
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
