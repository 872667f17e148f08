package fr.maillon.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import fr.maillon.TestSessions;
import fr.maillon.TestUsers;
import fr.maillon.account.internal.AccountPrincipal;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Issue 16, accounts: the password rule is written before anything is typed; a new account lands signed in. */
@SpringBootTest
@AutoConfigureMockMvc
class NewAccountTests {

    private static final String RULE = "Au moins 10 caractères, 200 au plus.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    OrganisationService organisations;

    @Autowired
    TestSessions sessions;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theRuleIsWrittenUnderEveryNewPasswordFieldBeforeAnySubmit() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String invitation = mvc.perform(get("/invitations/" + invite(admin))).andReturn().getResponse()
                .getContentAsString();
        assertThat(invitation).contains(RULE).contains("id=\"password-rule\"")
                .contains("/js/password-rule.js");
        assertThat(input(invitation, "password")).contains("aria-describedby=\"password-rule\"")
                .contains("data-min=\"10\"").contains("data-max=\"200\"").contains("autocomplete=\"new-password\"");
        assertThat(invitation).as("the confirmation repeats the password: no rule of its own")
                .doesNotContain("confirmation-rule");

        String account = mvc.perform(get("/account").with(users.as(admin.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(account).contains(RULE).contains("/js/password-rule.js");
        assertThat(input(account, "newPassword")).contains("aria-describedby=\"newPassword-rule\"");
        assertThat(account).as("the current password is not a new one").doesNotContain("currentPassword-rule");

        String english = mvc.perform(get("/account").with(users.as(admin.username())).param("lang", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("At least 10 characters, at most 200.");
    }

    @Test
    void aRefusedPasswordKeepsTheRuleAndAddsTheError() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String token = invite(admin);
        MockHttpServletResponse refused = mvc.perform(post("/invitations/" + token).with(csrf())
                .param("displayName", "Samia").param("username", users.newUsername("samia"))
                .param("password", "court").param("confirmation", "court")).andReturn().getResponse();
        String page = refused.getContentAsString();
        assertThat(page).contains(RULE).contains("Le mot de passe doit compter au moins 10 caractères.");
        assertThat(input(page, "password")).contains("aria-describedby=\"password-rule password-error\"");
        Cookie cookie = TestSessions.cookie(refused);
        assertThat(cookie == null ? null : sessions.securityContext(cookie)).as("no account, no sign-in").isNull();
    }

    @Test
    void anAcceptedInvitationOpensTheAccountSignedInUnderANewSessionId() throws Exception {
        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        String token = invite(admin);
        Cookie before = TestSessions.cookie(mvc.perform(get("/invitations/" + token)).andReturn().getResponse());
        assertThat(before).as("the form's CSRF token is kept in a session").isNotNull();

        String username = users.newUsername("samia");
        MvcResult created = mvc.perform(post("/invitations/" + token).with(TestSessions.with(before)).with(csrf())
                .param("displayName", "Samia Benali").param("username", username)
                .param("password", "une-phrase-longue").param("confirmation", "une-phrase-longue")).andReturn();
        MockHttpServletResponse response = created.getResponse();
        assertThat(response.getRedirectedUrl()).as("where the invitation leads")
                .isEqualTo("/structures/" + admin.structureId());
        assertThat(created.getFlashMap().get("flash")).isEqualTo("organisation.invitation.accountOpened");
        Cookie session = TestSessions.cookie(response);
        assertThat(session).isNotNull();
        assertThat(TestSessions.id(session)).as("a new session id against fixation").isNotEqualTo(TestSessions.id(before));
        assertThat(sessions.find(before)).as("the old id names no session").isNull();
        SecurityContext context = sessions.securityContext(session);
        assertThat(context).isNotNull();
        AccountPrincipal principal = (AccountPrincipal) context.getAuthentication().getPrincipal();
        assertThat(principal.user().username()).isEqualTo(username);
        assertThat(principal.getPassword()).as("no hash kept in the session").isNull();
        assertThat(principal.signedInAt()).isNotNull();

        String structure = mvc.perform(get(response.getRedirectedUrl()).with(TestSessions.with(session)))
                .andReturn().getResponse().getContentAsString();
        assertThat(structure).as("the flash message, kept in the session across the redirect")
                .contains("Bienvenue dans Maillon : votre compte est créé, votre session est ouverte")
                .contains("Samia Benali");

        assertThat(mvc.perform(get("/account").with(TestSessions.with(session))).andReturn().getResponse().getStatus())
                .as("the session is a real one: the next pages open without signing in").isEqualTo(200);
        assertThat(mvc.perform(formLogin("/login").user(username).password("une-phrase-longue")).andReturn()
                .getResponse().getRedirectedUrl()).as("and the sign-in form works as before").isEqualTo("/");
    }

    /** The input element of this id, as the page writes it. */
    private static String input(String page, String id) {
        Matcher input = Pattern.compile("<input[^>]*\\bid=\"" + id + "\"[^>]*>")
                .matcher(page);
        assertThat(input.find()).as("an input #" + id).isTrue();
        return input.group();
    }

    private String invite(TestUsers.Created admin) {
        users.signIn(admin.username());
        try {
            return organisations.invite(admin.structureId(), Role.STRUCTURE_EDITOR, "Samia").token();
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }
}
