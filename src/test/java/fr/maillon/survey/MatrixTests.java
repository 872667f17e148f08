package fr.maillon.survey;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 15, point 5: a matrix (rows sharing one scale) built on the survey's page, answered through
 * the public link (each row a fieldset), printed as a grid, counted per row with its n, and carried
 * through the exchange format.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MatrixTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    SurveyResultsService results;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JsonMapper json;

    @Autowired
    MockMvc mvc;

    TestUsers.Created editor;
    long survey;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Accueil",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("L'accueil du centre", null, null, Audience.HABITANTS,
                null));
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aMatrixIsBuiltAnsweredPrintedAndCountedRowByRow() throws Exception {
        mvc.perform(post("/surveys/{s}/sections", survey).with(users.as(editor.username())).with(csrf())
                .param("sectionTitle", "Votre avis sur l'accueil")
                .param("sectionScale", "Pas du tout\nUn peu\nBeaucoup\n")
                .param("sectionRows", "Les horaires\nL'écoute\n\nLes locaux"));
        users.signIn(editor.username());
        Survey built = surveys.survey(survey);
        SecurityContextHolder.clearContext();
        assertThat(built.sections()).singleElement().satisfies(section -> assertThat(section.matrix()).isTrue());
        assertThat(built.questions()).extracting(Question::label)
                .containsExactly("Les horaires", "L'écoute", "Les locaux");
        assertThat(built.questions()).allSatisfy(row -> {
            assertThat(row.kind()).isEqualTo(QuestionKind.SINGLE);
            assertThat(row.choices()).extracting(Choice::label).containsExactly("Pas du tout", "Un peu", "Beaucoup");
        });
        Question hours = built.questions().get(0);
        Question listening = built.questions().get(1);
        String token = built.waves().get(0).token();

        String form = mvc.perform(get("/s/{t}", token)).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("class=\"section matrix\"");
        // each row is a fieldset whose legend is the row
        assertThat(form.split("<legend").length - 1).isEqualTo(4);

        String[][] answers = { { "beaucoup", "un_peu" }, { "beaucoup", "beaucoup" }, { "pas_du_tout", null } };
        for (String[] answer : answers) {
            var request = post("/s/{t}", token).with(csrf()).param("q" + hours.id(), answer[0]);
            if (answer[1] != null) {
                request.param("q" + listening.id(), answer[1]);
            }
            assertThat(mvc.perform(request).andReturn().getResponse().getRedirectedUrl()).endsWith("/merci");
        }

        users.signIn(editor.username());
        SurveyResults counted = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(counted.questions().get(0).answered()).isEqualTo(3);
        assertThat(counted.questions().get(0).shares()).extracting(SurveyResults.Share::count).containsExactly(1L, 0L, 2L);
        assertThat(counted.questions().get(1).answered()).isEqualTo(2);
        SecurityContextHolder.clearContext();

        String page = mvc.perform(get("/surveys/{s}/results", survey).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"matrix-" + built.sections().get(0).id() + "\"")
                .contains("Vue d&#39;ensemble de la matrice").contains("Beaucoup (%)").contains("66,7");

        byte[] pdf = mvc.perform(get("/surveys/{s}/paper.pdf", survey).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // a grid: the scale once as its header, then each row on its own line
            assertThat(text).containsOnlyOnce("Beaucoup").contains("Les horaires", "L'écoute", "Les locaux");
        }

        users.signIn(editor.username());
        String exported = json.writeValueAsString(exchange.export(built.evaluationId()));
        assertThat(exported).contains("\"layout\":\"matrix\"");
        long copy = exchange.importEvaluation(editor.structureId(), exported.getBytes(StandardCharsets.UTF_8));
        Survey imported = surveys.surveys(copy).get(0);
        assertThat(imported.sections()).singleElement().satisfies(section -> assertThat(section.matrix()).isTrue());
        assertThat(imported.questions()).hasSize(3);
    }

    @Test
    void aMatrixNeedsTwoAnswersInItsScaleAndARow() throws Exception {
        String page = mvc.perform(post("/surveys/{s}/sections", survey).with(users.as(editor.username())).with(csrf())
                .param("sectionTitle", "Avis").param("sectionScale", "Oui").param("sectionRows", "Les horaires"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Une matrice propose de 2 à 20 réponses, une par ligne.");
        users.signIn(editor.username());
        assertThat(surveys.survey(survey).sections()).isEmpty();
        assertThat(surveys.survey(survey).questions()).isEmpty();
    }
}
