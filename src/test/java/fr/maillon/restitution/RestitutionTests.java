package fr.maillon.restitution;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.PeriodType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The demo's finished restitution: its PDF read back (titles, figures, names) and turned into
 * images (charts and diagram drawn), its workbook's figures equal to the results, and a finalised
 * version that a later data change leaves as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RestitutionTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ReportService reports;

    @Autowired
    FrameworkService framework;

    @Autowired
    ReviewService reviews;

    @Autowired
    ReportFiles files;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoReportReadsBackFromItsPdfAndItsWorkbook() throws Exception {
        long report = jdbc.sql("SELECT min(id) FROM report WHERE title LIKE 'Dossier d''agrément%'").query(Long.class)
                .single();
        byte[] pdf = mvc.perform(get("/reports/{id}/report.pdf", report).param("version", "1")
                .with(users.as("coope"))).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Dossier d'agrément — la Conserverie")
                    .contains("Contexte et parties prenantes").contains("La chaîne de valeur")
                    .contains("Les réponses aux questions évaluatives").contains("La contribution propre de la structure")
                    .contains("Témoignages").contains("Version finale 1")
                    .contains("Producteurs bio locaux").contains("77\u202f572 €")
                    // the balance's volunteer time and the indicator in € are reconciled, not left apart
                    .contains("Réconciliation").contains("15\u202f375\u00a0€")
                    .doesNotContain("illustratif")
                    .contains("Trois maisons de quartier de Romans-sur-Isère")
                    .doesNotContain("Une habitante, sans accord de diffusion");
            assertThat(document.getNumberOfPages()).isGreaterThan(4);
        }
        List<BufferedImage> pages = images(pdf);
        if (!pages.isEmpty()) {
            assertThat(pages.stream().filter(page -> count(page, 0x0b5a55) > 200).count())
                    .as("pages with chart bars").isGreaterThan(1);
        }

        byte[] xlsx = mvc.perform(get("/reports/{id}/report.xlsx", report).param("version", "1")
                .with(users.as("coope"))).andReturn().getResponse().getContentAsByteArray();
        users.signIn("coope");
        long conserverie = jdbc.sql("SELECT evaluation_id FROM report WHERE id = :id").param("id", report)
                .query(Long.class).single();
        List<IndicatorResults> results = framework.results(conserverie, PeriodType.YEAR);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet indicators = book.getSheet("Indicateurs");
            int checked = 0;
            for (Row row : indicators) {
                if (row.getRowNum() == 0 || row.getCell(4) == null) {
                    continue;
                }
                String code = row.getCell(0).getStringCellValue();
                String period = row.getCell(3).getStringCellValue();
                double value = row.getCell(4).getNumericCellValue();
                IndicatorResults result = results.stream().filter(r -> r.indicator().code().equals(code)).findFirst()
                        .orElseThrow();
                assertThat(result.periods().stream().filter(p -> p.period().code().equals(period)).findFirst()
                        .orElseThrow().value().doubleValue()).as(code + " " + period).isEqualTo(value);
                checked++;
            }
            assertThat(checked).isGreaterThan(40);
            assertThat(book.getSheet("Bilan des parties prenantes").getPhysicalNumberOfRows()).isEqualTo(12);
            // the dashboard shows the workbook's figures: the value of volunteering in 2021
            double value = 0;
            for (Row row : indicators) {
                if (row.getRowNum() > 0 && row.getCell(0).getStringCellValue().equals("valeur_benevolat")
                        && row.getCell(3).getStringCellValue().equals("2021")) {
                    value = row.getCell(4).getNumericCellValue();
                }
            }
            assertThat(value).isEqualTo(15375);
            String dashboard = mvc.perform(get("/evaluations/{e}/dashboard", conserverie).with(users.as("coope")))
                    .andReturn().getResponse().getContentAsString();
            assertThat(dashboard).contains("id=\"key-valeur_benevolat\"").contains("<strong>15\u202f375\u00a0€</strong>");
        }
    }

    @Test
    void aFinalisedVersionDoesNotMoveWhenTheDataChanges() throws Exception {
        users.signIn("coope");
        long conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        long report = reports.create(conserverie, ReportAudience.ASSEMBLEE, "Assemblée générale 2022");
        reports.narrate(report, ReportAudience.Section.CHANGES, "Ouvrir le samedi.");
        int version = reports.finalise(report);
        long seances = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'seances'")
                .param("e", conserverie).query(Long.class).single();
        framework.saveGrid(conserverie, false, List.of(new CellInput(seances, "2021", "99")));
        reports.narrate(report, ReportAudience.Section.CHANGES, "Ouvrir le samedi et le dimanche.");

        ReportContent frozen = reports.content(report, version);
        ReportContent draft = reports.content(report, 0);
        assertThat(seances(frozen)).isEqualByComparingTo("30");
        assertThat(seances(draft)).isEqualByComparingTo("99");
        assertThat(frozen.narrative(ReportAudience.Section.CHANGES)).isEqualTo("Ouvrir le samedi.");
        assertThat(draft.narrative(ReportAudience.Section.CHANGES)).isEqualTo("Ouvrir le samedi et le dimanche.");
        framework.saveGrid(conserverie, false, List.of(new CellInput(seances, "2021", "30")));
        assertThat(mvc.perform(get("/reports/{id}", report).param("version", String.valueOf(version))
                .with(users.as("federation26"))).andReturn().getResponse().getStatus()).isEqualTo(200);
        // outside the structure: final versions only, no reviewers; another structure: nothing
        users.signIn("coope");
        String reviewLink = reviews.invite(report, "Un partenaire");
        SecurityContextHolder.clearContext();
        assertThat(mvc.perform(get("/reports/{id}", report).with(users.as("federation26"))).andReturn().getResponse()
                .getRedirectedUrl()).endsWith("?version=" + version);
        assertThat(mvc.perform(get("/reports/{id}/report.pdf", report).param("version", "0")
                .with(users.as("federation26"))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/reports/{id}", report).param("version", String.valueOf(version))
                .with(users.as("federation26"))).andReturn().getResponse().getContentAsString())
                .doesNotContain("Un partenaire");
        TestUsers.Created stranger = users.structureWithMember(fr.maillon.organisation.Role.STRUCTURE_ADMIN);
        for (var request : List.of(get("/reports/{id}/report.pdf", report), get("/reports/{id}", report),
                get("/api/v1/reports/{id}.pdf", report), get("/api/v1/evaluations/{e}/reports", conserverie),
                post("/reports/{id}/reviewers", report).with(csrf()).param("name", "Intrus"),
                post("/reports/{id}/shares", report).with(csrf()).param("version", "1")
                        .param("expiresOn", java.time.LocalDate.now(clock).plusDays(3).toString()))) {
            assertThat(mvc.perform(request.with(users.as(stranger.username()))).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM report_reviewer WHERE report_id = :r").param("r", report)
                .query(Long.class).single()).isEqualTo(1);
        // a reviewer may not comment once a later version is finalised
        users.signIn("coope");
        reports.finalise(report);
        SecurityContextHolder.clearContext();
        assertThat(mvc.perform(post("/review/{t}", reviewLink).param("section", "CONTEXT").param("opinion", "AGREE"))
                .andReturn().getResponse().getContentAsString()).contains("les avis sont clos");
        assertThat(mvc.perform(get("/review/{t}", "rv_inconnu-inconnu-inconnu-inconnu")).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }

    @Test
    void aReportForInhabitantsHoldsOnlyItsSections() throws Exception {
        users.signIn("coope");
        long conserverie = jdbc.sql("SELECT min(id) FROM evaluation WHERE title = 'Conserverie Mobile et Solidaire'")
                .query(Long.class).single();
        long report = reports.create(conserverie, ReportAudience.HABITANTS, "Ce que la Conserverie a changé");
        ReportContent content = reports.content(report, 0);
        assertThat(content.balances()).isEmpty();
        assertThat(content.contributions()).isEmpty();
        assertThat(content.diagramSvg()).isEmpty();
        assertThat(content.indicators()).isNotEmpty();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(files.workbook(content)))) {
            assertThat(book.getSheet("Bilan des parties prenantes")).isNull();
            assertThat(book.getSheet("Indicateurs")).isNotNull();
        }
    }

    private static java.math.BigDecimal seances(ReportContent content) {
        return content.indicators().stream().filter(block -> block.code().equals("seances")).findFirst().orElseThrow()
                .points().stream().filter(point -> point.period().equals("2021")).findFirst().orElseThrow().value();
    }

    /** The PDF's pages as images, through Poppler's pdftoppm when it is installed. */
    private static List<BufferedImage> images(byte[] pdf) throws Exception {
        if (!new File("/usr/bin/pdftoppm").canExecute()) {
            return List.of();
        }
        Path directory = Files.createTempDirectory("maillon-pdf");
        Path file = directory.resolve("report.pdf");
        Files.write(file, pdf);
        Process process = new ProcessBuilder("/usr/bin/pdftoppm", "-r", "50", "-png", file.toString(),
                directory.resolve("page").toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<BufferedImage> pages = new ArrayList<>();
        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        try (var files = Files.list(directory)) {
            for (Path page : files.filter(path -> path.toString().endsWith(".png")).sorted().toList()) {
                pages.add(ImageIO.read(page.toFile()));
                Files.copy(page, screenshots.resolve("report-" + page.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return pages;
    }

    private static long count(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xFFFFFF;
                if (Math.abs(((pixel >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) < 12
                        && Math.abs(((pixel >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < 12
                        && Math.abs((pixel & 0xFF) - (rgb & 0xFF)) < 12) {
                    count++;
                }
            }
        }
        return count;
    }
}
