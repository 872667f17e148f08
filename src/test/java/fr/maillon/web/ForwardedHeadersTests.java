package fr.maillon.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Forwarded headers believed only from the configured proxies (here 192.0.2.1, never the test's
 * loopback), and links built from the configured public address, whatever Host a request names.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "maillon.trusted-proxies=192.0.2.1",
        "maillon.public-url=https://maillon.example.org/", "maillon.survey.answers-per-hour-per-client=2" })
@AutoConfigureMockMvc
class ForwardedHeadersTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aSpoofedForwardedForDoesNotEscapeTheSurveyAnswerLimit() throws Exception {
        Survey survey = survey().survey();
        String token = survey.waves().get(0).token();
        String field = "q" + survey.questions().get(0).id();
        assertThat(answer(token, field, "198.51.100.1")).isEqualTo(302);
        assertThat(answer(token, field, "198.51.100.2")).isEqualTo(302);
        assertThat(answer(token, field, "198.51.100.3")).isEqualTo(429);
    }

    @Test
    void aForwardedProtoFromAnUntrustedAddressDoesNotMakeTheCookieSecure() throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void linksAndQrCodesUseThePublicAddressNotTheHostHeader() throws Exception {
        Built built = survey();
        Survey survey = built.survey();
        String editor = built.editor();
        byte[] png = mvc.perform(get("/surveys/{s}/waves/{w}/qr.png", survey.id(), survey.waves().get(0).id())
                .header("Host", "evil.example").with(users.as(editor))).andReturn().getResponse().getContentAsByteArray();
        String decoded = QrCodeReading.text(png);
        assertThat(decoded).isEqualTo("https://maillon.example.org/s/" + survey.waves().get(0).token());

        TestUsers.Created admin = users.structureWithMember(Role.STRUCTURE_ADMIN);
        Object link = mvc.perform(post("/organisations/{o}/invitations", admin.structureId()).with(csrf())
                .header("Host", "evil.example").with(users.as(admin.username()))
                .param("role", "STRUCTURE_EDITOR").param("invitee", "Camille"))
                .andReturn().getModelAndView().getModel().get("invitationLink");
        assertThat((String) link).startsWith("https://maillon.example.org/invitations/");
    }

    private int answer(String token, String field, String forwardedFor) throws Exception {
        String form = field + "=" + URLEncoder.encode("Un lieu où l'on se sent bien", StandardCharsets.UTF_8)
                + "&submission=" + AnswerService.newSubmissionKey();
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/s/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A survey of a new structure with one open wave and one text question, and its editor. */
    private Built survey() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        try {
            long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Paroles",
                    EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2030, 12, 31), null));
            SecurityContextHolder.clearContext();
            String location = mvc.perform(post("/evaluations/{e}/surveys", evaluation).with(csrf())
                    .with(users.as(editor.username())).param("title", "Paroles").param("audience", "HABITANTS"))
                    .andReturn().getResponse().getRedirectedUrl();
            long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
            mvc.perform(post("/surveys/{s}/questions/new", survey).with(csrf()).with(users.as(editor.username()))
                    .param("label", "Que diriez-vous du centre ?").param("kind", "LONG_TEXT"));
            users.signIn(editor.username());
            return new Built(surveys.survey(survey), editor.username());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private record Built(Survey survey, String editor) {
    }
}
