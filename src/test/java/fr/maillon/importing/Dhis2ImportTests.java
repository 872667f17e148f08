package fr.maillon.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.importing.dhis2.DataValueSets;
import fr.maillon.importing.dhis2.Dhis2Periods;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * DHIS2 dataValueSets (the real test files of dhis2-core, in fixtures/dhis2) imported through a
 * saved mapping, in JSON, XML and CSV with and without header: the exact values and periods stored,
 * unknown data elements listed with nothing written, the organisation unit filter, booleans on a
 * yes/no indicator, DHIS2 periods Maillon has not, the API, and XML that is refused for safety.
 */
@SpringBootTest
@AutoConfigureMockMvc
class Dhis2ImportTests {

    static final Path DHIS2 = TestFiles.FIXTURES.resolve("dhis2");
    static final ImportJobs.Progress QUIET = ImportTests.QUIET;
    /** The organisation unit whose values the mappings import (the other one in the files: BdfsJfj87js). */
    static final String UNIT = "DiszpKrYNg8";

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    DisaggregationService disaggregations;

    @Autowired
    ImportService imports;

    @Autowired
    Dhis2Importer dhis2;

    @Autowired
    Dhis2Mappings mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    TestUsers.Created editor;
    long evaluation;

    @BeforeEach
    void setUp() {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluation(2012, 2013);
        framework.addIndicator(evaluation, indicator("naissances", Measure.COUNT, PeriodType.MONTH, null));
        framework.addIndicator(evaluation, indicator("consultations", Measure.COUNT, PeriodType.MONTH, null));
        framework.addIndicator(evaluation, indicator("visites", Measure.COUNT, PeriodType.YEAR, null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void eachFormatOfTheSameValuesImportsThroughTheSavedMappingWithItsExactValuesAndPeriods() throws IOException {
        long mapping = mapping(evaluation, UNIT, line("f7n9E0hX8qk", "naissances"), line("Ix2HsbDMLea", "consultations"),
                line("eY5ehpbEsB7", "visites"));
        List<org.assertj.core.groups.Tuple> expected = List.of(tuple("naissances", "2012-01", "10001"),
                tuple("naissances", "2012-02", "10003"), tuple("consultations", "2012-01", "10005"),
                tuple("consultations", "2012-02", "10007"), tuple("visites", "2012-01", "10009"),
                tuple("visites", "2012-02", "10011"));
        for (String name : List.of("dataValueSetB.xml", "dataValueSetB.csv", "dataValueSetBNoHeader.csv")) {
            byte[] content = Files.readAllBytes(DHIS2.resolve(name));
            String token = imports.upload(evaluation, ImportKind.VALUES, null, name, content);
            Dhis2Importer.Preview preview = dhis2.preview(token, mapping);
            assertThat(preview.format()).as(name).isEqualTo(name.endsWith(".xml") ? FileFormat.DHIS2_XML
                    : FileFormat.DHIS2_CSV);
            assertThat(preview.values()).as(name).isEqualTo(12);
            assertThat(preview.periods()).containsExactly("201201", "201202");
            assertThat(preview.problems()).as(name).isEmpty();
            assertThat(preview.ready()).isEqualTo(6);
            assertThat(preview.leftOut()).containsExactly(java.util.Map.entry("BdfsJfj87js", 6));
            ImportJobs.Outcome outcome = dhis2.run(token, mapping, QUIET);
            assertThat(outcome.message()).contains("6 valeurs importées").contains("6 valeurs d’autres unités")
                    .contains("BdfsJfj87js");
            assertThat(stored(evaluation)).as("after %s", name).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(framework.values(evaluation)).allMatch(value -> value.source() == DataSource.IMPORT)
                .extracting(DataValue::comment).containsOnly("comment");
        long history = jdbc.sql("SELECT count(*) FROM data_value_history WHERE structure_id = :s")
                .param("s", editor.structureId()).query(Long.class).single();
        assertThat(history).as("importing the same values again changes nothing, not even the history").isZero();
        String json = imports.upload(evaluation, ImportKind.VALUES, null, "j.json",
                Files.readAllBytes(DHIS2.resolve("dataValueSetJ.json")));
        assertThat(dhis2.preview(json, mapping).format()).isEqualTo(FileFormat.DHIS2_JSON);
        assertThat(dhis2.run(json, mapping, QUIET).message()).startsWith("Une valeur importée");
        assertThat(stored(evaluation)).contains(tuple("naissances", "2012-01", "10"))
                .doesNotContain(tuple("naissances", "2012-01", "10001")).hasSize(6);
        assertThat(jdbc.sql("SELECT count(*) FROM data_value_history WHERE structure_id = :s")
                .param("s", editor.structureId()).query(Long.class).single()).as("the replaced 10001").isEqualTo(1);
    }

    @Test
    void categoryOptionCombosGoToTheCategoriesOfTheDisaggregationAndTheSetLevelPeriodServesTheValues()
            throws IOException {
        long sexes = disaggregations.disaggregations(evaluation).stream().filter(d -> d.code().equals("sexe"))
                .findFirst().orElseThrow().id();
        long other = evaluation(2019, 2019);
        framework.addIndicator(other, indicator("accueillis", Measure.COUNT, PeriodType.MONTH, sexes));
        long mapping = mapping(other, null, new Dhis2Mapping.Line("BjDrgVrkBI3", "oPcWGgS2Liz", "accueillis", "Femmes"),
                new Dhis2Mapping.Line("BjDrgVrkBI3", "rtfSaMjPyq6", "accueillis", "Hommes"));
        byte[] content = Files.readAllBytes(DHIS2.resolve("dataValues_single_dataset.json"));
        String token = imports.upload(other, ImportKind.VALUES, null, "values.json", content);
        assertThat(dhis2.preview(token, mapping).format()).isEqualTo(FileFormat.DHIS2_JSON);
        dhis2.run(token, mapping, QUIET);
        assertThat(framework.values(other)).extracting(DataValue::period, DataValue::category,
                value -> value.value().stripTrailingZeros().toPlainString()).containsExactlyInAnyOrder(
                        tuple("2019-11", "Femmes", "1000"), tuple("2019-11", "Hommes", "2000"),
                        tuple("2019-11", "", "3000"));
    }

    @Test
    void monthsQuartersAndYearsOfDhis2BecomeMaillonsPeriods() throws IOException {
        long mapping = mapping(evaluation, null, new Dhis2Mapping.Line("f7n9E0hX8qk", "kjuiHgy67hg", "naissances", ""),
                line("Ix2HsbDMLea", "consultations"), line("eY5ehpbEsB7", "visites"));
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "nonstrict.xml",
                Files.readAllBytes(DHIS2.resolve("dataValueSetNonStrict.xml")));
        dhis2.run(token, mapping, QUIET);
        assertThat(stored(evaluation)).containsExactlyInAnyOrder(tuple("naissances", "2012-01", "10001"),
                tuple("consultations", "2012Q2", "10002"), tuple("visites", "2012", "10003"));
        assertThat(Dhis2Periods.period("201912").orElseThrow().code()).isEqualTo("2019-12");
        assertThat(Dhis2Periods.period("2019Q4").orElseThrow().code()).isEqualTo("2019Q4");
        assertThat(Dhis2Periods.period("201913")).isEmpty();
        assertThat(Dhis2Periods.kind("2019S1")).isEqualTo(Dhis2Periods.Kind.SIXMONTH);
        assertThat(Dhis2Periods.kind("2019W1")).isEqualTo(Dhis2Periods.Kind.WEEK);
        assertThat(Dhis2Periods.kind("20190115")).isEqualTo(Dhis2Periods.Kind.DAY);
        assertThat(Dhis2Periods.kind("2019April")).isEqualTo(Dhis2Periods.Kind.FINANCIAL_YEAR);
    }

    @Test
    void setLevelPeriodAndUnitServeTheValuesOfAnXmlSetAndAnUnknownComboIsListed() throws IOException {
        long mapping = mapping(evaluation, UNIT, new Dhis2Mapping.Line("f7n9E0hX8qk", "kjuiHgy67hg", "naissances", ""),
                line("eY5ehpbEsB7", "visites"), new Dhis2Mapping.Line("Ix2HsbDMLea", "autreCombo1", "consultations", ""));
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "catcombo.xml",
                Files.readAllBytes(DHIS2.resolve("dataValueSetACatCombo.xml")));
        Dhis2Importer.Preview preview = dhis2.preview(token, mapping);
        assertThat(preview.problems()).extracting(ImportProblem::line, ImportProblem::column)
                .containsExactly(tuple(33, "categoryOptionCombo"));
        assertThat(preview.problems().get(0).message()).contains("Ix2HsbDMLea").contains("Gad33qy67g5");
        assertThatThrownBy(() -> dhis2.run(token, mapping, QUIET)).isInstanceOf(ImportRefusedException.class);
        assertThat(framework.values(evaluation)).isEmpty();
    }

    @Test
    void unknownDataElementsAreListedWithTheirFirstLineAndCountAndNothingIsWritten() throws IOException {
        long mapping = mapping(evaluation, UNIT, line("f7n9E0hX8qk", "naissances"));
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "b.csv",
                Files.readAllBytes(DHIS2.resolve("dataValueSetB.csv")));
        assertThatThrownBy(() -> dhis2.run(token, mapping, QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> {
                    assertThat(ex.problems()).extracting(ImportProblem::line, ImportProblem::column)
                            .containsExactly(tuple(6, "dataElement"), tuple(10, "dataElement"));
                    assertThat(ex.problems().get(0).message()).contains("« Ix2HsbDMLea »").contains("(2 valeurs)");
                    assertThat(ex.problems().get(1).message()).contains("« eY5ehpbEsB7 »");
                });
        assertThat(framework.values(evaluation)).isEmpty();
    }

    @Test
    void withoutAnOrganisationUnitTwoUnitsGivingTheSameValueAreRefusedAsGivenTwice() throws IOException {
        long mapping = mapping(evaluation, null, line("f7n9E0hX8qk", "naissances"), line("Ix2HsbDMLea", "consultations"),
                line("eY5ehpbEsB7", "visites"));
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "b.xml",
                Files.readAllBytes(DHIS2.resolve("dataValueSetB.xml")));
        assertThatThrownBy(() -> dhis2.run(token, mapping, QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> {
                    assertThat(ex.problems()).hasSize(6);
                    assertThat(ex.problems().get(0).message()).contains("ligne 2").contains(UNIT)
                            .contains("BdfsJfj87js");
                });
        assertThat(framework.values(evaluation)).isEmpty();
    }

    @Test
    void dhis2BooleansGoToAYesNoIndicatorAndWhatIsNotABooleanIsRefusedWithItsLine() throws IOException {
        framework.addIndicator(evaluation, indicator("permanence", Measure.YES_NO, PeriodType.MONTH, null));
        framework.addIndicator(evaluation, indicator("atelier", Measure.YES_NO, PeriodType.MONTH, null));
        long mapping = mapping(evaluation, UNIT, line("jH26dja2f30", "permanence"), line("jH26dja2f31", "atelier"));
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "booleans.csv",
                Files.readAllBytes(DHIS2.resolve("dataValueSetBooleanTest.csv")));
        assertThatThrownBy(() -> dhis2.run(token, mapping, QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> assertThat(ex.problems())
                        .extracting(ImportProblem::line, ImportProblem::column)
                        .containsExactly(tuple(12, "value"), tuple(13, "value"), tuple(19, "value")));
        assertThat(framework.values(evaluation)).isEmpty();
        // the same file without its three non-booleans (a copy made here, not a DHIS2 file)
        String kept = Files.readAllLines(DHIS2.resolve("dataValueSetBooleanTest.csv")).stream()
                .filter(row -> !row.contains("\"test\"") && !row.contains("\"not true\""))
                .reduce("", (all, row) -> all + row + "\n");
        String cleaned = imports.upload(evaluation, ImportKind.VALUES, null, "booleans.csv",
                kept.getBytes(StandardCharsets.UTF_8));
        dhis2.run(cleaned, mapping, QUIET);
        assertThat(stored(evaluation)).containsExactlyInAnyOrder(tuple("permanence", "2012-01", "1"),
                tuple("permanence", "2012-02", "1"), tuple("permanence", "2012-03", "0"),
                tuple("permanence", "2012-04", "0"), tuple("permanence", "2012-05", "0"),
                tuple("permanence", "2012-06", "0"), tuple("permanence", "2012-07", "1"),
                tuple("permanence", "2012-08", "1"), tuple("permanence", "2012-10", "0"),
                tuple("atelier", "2013-01", "1"), tuple("atelier", "2013-02", "1"), tuple("atelier", "2013-03", "1"),
                tuple("atelier", "2013-04", "1"), tuple("atelier", "2013-05", "0"));
    }

    @Test
    void periodsMaillonHasNotAreRefusedWithTheirKindNamed() {
        long mapping = mapping(evaluation, null, line("f7n9E0hX8qk", "naissances"));
        // hand-written here (not a DHIS2 file): a six-month, a week and a day period
        String csv = "f7n9E0hX8qk,2012S1,DiszpKrYNg8,,,5\nf7n9E0hX8qk,2012W1,DiszpKrYNg8,,,6\n"
                + "f7n9E0hX8qk,20120105,DiszpKrYNg8,,,7\n";
        String token = imports.upload(evaluation, ImportKind.VALUES, null, "periods.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> dhis2.run(token, mapping, QUIET)).isInstanceOfSatisfying(
                ImportRefusedException.class, ex -> assertThat(ex.problems()).extracting(ImportProblem::line,
                        problem -> problem.message().replaceAll(" :.*", "")).containsExactly(
                                tuple(1, "période DHIS2 « 2012S1 » (un semestre)"),
                                tuple(2, "période DHIS2 « 2012W1 » (une semaine)"),
                                tuple(3, "période DHIS2 « 20120105 » (un jour)")));
        assertThat(framework.values(evaluation)).isEmpty();
    }

    @Test
    void xmlWithADoctypeOrEntitiesIsRefusedBeforeAnythingIsRead() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE dataValueSet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
                + "&a;&a;&a;&a;&a;&a;&a;\">]>\n<dataValueSet><dataValue dataElement=\"f7n9E0hX8qk\" period=\"201201\" "
                + "value=\"&b;\"/></dataValueSet>";
        assertThatThrownBy(() -> imports.upload(evaluation, ImportKind.VALUES, null, "laughs.xml",
                xml.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(RuleViolationException.class,
                        ex -> assertThat(ex.violations().get(0).code()).isEqualTo("import.dhis2.doctype"));
        String deep = "<dataValueSet>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</dataValueSet>";
        assertThatThrownBy(() -> imports.upload(evaluation, ImportKind.VALUES, null, "deep.xml",
                deep.getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(RuleViolationException.class,
                        ex -> assertThat(ex.violations().get(0).code()).isEqualTo("import.dhis2.tooDeep"));
        String deepJson = "{\"dataValues\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> imports.upload(evaluation, ImportKind.VALUES, null, "deep.json",
                deepJson.getBytes(StandardCharsets.UTF_8))).isInstanceOf(RuleViolationException.class);
        assertThat(DataValueSets.format(deepJson.getBytes(StandardCharsets.UTF_8), "deep.json"))
                .isEqualTo(FileFormat.DHIS2_JSON);
    }

    @Test
    void aMappingIsCheckedAgainstTheEvaluationsIndicatorsAndCategories() {
        assertThatThrownBy(() -> mappings.create(evaluation, new Dhis2Mappings.Draft("Centre", "bad unit!",
                List.of(line("f7n9E0hX8qk", "inconnu"), new Dhis2Mapping.Line("Ix2HsbDMLea", "", "naissances",
                        "Femmes"), line("f7n9E0hX8qk", "naissances"), line("f7n9E0hX8qk", "visites")))))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(RuleViolationException.Violation::code).containsExactly(
                                "import.dhis2.mapping.identifier", "import.dhis2.mapping.indicator",
                                "import.dhis2.mapping.category", "import.dhis2.mapping.twice",
                                "import.dhis2.mapping.twice"));
        long id = mapping(evaluation, null, line("f7n9E0hX8qk", "naissances"));
        Dhis2Mapping saved = mappings.mapping(evaluation, id);
        mappings.update(evaluation, id, new Dhis2Mappings.Draft("Centre renommé", UNIT, List.of(
                line("f7n9E0hX8qk", "consultations"))), saved.version());
        assertThat(mappings.mapping(evaluation, id)).extracting(Dhis2Mapping::name, Dhis2Mapping::organisationUnit,
                m -> m.lines().get(0).indicatorCode()).containsExactly("Centre renommé", UNIT, "consultations");
        assertThatThrownBy(() -> mappings.update(evaluation, id, new Dhis2Mappings.Draft("Encore", null, List.of()),
                saved.version())).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void theApiImportsThroughAMappingAndAnswers422WithTheFormatAndEachProblem() throws Exception {
        long mapping = mapping(evaluation, UNIT, line("f7n9E0hX8qk", "naissances"), line("Ix2HsbDMLea", "consultations"),
                line("eY5ehpbEsB7", "visites"));
        byte[] xml = Files.readAllBytes(DHIS2.resolve("dataValueSetB.xml"));
        SecurityContextHolder.clearContext();
        mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "dataValueSetB.xml", "application/xml", xml))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.format").value("DHIS2_XML"))
                .andExpect(jsonPath("$.imported").value(0))
                .andExpect(jsonPath("$.problems[0].file").value("dataValueSetB.xml"));
        mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "dataValueSetB.xml", "application/xml", xml))
                .param("mappingId", String.valueOf(mapping)).with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.format").value("DHIS2_XML"))
                .andExpect(jsonPath("$.imported").value(6)).andExpect(jsonPath("$.problems").isEmpty());
        byte[] bad = Files.readAllBytes(DHIS2.resolve("dataValueSetBooleanTest.csv"));
        mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "booleans.csv", "text/csv", bad))
                .param("mappingId", String.valueOf(mapping)).with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.format").value("DHIS2_CSV"))
                .andExpect(jsonPath("$.problems[0].row").value(2))
                .andExpect(jsonPath("$.problems[0].column").value("dataElement"));
        mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "large.csv", "text/csv",
                        "Mois;naissances;consultations\n2012-03;4;5\n31/09/2012;1;1\n".getBytes(StandardCharsets.UTF_8)))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.format").value("CSV"))
                .andExpect(jsonPath("$.problems[0].row").value(3)).andExpect(jsonPath("$.problems[0].column").value("Mois"))
                .andExpect(jsonPath("$.errors[0].path").value("large.csv:3:Mois"));
        mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "large.csv", "text/csv",
                        "Mois;naissances;consultations\n2012-03;4;5\n".getBytes(StandardCharsets.UTF_8)))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.format").value("CSV"))
                .andExpect(jsonPath("$.imported").value(2));
        TestUsers.Created viewer = users.structureWithMember(Role.STRUCTURE_VIEWER);
        users.addMember(editor.structureId(), viewer.userId(), Role.STRUCTURE_VIEWER);
        int refused = mvc.perform(multipart("/api/v1/evaluations/{id}/values/import", evaluation)
                .file(new MockMultipartFile("file", "dataValueSetB.xml", "application/xml", xml))
                .param("mappingId", String.valueOf(mapping)).with(users.as(viewer.username())).with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(refused).isIn(403, 404);
        users.signIn(editor.username());
        assertThat(framework.values(evaluation)).hasSize(8);
        assertThat(jdbc.sql("SELECT count(*) FROM import_file WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single()).as("the API keeps no file").isZero();
    }

    @Test
    void throughThePagesAFileMakesItsMappingThenImportsAndAWideTableSaysItsLayout() throws Exception {
        SecurityContextHolder.clearContext();
        byte[] xml = Files.readAllBytes(DHIS2.resolve("dataValueSetB.xml"));
        String preview = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "dataValueSetB.xml", "application/xml", xml)).param("kind", "VALUES")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(preview).startsWith("/imports/");
        String token = preview.substring("/imports/".length());
        String page = mvc.perform(get(preview).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("dataValueSet DHIS2 (XML)").contains("12 valeurs").contains("f7n9E0hX8qk")
                .contains("/dhis2-mappings?token=" + token);
        String form = mvc.perform(get("/evaluations/{e}/dhis2-mappings", evaluation).param("token", token)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"Ix2HsbDMLea\"").contains("value=\"eY5ehpbEsB7\"");
        String created = mvc.perform(post("/evaluations/{e}/dhis2-mappings", evaluation).param("name", "Centre")
                .param("organisationUnit", UNIT).param("token", token)
                .param("dataElement", "f7n9E0hX8qk", "Ix2HsbDMLea", "eY5ehpbEsB7", "")
                .param("categoryOptionCombo", "", "", "", "").param("indicatorCode", "naissances", "consultations",
                        "visites", "").param("category", "", "", "", "").param("version", "0")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(created).startsWith(preview + "?mappingId=");
        String checked = mvc.perform(get(created).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(checked).contains("6 valeurs prêtes").contains("BdfsJfj87js");
        String job = mvc.perform(post(preview).param("mappingId", created.replaceAll(".*=", ""))
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(job).startsWith("/imports/jobs/");
        String result = "";
        for (int i = 0; i < 100 && !result.contains("id=\"result\""); i++) {
            Thread.sleep(100);
            result = mvc.perform(get(job).with(users.as(editor.username()))).andReturn().getResponse()
                    .getContentAsString();
        }
        assertThat(result).contains("6 valeurs importées depuis DHIS2");
        String mappingPage = mvc.perform(get("/evaluations/{e}/dhis2-mappings/{m}", evaluation,
                created.replaceAll(".*=", "")).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(mappingPage).contains("value=\"Centre\"").contains("value=\"" + UNIT + "\"");
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_ADMIN);
        assertThat(mvc.perform(get("/evaluations/{e}/dhis2-mappings/{m}", evaluation, created.replaceAll(".*=", ""))
                .with(users.as(stranger.username()))).andReturn().getResponse().getStatus()).isIn(403, 404);

        String wide = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "large.csv", "text/csv", "Mois;naissances;consultations\n2012-03;4;5\n"
                        .getBytes(StandardCharsets.UTF_8))).param("kind", "VALUES")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        String widePage = mvc.perform(get(wide).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(widePage).contains("Disposition reconnue : une colonne par indicateur")
                .containsPattern("value=\"INDICATORS_IN_COLUMNS\"\\s+checked");
        byte[] template = mvc.perform(get("/evaluations/{e}/imports/values-wide.xlsx", evaluation)
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray();
        assertThat(TableReader.read(template).headers()).containsExactly("Période", "naissances", "consultations",
                "visites");
    }

    private List<org.assertj.core.groups.Tuple> stored(long evaluationId) {
        java.util.Map<Long, String> codes = new java.util.HashMap<>();
        framework.indicators(evaluationId).forEach(indicator -> codes.put(indicator.id(), indicator.code()));
        return framework.values(evaluationId).stream().filter(value -> value.category().isEmpty())
                .map(value -> tuple(codes.get(value.indicatorId()), value.period(),
                        value.value().stripTrailingZeros().toPlainString())).toList();
    }

    private long evaluation(int from, int to) {
        return evaluations.create(editor.structureId(), new EvaluationDraft("DHIS2 " + from,
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(from, 1, 1), LocalDate.of(to, 12, 31), null));
    }

    private long mapping(long evaluationId, String unit, Dhis2Mapping.Line... lines) {
        return mappings.create(evaluationId, new Dhis2Mappings.Draft("Centre " + users.newUsername("m"), unit,
                List.of(lines)));
    }

    private static Dhis2Mapping.Line line(String element, String code) {
        return new Dhis2Mapping.Line(element, "", code, "");
    }

    static IndicatorDraft indicator(String code, Measure measure, PeriodType frequency, Long disaggregationId) {
        return new IndicatorDraft(code, code, null, measure, null, null, null, null, null, frequency, null, false,
                DataSource.IMPORT, null, null, null, null, disaggregationId);
    }
}
