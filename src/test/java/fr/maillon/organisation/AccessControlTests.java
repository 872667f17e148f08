package fr.maillon.organisation;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The line between structures, tried by id on every page and API call: a person of structure B
 * gets 403 or 404 and never A's data; federations and CAF read only what is shared with them.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessControlTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrganisationService organisations;

    long cooperation;
    long conserverie;
    long projetSocial;
    long coopeUserId;
    TestUsers.Created outsider;

    @BeforeEach
    void setUp() {
        cooperation = id("SELECT id FROM organisation WHERE name = 'La Coopération'");
        conserverie = id("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'");
        projetSocial = id("SELECT id FROM evaluation WHERE title LIKE 'Projet social%' AND structure_id = " + cooperation);
        coopeUserId = id("SELECT id FROM app_user WHERE username = 'coope'");
        outsider = users.structureWithMember(Role.STRUCTURE_ADMIN);
    }

    @Test
    void anotherStructuresAdminGetsNoPageOfCooperation() throws Exception {
        long shareId = id("SELECT min(id) FROM evaluation_share WHERE structure_id = " + cooperation);
        List<MockHttpServletRequestBuilder> pages = List.of(
                get("/structures/{id}", cooperation),
                get("/structures/{id}/edit", cooperation),
                get("/organisations/{id}", cooperation),
                get("/organisations/{id}/members", cooperation),
                get("/structures/{id}/evaluations/new", cooperation),
                get("/evaluations/{id}", conserverie),
                get("/evaluations/{id}/edit", conserverie),
                get("/evaluations/{id}", projetSocial));
        for (MockHttpServletRequestBuilder page : pages) {
            assertRefused(page.with(users.as(outsider.username())));
        }
        String before = snapshot();
        List<MockHttpServletRequestBuilder> changes = List.of(
                post("/structures/{id}/edit", cooperation).param("name", "Volée").param("kind", "CENTRE_SOCIAL")
                        .param("departement", "26").param("commune", "Ailleurs"),
                post("/structures/{id}/evaluations/new", cooperation).param("title", "Intruse")
                        .param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                        .param("periodEnd", "2024-12-31").param("status", "FRAMING"),
                post("/evaluations/{id}/edit", conserverie).param("title", "Volée").param("scope", "PROJET_SOCIAL")
                        .param("periodStart", "2024-01-01").param("periodEnd", "2024-12-31").param("status", "CLOSED"),
                post("/structures/{id}/shares", cooperation).param("recipientId", String.valueOf(outsider.structureId())),
                post("/structures/{id}/shares/{share}/revoke", cooperation, shareId),
                post("/organisations/{id}/invitations", cooperation).param("invitee", "Moi").param("role", "STRUCTURE_ADMIN"),
                post("/organisations/{id}/members/{user}/remove", cooperation, coopeUserId));
        for (MockHttpServletRequestBuilder change : changes) {
            assertRefused(change.with(users.as(outsider.username())).with(csrf()));
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anotherStructuresAdminGetsNoApiAnswerAboutCooperation() throws Exception {
        String token = organisationsToken(outsider.username());
        String list = mvc.perform(get("/api/v1/structures").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("La Coopération").contains("Structure");
        List<MockHttpServletRequestBuilder> calls = List.of(
                get("/api/v1/structures/{id}", cooperation),
                get("/api/v1/structures/{id}/evaluations", cooperation),
                get("/api/v1/evaluations/{id}", conserverie),
                get("/api/v1/evaluations/{id}", projetSocial),
                post("/api/v1/structures/{id}/evaluations", cooperation).contentType("application/json")
                        .content("{\"title\":\"Intruse\",\"scope\":\"PROJET_SOCIAL\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\"}"));
        String before = snapshot();
        for (MockHttpServletRequestBuilder call : calls) {
            MockHttpServletResponse response = mvc.perform(call.header("Authorization", "Bearer " + token))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(call.toString()).isIn(403, 404);
            assertThat(response.getContentType()).contains("application/problem+json");
            assertThat(response.getContentAsString()).doesNotContain("Conserverie").doesNotContain("Romans");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void invitationsTokensAndAdministrationStayWithTheirOwners() throws Exception {
        long invitationId = jdbc.sql("""
                INSERT INTO invitation (organisation_id, role, invitee, token_hash, expires_at)
                VALUES (:organisation, 'STRUCTURE_VIEWER', 'Invitée de la Coopé', md5(random()::text), now() + interval '1 day')
                RETURNING id
                """).param("organisation", cooperation).query(Long.class).single();
        assertRefused(post("/organisations/{id}/invitations/{invitation}/cancel", cooperation, invitationId)
                .with(users.as(outsider.username())).with(csrf()));
        assertRefused(post("/organisations/{id}/invitations/{invitation}/cancel", outsider.structureId(), invitationId)
                .with(users.as(outsider.username())).with(csrf()));
        assertThat(id("SELECT count(*) FROM invitation WHERE id = " + invitationId)).isEqualTo(1);

        for (String path : List.of("/admin/organisations", "/admin/structures/new", "/admin/networks/new")) {
            assertThat(status(get(path).with(users.as("coope")))).as(path).isEqualTo(403);
        }
        assertThat(status(get("/organisations/{id}/members", cooperation).with(users.as("federation26"))))
                .isIn(403, 404);

        long coopeToken = id("INSERT INTO api_token (user_id, label, token_hash) VALUES (" + coopeUserId
                + ", 'coope', md5(random()::text)) RETURNING id");
        String token = organisationsToken(outsider.username());
        assertThat(status(delete("/api/v1/tokens/{id}", coopeToken).header("Authorization", "Bearer " + token)))
                .isEqualTo(404);
        assertThat(id("SELECT count(*) FROM api_token WHERE id = " + coopeToken + " AND revoked_at IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void aTokenCannotMintAnotherTokenAndSessionsNeedCsrf() throws Exception {
        String token = organisationsToken(outsider.username());
        MockHttpServletResponse minted = mvc.perform(post("/api/v1/tokens").header("Authorization", "Bearer " + token)
                .contentType("application/json").content("{\"label\":\"copie\"}")).andReturn().getResponse();
        assertThat(minted.getStatus()).isEqualTo(401);
        assertThat(minted.getContentAsString()).doesNotContain("mln_");

        MockHttpServletResponse noCsrf = mvc.perform(post("/api/v1/tokens").with(users.as(outsider.username()))
                .with(request -> {
                    request.setRequestedSessionId("the-browser-session");
                    return request;
                })
                .contentType("application/json").content("{\"label\":\"session\"}")).andReturn().getResponse();
        assertThat(noCsrf.getStatus()).isEqualTo(403);
        MockHttpServletResponse withCsrf = mvc.perform(post("/api/v1/tokens").with(users.as(outsider.username()))
                .with(csrf()).contentType("application/json").content("{\"label\":\"session\"}")).andReturn()
                .getResponse();
        assertThat(withCsrf.getStatus()).isEqualTo(201);
        assertThat(mvc.perform(post("/api/v1/tokens").contentType("application/json").content("{\"label\":\"x\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButCannotChange() throws Exception {
        String viewer = users.newUsername("viewer");
        users.addMember(cooperation, users.newUser(viewer), Role.STRUCTURE_VIEWER);
        assertThat(status(get("/structures/{id}", cooperation).with(users.as(viewer)))).isEqualTo(200);
        assertThat(status(get("/evaluations/{id}", projetSocial).with(users.as(viewer)))).isEqualTo(200);
        assertThat(status(get("/structures/{id}/edit", cooperation).with(users.as(viewer)))).isEqualTo(403);
        assertThat(status(get("/evaluations/{id}/edit", conserverie).with(users.as(viewer)))).isEqualTo(403);
        assertThat(status(post("/structures/{id}/evaluations/new", cooperation).with(users.as(viewer)).with(csrf())
                .param("title", "Non").param("scope", "PROJET_SOCIAL").param("periodStart", "2024-01-01")
                .param("periodEnd", "2024-12-31"))).isEqualTo(403);
    }

    @Test
    void aFederationReadsOnlyWhatIsSharedAndLosesItOnRevocation() throws Exception {
        long federation = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.FEDERATION, "Fédération test " + System.nanoTime(), List.of("26", "07")));
        String member = users.newUsername("fede");
        users.addMember(federation, users.newUser(member), Role.FEDERATION_MEMBER);

        assertThat(status(get("/evaluations/{id}", conserverie).with(users.as(member)))).isEqualTo(404);
        assertThat(status(get("/structures/{id}", cooperation).with(users.as(member)))).isEqualTo(404);

        mvc.perform(post("/structures/{id}/shares", cooperation).with(users.as("coope")).with(csrf())
                .param("recipientId", String.valueOf(federation)).param("evaluationId", String.valueOf(conserverie)));
        long shareId = id("SELECT id FROM evaluation_share WHERE recipient_id = " + federation + " AND revoked_at IS NULL");

        assertThat(status(get("/evaluations/{id}", conserverie).with(users.as(member)))).isEqualTo(200);
        assertThat(status(get("/evaluations/{id}", projetSocial).with(users.as(member)))).isEqualTo(404);
        assertThat(status(get("/structures/{id}", cooperation).with(users.as(member)))).isEqualTo(200);
        assertThat(status(get("/structures/{id}/edit", cooperation).with(users.as(member)))).isEqualTo(403);
        String home = mvc.perform(get("/").with(users.as(member))).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("Conserverie Mobile et Solidaire").doesNotContain("Projet social 2022");
        String api = mvc.perform(get("/api/v1/structures/{id}/evaluations", cooperation).with(users.as(member)))
                .andReturn().getResponse().getContentAsString();
        assertThat(api).contains("Conserverie").doesNotContain("Projet social");

        mvc.perform(post("/structures/{id}/shares/{share}/revoke", cooperation, shareId).with(users.as("coope"))
                .with(csrf()));
        assertThat(status(get("/evaluations/{id}", conserverie).with(users.as(member)))).isEqualTo(404);
        assertThat(status(get("/structures/{id}", cooperation).with(users.as(member)))).isEqualTo(404);
    }

    @Test
    void sharingEverythingGivesEveryEvaluation() throws Exception {
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(
                OrganisationType.CAF, "CAF test " + System.nanoTime(), List.of("26")));
        String member = users.newUsername("caf");
        users.addMember(caf, users.newUser(member), Role.CAF_MEMBER);
        mvc.perform(post("/structures/{id}/shares", cooperation).with(users.as("coope")).with(csrf())
                .param("recipientId", String.valueOf(caf)).param("evaluationId", ""));
        assertThat(status(get("/evaluations/{id}", projetSocial).with(users.as(member)))).isEqualTo(200);
        assertThat(status(get("/evaluations/{id}", conserverie).with(users.as(member)))).isEqualTo(200);
        assertThat(status(get("/evaluations/{id}/edit", conserverie).with(users.as(member)))).isEqualTo(403);
    }

    @Test
    void aStructureCannotShareWithAnotherStructure() throws Exception {
        String before = snapshot();
        String page = mvc.perform(post("/structures/{id}/shares", cooperation).with(users.as("coope")).with(csrf())
                .param("recipientId", String.valueOf(outsider.structureId()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Choisissez un réseau de la liste");
        assertThat(snapshot()).isEqualTo(before);
    }

    private void assertRefused(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(request.toString()).isIn(403, 404);
        assertThat(response.getContentAsString()).doesNotContain("Conserverie").doesNotContain("Romans-sur-Isère")
                .doesNotContain("Projet social 2022");
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private String organisationsToken(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content("{\"username\":\"" + username + "\",\"password\":\"" + TestUsers.PASSWORD
                        + "\",\"label\":\"test\"}"))
                .andReturn().getResponse().getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    /** Everything a refused request must leave as it was. */
    private String snapshot() {
        return jdbc.sql("""
                SELECT (SELECT string_agg(id || ':' || title || ':' || status, ',' ORDER BY id) FROM evaluation)
                    || '|' || (SELECT string_agg(name || ':' || commune, ',' ORDER BY s.id)
                               FROM structure s JOIN organisation o ON o.id = s.id)
                    || '|' || (SELECT count(*) FROM evaluation_share WHERE revoked_at IS NULL)
                    || '|' || (SELECT count(*) FROM membership)
                    || '|' || (SELECT count(*) FROM invitation)
                """).query(String.class).single();
    }

    private long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
