package fr.maillon.account;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import fr.maillon.TestUsers;
import fr.maillon.account.internal.LastUsername;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@SpringBootTest
@AutoConfigureMockMvc
class AccountTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signsInWithTheDemoAccountAndOutAgain() throws Exception {
        MockHttpServletResponse response = mvc.perform(formLogin("/login").user("coope").password("maillon-demo"))
                .andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(post("/logout").with(csrf())).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?logout");
    }

    @Test
    void aWrongPasswordGivesAFrenchMessageAndKeepsTheUsername() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/login").param("username", "coope")
                .param("password", "wrong").with(csrf())).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
        String page = mvc.perform(get("/login").param("error", "").cookie(response.getCookie(LastUsername.COOKIE)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Identifiant ou mot de passe incorrect.").contains("value=\"coope\"");
    }

    @Test
    void slowsFailuresDownPerAddressInsteadOfLockingTheAccount() throws Exception {
        String username = users.newUsername("lock");
        users.newUser(username);
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(username, "wrong-" + i, "192.0.2.1").getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse refused = signIn(username, TestUsers.PASSWORD, "192.0.2.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotNull();
        assertThat(mvc.perform(post("/api/v1/tokens").contentType("application/json").with(from("192.0.2.1"))
                .content(tokenRequest(username, TestUsers.PASSWORD))).andReturn().getResponse().getStatus())
                .isEqualTo(429);

        assertThat(signIn(username, TestUsers.PASSWORD, "192.0.2.2").getRedirectedUrl())
                .as("not a lock: from another address the right password works").isEqualTo("/");
    }

    @Test
    void apiTokensAreCreatedUsedAndRevoked() throws Exception {
        String username = users.newUsername("api");
        users.newUser(username);
        MockHttpServletResponse created = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest(username, TestUsers.PASSWORD))).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String token = created.getContentAsString().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String id = created.getContentAsString().replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(token).startsWith("mln_");
        assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE token_hash = :token").param("token", token)
                .query(Long.class).single()).as("the secret itself is never stored").isZero();

        assertThat(mvc.perform(get("/api/v1/structures").header("Authorization", "Bearer " + token)).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
        String list = mvc.perform(get("/api/v1/tokens").header("Authorization", "Bearer " + token)).andReturn()
                .getResponse().getContentAsString();
        assertThat(list).contains("\"label\":\"script\"").doesNotContain(token);

        assertThat(mvc.perform(delete("/api/v1/tokens/{id}", id).header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        MockHttpServletResponse revoked = mvc.perform(get("/api/v1/structures")
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(revoked.getStatus()).isEqualTo(401);
        assertThat(revoked.getContentType()).isEqualTo("application/problem+json");
    }

    @Test
    void badTokenRequestsGetProblemDetails() throws Exception {
        MockHttpServletResponse wrong = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content(tokenRequest("coope", "not-the-password"))).andReturn().getResponse();
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getContentType()).contains("application/problem+json");

        MockHttpServletResponse malformed = mvc.perform(post("/api/v1/tokens").contentType("application/json")
                .content("{\"username\": ")).andReturn().getResponse();
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentType()).contains("application/problem+json");

        MockHttpServletResponse noLabel = mvc.perform(post("/api/v1/tokens").with(users.as("coope")).with(csrf())
                .contentType("application/json").content("{\"label\": \"\"}")).andReturn().getResponse();
        assertThat(noLabel.getStatus()).isEqualTo(400);
        assertThat(noLabel.getContentAsString()).contains("\"path\":\"$.label\"");

        assertThat(mvc.perform(get("/api/v1/structures").header("Authorization", "Bearer mln_unknown"))
                .andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void aSignedInUserCreatesAndRevokesTokensFromHerAccountPage() throws Exception {
        String username = users.newUsername("page");
        users.newUser(username);
        String page = mvc.perform(post("/account/tokens").with(users.as(username)).with(csrf())
                .param("label", "Tableur de la fédé")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Copiez-le maintenant").containsPattern("mln_[A-Za-z0-9_-]{40,}");
        long tokenId = jdbc.sql("SELECT t.id FROM api_token t JOIN app_user u ON u.id = t.user_id "
                + "WHERE u.username = :username").param("username", username).query(Long.class).single();
        mvc.perform(post("/account/tokens/{id}/revoke", tokenId).with(users.as(username)).with(csrf()));
        assertThat(jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_token WHERE id = :id").param("id", tokenId)
                .query(Boolean.class).single()).isTrue();
        assertThat(mvc.perform(post("/account/tokens/{id}/revoke", tokenId).with(users.as("coope")).with(csrf()))
                .andReturn().getResponse().getStatus()).as("nobody revokes another's token").isEqualTo(404);
    }

    @Test
    void changesHerPasswordAfterGivingTheCurrentOne() throws Exception {
        String username = users.newUsername("pwd");
        users.newUser(username);
        String wrong = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .param("currentPassword", "nope").param("newPassword", "another-long-one")
                .param("confirmation", "another-long-one")).andReturn().getResponse().getContentAsString();
        assertThat(wrong).contains("Le mot de passe actuel est incorrect.").contains("aria-invalid=\"true\"");
        String mismatch = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "another-long-one")
                .param("confirmation", "different-one")).andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("La confirmation ne correspond pas");
        MockHttpServletResponse missing = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD)).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(200);
        assertThat(missing.getContentAsString()).contains("Ce champ est obligatoire.");
        String tooShort = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "short")
                .param("confirmation", "short")).andReturn().getResponse().getContentAsString();
        assertThat(tooShort).contains("au moins 10 caractères");

        assertThat(mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .param("currentPassword", TestUsers.PASSWORD).param("newPassword", "another-long-one")
                .param("confirmation", "another-long-one")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/account");
        assertThat(mvc.perform(formLogin("/login").user(username).password("another-long-one")).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/");
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :username")
                .param("username", username).query(String.class).single();
        assertThat(hash).startsWith("{argon2}");
    }

    @Test
    void everyFormNeedsItsCsrfToken() throws Exception {
        assertThat(mvc.perform(post("/account/password").with(users.as("coope"))
                .param("currentPassword", "maillon-demo").param("newPassword", "hijacked-password")
                .param("confirmation", "hijacked-password")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/login").param("username", "coope").param("password", "maillon-demo"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void pagesNeedASignIn() throws Exception {
        assertThat(mvc.perform(get("/")).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
        MockHttpServletResponse htmx = mvc.perform(get("/account").header("HX-Request", "true")).andReturn()
                .getResponse();
        assertThat(htmx.getStatus()).isEqualTo(401);
        assertThat(htmx.getHeader("HX-Refresh")).isEqualTo("true");
    }

    private MockHttpServletResponse signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(from(address))).andReturn().getResponse();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String tokenRequest(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"label\":\"script\"}";
    }
}
