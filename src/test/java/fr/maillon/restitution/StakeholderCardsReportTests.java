package fr.maillon.restitution;

import java.text.Normalizer;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Issue 16, identity cards: the chain's annex of a report holds the stakeholders' cards, on the page and in the PDF. */
@SpringBootTest
@AutoConfigureMockMvc
class StakeholderCardsReportTests {

    private static final String TITLE = "Les fiches d'identité des parties prenantes";
    private static final String FIELD = "Agriculture biologique de la Drôme des collines.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportFiles files;

    @Autowired
    JsonMapper json;

    @Autowired
    ReportService reports;

    long report;

    @BeforeEach
    void demoCafFile() {
        report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
    }

    @Test
    void theChainAnnexHoldsTheCardsOnThePage() throws Exception {
        for (String version : List.of("0", "1")) {
            String page = mvc.perform(get("/reports/{id}", report).param("version", version).with(users.as("coope")))
                    .andReturn().getResponse().getContentAsString();
            String annex = page.substring(page.indexOf("id=\"section-CHAIN\""));
            assertThat(annex).as("version " + version).contains("Les fiches d&#39;identité des parties prenantes")
                    .contains("<h4>Producteurs bio locaux</h4>")
                    .contains("Entreprise, membre de la communauté d&#39;action").contains(FIELD)
                    .contains("Financeur, hors de la communauté d&#39;action");
        }
    }

    @Test
    void theChainAnnexHoldsTheCardsInThePdf() throws Exception {
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).with(users.as("coope"))).andReturn()
                .getResponse().getContentAsByteArray();
        // as a reader copies it: ligatures (ﬁ) as their letters, lines joined
        String text = Normalizer.normalize(ReviewTrailTests.pdfText(pdf), Normalizer.Form.NFKC).replaceAll("\\s+", " ");
        String annexes = text.substring(text.lastIndexOf("Annexes"));
        assertThat(annexes).contains(TITLE).contains("Producteurs bio locaux")
                .contains("Entreprise, membre de la communauté d'action").contains("Champ d'intervention")
                .contains(FIELD);
    }

    @Test
    void thePartnersReportKeepsWhatTheStructureNotesOfThemOut() throws Exception {
        long evaluation = jdbc.sql("SELECT evaluation_id FROM report WHERE id = :id").param("id", report)
                .query(Long.class).single();
        String constraints = "Disponibilités variables selon les saisons et l'âge.";
        users.signIn("coope");
        try {
            long partners = reports.create(evaluation, ReportAudience.PARTENAIRES, "Aux partenaires");
            ReportContent.StakeholderLine forPartners = volunteers(reports.content(partners, 0));
            assertThat(forPartners.constraints()).isNull();
            assertThat(forPartners.presentation()).isNotBlank();
            assertThat(volunteers(reports.content(report, 0)).constraints()).isEqualTo(constraints);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static ReportContent.StakeholderLine volunteers(ReportContent content) {
        return content.stakeholders().stream().filter(line -> line.name().equals("Bénévoles de la Conserverie"))
                .findFirst().orElseThrow();
    }

    @Test
    void theFederationItIsSharedWithReadsTheCardsInTheReport() throws Exception {
        String page = mvc.perform(get("/reports/{id}", report).param("version", "1").with(users.as("federation26")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Les fiches d&#39;identité des parties prenantes").contains(FIELD);
    }

    @Test
    void aVersionKeptBeforeTheCardsStillReadsWithoutThem() throws Exception {
        ObjectNode stored = (ObjectNode) json.readTree(jdbc.sql("SELECT content::text FROM report_version WHERE "
                + "report_id = :r AND version = 1").param("r", report).query(String.class).single());
        assertThat(stored.toString()).contains(FIELD);
        stored.withArray("stakeholders").forEach(line -> ((ObjectNode) line).remove(List.of("presentation",
                "fieldOfIntervention", "constraints", "strengths")));
        ReportContent old = json.readValue(stored.toString(), ReportContent.class);
        assertThat(old.stakeholders()).isNotEmpty().noneMatch(ReportContent.StakeholderLine::hasCard);
        assertThat(old.stakeholderCards()).isEmpty();
        try (PDDocument document = Loader.loadPDF(files.pdf(old, "http://localhost"))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Annexes").contains("Producteurs bio locaux").doesNotContain(TITLE);
        }
    }
}
