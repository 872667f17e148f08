package fr.maillon.survey;

import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.web.PublicUrl;
import fr.maillon.web.QrCodeReading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The survey pages: the builder for its structure only, the public link for anyone, the QR code and the paper PDF. */
@SpringBootTest
@AutoConfigureMockMvc
class SurveyPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PublicUrl publicUrl;

    @Test
    void builderPublicLinkQrCodeAndPaper() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Paroles d'habitants",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31), null));
        SecurityContextHolder.clearContext();

        String location = as(editor.username(), post("/evaluations/{e}/surveys", evaluation).param("title",
                "Paroles d'habitants <script>alert(1)</script>").param("audience", "HABITANTS")).getRedirectedUrl();
        long survey = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(as(editor.username(), post("/surveys/{s}/questions/new", survey).param("label",
                "Que diriez-vous du centre ?").param("kind", "LONG_TEXT")).getRedirectedUrl()).startsWith("/surveys/");
        assertThat(as(editor.username(), post("/surveys/{s}/questions/new", survey).param("label", "Votre quartier")
                .param("kind", "SINGLE").param("choices", "Centre\nLes Balmes").param("personalData", "true"))
                .getRedirectedUrl()).startsWith("/surveys/");
        String refused = as(editor.username(), post("/surveys/{s}/questions/new", survey).param("label", "Un seul")
                .param("kind", "SINGLE").param("choices", "Oui")).getContentAsString();
        assertThat(refused).contains("Proposez de 2 à 500 réponses");
        String page = mvc.perform(get("/surveys/{s}", survey).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("Paroles d&#39;habitants &lt;script&gt;").doesNotContain("<script>alert");
        users.signIn(editor.username());
        Survey built = surveys.survey(survey);
        SecurityContextHolder.clearContext();
        Wave wave = built.waves().get(0);

        // anyone answers through the public link, without signing in
        MockHttpServletResponse form = mvc.perform(get("/s/{t}", wave.token())).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString()).contains("Votre accord").doesNotContain("<script>alert")
                .doesNotContain("_csrf");
        assertThat(form.getCookies()).isEmpty();
        MockHttpServletResponse answered = mvc.perform(post("/s/{t}", wave.token())
                .param("q" + built.questions().get(0).id(), "Un lieu où l'on se sent bien")
                .param("q" + built.questions().get(1).id(), "centre").param("consent", "true")
                .param("submission", AnswerService.newSubmissionKey())).andReturn().getResponse();
        assertThat(answered.getRedirectedUrl()).isEqualTo("/s/" + wave.token() + "/merci");
        assertThat(mvc.perform(get("/s/{t}", "inconnu-inconnu-inconnu")).andReturn().getResponse().getStatus())
                .isEqualTo(404);

        // the QR code reads back as the public link
        byte[] png = mvc.perform(get("/surveys/{s}/waves/{w}/qr.png", survey, wave.id())
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray();
        String decoded = QrCodeReading.text(png);
        assertThat(decoded).isEqualTo(publicUrl.link("/s/" + wave.token()));
        assertThat(mvc.perform(get("/surveys/{s}/waves/{w}/qr.svg", survey, wave.id()).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString()).startsWith("<svg").contains("<path");

        // the questionnaire on paper
        byte[] pdf = mvc.perform(get("/surveys/{s}/paper.pdf", survey).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Que diriez-vous du centre ?").contains("Les Balmes")
                    .contains("/s/" + wave.token()).contains("1 / 1");
        }

        // the results and the builder stay with the structure
        String results = mvc.perform(get("/surveys/{s}/results", survey).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(results).contains("Une personne a répondu.").contains("Un lieu où l&#39;on se sent bien");
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        for (MockHttpServletRequestBuilder request : List.<MockHttpServletRequestBuilder>of(get("/surveys/{s}", survey),
                get("/surveys/{s}/results", survey), get("/surveys/{s}/paper.pdf", survey),
                get("/surveys/{s}/waves/{w}/qr.png", survey, wave.id()), get("/surveys/{s}/paper", survey),
                post("/surveys/{s}/questions/new", survey).with(csrf()).param("label", "Intrus").param("kind", "YES_NO"),
                post("/surveys/{s}/delete", survey).with(csrf()))) {
            assertThat(mvc.perform(request.with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM survey_question WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single()).isEqualTo(2);
    }

    private MockHttpServletResponse as(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(users.as(user)).with(csrf())).andReturn().getResponse();
    }
}
