package fr.maillon.exchange;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A forged "final" report: a finalised version carried by an exchange document can say anything, so
 * wherever it shows (its page, every page of its PDF, its public share link) it is marked imported,
 * with where its file says it comes from and when it was imported, in the configured zone.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ImportedReportMarkTests {

    /** 23:30 UTC: the day after in France, the hour that made CI fail. */
    private static final Instant IMPORTED = Instant.parse("2026-03-10T23:30:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper mapper;

    @Autowired
    Clock clock;

    @Test
    void anImportedFinalVersionIsMarkedOnItsPageEveryPdfPageAndItsShareLink() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = importConserverie(editor, document -> { });
        String mark = "Version importée le " + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                .format(IMPORTED.atZone(clock.getZone())) + " depuis « La Coopération » (selon le fichier)";

        String page = mvc.perform(get("/reports/{id}", report).param("version", "1").with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"import-mark\"").contains(mark);

        String token = share(editor, report);
        MockHttpServletResponse shared = mvc.perform(get("/r/{token}", token)).andReturn().getResponse();
        assertThat(shared.getStatus()).isEqualTo(200);
        assertThat(shared.getContentAsString()).contains("id=\"import-mark\"").contains(mark);

        byte[] pagePdf = mvc.perform(get("/reports/{id}/report.pdf", report).param("version", "1")
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray();
        byte[] apiPdf = mvc.perform(get("/api/v1/reports/{id}.pdf", report).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsByteArray();
        for (byte[] pdf : new byte[][] { pagePdf, apiPdf }) {
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(document.getNumberOfPages()).isGreaterThan(2);
                for (int number = 1; number <= document.getNumberOfPages(); number++) {
                    PDFTextStripper stripper = new PDFTextStripper();
                    stripper.setStartPage(number);
                    stripper.setEndPage(number);
                    assertThat(stripper.getText(document).replaceAll("\\s+", " ")).as("page " + number)
                            .contains("Version importée le " + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
                                    .format(IMPORTED.atZone(clock.getZone())))
                            .contains("non établie par cette instance");
                }
            }
        }
    }

    @Test
    void aFileThatDoesNotTellWhereItComesFromIsMarkedFromAnotherMaillon() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        long report = importConserverie(editor, document -> ((ObjectNode) document.get("reports").get(0)
                .get("versions").get(0).get("content")).put("structure", " "));
        String page = mvc.perform(get("/reports/{id}", report).param("version", "1").with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("depuis un autre Maillon");
        assertThat(mvc.perform(get("/r/{token}", share(editor, report))).andReturn().getResponse()
                .getContentAsString()).contains("depuis un autre Maillon");
    }

    @Test
    void aVersionFinalisedHereBearsNoMark() throws Exception {
        long conserverie = conserverie();
        long report = jdbc.sql("SELECT min(report_id) FROM report_version WHERE structure_id = (SELECT structure_id "
                + "FROM evaluation WHERE id = :id)").param("id", conserverie).query(Long.class).single();
        assertThat(mvc.perform(get("/reports/{id}", report).param("version", "1").with(users.as("coope")))
                .andReturn().getResponse().getContentAsString()).doesNotContain("import-mark");
        byte[] pdf = mvc.perform(get("/api/v1/reports/{id}.pdf", report).param("version", "1")
                .with(users.as("coope"))).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).doesNotContain("importée");
        }
    }

    private long conserverie() {
        return jdbc.sql("SELECT id FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire' "
                + "AND structure_id = (SELECT id FROM organisation WHERE name = 'La Coopération')")
                .query(Long.class).single();
    }

    /** Imports the demo's Conserverie (with its finalised CAF report) and gives the imported report's id. */
    private long importConserverie(TestUsers.Created editor, java.util.function.Consumer<ObjectNode> forge)
            throws Exception {
        ObjectNode document = (ObjectNode) mapper.readTree(mvc.perform(get("/api/v1/evaluations/{id}/export",
                conserverie()).with(users.as("coope"))).andReturn().getResponse().getContentAsString());
        forge.accept(document);
        MockHttpServletResponse imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import",
                editor.structureId()).contentType(MediaType.APPLICATION_JSON).content(document.toString())
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        long evaluation = Long.parseLong(imported.getContentAsString().replaceAll("\\D", ""));
        long report = jdbc.sql("SELECT report_id FROM report_version WHERE structure_id = :s AND version = 1 "
                + "AND report_id IN (SELECT id FROM report WHERE evaluation_id = :e) ORDER BY report_id LIMIT 1")
                .param("s", editor.structureId()).param("e", evaluation).query(Long.class).single();
        jdbc.sql("UPDATE report_version SET imported_at = :at WHERE report_id = :r")
                .param("at", java.sql.Timestamp.from(IMPORTED)).param("r", report).update();
        return report;
    }

    private String share(TestUsers.Created editor, long report) throws Exception {
        Object link = mvc.perform(post("/reports/{id}/shares", report).param("version", "1")
                .param("expiresOn", java.time.LocalDate.now(clock).plusDays(10).toString())
                .with(users.as(editor.username())).with(csrf())).andReturn().getFlashMap().get("newShare");
        assertThat(link).as("a share link is made").isNotNull();
        return link.toString().substring(link.toString().lastIndexOf('/') + 1);
    }
}
