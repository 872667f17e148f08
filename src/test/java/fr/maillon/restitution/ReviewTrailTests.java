package fr.maillon.restitution;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The review trail (issue 14, item 7): what the stakeholders said of a draft, with the authors'
 * answers, is kept with the version finalised after it and printed as an annex in the page, the
 * PDF and the workbook, and carried by the exchange format; a "pas d'accord" without a written
 * answer stops finalising, on the page as in the service; a version stored before the trail
 * existed still reads.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewTrailTests {

    private static final String DISAGREEMENT = "Les heures des producteurs manquent dans le bilan.";
    private static final String ANSWER = "Merci : nous les ajoutons aux interactions de la chaîne.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ReportService reports;

    @Autowired
    ReviewService reviews;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aDisagreementWithoutAnswerStopsFinalisingThenTheTrailIsKeptWithTheVersion() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = reportWithReview(editor);

        users.signIn(editor.username());
        List<Review.Comment> comments = reviews.comments(report);
        Review.Comment disagreement = comments.stream().filter(comment -> comment.opinion() == Opinion.DISAGREE)
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> reports.finalise(report)).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.code()).isEqualTo("restitution.finalise.unanswered");
                    assertThat(violation.field()).isEqualTo("comments." + disagreement.id());
                    assertThat(violation.arguments()).containsExactly("Marie Dubois, Valence Romans Agglo",
                            "Ce que chacun apporte et reçoit");
                }));
        assertThat(reports.report(report).versions()).isEmpty();

        reviews.answer(report, disagreement.id(), ANSWER);
        int version = reports.finalise(report);

        ReportContent content = reports.content(report, version);
        assertThat(content.reviewTrail()).hasSize(2);
        ReportContent.ReviewLine agreement = content.reviewTrail().get(0);
        assertThat(agreement.reviewer()).isEqualTo("Marie Dubois, Valence Romans Agglo");
        assertThat(agreement.section()).isEqualTo("Contexte et parties prenantes");
        assertThat(agreement.opinion()).isEqualTo(Opinion.AGREE);
        assertThat(agreement.answer()).isNull();
        ReportContent.ReviewLine answered = content.reviewTrail().get(1);
        assertThat(answered.opinion()).isEqualTo(Opinion.DISAGREE);
        assertThat(answered.text()).isEqualTo(DISAGREEMENT);
        assertThat(answered.answer()).isEqualTo(ANSWER);
        assertThat(answered.answeredBy()).isEqualTo("Test " + editor.username());
        assertThat(answered.answeredAt()).isNotNull();
        // no token is kept with the version
        String stored = jdbc.sql("SELECT content::text FROM report_version WHERE report_id = :r")
                .param("r", report).query(String.class).single();
        assertThat(stored).contains("reviewTrail").doesNotContain("rv_").doesNotContain("token");

        // the annex in the PDF, as a reader sees it
        String pdf = pdfText(mvc.perform(get("/reports/{id}/report.pdf", report).param("version", "1")
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray());
        String flat = pdf.replaceAll("\\s+", " ");
        assertThat(flat).contains("Ce que les parties prenantes en ont dit")
                .contains("2 avis donnés sur le brouillon par 1 personne : 1 d'accord, 1 pas d'accord, 0 commentaire")
                .contains("Marie Dubois, Valence Romans Agglo — Ce que chacun apporte et reçoit — Pas d'accord")
                .contains(DISAGREEMENT).contains("Réponse apportée par Test " + editor.username() + " :").contains(ANSWER);

        // the page of the version shows it too
        assertThat(mvc.perform(get("/reports/{id}", report).param("version", "1").with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString()).contains("id=\"review-trail\"")
                .contains("Les heures des producteurs manquent dans le bilan.");

        // the workbook's sheet
        byte[] xlsx = mvc.perform(get("/reports/{id}/report.xlsx", report).param("version", "1")
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet trail = book.getSheet("Relecture");
            assertThat(trail).isNotNull();
            assertThat(trail.getPhysicalNumberOfRows()).isEqualTo(3);
            assertThat(cells(trail.getRow(0))).startsWith("Personne", "Partie", "Avis", "Commentaire", "Le",
                    "Réponse des auteurs", "Réponse de", "Répondu le");
            List<String> row = cells(trail.getRow(2));
            assertThat(row.subList(0, 4)).containsExactly("Marie Dubois, Valence Romans Agglo",
                    "Ce que chacun apporte et reçoit", "Pas d'accord", DISAGREEMENT);
            assertThat(row.get(4)).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(row.subList(5, 7)).containsExactly(ANSWER, "Test " + editor.username());
        }

        // the next draft starts a new review: the comments of version 1 neither block it nor repeat
        users.signIn(editor.username());
        int second = reports.finalise(report);
        assertThat(reports.content(report, second).reviewTrail()).isEmpty();
    }

    @Test
    void thePageRefusesToFinaliseListingTheDisagreementAndAnswersItThere() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = reportWithReview(editor);
        long disagreement = jdbc.sql("SELECT id FROM review_comment WHERE report_id = :r AND opinion = 'DISAGREE'")
                .param("r", report).query(Long.class).single();

        MockHttpServletResponse refused = mvc.perform(post("/reports/{id}/finalise", report)
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(refused.getRedirectedUrl()).isEqualTo("/reports/" + report + "#checklist");
        assertThat(versions(report)).isZero();
        String page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("id=\"checklist-unanswered\"").contains(DISAGREEMENT)
                .contains("action=\"/reports/" + report + "/comments/" + disagreement + "/answer\"")
                .contains("id=\"finalise-blocked\"");

        mvc.perform(post("/reports/{r}/comments/{c}/answer", report, disagreement).param("answer", ANSWER)
                .with(users.as(editor.username())).with(csrf()));
        page = mvc.perform(get("/reports/{id}", report).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).doesNotContain("id=\"checklist-unanswered\"").doesNotContain("id=\"finalise-blocked\"");
        assertThat(mvc.perform(post("/reports/{id}/finalise", report).with(users.as(editor.username())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/reports/" + report + "?version=1");
    }

    @Test
    void theTrailTravelsInTheExchangeFormatAndAVersionStoredWithoutItStillReads() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = reportWithReview(editor);
        users.signIn(editor.username());
        long disagreement = reviews.comments(report).stream().filter(Review.Comment::unansweredDisagreement)
                .findFirst().orElseThrow().id();
        reviews.answer(report, disagreement, ANSWER);
        reports.finalise(report);
        long evaluation = reports.report(report).evaluationId();

        String exported = mvc.perform(get("/api/v1/evaluations/{id}/export", evaluation)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode trail = json.readTree(exported).get("reports").get(0).get("versions").get(0).get("content")
                .get("reviewTrail");
        assertThat(trail.size()).isEqualTo(2);
        assertThat(trail.get(1).get("answer").asString()).isEqualTo(ANSWER);

        TestUsers.Created elsewhere = users.structureWithMember(Role.STRUCTURE_EDITOR);
        MockHttpServletResponse imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                elsewhere.structureId()).contentType(MediaType.APPLICATION_JSON).content(exported)
                .with(users.as(elsewhere.username())).with(csrf())).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        long copy = jdbc.sql("SELECT report_id FROM report_version WHERE structure_id = :s").param("s",
                elsewhere.structureId()).query(Long.class).single();
        users.signIn(elsewhere.username());
        assertThat(reports.content(copy, 1).reviewTrail()).extracting(ReportContent.ReviewLine::answer)
                .containsExactly(null, ANSWER);

        // a version kept before the trail existed: its JSON has no such field
        jdbc.sql("UPDATE report_version SET content = content - 'reviewTrail' WHERE report_id = :r")
                .param("r", report).update();
        users.signIn(editor.username());
        assertThat(reports.content(report, 1).reviewTrail()).isEmpty();
        MockHttpServletResponse pdf = mvc.perform(get("/reports/{id}/report.pdf", report).param("version", "1")
                .with(users.as(editor.username()))).andReturn().getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdfText(pdf.getContentAsByteArray())).doesNotContain("Ce que les parties prenantes en ont dit");
        assertThat(mvc.perform(get("/reports/{id}/report.xlsx", report).param("version", "1")
                .with(users.as(editor.username()))).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /**
     * A report of a new evaluation with a text, reviewed by a stakeholder who agrees with its context
     * and disagrees with its balance.
     */
    private long reportWithReview(TestUsers.Created editor) {
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Épicerie solidaire "
                + editor.structureId(), EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 12, 31), EvaluationStatus.FRAMING));
        long report = reports.create(evaluation, ReportAudience.PARTENAIRES, "Restitution aux partenaires");
        reports.narrate(report, ReportAudience.Section.CONTEXT, "L'épicerie a ouvert en janvier.");
        reports.narrate(report, ReportAudience.Section.BALANCES, "Chacun apporte son temps.");
        String token = reviews.invite(report, "Marie Dubois, Valence Romans Agglo");
        SecurityContextHolder.clearContext();
        reviews.comment(token, ReportAudience.Section.CONTEXT, Opinion.AGREE, null);
        reviews.comment(token, ReportAudience.Section.BALANCES, Opinion.DISAGREE, DISAGREEMENT);
        return report;
    }

    private int versions(long report) {
        return jdbc.sql("SELECT count(*) FROM report_version WHERE report_id = :r").param("r", report)
                .query(Integer.class).single();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new java.util.ArrayList<>();
        row.forEach(cell -> cells.add(cell.getStringCellValue()));
        return cells;
    }

    /** What a reader of the PDF sees, as pdftotext reads it. */
    static String pdfText(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("report", ".pdf");
        Path text = Files.createTempFile("report", ".txt");
        try {
            Files.write(file, pdf);
            Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), text.toString())
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pdftotext finished").isTrue();
            assertThat(process.exitValue()).isZero();
            return Files.readString(text, StandardCharsets.UTF_8);
        }
        finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(text);
        }
    }
}
