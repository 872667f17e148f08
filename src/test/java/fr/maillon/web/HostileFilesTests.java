package fr.maillon.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every import a user can start from a page (values, survey answers, an XLSForm, an evaluation in
 * the exchange format, a piece of evidence), fed a corpus of hostile files: empty, one byte,
 * random bytes, a truncated workbook, a workbook whose sheet is not XML, a zip bomb, UTF-16 and
 * Latin-1, 5,000 columns, a megabyte in one cell, script in every cell, JSON nested a hundred
 * thousand deep; questionnaires (XLSForm as .xls, and in pyxform's CSV and Markdown layouts
 * nested a hundred thousand deep; XForm, LimeSurvey and workbook billion laughs; a LimeSurvey
 * archive bomb). Each goes as far as the pages let it (upload, preview, the preview's form
 * submitted as it stands, the job followed to its end): never a 500, never a script written back
 * into a page, and a refused file writes nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HostileFilesTests {

    private static final String SCRIPT = "<script>alert('maillon')</script>";
    private static final Pattern SELECT = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]*)\"([^>]*)>");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final List<String> TABLES = List.of("evaluation", "indicator", "data_value", "survey",
            "survey_question", "survey_response", "evidence", "stakeholder", "chain_element");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JdbcClient jdbc;

    TestUsers.Created owner;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyImportSurvivesAHostileCorpusAndARefusedFileWritesNothing() throws Exception {
        owner = users.structureWithMember(Role.STRUCTURE_ADMIN);
        users.signIn(owner.username());
        long evaluation = exchange.importEvaluation(owner.structureId(), TestFiles.demoDocument());
        SecurityContextHolder.clearContext();
        long survey = jdbc.sql("SELECT min(id) FROM survey WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();

        Map<String, byte[]> corpus = corpus();
        List<String> failures = new ArrayList<>();
        int followed = 0;
        for (Map.Entry<String, byte[]> file : corpus.entrySet()) {
            for (String kind : List.of("VALUES", "ANSWERS", "XLSFORM")) {
                Map<String, Long> before = counts();
                MockMultipartHttpServletRequestBuilder upload = multipart("/evaluations/{e}/imports", evaluation);
                upload.file(new MockMultipartFile("file", file.getKey(), "application/octet-stream", file.getValue()))
                        .param("kind", kind).param("surveyId", String.valueOf(survey));
                MockHttpServletResponse response = send(upload, kind + " " + file.getKey(), failures);
                if (response.getRedirectedUrl() != null && response.getRedirectedUrl().startsWith("/imports/")) {
                    followed++;
                    String outcome = follow(response.getRedirectedUrl(), kind + " " + file.getKey(), failures);
                    if (!outcome.contains("id=\"result\"")) {
                        assertUnchanged(before, kind + " " + file.getKey(), failures);
                    }
                }
                else {
                    assertUnchanged(before, kind + " " + file.getKey(), failures);
                }
            }

            Map<String, Long> before = counts();
            MockHttpServletResponse document = send(multipart("/structures/{s}/import", owner.structureId())
                    .file(new MockMultipartFile("file", file.getKey(), "application/json", file.getValue())),
                    "exchange " + file.getKey(), failures);
            if (document.getRedirectedUrl() == null) {
                assertUnchanged(before, "exchange " + file.getKey(), failures);
            }

            before = counts();
            MockHttpServletResponse evidence = send(multipart("/evaluations/{e}/evidence", evaluation)
                    .file(new MockMultipartFile("file", file.getKey(), "application/octet-stream", file.getValue()))
                    .param("kind", "DOCUMENT").param("title", SCRIPT), "evidence " + file.getKey(), failures);
            if (evidence.getRedirectedUrl() == null) {
                assertUnchanged(before, "evidence " + file.getKey(), failures);
            }
        }
        for (String page : List.of("/evaluations/" + evaluation + "/evidence", "/evaluations/" + evaluation + "/results",
                "/surveys/" + survey + "/results", "/structures/" + owner.structureId())) {
            send(get(page), "page " + page, failures);
        }
        assertThat(failures).isEmpty();
        assertThat(followed).as("files that got as far as a preview").isGreaterThan(5);
    }

    /** The preview, its form submitted with what it proposes, and the job until it ends; the job's last page. */
    private String follow(String preview, String label, List<String> failures) throws Exception {
        String page = send(get(preview), label + " preview", failures).getContentAsString();
        if (!page.contains("action=\"" + preview + "\"")) {
            return page;
        }
        var submit = post(preview);
        Matcher select = SELECT.matcher(page);
        while (select.find()) {
            Matcher option = OPTION.matcher(select.group(2));
            String value = null;
            while (option.find()) {
                if (value == null || option.group(2).contains("selected")) {
                    value = option.group(1);
                }
            }
            if (value != null) {
                submit.param(select.group(1), value);
            }
        }
        Matcher hidden = HIDDEN.matcher(page);
        while (hidden.find()) {
            if (!hidden.group(1).equals("_csrf")) {
                submit.param(hidden.group(1), hidden.group(2));
            }
        }
        String job = send(submit, label + " run", failures).getRedirectedUrl();
        if (job == null) {
            return "";
        }
        String state = "";
        for (int i = 0; i < 600 && (state.isEmpty() || state.contains("<progress")); i++) {
            Thread.sleep(50);
            state = send(get(job), label + " job", failures).getContentAsString();
        }
        if (state.contains("<progress")) {
            failures.add(label + ": the job did not end");
        }
        return state;
    }

    private MockHttpServletResponse send(AbstractMockHttpServletRequestBuilder<?> request, String label,
            List<String> failures) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(users.as(owner.username())).with(csrf()))
                .andReturn().getResponse();
        String type = response.getContentType() == null ? "" : response.getContentType();
        if (response.getStatus() >= 500) {
            failures.add(label + ": " + response.getStatus());
        }
        else if (type.contains("html") && response.getContentAsString().contains(SCRIPT)) {
            failures.add(label + ": script written back");
        }
        return response;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT count(*) FROM " + table + " WHERE structure_id = :s")
                    .param("s", owner.structureId()).query(Long.class).single());
        }
        return counts;
    }

    private void assertUnchanged(Map<String, Long> before, String label, List<String> failures) {
        Map<String, Long> after = counts();
        if (!after.equals(before)) {
            failures.add(label + ": refused, yet rows changed " + before + " → " + after);
        }
    }

    private static Map<String, byte[]> corpus() throws Exception {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("vide.csv", new byte[0]);
        corpus.put("un-octet.csv", new byte[] { 'a' });
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        corpus.put("hasard.xlsx", random);
        byte[] form = Files.readAllBytes(TestFiles.FIXTURES.resolve(
                "xlsform/socio-economic-survey-v20240515.xlsx"));
        corpus.put("tronque.xlsx", Arrays.copyOf(form, form.length / 2));
        corpus.put("pas-du-xml.xlsx", TestFiles.workbookWithSheet("<<<ceci n'est pas du XML"));
        corpus.put("bombe.xlsx", TestFiles.workbookWithSheet("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + " ".repeat(50_000_000) + "<sheetData/></worksheet>"));
        String values = "Indicateur;Période;Valeur;Commentaire\nbenevoles;2019;12;été\nheures_benevoles;2020;300;\n";
        byte[] utf16 = values.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        corpus.put("utf16.csv", withBom);
        corpus.put("latin1.csv", values.getBytes(StandardCharsets.ISO_8859_1));
        corpus.put("script.csv", (SCRIPT + ";" + SCRIPT + ";" + SCRIPT + "\n" + SCRIPT + ";2019;" + SCRIPT + "\n")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("script.xlsx", scriptWorkbook());
        corpus.put("colonnes.csv", (String.join(";", java.util.Collections.nCopies(5_000, "c")) + "\n"
                + String.join(";", java.util.Collections.nCopies(5_000, "1")) + "\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("cellule.csv", ("Indicateur;Période;Valeur\nbenevoles;2019;" + "9".repeat(1_000_000) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("entete.csv", "Indicateur;Période;Valeur\n".getBytes(StandardCharsets.UTF_8));
        corpus.put("imbrique.json", "[".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        // DHIS2 dataValueSets: entities (billion laughs), an external entity, nesting, script in every field
        corpus.put("dhis2-rires.xml", ("<?xml version=\"1.0\"?><!DOCTYPE dataValueSet [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<dataValueSet><dataValue dataElement=\"x\" period=\"2019\" value=\"&c;\"/></dataValueSet>")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("dhis2-externe.xml", ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<dataValueSet><dataValue dataElement=\"x\" period=\"2019\" value=\"&e;\"/></dataValueSet>")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("dhis2-imbrique.xml", ("<dataValueSet>" + "<a>".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        corpus.put("dhis2-imbrique.json", ("{\"dataValues\":" + "[{\"a\":".repeat(50_000))
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("dhis2-script.json", ("{\"dataValues\":[{\"dataElement\":\"" + SCRIPT.replace("\"", "\\\"")
                + "\",\"period\":\"" + SCRIPT.replace("\"", "\\\"") + "\",\"value\":\"1\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("script.json", new String(TestFiles.demoDocument(), StandardCharsets.UTF_8)
                .replace("\"Conserverie Mobile et Solidaire\"", "\"" + SCRIPT.replace("'", "\\u0027") + "\"")
                .getBytes(StandardCharsets.UTF_8));
        // the questionnaire readers (XLSForm as .xls and in pyxform's CSV and Markdown layouts; XForm,
        // LimeSurvey and Kobo files told by their content): deep nesting, billion laughs, zip bombs
        corpus.put("imbrique-xlsform.csv", ("survey,,,\n,type,name,label\n" + ",begin group,g,G\n".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("imbrique-xlsform.md", ("| survey |\n| | type | name | label |\n" + "| | begin group | g | G |\n"
                .repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        String laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">" + java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(i -> "<!ENTITY lol" + i + " \"" + ("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";")
                        .repeat(10) + "\">").collect(java.util.stream.Collectors.joining()) + "]>";
        corpus.put("rires.xml", ("<?xml version=\"1.0\"?>" + laughs + "<h:html xmlns=\"http://www.w3.org/2002/xforms\" "
                + "xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head><h:title>&lol9;</h:title></h:head></h:html>")
                .getBytes(StandardCharsets.UTF_8));
        corpus.put("rires.lss", ("<?xml version=\"1.0\"?>" + laughs + "<document><LimeSurveyDocType>Survey"
                + "</LimeSurveyDocType><surveys>&lol9;</surveys></document>").getBytes(StandardCharsets.UTF_8));
        corpus.put("rires.xlsx", TestFiles.workbookWithSheet("<?xml version=\"1.0\"?>" + laughs.replace("lolz", "worksheet")
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"));
        corpus.put("bombe.lsa", zipOf("survey_1.lss", " ".repeat(50_000_000)));
        corpus.put("kobo-imbrique.json", ("{\"survey\": [{\"type\": \"text\", \"a\":" + "[".repeat(100_000))
                .getBytes(StandardCharsets.UTF_8));
        byte[] xls = new byte[64 * 1024];
        new Random(7).nextBytes(xls);
        System.arraycopy(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1 }, 0, xls, 0, 8);
        corpus.put("hasard.xls", xls);
        byte[] tutorial = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/tutorial.xls"));
        corpus.put("tronque.xls", Arrays.copyOf(tutorial, tutorial.length / 2));
        return corpus;
    }

    private static byte[] zipOf(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** A workbook with script in every cell: the answers' and the XLSForm's column names, and values. */
    private static byte[] scriptWorkbook() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream output = new ByteArrayOutputStream()) {
            for (String name : List.of("survey", "choices")) {
                Sheet sheet = book.createSheet(name);
                Row header = sheet.createRow(0);
                List<String> columns = List.of("type", "name", "label", "Indicateur", "Période", "Valeur");
                for (int i = 0; i < columns.size(); i++) {
                    header.createCell(i).setCellValue(columns.get(i));
                }
                for (int line = 1; line <= 3; line++) {
                    Row row = sheet.createRow(line);
                    row.createCell(0).setCellValue(line == 1 ? "text" : SCRIPT);
                    for (int i = 1; i < columns.size(); i++) {
                        row.createCell(i).setCellValue(i == 1 ? "q" + line : SCRIPT);
                    }
                }
            }
            book.write(output);
            return output.toByteArray();
        }
    }
}
