package fr.maillon.organisation;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.account.AccountService;
import fr.maillon.account.NewAccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A platform admin who invites herself into a structure no longer reads it unseen: each of her
 * accesses to its data is in the structure's access log, which its admins read; its own members'
 * reads are not logged, and the same page read again within minutes is one row.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessLogTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPlatformAdminsReadsOfAStructureAreLoggedForItsAdmins() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        long evaluation = evaluation(admin);
        String platformAdmin = users.newUsername("platform");
        long platformAdminId = accounts.createAccount(new NewAccount(platformAdmin, "Test " + platformAdmin,
                TestUsers.PASSWORD, true));
        // she invites herself in, as her rights allow
        users.addMember(admin.structureId(), platformAdminId, Role.STRUCTURE_VIEWER);

        for (int i = 0; i < 3; i++) {
            assertThat(mvc.perform(get("/evaluations/{id}", evaluation).with(users.as(platformAdmin))).andReturn()
                    .getResponse().getStatus()).isEqualTo(200);
        }
        assertThat(mvc.perform(get("/api/v1/evaluations/{id}/export", evaluation).with(users.as(platformAdmin)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);

        String log = page("/structures/" + admin.structureId() + "/access-log", admin.username());
        assertThat(log).contains("Journal des accès").contains(platformAdmin)
                .contains("GET /evaluations/" + evaluation).contains("GET /api/v1/evaluations/" + evaluation + "/export");
        assertThat(rows(admin.structureId(), "GET /evaluations/" + evaluation))
                .as("one row per person, path and five minutes").isEqualTo(1);
        assertThat(page("/structures/" + admin.structureId(), admin.username()))
                .contains("/structures/" + admin.structureId() + "/access-log");
    }

    @Test
    void aPlatformAdminOutsideTheStructureIsLoggedToo() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String platformAdmin = users.newUsername("platform");
        accounts.createAccount(new NewAccount(platformAdmin, "Test " + platformAdmin, TestUsers.PASSWORD, true));
        assertThat(page("/organisations/" + admin.structureId() + "/members", platformAdmin)).isNotEmpty();
        assertThat(page("/structures/" + admin.structureId() + "/access-log", admin.username()))
                .contains(platformAdmin).contains("GET /organisations/" + admin.structureId() + "/members");
    }

    @Test
    void membersOwnReadsAreNotLoggedAndOnlyAdminsReadTheLog() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        long evaluation = evaluation(admin);
        String viewer = users.newUsername("viewer");
        users.addMember(admin.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);
        page("/evaluations/" + evaluation, viewer);
        page("/evaluations/" + evaluation, admin.username());
        assertThat(jdbc.sql("SELECT count(*) FROM access_log WHERE structure_id = :s").param("s", admin.structureId())
                .query(Long.class).single()).isZero();
        assertThat(page("/structures/" + admin.structureId() + "/access-log", admin.username()))
                .contains("id=\"access-log-empty\"");
        assertThat(mvc.perform(get("/structures/{id}/access-log", admin.structureId()).with(users.as(viewer)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get("/structures/{id}/access-log", admin.structureId())
                .with(users.as(stranger.username()))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    private long evaluation(TestUsers.Created admin) throws Exception {
        String demo = new ClassPathResource("demo/conserverie-mobile.json").getContentAsString(StandardCharsets.UTF_8);
        MockHttpServletResponse created = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                admin.structureId()).contentType(MediaType.APPLICATION_JSON).content(demo)
                .with(users.as(admin.username())).with(csrf())).andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return Long.parseLong(created.getContentAsString().replaceAll("\\D", ""));
    }

    private String page(String path, String username) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path).with(users.as(username))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private long rows(long structureId, String what) {
        return jdbc.sql("SELECT count(*) FROM access_log WHERE structure_id = :s AND what = :what")
                .param("s", structureId).param("what", what).query(Long.class).single();
    }
}
