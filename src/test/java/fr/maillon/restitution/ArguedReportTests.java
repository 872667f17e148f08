package fr.maillon.restitution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;
import fr.maillon.survey.WaveDraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Reports built around the evaluative questions: the note de synthèse first, each question with its
 * verdict, argument and evidence, each indicator shown once and referred to elsewhere, then annexes.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ArguedReportTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportService reports;

    @Autowired
    SurveyService surveys;

    @Autowired
    ExchangeService exchange;

    @Autowired
    Clock clock;

    @Autowired
    ReportFiles files;

    @Autowired
    ReportChecks checks;

    @Autowired
    JsonMapper json;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoInhabitantsReportReadsEasilyInPlainWords() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE audience = 'HABITANTS' AND title = 'Ce que la "
                + "Conserverie a changé'").query(Long.class).single();
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsByteArray();
        Files.write(Path.of("target", "demo-habitants-draft.pdf"), pdf);
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        Readability readability = Readability.of(text);
        assertThat(text).contains("Ce que vous nous avez dit").contains("personnes sur 10")
                .doesNotContain("Note de synthèse").doesNotContain("Annexes");
        assertThat(readability.words()).as("words read").isGreaterThan(150);
        assertThat(readability.sentenceWords()).as("words per sentence").isLessThanOrEqualTo(15);
        assertThat(readability.score()).as("Kandel–Moles score").isGreaterThanOrEqualTo(60);
        assertThat(readability.jargon()).as("jargon").isEmpty();
        assertThat(readability.decimals()).as("decimals and percentages").isEmpty();
        // no indicator code either (those that are not words of their own: "participants" may be written)
        List<String> codes = jdbc.sql("SELECT code FROM indicator WHERE evaluation_id = (SELECT evaluation_id FROM "
                + "report WHERE id = :id)").param("id", report).query(String.class).list().stream().filter(code -> code.matches(".*[_0-9].*")).toList();
        assertThat(codes).isNotEmpty().allSatisfy(code -> assertThat(text).doesNotContain(code));

        // the draft's page says how easy it reads
        String page = mvc.perform(get("/reports/{id}", report).with(users.as("coope"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"readability\"").contains("Le texte se lit facilement.");
    }

    @Test
    void aVersionFinalisedBeforeStillReadsAndShowsAsItWas() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        ObjectNode stored = (ObjectNode) json.readTree(jdbc.sql("SELECT content::text FROM report_version WHERE "
                + "report_id = :r AND version = 1").param("r", report).query(String.class).single());
        // what a version kept before reports were built around the questions (d6733c6)
        stored.remove(List.of("sections", "reviewTrail", "reconciliations", "diagramPages"));
        stored.withArray("questions").forEach(question -> ((ObjectNode) question).remove(List.of("verdict",
                "argument", "evidence", "plainMessage")));
        stored.withArray("indicators").forEach(indicator -> {
            ((ObjectNode) indicator).remove(List.of("precision", "cumulativeTargets", "aggregation"));
            indicator.withArray("points").forEach(point -> ((ObjectNode) point).remove(List.of("cumulative",
                    "answered")));
        });
        stored.withArray("renewal").forEach(line -> ((ObjectNode) line).remove("precision"));
        stored.withArray("contributions").forEach(block -> ((ObjectNode) block).remove("steps"));
        ReportContent old = json.readValue(stored.toString(), ReportContent.class);
        assertThat(old.legacy()).isTrue();
        try (PDDocument document = Loader.loadPDF(files.pdf(old, "http://localhost"))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Contexte et parties prenantes").contains("Les réponses aux questions")
                    .doesNotContain("Note de synthèse").doesNotContain("Annexes")
                    .doesNotContain("Pas encore de jugement");
        }
        assertThat(files.workbook(old)).isNotEmpty();
    }

    @Test
    void theChecklistBeforeFinalisingNamesTheQuestionsWithoutAVerdict() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = exchange.importEvaluation(editor.structureId(), TestFiles.demoDocument());
        String question = jdbc.sql("SELECT text FROM evaluative_question WHERE evaluation_id = :e ORDER BY position "
                + "LIMIT 1").param("e", evaluation).query(String.class).single();
        jdbc.sql("DELETE FROM verdict WHERE evaluation_id = :e AND question_id = (SELECT id FROM evaluative_question "
                + "WHERE evaluation_id = :e ORDER BY position LIMIT 1)").param("e", evaluation).update();
        long report = reports.create(evaluation, ReportAudience.CAF, "Dossier CAF");
        ReportChecks.Checklist checklist = checks.checklist(reports.report(report), reports.content(report, 0));
        assertThat(checklist.unjudged()).containsExactly(question);
        assertThat(checklist.ready()).as("listed, not blocking").isTrue();
        SecurityContextHolder.clearContext();
        assertThat(mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString()).contains("id=\"checklist-unjudged\"");
    }

    @Test
    void performanceIsAmongTheDefaultCriteria() throws Exception {
        assertThat(jdbc.sql("SELECT code FROM criterion WHERE structure_id IS NULL ORDER BY position")
                .query(String.class).list()).containsExactly("pertinence", "coherence", "efficacite", "efficience",
                        "impact", "durabilite", "performance");
        long conserverie = jdbc.sql("SELECT min(evaluation_id) FROM report WHERE title LIKE 'Dossier d''agrément%'")
                .query(Long.class).single();
        assertThat(mvc.perform(get("/evaluations/{id}/questions/new", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString()).contains(">Performance<");
    }

    @Test
    void theReadabilityScoreTellsPlainWordsFromJargon() {
        Readability plain = Readability.of("Vous êtes plus nombreux à venir aux ateliers. Beaucoup savent faire des "
                + "bocaux chez eux.\nEt maintenant ?");
        assertThat(plain.sentences()).isEqualTo(3);
        assertThat(plain.score()).isGreaterThan(60);
        assertThat(plain.plain()).isTrue();
        Readability jargon = Readability.of("L'indicateur d'efficience de la chaîne de valeur mobilisée par les "
                + "parties prenantes institutionnelles atteint 54,5455 % de la cible opérationnelle pluriannuelle "
                + "définie conjointement avec les partenaires financeurs du territoire d'intervention.");
        assertThat(jargon.sentenceWords()).isGreaterThan(15);
        assertThat(jargon.score()).isLessThan(60);
        assertThat(jargon.jargon()).contains("indicateur", "efficience", "chaîne de valeur", "parties prenantes",
                "cible", "opérationnel");
        assertThat(jargon.decimals()).containsExactly("54,5455 %");
        assertThat(Readability.syllables("bocaux")).isEqualTo(2);
        assertThat(Readability.syllables("conserverie")).isEqualTo(3);
        assertThat(Readability.syllables("habitantes")).isEqualTo(3);
    }

    @Test
    void theInhabitantsPosterIsAnA3PageWithTheSurveysQrCode() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = exchange.importEvaluation(editor.structureId(), TestFiles.demoDocument());
        Survey survey = surveys.surveys(evaluation).get(0);
        LocalDate today = LocalDate.now(clock);
        surveys.saveWave(survey.id(), null, new WaveDraft("Printemps", today.minusDays(1), today.plusDays(30),
                survey.waves().get(survey.waves().size() - 1).period()));
        long report = reports.create(evaluation, ReportAudience.HABITANTS, "Ce que la Conserverie a changé");
        SecurityContextHolder.clearContext();
        byte[] pdf = mvc.perform(get("/reports/{id}/poster.pdf", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDRectangle size = document.getPage(0).getMediaBox();
            assertThat(Math.round(size.getWidth() / 72 * 25.4)).isEqualTo(297);
            assertThat(Math.round(size.getHeight() / 72 * 25.4)).isEqualTo(420);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Donnez votre avis").contains("/s/").contains("sur 10");
        }
        // a reader from outside gets no survey link on it
        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"poster\"");
    }

    @Test
    void theDemoCafFileOpensWithItsSynthesisAndAnswersEachQuestion() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsByteArray();
        Files.write(Path.of("target", "demo-caf-draft.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Note de synthèse").contains("Annexes");
            // the note de synthèse: from its page to the page before the next section's, 4 pages at most
            int synthesis = firstPage(document, "Note de synthèse", 2);
            int context = firstPage(document, "Contexte et parties prenantes", synthesis + 1);
            assertThat(synthesis).isEqualTo(2);
            assertThat(context - synthesis).as("pages of the note de synthèse").isBetween(1, 4);
        }
    }

    /** The first page (from 1) at or after {@code from} whose text holds {@code text}, 0 if none. */
    private static int firstPage(PDDocument document, String text, int from) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        for (int page = from; page <= document.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            if (stripper.getText(document).contains(text)) {
                return page;
            }
        }
        return 0;
    }
}
