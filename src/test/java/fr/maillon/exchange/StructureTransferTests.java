package fr.maillon.exchange;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A whole structure moved to another place: La Coopération exported through the API as one zip and
 * imported into a new structure of the same name, its reports then read back as their readers get
 * them (the PDF and the workbook of every finalised version and of the draft): the same.
 */
@SpringBootTest
@AutoConfigureMockMvc
class StructureTransferTests {

    private static final String COPY = "Structure reçue d'une autre instance";

    /** The mark of an imported version: at the head of every page of its PDF, and on its cover. */
    private static final String IMPORT_MARK = "Version importée le \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2} depuis .*?"
            + "(non établie par cette instance|ni établis ni vérifiés\\.) ";

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStructureExportedAndImportedGivesTheSameReports() throws Exception {
        long cooperation = jdbc.sql("SELECT id FROM organisation WHERE name = 'La Coopération'").query(Long.class)
                .single();
        TestUsers.Created copy = users.structureWithMember(Role.STRUCTURE_EDITOR);
        // other tests find La Coopération by its name: the new structure bears another, read as the same
        jdbc.sql("UPDATE organisation SET name = :name WHERE id = :id").param("name", COPY)
                .param("id", copy.structureId()).update();
        jdbc.sql("UPDATE structure SET commune = (SELECT commune FROM structure WHERE id = :from) WHERE id = :id")
                .param("from", cooperation).param("id", copy.structureId()).update();

        // the whole structure in one zip, as its members download it, and into the new structure
        MockHttpServletResponse archive = mvc.perform(get("/api/v1/structures/{s}/export", cooperation)
                .with(users.as("coope"))).andReturn().getResponse();
        assertThat(archive.getContentType()).isEqualTo("application/zip");
        List<Long> evaluations = ids(mvc.perform(get("/api/v1/structures/{s}/evaluations", cooperation)
                .with(users.as("coope"))).andReturn().getResponse().getContentAsString());
        assertThat(evaluations).hasSizeGreaterThanOrEqualTo(2);
        assertThat(entries(archive.getContentAsByteArray())).hasSameSizeAs(evaluations);
        MockHttpServletResponse created = mvc.perform(post("/api/v1/structures/{s}/import", copy.structureId())
                .contentType("application/zip").content(archive.getContentAsByteArray())
                .with(users.as(copy.username())).with(csrf())).andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        List<Long> imported = Arrays.stream(created.getContentAsString().replaceAll("[^0-9,]", "").split(","))
                .map(Long::parseLong).toList();
        assertThat(imported).hasSameSizeAs(evaluations);
        int versions = 0;
        for (int e = 0; e < evaluations.size(); e++) {
            long evaluation = evaluations.get(e);
            long copied = imported.get(e);
            List<Long> originals = reports(evaluation, "coope");
            List<Long> copies = reports(copied, copy.username());
            assertThat(copies).hasSameSizeAs(originals);
            for (int i = 0; i < originals.size(); i++) {
                int last = lastVersion(originals.get(i), "coope");
                assertThat(lastVersion(copies.get(i), copy.username())).isEqualTo(last);
                if (last > 0) {
                    String page = mvc.perform(get("/reports/{id}", copies.get(i)).param("version", "1")
                            .with(users.as(copy.username()))).andReturn().getResponse().getContentAsString();
                    assertThat(page).contains("id=\"import-mark\"").contains("v1 (importée)");
                    assertThat(mvc.perform(get("/reports/{id}", originals.get(i)).param("version", "1")
                            .with(users.as("coope"))).andReturn().getResponse().getContentAsString())
                            .doesNotContain("import-mark");
                }
                for (int version = 0; version <= last; version++) {
                    String pdf = pdfText(originals.get(i), version, "coope");
                    String copyText = pdfText(copies.get(i), version, copy.username());
                    // an imported version says so on every page; the rest is the same
                    assertThat(copyText.contains("Version importée le")).as("version " + version).isEqualTo(version > 0);
                    assertThat(copyText.replaceAll(IMPORT_MARK, "")).as("version " + version).isEqualTo(pdf);
                    assertThat(cells(copies.get(i), version, copy.username())).as("workbook of version " + version)
                            .isEqualTo(cells(originals.get(i), version, "coope"));
                    versions++;
                }
            }
        }
        assertThat(versions).as("the demo's CAF report: its draft and its finalised version").isGreaterThanOrEqualTo(2);
    }

    private List<Long> reports(long evaluation, String username) throws Exception {
        return ids(mvc.perform(get("/api/v1/evaluations/{id}/reports", evaluation).with(users.as(username)))
                .andReturn().getResponse().getContentAsString());
    }

    /** The top-level ids of a JSON list (objects whose first field is their id). */
    private static List<Long> ids(String list) {
        List<Long> ids = new ArrayList<>();
        Matcher id = ID.matcher(list);
        while (id.find()) {
            ids.add(Long.parseLong(id.group(1)));
        }
        return ids;
    }

    private static List<String> entries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private int lastVersion(long report, String username) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM report_version WHERE report_id = :id")
                .param("id", report).query(Integer.class).single();
    }

    /** The PDF's text; a draft's time of drawing up is left out, since it is drawn up as it is read. */
    private String pdfText(long report, int version, String username) throws Exception {
        byte[] pdf = mvc.perform(get("/api/v1/reports/{id}.pdf", report).param("version", String.valueOf(version))
                .with(users.as(username))).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).containsAnyOf("La Coopération", COPY);
            // the new structure's longer name wraps its lines elsewhere: words are compared, not lines
            text = text.replace(COPY, "La Coopération").replaceAll("\\s+", " ");
            return version == 0 ? text.replaceAll("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}", "(heure)") : text;
        }
    }

    private List<String> cells(long report, int version, String username) throws Exception {
        byte[] xlsx = mvc.perform(get("/api/v1/reports/{id}.xlsx", report).param("version", String.valueOf(version))
                .with(users.as(username))).andReturn().getResponse().getContentAsByteArray();
        List<String> cells = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        cells.add(sheet.getSheetName() + "!" + cell.getAddress() + "="
                                + formatter.formatCellValue(cell).replace(COPY, "La Coopération"));
                    }
                }
            }
        }
        assertThat(cells).isNotEmpty();
        return version == 0 ? cells.stream().map(cell -> cell.replaceAll("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}",
                "(heure)")).toList() : cells;
    }
}
