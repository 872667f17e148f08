package fr.maillon.importing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DataValue;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.framework.ValuesWorkbook;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Choice;
import fr.maillon.survey.Question;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports as their jobs run them: values and activity logs from CSV and XLSX, questionnaires from
 * the XLSForm fixtures, answers from a Kobo-style CSV and the LimeSurvey fixture. A bad line refuses
 * the file with its line and column; the corrected file imports fully.
 */
@SpringBootTest
class ImportTests {

    static final Path FIXTURES = TestFiles.FIXTURES;
    static final ImportJobs.Progress QUIET = new ImportJobs.Progress() {
        @Override
        public void total(int total) {
        }

        @Override
        public void done(int done) {
        }
    };

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    FrameworkService framework;

    @Autowired
    SurveyService surveys;

    @Autowired
    ImportService imports;

    @Autowired
    ValueImporter values;

    @Autowired
    ValuesWorkbook valuesWorkbook;

    @Autowired
    XlsFormImporter xlsForms;

    @Autowired
    AnswerImporter answers;

    @Autowired
    fr.maillon.survey.AnswerService answerService;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    long evaluation;

    @BeforeEach
    void setUp() {
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Imports", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aBadLineRefusesTheWholeFileAndTheCorrectedFileImportsFully() {
        framework.addIndicator(evaluation, indicator("benevoles", "Bénévoles actifs"));
        framework.addIndicator(evaluation, indicator("heures", "Heures de bénévolat"));
        String bad = "Indicateur;Période;Valeur;Commentaire\nbenevoles;2022;12;\nBénévoles actifs;2023;quinze;\n"
                + "heures;2023-13;100;\ninconnu;2022;3;\nheures;2022;1 200,5;Feuilles d'émargement\n";
        String token = upload(ImportKind.VALUES, bad.getBytes(Charset.forName("windows-1252")));
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.table().encoding()).isEqualTo("Windows-1252");
        assertThat(preview.guess()).isEqualTo(new ValueImporter.Mapping(0, 1, -1, 2, 3, false));
        assertThatThrownBy(() -> values.run(token, preview.guess(), QUIET))
                .isInstanceOfSatisfying(ImportRefusedException.class, ex -> assertThat(ex.problems())
                        .extracting(ImportProblem::line, ImportProblem::column)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(4, "Période"),
                                org.assertj.core.groups.Tuple.tuple(5, "Indicateur")));
        assertThat(values()).isEmpty();

        String stillBad = bad.replace("heures;2023-13;100;\ninconnu;2022;3;\n", "");
        String second = upload(ImportKind.VALUES, stillBad.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> values.run(second, values.preview(second).guess(), QUIET))
                .isInstanceOfSatisfying(ImportRefusedException.class, ex -> assertThat(ex.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.line()).isEqualTo(3);
                            assertThat(problem.column()).isEqualTo("Valeur");
                            assertThat(problem.message()).contains("nombre attendu");
                        }));
        assertThat(values()).isEmpty();

        String good = upload(ImportKind.VALUES, stillBad.replace("quinze", "15").getBytes(StandardCharsets.UTF_8));
        ImportJobs.Outcome outcome = values.run(good, values.preview(good).guess(), QUIET);
        assertThat(outcome.message()).isEqualTo("3 valeurs importées, depuis 3 lignes.");
        assertThat(values()).extracting(DataValue::period, value -> value.value().stripTrailingZeros().toPlainString(),
                DataValue::source).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("2022", "12",
                        DataSource.IMPORT), org.assertj.core.groups.Tuple.tuple("2023", "15", DataSource.IMPORT),
                org.assertj.core.groups.Tuple.tuple("2022", "1200.5", DataSource.IMPORT));
        assertThat(values()).filteredOn(value -> value.comment() != null).extracting(DataValue::comment)
                .containsExactly("Feuilles d'émargement");
    }

    @Test
    void anActivityLogInXlsxAddsUpItsDatedRowsByMonth() throws Exception {
        framework.addIndicator(evaluation, new IndicatorDraft("participants", "Participants", null, Measure.COUNT, null,
                null, null, null, null, PeriodType.MONTH, null, false, DataSource.IMPORT, null, null, null, null, null));
        byte[] workbook;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream output = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Journal");
            CellStyle dates = book.createCellStyle();
            dates.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Object[][] rows = { { "Date", "Atelier", "Indicateur", "Nombre" },
                    { LocalDate.of(2023, 3, 2), "Cuisine", "participants", 8 },
                    { LocalDate.of(2023, 3, 16), "Jardin", "participants", 11 },
                    { LocalDate.of(2023, 4, 6), "Cuisine", "participants", 9 } };
            for (int i = 0; i < rows.length; i++) {
                Row row = sheet.createRow(i);
                for (int j = 0; j < rows[i].length; j++) {
                    Object value = rows[i][j];
                    if (value instanceof LocalDate date) {
                        row.createCell(j).setCellValue(date);
                        row.getCell(j).setCellStyle(dates);
                    }
                    else if (value instanceof Integer number) {
                        row.createCell(j).setCellValue(number);
                    }
                    else {
                        row.createCell(j).setCellValue((String) value);
                    }
                }
            }
            book.write(output);
            workbook = output.toByteArray();
        }
        String token = upload(ImportKind.VALUES, workbook);
        ValueImporter.Preview preview = values.preview(token);
        assertThat(preview.firstRows().get(0).cells()).startsWith("2023-03-02");
        values.run(token, new ValueImporter.Mapping(2, 0, -1, 3, -1, true), QUIET);
        assertThat(values()).extracting(DataValue::period, value -> value.value().stripTrailingZeros().toPlainString())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("2023-03", "19"),
                        org.assertj.core.groups.Tuple.tuple("2023-04", "9"));
    }

    @Test
    void xlsFormFixturesBecomeUsableSurveys() throws Exception {
        XlsFormImporter.Preview yesNo = xlsForms.preview(upload(ImportKind.XLSFORM,
                Files.readAllBytes(FIXTURES.resolve("xlsform/yes_or_no_question.xlsx"))), null);
        assertThat(yesNo.form().fields()).singleElement().satisfies(field -> {
            assertThat(field.kind()).isEqualTo(QuestionKind.SINGLE);
            assertThat(field.label()).isEqualTo("have you had a good day today?");
            assertThat(field.choices()).extracting(Choice::code).containsExactly("yes", "no");
        });

        // the smallest form becomes a survey anyone answers through its public link
        ImportJobs.Outcome small = xlsForms.run(upload(ImportKind.XLSFORM,
                Files.readAllBytes(FIXTURES.resolve("xlsform/yes_or_no_question.xlsx"))), null, QUIET);
        Survey goodDay = surveys.survey(Long.parseLong(small.resultUrl().substring("/surveys/".length())));
        assertThat(answerService.answer(goodDay.waves().get(0).token(), Map.of("q" + goodDay.questions().get(0).id(),
                List.of("yes")), false, null, "test").valid()).isTrue();
        assertThat(responses(goodDay.id())).isEqualTo(1);

        String token = upload(ImportKind.XLSFORM,
                Files.readAllBytes(FIXTURES.resolve("xlsform/socio-economic-survey-v20240515.xlsx")));
        XlsFormImporter.Preview form = xlsForms.preview(token, null);
        assertThat(form.sections()).isNotZero();
        assertThat(form.read().notKept()).isNotEmpty();
        ImportJobs.Outcome outcome = xlsForms.run(token, null, QUIET);
        long id = Long.parseLong(outcome.resultUrl().substring("/surveys/".length()));
        Survey survey = surveys.survey(id);
        assertThat(survey.questions()).hasSize(form.questions());
        assertThat(survey.questions()).anySatisfy(question -> assertThat(question.labelEn()).isNotNull());
        assertThat(survey.questions()).filteredOn(question -> question.kind() == QuestionKind.SINGLE).isNotEmpty()
                .allSatisfy(question -> assertThat(question.choices()).hasSizeGreaterThanOrEqualTo(2));
        // French labels first: the English ones are the translation
        Question single = survey.questions().stream().filter(question -> question.kind() == QuestionKind.SINGLE)
                .findFirst().orElseThrow();
        assertThat(single.label()).isNotEqualTo(single.labelEn());

        for (String fixture : List.of("group.xlsx", "attribute_columns_test.xlsx")) {
            XlsFormImporter.Preview other = xlsForms.preview(upload(ImportKind.XLSFORM,
                    Files.readAllBytes(FIXTURES.resolve("xlsform/" + fixture))), "english");
            assertThat(other.questions()).as(fixture).isNotZero();
        }
        // (attribute_columns_test's names such as "label-test" become survey codes in SurveyService.createFrom)
        xlsForms.run(upload(ImportKind.XLSFORM, Files.readAllBytes(FIXTURES.resolve("xlsform/group.xlsx"))),
                "english", QUIET);
        assertThatThrownBy(() -> upload(ImportKind.XLSFORM, "type;name\ntext;x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleViolationException.class);
    }

    @Test
    void answersFromAKoboExportAndTheLimeSurveyFixture() throws Exception {
        long survey = surveys.create(evaluation, new SurveyDraft("Réponses importées", null, null, null, null));
        surveys.saveQuestion(survey, null, question("restaurant_name", QuestionKind.SHORT_TEXT, "Restaurant name",
                List.of()));
        surveys.saveQuestion(survey, null, question("customer_enjoyment", QuestionKind.SINGLE,
                "Did you enjoy your dining experience?", List.of(new Choice("yes", "Yes", null),
                        new Choice("no", "No", null))));
        String kobo = "start,group_a/restaurant_name,group_a/customer_enjoyment,_submission_time\n"
                + "2016-04-01,Felipes,yes,2016-04-01 19:57:45\n2016-04-02,Dunkin Donuts,No,2016-04-02 19:57:45\n"
                + "2016-04-03,McDonalds,peut-être,2016-04-03 19:57:45\n";
        String token = upload(ImportKind.ANSWERS, kobo.getBytes(StandardCharsets.UTF_8), survey);
        AnswerImporter.Preview preview = answers.preview(token);
        assertThat(preview.guess().questions()).hasSize(2);
        assertThat(preview.guess().date()).isEqualTo(3);
        assertThatThrownBy(() -> answers.run(token, preview.guess(), QUIET))
                .isInstanceOfSatisfying(ImportRefusedException.class, ex -> assertThat(ex.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.line()).isEqualTo(4);
                            assertThat(problem.column()).isEqualTo("group_a/customer_enjoyment");
                        }));
        assertThat(responses(survey)).isZero();
        String fixed = upload(ImportKind.ANSWERS, kobo.replace("peut-être", "yes").getBytes(StandardCharsets.UTF_8),
                survey);
        assertThat(answers.run(fixed, answers.preview(fixed).guess(), QUIET).message())
                .isEqualTo("3 réponses importées.");
        assertThat(responses(survey)).isEqualTo(3);

        long lime = surveys.create(evaluation, new SurveyDraft("LimeSurvey", null, null, null, null));
        surveys.saveQuestion(lime, null, question("gender", QuestionKind.SINGLE, "How do you identify?",
                List.of(new Choice("man", "Man", null), new Choice("woman", "Woman", null),
                        new Choice("-oth-", "Other", null))));
        surveys.saveQuestion(lime, null, question("age", QuestionKind.NUMBER, "How old are you?", List.of()));
        surveys.saveQuestion(lime, null, question("education", QuestionKind.MULTIPLE,
                "Which educations have you ever done or seem kind of interesting maybe later, when you have time?",
                List.of(new Choice("primary", "Primary School", null), new Choice("secondary", "Secondary School", null),
                        new Choice("tertiary", "Tertairy School", null),
                        new Choice("quartiary", "Quartiary School", null))));
        surveys.saveQuestion(lime, null, question("openness", QuestionKind.AGREEMENT, "Openness", List.of()));
        String limeToken = upload(ImportKind.ANSWERS,
                Files.readAllBytes(FIXTURES.resolve("limesurvey/survey_998192_R_data_file.csv")), lime);
        AnswerImporter.Preview limePreview = answers.preview(limeToken);
        Survey built = surveys.survey(lime);
        long education = built.questions().get(2).id();
        assertThat(limePreview.guess().questions()).containsKeys(built.questions().get(0).id(),
                built.questions().get(1).id());
        assertThat(limePreview.guess().choices().get(education)).hasSize(4);
        assertThat(limePreview.guess().date()).isEqualTo(1);
        Map<Long, Integer> columns = new HashMap<>(limePreview.guess().questions());
        columns.put(built.questions().get(3).id(), limePreview.table().column("Describe yourselves [Openness]"));
        answers.run(limeToken, new AnswerImporter.Mapping(columns, limePreview.guess().choices(),
                limePreview.guess().wave(), 1, false), QUIET);
        assertThat(responses(lime)).isEqualTo(7);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s AND answers ->> :q = '66'")
                .param("s", lime).param("q", String.valueOf(built.questions().get(1).id())).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT answers -> :q FROM survey_response WHERE survey_id = :s AND answers ->> :a = '4'")
                .param("s", lime).param("q", String.valueOf(education))
                .param("a", String.valueOf(built.questions().get(1).id())).query(String.class).single())
                .isEqualTo("[\"secondary\", \"tertiary\"]");
    }

    @Test
    void hostileFilesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> upload(ImportKind.VALUES, new byte[0])).isInstanceOfSatisfying(
                RuleViolationException.class, ex -> assertThat(ex.violations().get(0).code()).isEqualTo("import.file.empty"));
        assertThatThrownBy(() -> upload(ImportKind.VALUES, new byte[] { 'P', 'K', 3, 4, 0, 0, 1 }))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        ex -> assertThat(ex.violations().get(0).code()).isEqualTo("import.file.xlsx"));
        assertThatThrownBy(() -> upload(ImportKind.VALUES, "a;b\n1\u0000;2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> upload(ImportKind.VALUES, "\"a;b\n1;2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuleViolationException.class);
    }

    /**
     * A workbook whose sheet inflates a thousandfold (a zip bomb), and one whose sheet declares an
     * external entity pointing at a local file: both refused with a message, nothing read, nothing
     * written.
     */
    @Test
    void zipBombsAndExternalEntitiesInWorkbooksAreRefused() throws Exception {
        int before = values().size();
        byte[] bomb = TestFiles.workbookWithSheet("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + " ".repeat(50_000_000) + "<sheetData/></worksheet>");
        assertThatThrownBy(() -> upload(ImportKind.VALUES, bomb)).isInstanceOf(RuleViolationException.class);
        byte[] entity = TestFiles.workbookWithSheet("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row></sheetData></worksheet>");
        assertThatThrownBy(() -> upload(ImportKind.VALUES, entity)).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.toString()).doesNotContain("root:"));
        assertThat(values()).hasSize(before);
    }

    /**
     * The values workbook reads back as it was written (who entered each value, formulas kept as
     * text), and imported into another evaluation with the same indicators gives the same values.
     */
    @Test
    void theValuesWorkbookReadsBackAndImportsIntoAnotherEvaluation() throws Exception {
        long benevoles = framework.addIndicator(evaluation, indicator("benevoles", "Bénévoles actifs"));
        long heures = framework.addIndicator(evaluation, indicator("heures", "Heures de bénévolat"));
        framework.saveValues(evaluation, List.of(new CellInput(benevoles, "2022", "", "12", "Feuilles d'émargement"),
                new CellInput(benevoles, "2023", "", "15", "=HYPERLINK(\"http://ailleurs.example\")"),
                new CellInput(heures, "2022", "", "1 200,5", null), new CellInput(heures, "2024", "", "0,25", null)),
                DataSource.MANUAL);

        byte[] xlsx = valuesWorkbook.workbook(evaluation);
        String editorName = jdbc.sql("SELECT display_name FROM app_user WHERE id = :id")
                .param("id", jdbc.sql("SELECT entered_by FROM data_value WHERE evaluation_id = :e LIMIT 1")
                        .param("e", evaluation).query(Long.class).single()).query(String.class).single();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("Valeurs");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Indicateur");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            Row second = sheet.getRow(2);
            assertThat(second.getCell(0).getStringCellValue()).isEqualTo("benevoles");
            assertThat(second.getCell(2).getStringCellValue()).isEqualTo("2023");
            assertThat(second.getCell(4).getNumericCellValue()).isEqualTo(15);
            assertThat(second.getCell(7).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://ailleurs.example\")");
            assertThat(second.getCell(8).getStringCellValue()).isEqualTo(editorName);
            assertThat(second.getCell(9).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.now(clock));
            assertThat(sheet.getRow(3).getCell(4).getNumericCellValue()).isEqualTo(1200.5);
        }

        long other = evaluations.create(jdbc.sql("SELECT structure_id FROM evaluation WHERE id = :e")
                .param("e", evaluation).query(Long.class).single(), new EvaluationDraft("Copie", EvaluationScope.ACTION,
                        "Copie", LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31), null));
        framework.addIndicator(other, indicator("benevoles", "Bénévoles actifs"));
        framework.addIndicator(other, indicator("heures", "Heures de bénévolat"));
        String token = imports.upload(other, ImportKind.VALUES, null, "valeurs.xlsx", xlsx);
        values.run(token, new ValueImporter.Mapping(0, 2, 3, 4, 7, false), QUIET);
        assertThat(framework.values(other)).extracting(DataValue::period, value -> value.value().stripTrailingZeros()
                .toPlainString(), DataValue::comment).containsExactlyInAnyOrderElementsOf(values().stream()
                        .map(value -> org.assertj.core.groups.Tuple.tuple(value.period(), value.value()
                                .stripTrailingZeros().toPlainString(), value.comment() == null || !value.comment()
                                        .startsWith("=") ? value.comment() : "'" + value.comment())).toList());
    }

    private String upload(ImportKind kind, byte[] content) {
        return upload(kind, content, null);
    }

    private String upload(ImportKind kind, byte[] content, Long target) {
        return imports.upload(evaluation, kind, target, "fichier", content);
    }

    private List<DataValue> values() {
        return framework.values(evaluation);
    }

    private long responses(long survey) {
        return jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single();
    }

    private static IndicatorDraft indicator(String code, String name) {
        return new IndicatorDraft(code, name, null, Measure.COUNT, null, null, null, null, null, null, null, false,
                DataSource.IMPORT, null, null, null, null, null);
    }

    private static QuestionDraft question(String code, QuestionKind kind, String label, List<Choice> choices) {
        return new QuestionDraft(null, code, kind, label, null, null, null, false, false, null, null, null, null,
                choices);
    }
}
