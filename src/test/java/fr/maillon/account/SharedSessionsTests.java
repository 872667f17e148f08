package fr.maillon.account;

import java.time.LocalDate;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import fr.maillon.TestSessions;
import fr.maillon.TestUsers;
import fr.maillon.account.internal.AccountPrincipal;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 19, sessions shared through the database: a session opened on one instance is a row that
 * any other instance reads by the cookie alone; signing out deletes it; a password change ends the
 * person's other sessions; an anonymous respondent answering a survey writes no session at all.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SharedSessionsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    TestSessions sessions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSignInIsARowThatAnotherInstanceReadsByTheCookieAlone() throws Exception {
        String username = users.newUsername("partage");
        users.newUser(username);
        Cookie cookie = signIn(username);

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = ? AND principal_name = ?")
                .param(TestSessions.id(cookie)).param(username).query(Long.class).single())
                .as("the session is a row, named by its person").isEqualTo(1);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = ?")
                .param(TestSessions.id(cookie)).query(Integer.class).single()).as("8 hours without a request")
                .isEqualTo(8 * 3600);
        SecurityContext context = sessions.securityContext(cookie);
        assertThat(context).as("read back by another repository on the same database").isNotNull();
        AccountPrincipal principal = (AccountPrincipal) context.getAuthentication().getPrincipal();
        assertThat(principal.getUsername()).isEqualTo(username);
        assertThat(principal.getPassword()).as("no hash kept in the session").isNull();

        assertThat(mvc.perform(get("/account").with(TestSessions.with(cookie))).andReturn().getResponse().getStatus())
                .as("the cookie alone opens the next page").isEqualTo(200);
        assertThat(mvc.perform(get("/account")).andReturn().getResponse().getRedirectedUrl())
                .as("without it, the sign-in form").endsWith("/login");
    }

    @Test
    void signingOutDeletesTheSession() throws Exception {
        String username = users.newUsername("sortie");
        users.newUser(username);
        Cookie cookie = signIn(username);

        assertThat(mvc.perform(post("/logout").with(TestSessions.with(cookie)).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/login?logout");
        assertThat(sessions.find(cookie)).isNull();
        assertThat(rows(username)).isZero();
        assertThat(mvc.perform(get("/account").with(TestSessions.with(cookie))).andReturn().getResponse()
                .getRedirectedUrl()).as("the old cookie opens nothing").endsWith("/login");
    }

    @Test
    void aPasswordChangeEndsThePersonsOtherSessionsAndKeepsThisOne() throws Exception {
        String username = users.newUsername("mdp");
        users.newUser(username);
        Cookie phone = signIn(username);
        Cookie laptop = signIn(username);
        assertThat(rows(username)).isEqualTo(2);

        MockHttpServletResponse changed = mvc.perform(post("/account/password").with(TestSessions.with(laptop))
                .with(csrf()).param("currentPassword", TestUsers.PASSWORD).param("newPassword", "une-phrase-nouvelle")
                .param("confirmation", "une-phrase-nouvelle")).andReturn().getResponse();
        assertThat(changed.getRedirectedUrl()).isEqualTo("/account");
        Cookie renewed = TestSessions.cookie(changed);
        assertThat(renewed).as("this session goes on under a new id").isNotNull();
        assertThat(TestSessions.id(renewed)).isNotEqualTo(TestSessions.id(laptop));
        assertThat(mvc.perform(get("/account").with(TestSessions.with(renewed))).andReturn().getResponse()
                .getContentAsString()).as("its flash message, through the database")
                .contains("Votre mot de passe est changé");

        assertThat(mvc.perform(get("/account").with(TestSessions.with(phone))).andReturn().getResponse()
                .getRedirectedUrl()).as("the other session is ended").endsWith("/login");
        assertThat(sessions.find(phone)).as("and its row deleted").isNull();
        assertThat(rows(username)).isEqualTo(1);
    }

    @Test
    void aSignedInSessionKeepsItsLargerBodyLimit() throws Exception {
        String username = users.newUsername("corps");
        users.newUser(username);
        Cookie cookie = signIn(username);
        String body = "label=" + "a".repeat(20_000);

        assertThat(mvc.perform(post("/account/tokens").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)
                .with(csrf())).andReturn().getResponse().getStatus()).as("anonymous: 16 KB").isEqualTo(413);
        assertThat(mvc.perform(post("/account/tokens").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)
                .with(TestSessions.with(cookie)).with(csrf())).andReturn().getResponse().getStatus())
                .as("the session, read from the database before the limits are chosen: 2 MB").isEqualTo(200);
    }

    @Test
    void anAnonymousRespondentAnswersWithoutWritingASession() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Paroles partagées",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        SecurityContextHolder.clearContext();
        String created = mvc.perform(post("/evaluations/{e}/surveys", evaluation).with(users.as(editor.username()))
                .with(csrf()).param("title", "Paroles partagées").param("audience", "HABITANTS")).andReturn()
                .getResponse().getRedirectedUrl();
        long surveyId = Long.parseLong(created.substring(created.lastIndexOf('/') + 1));
        mvc.perform(post("/surveys/{s}/questions/new", surveyId).with(users.as(editor.username())).with(csrf())
                .param("label", "Que diriez-vous du centre ?").param("kind", "LONG_TEXT"));
        users.signIn(editor.username());
        Survey survey = surveys.survey(surveyId);
        SecurityContextHolder.clearContext();
        String token = survey.waves().get(0).token();
        long before = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();

        MockHttpServletResponse page = mvc.perform(get("/s/{t}", token)).andReturn().getResponse();
        MockHttpServletResponse answered = mvc.perform(post("/s/{t}", token)
                .param("q" + survey.questions().get(0).id(), "Un lieu où l'on se sent bien").param("consent", "true")
                .param("submission", AnswerService.newSubmissionKey())).andReturn().getResponse();
        MockHttpServletResponse thanks = mvc.perform(get(answered.getRedirectedUrl())).andReturn().getResponse();

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(answered.getRedirectedUrl()).isEqualTo("/s/" + token + "/merci");
        assertThat(thanks.getStatus()).isEqualTo(200);
        assertThat(TestSessions.cookie(page)).isNull();
        assertThat(TestSessions.cookie(answered)).isNull();
        assertThat(TestSessions.cookie(thanks)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single())
                .as("no session row written for a respondent").isEqualTo(before);
    }

    @Test
    void theSizeLimitsKnowASignedInSessionByItsCookieAndSoDoTheTestsSignIn() throws Exception {
        String username = users.newUsername("taille");
        users.newUser(username);
        Cookie cookie = signIn(username);
        String body = "currentPassword=faux&newPassword=faux&note=" + "a".repeat(20 * 1024);

        MockHttpServletResponse anonymous = mvc.perform(post("/account/password").with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)).andReturn().getResponse();
        MockHttpServletResponse signedIn = mvc.perform(post("/account/password").with(TestSessions.with(cookie))
                .with(csrf()).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)).andReturn()
                .getResponse();
        long before = rows(username);
        MvcResult asTest = mvc.perform(post("/account/password").with(users.as(username)).with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)).andReturn();

        assertThat(anonymous.getStatus()).as("20 KB without a session").isEqualTo(413);
        assertThat(signedIn.getStatus()).as("20 KB from the signed-in browser").isNotEqualTo(413).isLessThan(500);
        assertThat(asTest.getResponse().getStatus()).as("20 KB from a test's sign-in").isNotEqualTo(413)
                .isLessThan(500);
        assertThat(rows(username)).as("a test's sign-in is a session row of its own").isEqualTo(before + 1);
        Cookie testCookie = TestSessions.cookie(asTest);
        assertThat(testCookie).isNotNull();
        assertThat(sessions.securityContext(testCookie).getAuthentication().getName()).isEqualTo(username);
    }

    @Test
    void aSessionThatCannotBeReadBackAsksToSignInAgainInsteadOfFailing() throws Exception {
        String username = users.newUsername("illisible");
        users.newUser(username);
        Cookie cookie = signIn(username);
        jdbc.sql("UPDATE spring_session_attributes SET attribute_bytes = ? WHERE attribute_name = "
                + "'SPRING_SECURITY_CONTEXT' AND session_primary_id = (SELECT primary_id FROM spring_session "
                + "WHERE session_id = ?)").param(new byte[] { (byte) 0xac, (byte) 0xed, 0, 5, 1, 2, 3 })
                .param(TestSessions.id(cookie)).update();

        MockHttpServletResponse page = mvc.perform(get("/account").with(TestSessions.with(cookie))).andReturn()
                .getResponse();
        assertThat(page.getRedirectedUrl()).as("signed out, not a 500").endsWith("/login");
        assertThat(mvc.perform(get("/login").with(TestSessions.with(cookie))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    /** Signs in through the form, as a browser does, and returns the session cookie it gets. */
    private Cookie signIn(String username) throws Exception {
        MockHttpServletResponse response = mvc.perform(formLogin("/login").user(username).password(TestUsers.PASSWORD))
                .andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        Cookie cookie = TestSessions.cookie(response);
        assertThat(cookie).as("a session cookie").isNotNull();
        return cookie;
    }

    private long rows(String username) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(username)
                .query(Long.class).single();
    }
}
