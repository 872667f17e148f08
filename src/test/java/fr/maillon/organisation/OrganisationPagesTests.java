package fr.maillon.organisation;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.web.PublicUrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The platform admin creates organisations; a structure admin edits its identity and invites people. */
@SpringBootTest
@AutoConfigureMockMvc
class OrganisationPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PublicUrl publicUrl;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePlatformAdminCreatesAStructureWithItsIdentityCard() throws Exception {
        String name = "Centre social Les Tilleuls " + System.nanoTime();
        MockHttpServletResponse invalid = structure("admin", name, "99", "123", "2025-01-01", "2024-01-01");
        assertThat(invalid.getStatus()).isEqualTo(200);
        assertThat(invalid.getContentAsString()).contains("Numéro de département invalide")
                .contains("Le SIRET compte 14 chiffres").contains("La fin de l&#39;agrément précède son début.")
                .contains("value=\"" + name + "\"");
        assertThat(countOrganisations(name)).isZero();

        MockHttpServletResponse created = structure("admin", name, "2A", "732 829 320 00074", "2024-01-01", "2027-12-31");
        assertThat(created.getRedirectedUrl()).matches("/organisations/\\d+/members");
        assertThat(jdbc.sql("""
                SELECT s.departement || ' ' || s.siret || ' ' || s.management_mode || ' ' || s.territory_type
                       || ' ' || s.priority_neighbourhood || ' ' || s.agrement_end
                FROM structure s JOIN organisation o ON o.id = s.id WHERE o.name = :name
                """).param("name", name).query(String.class).single())
                .isEqualTo("2A 73282932000074 MUNICIPAL RURAL true 2027-12-31");

        assertThat(structure("coope", name + " bis", "26", "", "", "").getStatus())
                .as("only the platform admin creates structures").isEqualTo(403);
    }

    @Test
    void thePlatformAdminCreatesFederationsAndCaf() throws Exception {
        String name = "CAF de l'Ardèche " + System.nanoTime();
        String twoDepartements = mvc.perform(post("/admin/networks/new").with(users.as("admin")).with(csrf())
                .param("type", "CAF").param("name", name).param("departements", "07, 26")).andReturn().getResponse()
                .getContentAsString();
        assertThat(twoDepartements).contains("Une CAF couvre un seul département.");
        assertThat(mvc.perform(post("/admin/networks/new").with(users.as("admin")).with(csrf())
                .param("type", "FEDERATION").param("name", "Fédé " + name).param("departements", "07 26;38"))
                .andReturn().getResponse().getRedirectedUrl()).matches("/organisations/\\d+/members");
        assertThat(jdbc.sql("""
                SELECT string_agg(departement, ',' ORDER BY departement) FROM organisation_departement d
                JOIN organisation o ON o.id = d.organisation_id WHERE o.name = :name
                """).param("name", "Fédé " + name).query(String.class).single()).isEqualTo("07,26,38");
        assertThat(mvc.perform(get("/admin/organisations").with(users.as("admin"))).andReturn().getResponse()
                .getContentAsString()).contains("Fédé CAF de l&#39;Ardèche");
    }

    @Test
    void anAdminEditsHerStructuresIdentity() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        MockHttpServletResponse invalid = mvc.perform(post("/structures/{id}/edit", admin.structureId())
                .with(users.as(admin.username())).with(csrf()).param("name", "").param("kind", "ESPACE_VIE_SOCIALE")
                .param("departement", "07").param("commune", "Aubenas")).andReturn().getResponse();
        assertThat(invalid.getContentAsString()).contains("Le nom est obligatoire").contains("value=\"Aubenas\"");
        MockHttpServletResponse saved = mvc.perform(post("/structures/{id}/edit", admin.structureId())
                .with(users.as(admin.username())).with(csrf()).param("name", "EVS du Plateau")
                .param("kind", "ESPACE_VIE_SOCIALE").param("departement", "07").param("commune", "Aubenas")
                .param("territoryType", "RURAL")).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/structures/" + admin.structureId());
        String page = mvc.perform(get(saved.getRedirectedUrl()).with(users.as(admin.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("EVS du Plateau").contains("Espace de vie sociale").contains("Rural");
    }

    @Test
    void anInvitationLinkOpensAnAccountOnceAndGivesItsRole() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String page = mvc.perform(post("/organisations/{id}/invitations", admin.structureId())
                .with(users.as(admin.username())).with(csrf()).param("invitee", "Samia, bénévole")
                .param("role", "STRUCTURE_EDITOR")).andReturn().getResponse().getContentAsString();
        String link = page.replaceAll("(?s).*id=\"invitation-link\">([^<]+)<.*", "$1");
        assertThat(link).startsWith(publicUrl.link("/invitations/"));
        String path = link.substring(publicUrl.base().length());

        String form = mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("Samia, bénévole").contains("Contributrice / contributeur");

        String username = users.newUsername("samia");
        MockHttpServletResponse weak = mvc.perform(post(path).with(csrf()).param("displayName", "Samia")
                .param("username", username).param("password", "court").param("confirmation", "court"))
                .andReturn().getResponse();
        assertThat(weak.getContentAsString()).contains("au moins 10 caractères").contains("value=\"" + username + "\"");

        MockHttpServletResponse done = mvc.perform(post(path).with(csrf()).param("displayName", "Samia")
                .param("username", username).param("password", "une-phrase-longue").param("confirmation",
                        "une-phrase-longue")).andReturn().getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/structures/" + admin.structureId());
        assertThat(mvc.perform(formLogin("/login").user(username).password("une-phrase-longue")).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(jdbc.sql("SELECT m.role FROM membership m JOIN app_user u ON u.id = m.user_id "
                + "WHERE u.username = :username AND m.organisation_id = :structure").param("username", username)
                .param("structure", admin.structureId()).query(String.class).single()).isEqualTo("STRUCTURE_EDITOR");

        MockHttpServletResponse reused = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(reused.getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/invitations/forged-token")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void anInvitationCannotGiveARoleOfAnotherKindOfOrganisation() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String page = mvc.perform(post("/organisations/{id}/invitations", admin.structureId())
                .with(users.as(admin.username())).with(csrf()).param("invitee", "Quelqu'un")
                .param("role", "CAF_MEMBER")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Choisissez un rôle possible dans cette organisation.");
    }

    @Test
    void theLastAdminCannotBeRemoved() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        mvc.perform(post("/organisations/{id}/members/{user}/remove", admin.structureId(), admin.userId())
                .with(users.as(admin.username())).with(csrf()));
        assertThat(jdbc.sql("SELECT count(*) FROM membership WHERE organisation_id = :id")
                .param("id", admin.structureId()).query(Long.class).single()).isEqualTo(1);
    }

    private MockHttpServletResponse structure(String user, String name, String departement, String siret,
            String start, String end) throws Exception {
        return mvc.perform(post("/admin/structures/new").with(users.as(user)).with(csrf()).param("name", name)
                .param("kind", "CENTRE_SOCIAL").param("departement", departement).param("commune", "Ajaccio")
                .param("agrementStart", start).param("agrementEnd", end).param("managementMode", "MUNICIPAL")
                .param("territoryType", "RURAL").param("priorityNeighbourhood", "true").param("siret", siret))
                .andReturn().getResponse();
    }

    private long countOrganisations(String name) {
        return jdbc.sql("SELECT count(*) FROM organisation WHERE name = :name").param("name", name)
                .query(Long.class).single();
    }
}
