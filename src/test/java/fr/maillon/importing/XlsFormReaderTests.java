package fr.maillon.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.QuestionKind;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Real XLSForms (pyxform's own test files, ODK's socio-economic form; see the fixtures' READMEs)
 * read as questionnaires: questions counted, groups nested where the file nests them and kept in
 * place, conditions and checks kept as written, the languages and which leads, what is not kept
 * listed with its row; then imported through the pages and through the API into surveys.
 */
@SpringBootTest
@AutoConfigureMockMvc
class XlsFormReaderTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
    }

    private static FormRead read(String fixture, String leadLanguage) throws Exception {
        return FormReaders.read(Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/" + fixture)), fixture,
                leadLanguage);
    }

    /** The form's outline: "name" for a question, "[name: …]" for a group, in order. */
    private static String outline(List<FormDefinition.Item> items) {
        List<String> parts = new ArrayList<>();
        for (FormDefinition.Item item : items) {
            parts.add(item instanceof FormDefinition.Group group ? "[" + group.name() + ": " + outline(group.items())
                    + "]" : ((FormDefinition.Field) item).name());
        }
        return String.join(", ", parts);
    }

    private static FormDefinition.Field field(FormRead read, String name) {
        return read.form().fields().stream().filter(field -> field.name().equals(name)).findFirst().orElseThrow();
    }

    private static FormDefinition.Group group(List<FormDefinition.Item> items, String name) {
        for (FormDefinition.Item item : items) {
            if (item instanceof FormDefinition.Group group) {
                if (group.name().equals(name)) {
                    return group;
                }
                try {
                    return group(group.items(), name);
                }
                catch (IllegalStateException ex) {
                    // not in this one
                }
            }
        }
        throw new IllegalStateException(name);
    }

    @Test
    void theSmallestFormReadsTheSameInItsFourLayouts() throws Exception {
        for (String fixture : List.of("yes_or_no_question.xlsx", "yes_or_no_question.csv", "yes_or_no_question.md")) {
            FormRead read = read(fixture, null);
            assertThat(read.form().fields()).as(fixture).singleElement().satisfies(field -> {
                assertThat(field.name()).isEqualTo("good_day");
                assertThat(field.kind()).isEqualTo(QuestionKind.SINGLE);
                assertThat(field.label()).isEqualTo("have you had a good day today?");
                assertThat(field.choices()).extracting(Choice::code).containsExactly("yes", "no");
            });
            assertThat(read.languages()).as(fixture).containsExactly("english");
        }
        assertThat(read("yes_or_no_question.csv", null).format()).isEqualTo(FileFormat.XLSFORM_CSV);
        assertThat(read("yes_or_no_question.md", null).format()).isEqualTo(FileFormat.XLSFORM_MARKDOWN);
        for (String fixture : List.of("group.xlsx", "group.xls", "group.csv", "group.md")) {
            FormRead read = read(fixture, null);
            // the question before the group stays before it
            assertThat(outline(read.form().items())).as(fixture).isEqualTo("family_name, [father: phone_number, age]");
            assertThat(group(read.form().items(), "father").title()).isEqualTo("Father");
            assertThat(read.languages()).containsExactly("English (en)");
            assertThat(read.notKept()).as(fixture).singleElement().satisfies(problem -> {
                assertThat(problem.column()).isEqualTo("phone_number");
                assertThat(problem.line()).isEqualTo(fixture.endsWith(".xlsx") || fixture.endsWith(".xls") ? 4 : 5);
            });
        }
        assertThat(read("group.xls", null).format()).isEqualTo(FileFormat.XLS);
    }

    @Test
    void theTutorialKeepsItsConditionsAndChecksAndAsksItsRepeatOnce() throws Exception {
        FormRead read = read("tutorial.xls", null);
        assertThat(read.format()).isEqualTo(FileFormat.XLS);
        assertThat(read.form().fields()).hasSize(10);
        assertThat(outline(read.form().items())).startsWith("[member: name, relationship_to_household_head, sex,");
        assertThat(field(read, "age_in_months").relevant()).isEqualTo("${older_than_five}='no'");
        assertThat(field(read, "age_in_months").constraint()).isEqualTo(". <= 72");
        assertThat(field(read, "age_in_years").constraint()).isEqualTo(". >= 5");
        assertThat(field(read, "literate").relevant())
                .isEqualTo("${sex}='female' and ${age_in_years}>=15 and ${age_in_years}<=49");
        assertThat(read.notKept()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo("member");
        });
    }

    @Test
    void theSpecFormKeepsNestingGroupConditionsChecksAndAsksWhichLanguageLeads() throws Exception {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        FormRead read = read("xlsform_spec_test.xlsx", null);
        // label-test has ODK's "label" appearance: a table's header row, nothing to answer
        assertThat(read.form().fields()).hasSize(17);
        assertThat(outline(read.form().items())).isEqualTo("skip_to_end, [everything: my_name, address, "
                + "text_image_audio_video_test, autocomplete_test, autocomplete_chars_test, a_integer, a_decimal, "
                + "[repeat_test: [group_test: required_text, select_multiple_test], [labeled_select_group: "
                + "list-nolabel-test], [name: table_list_question], compact-test, compact-2-test], _1, FALSE], launch");
        assertThat(read.notKept()).anySatisfy(problem -> assertThat(problem.column()).isEqualTo("label-test"));
        assertThat(group(read.form().items(), "everything").relevant()).isEqualTo("not(selected(${skip_to_end}, 'yes'))");
        FormDefinition.Field multiple = field(read, "select_multiple_test");
        assertThat(multiple.constraint()).isEqualTo("not(selected(., 'yes') and selected (., 'no'))");
        assertThat(multiple.constraintMessage()).isEqualTo("Sorry ${my_name}, you can't select yes and no.");
        assertThat(field(read, "a_decimal").constraint()).isEqualTo(". <= ${a_integer}");
        assertThat(field(read, "required_text").required()).isTrue();
        assertThat(field(read, "list-nolabel-test").required()).as("TRUE()").isTrue();
        assertThat(field(read, "select_multiple_test").required()).as("no").isFalse();
        // no French: the file's languages are listed, and the person importing must choose
        assertThat(read.languages()).containsExactly("english", "chinese");
        assertThat(FormReaders.needsLeadLanguage(read, null)).isTrue();
        assertThat(read.notKept()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(15);
            assertThat(problem.column()).isEqualTo("repeat_test");
            assertThat(problem.message()).contains("répété");
        });
        assertThat(read.notKept()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(31);
            assertThat(problem.column()).isEqualTo("date_test");
        });

        FormRead chinese = read("xlsform_spec_test.xlsx", "chinese");
        assertThat(chinese.languages()).containsExactly("chinese", "english");
        FormDefinition.Field address = field(chinese, "address");
        assertThat(address.label()).isEqualTo("您好");
        assertThat(address.labelEn()).isEqualTo("Enter an address");
        assertThat(field(chinese, "select_multiple_test").constraintMessage()).startsWith("對不起 ${my_name}");
        assertThat(field(chinese, "select_multiple_test").constraintMessageEn())
                .isEqualTo("Sorry ${my_name}, you can't select yes and no.");
        assertThatThrownBy(() -> read("xlsform_spec_test.xlsx", "Kiswahili"))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0).code())
                        .isEqualTo("import.form.leadLanguage.unknown"));
    }

    @Test
    void frenchLeadsTheSocioEconomicFormAndItsConditionsOnNumbersAreKept() throws Exception {
        FormRead read = read("socio-economic-survey-v20240515.xlsx", null);
        assertThat(read.languages()).containsExactly("French (fr)", "English (en)");
        assertThat(FormReaders.needsLeadLanguage(read, null)).isFalse();
        assertThat(read.form().title()).isEqualTo("Socio-economic Survey");
        assertThat(read.form().fields()).hasSize(17);
        assertThat(outline(read.form().items())).isEqualTo("[headOfHousehold: region, district, residentialAddress, "
                + "primaryContactNo, SecondaryContactNo, householdIncome, se_list, SEClass], [informationTechnology: "
                + "internetHH, internetType], [familyMembers: [persons: firstNameFM, gender, [health: healthVisit, "
                + "healthFacility, reasonForNoHealthVisit, diseases]]], comments");
        FormDefinition.Group household = group(read.form().items(), "headOfHousehold");
        assertThat(household.title()).isEqualTo("Informations sur le ménage");
        assertThat(household.titleEn()).isEqualTo("Household Information");
        assertThat(field(read, "internetType").relevant()).isEqualTo("${internetHH} = 1");
        assertThat(field(read, "healthFacility").relevant()).isEqualTo("${healthVisit} = 1");
        assertThat(field(read, "reasonForNoHealthVisit").relevant()).isEqualTo("${healthVisit} = 2");
        assertThat(field(read, "healthFacility").constraint()).isEqualTo("count-selected(.)<=3");
        assertThat(field(read, "healthFacility").constraintMessage()).isEqualTo("Up to 3 options can be selected");
        assertThat(field(read, "internetHH").label()).isEqualTo("Le ménage a-t-il accès à Internet ?");
        assertThat(field(read, "internetHH").labelEn()).isEqualTo("Does the household have access to internet?");
        assertThat(field(read, "internetHH").choices()).extracting(Choice::code, Choice::label, Choice::labelEn)
                .startsWith(org.assertj.core.groups.Tuple.tuple("1", "Oui", "Yes"));
        assertThat(field(read, "region").required()).as("TRUE").isTrue();
        assertThat(field(read, "comments").kind()).isEqualTo(QuestionKind.LONG_TEXT);
        assertThat(read.notKept()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(22);
            assertThat(problem.column()).isEqualTo("familyMembers");
        });
        assertThat(read.notKept()).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(6);
            assertThat(problem.column()).isEqualTo("district");
            assertThat(problem.message()).contains("region=${region}");
        });
    }

    @Test
    void otherChoicesLoopsAndUpperCaseHeadersAreReadAsDocumented() throws Exception {
        FormRead other = read("or_other.xlsx", null);
        assertThat(field(other, "fav_color").orOther()).isTrue();
        assertThat(field(other, "fav_color").choices()).hasSize(5);
        assertThat(field(other, "fav_pastel").orOther()).isFalse();
        assertThat(field(read("specify_other.xlsx", null), "sex").orOther()).isTrue();

        FormRead loop = read("loop.xls", null);
        assertThat(field(loop, "available_toilet_types").orOther()).isTrue();
        assertThat(outline(loop.form().items())).isEqualTo("available_toilet_types, "
                + "[loop_toilet_types_pit_latrine_with_slab: number_pit_latrine_with_slab], "
                + "[loop_toilet_types_open_pit_latrine: number_open_pit_latrine], "
                + "[loop_toilet_types_bucket_system: number_bucket_system]");
        assertThat(field(loop, "number_bucket_system").label()).isEqualTo("How many Bucket system are on the premises?");
        assertThat(loop.form().fields()).noneMatch(field -> field.label().contains("%("));
        assertThat(loop.notKept()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo("loop_toilet_types");
        });

        for (String fixture : List.of("case_insensitivity.xlsx", "case_insensitivity.md")) {
            FormRead upper = read(fixture, null);
            assertThat(upper.form().title()).isEqualTo("Yes or no");
            assertThat(outline(upper.form().items())).isEqualTo("q1");
            assertThat(field(upper, "q1").label()).isEqualTo("Are you good?");
            assertThat(upper.notKept()).extracting(ImportProblem::column).containsExactly("q2", "q3");
        }
    }

    /** A workbook's sheets as a test writes them: survey rows (type, name, then texts), choices. */
    private static Map<String, Table> sheets(List<String> surveyHeaders, List<List<String>> surveyRows,
            List<String> choiceHeaders, List<List<String>> choiceRows) {
        Function<List<List<String>>, List<Table.Row>> rows = cells -> {
            List<Table.Row> list = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                list.add(new Table.Row(i + 2, cells.get(i)));
            }
            return list;
        };
        return Map.of("survey", new Table(surveyHeaders, rows.apply(surveyRows), "XLSX"), "choices",
                new Table(choiceHeaders, rows.apply(choiceRows), "XLSX"));
    }

    @Test
    void swahiliNeverLeadsSilentlyLongTextsAreListedAndLimitsAreNamed() {
        Map<String, Table> swahili = sheets(List.of("type", "name", "label::Kiswahili (sw)", "label::English (en)"),
                List.of(List.of("text", "jina", "Jina lako ni nani?", "What is your name?")), List.of("list_name"),
                List.of());
        FormRead read = XlsFormReader.read(swahili, "fomu.xlsx", null);
        assertThat(read.languages()).containsExactly("Kiswahili (sw)", "English (en)");
        assertThat(FormReaders.needsLeadLanguage(read, null)).isTrue();
        FormRead english = XlsFormReader.read(swahili, "fomu.xlsx", "English (en)");
        assertThat(english.form().fields().get(0).label()).isEqualTo("What is your name?");
        assertThat(english.languages()).containsExactly("English (en)", "Kiswahili (sw)");

        String long771 = "x".repeat(771);
        String tooLong = "y".repeat(10_001);
        FormRead texts = XlsFormReader.read(sheets(List.of("type", "name", "label", "hint"),
                List.of(List.of("text", "a", long771, ""), List.of("text", "b", "B", tooLong)), List.of("list_name"),
                List.of()), "f.xlsx", null);
        assertThat(texts.form().fields().get(0).label()).hasSize(771);
        assertThat(texts.form().fields().get(1).hint()).hasSize(10_000);
        assertThat(texts.notKept()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo("b");
        });

        List<List<String>> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(List.of("integer", "q" + i, "Q" + i));
        }
        assertThat(XlsFormReader.read(sheets(List.of("type", "name", "label"), many.subList(0, 1_000),
                List.of("list_name"), List.of()), "f.xlsx", null).form().fields()).hasSize(1_000);
        assertThatThrownBy(() -> XlsFormReader.read(sheets(List.of("type", "name", "label"), many,
                List.of("list_name"), List.of()), "f.xlsx", null)).isInstanceOfSatisfying(RuleViolationException.class,
                        ex -> assertThat(ex.violations().get(0).arguments()).containsExactly(1_000, 1_002));

        List<List<String>> choices = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            choices.add(List.of(i < 500 ? "big" : "bigger", "c" + i, "C" + i));
        }
        choices.addAll(choices.subList(0, 500).stream().map(row -> List.of("bigger", row.get(1), row.get(2))).toList());
        FormRead lists = XlsFormReader.read(sheets(List.of("type", "name", "label"),
                List.of(List.of("select_one big", "five_hundred", "500"), List.of("select_one bigger", "more", "501")),
                List.of("list_name", "name", "label"), choices), "f.xlsx", null);
        assertThat(lists.form().fields()).singleElement().satisfies(field -> assertThat(field.choices()).hasSize(500));
        assertThat(lists.notKept()).singleElement().satisfies(problem -> {
            assertThat(problem.column()).isEqualTo("more");
            assertThat(problem.line()).isEqualTo(3);
        });
    }

    @Test
    void unbalancedAndTooDeepGroupsAreRefusedWithTheirRow() {
        List<String> headers = List.of("type", "name", "label");
        assertThatThrownBy(() -> XlsFormReader.read(sheets(headers, List.of(List.of("text", "a", "A"),
                List.of("end group", "", "")), List.of("list_name"), List.of()), "f.xlsx", null))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> {
                    assertThat(ex.violations().get(0).code()).isEqualTo("import.xlsform.unbalanced");
                    assertThat(ex.violations().get(0).arguments()[0]).isEqualTo(3);
                });
        assertThatThrownBy(() -> XlsFormReader.read(sheets(headers, List.of(List.of("begin repeat", "r", "R"),
                List.of("text", "a", "A")), List.of("list_name"), List.of()), "f.xlsx", null))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0).code())
                        .isEqualTo("import.xlsform.unclosed"));
        List<List<String>> deep = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            deep.add(List.of("begin group", "g" + i, ""));
        }
        assertThatThrownBy(() -> XlsFormReader.read(sheets(headers, deep, List.of("list_name"), List.of()), "f.xlsx",
                null)).isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0)
                        .code()).isEqualTo("import.xlsform.tooDeep"));
    }

    @Test
    void knownFilesThatAreNotXlsFormsAreRefusedWithWhatTheyAre() throws Exception {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        byte[] xform = Files.readAllBytes(TestFiles.FIXTURES.resolve("odk/1-static-selects.xml"));
        assertThat(FormReaders.read(xform, "form.xml", null).format()).isEqualTo(FileFormat.XFORM);
        byte[] dhis2 = Files.readAllBytes(TestFiles.FIXTURES.resolve("dhis2/dataValues_single_dataset.json"));
        assertThatThrownBy(() -> FormReaders.read(dhis2, "export.json", null)).isInstanceOfSatisfying(
                RuleViolationException.class, ex -> {
                    assertThat(ex.violations().get(0).code()).isEqualTo("import.refused");
                    assertThat(ReaderMessages.text(ex.violations().get(0).code(), ex.violations().get(0).arguments()))
                            .contains("DHIS2").contains("Valeurs d'indicateurs");
                });
        assertThatThrownBy(() -> FormReaders.read("Indicateur;Valeur\na;1\n".getBytes(StandardCharsets.UTF_8),
                "a.csv", null)).isInstanceOf(RuleViolationException.class);
    }

    // --- end to end, on PostgreSQL -------------------------------------------------------------

    private TestUsers.Created editorWithEvaluation(List<Long> evaluation) {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation.add(evaluations.create(editor.structureId(), new EvaluationDraft("Questionnaires",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31), null)));
        SecurityContextHolder.clearContext();
        return editor;
    }

    private long surveys(long evaluation) {
        return jdbc.sql("SELECT count(*) FROM survey WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();
    }

    @Test
    void anOldExcelFormImportsThroughThePagesAndAFormWithoutFrenchAsksItsLanguage() throws Exception {
        List<Long> ids = new ArrayList<>();
        TestUsers.Created editor = editorWithEvaluation(ids);
        long evaluation = ids.get(0);
        byte[] tutorial = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/tutorial.xls"));
        String preview = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "tutorial.xls", "application/vnd.ms-excel", tutorial)).param("kind", "XLSFORM")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(preview).startsWith("/imports/");
        String page = mvc.perform(get(preview).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("Fichier reconnu : classeur Excel ancien (.xls).")
                .contains("${older_than_five}=&#39;no&#39;").contains(". &lt;= 72").contains("Ligne 2, member");
        String job = mvc.perform(post(preview).with(users.as(editor.username())).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        String result = waitFor(job, editor);
        assertThat(result).contains("10 questions importées");
        assertThat(surveys(evaluation)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = :e").param("e", evaluation).query(Long.class).single()).isEqualTo(10);

        // no French: the preview asks, and the import refuses to guess
        byte[] spec = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/xlsform_spec_test.xlsx"));
        String second = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "spec.xlsx", "application/octet-stream", spec)).param("kind", "XLSFORM")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        String asking = mvc.perform(get(second).with(users.as(editor.username()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(asking).contains("pas de texte en français").contains("<option value=\"chinese\"");
        String shown = mvc.perform(get(second).param("leadLanguage", "chinese").with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("您好").contains("name=\"leadLanguage\" value=\"chinese\"");
        String refused = waitFor(mvc.perform(post(second).with(users.as(editor.username())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl(), editor);
        assertThat(refused).contains("leadLanguage");
        assertThat(surveys(evaluation)).isEqualTo(1);

        // a known file of another kind: named, with the way to a readable one, never a Java text
        String pdf = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "rapport.pdf", "application/pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)))
                .param("kind", "XLSFORM").with(users.as(editor.username())).with(csrf())).andReturn().getResponse()
                .getContentAsString();
        assertThat(pdf).contains("Fichier reconnu : PDF.").contains("CSV ou XLSX");
        String csv = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "valeurs.csv", "text/csv", "Indicateur;Valeur\n\"a\"b;1\n".getBytes(StandardCharsets.UTF_8)))
                .param("kind", "VALUES").with(users.as(editor.username())).with(csrf())).andReturn().getResponse()
                .getContentAsString();
        assertThat(csv).contains("vers la ligne 2").doesNotContain("org.apache").doesNotContain("Exception");
        String lss = mvc.perform(multipart("/evaluations/{e}/imports", evaluation).file(new MockMultipartFile(
                "file", "enquete.lss", "application/xml", Files.readAllBytes(TestFiles.FIXTURES.resolve(
                        "limesurvey/ls5_sample_survey_multilingual_fr_de_en_it.lss")))).param("kind", "VALUES")
                .with(users.as(editor.username())).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(lss).contains("structure de questionnaire LimeSurvey").contains("Questionnaire");
    }

    private String waitFor(String job, TestUsers.Created editor) throws Exception {
        assertThat(job).startsWith("/imports/jobs/");
        String result = "";
        for (int i = 0; i < 200 && (result.isEmpty() || result.contains("<progress")); i++) {
            Thread.sleep(50);
            result = mvc.perform(get(job).with(users.as(editor.username()))).andReturn().getResponse()
                    .getContentAsString();
        }
        return result;
    }

    @Test
    void theApiImportsAFormAndAnswersWithWhatWasNotKeptOrEachProblem() throws Exception {
        List<Long> ids = new ArrayList<>();
        TestUsers.Created editor = editorWithEvaluation(ids);
        long evaluation = ids.get(0);
        // from her signed-in session: no password to check, so no other class's sign-in failures count
        String token = mvc.perform(post("/api/v1/tokens").with(users.as(editor.username())).with(csrf())
                .contentType("application/json").content("{\"label\":\"api\"}")).andReturn().getResponse()
                .getContentAsString()
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        MockHttpServletResponse created = mvc.perform(multipart("/api/v1/evaluations/{e}/surveys/import", evaluation)
                .file(new MockMultipartFile("file", "group.csv", "text/csv",
                        Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/group.csv"))))
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        String body = created.getContentAsString();
        assertThat(body).contains("\"format\":\"XLSFORM_CSV\"").contains("\"line\":5")
                .contains("\"name\":\"phone_number\"");
        long survey = Long.parseLong(body.replaceAll(".*\"surveyId\":(\\d+).*", "$1"));
        String read = mvc.perform(get("/api/v1/surveys/{s}", survey).header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getContentAsString();
        assertThat(read).contains("family_name").contains("phone_number").contains("Father");
        assertThat(surveys(evaluation)).isEqualTo(1);

        MockHttpServletResponse noLanguage = mvc.perform(multipart("/api/v1/evaluations/{e}/surveys/import",
                evaluation).file(new MockMultipartFile("file", "spec.xlsx", "application/octet-stream",
                        Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/xlsform_spec_test.xlsx"))))
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(noLanguage.getStatus()).isEqualTo(422);
        assertThat(noLanguage.getContentAsString()).contains("\"format\":\"XLSX\"").contains("leadLanguage")
                .contains("english, chinese");

        MockHttpServletResponse dhis2 = mvc.perform(multipart("/api/v1/evaluations/{e}/surveys/import", evaluation)
                .file(new MockMultipartFile("file", "values.json", "application/json",
                        Files.readAllBytes(TestFiles.FIXTURES.resolve("dhis2/dataValues_single_dataset.json"))))
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(dhis2.getStatus()).isEqualTo(422);
        assertThat(dhis2.getContentAsString()).contains("\"format\":\"DHIS2_JSON\"").contains("errors")
                .doesNotContain("Exception");

        MockHttpServletResponse unbalanced = mvc.perform(multipart("/api/v1/evaluations/{e}/surveys/import",
                evaluation).file(new MockMultipartFile("file", "f.csv", "text/csv",
                        "survey,,,\n,type,name,label\n,text,a,A\n,end group,,\n".getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(unbalanced.getStatus()).isEqualTo(422);
        assertThat(unbalanced.getContentAsString()).contains("\"format\":\"XLSFORM_CSV\"").contains("4");
        assertThat(surveys(evaluation)).isEqualTo(1);

        // a reader of the structure may not import; another structure does not see the evaluation
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_EDITOR);
        int status = mvc.perform(multipart("/api/v1/evaluations/{e}/surveys/import", evaluation)
                .file(new MockMultipartFile("file", "group.csv", "text/csv",
                        Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/group.csv"))))
                .with(users.as(stranger.username())).with(csrf())).andReturn().getResponse().getStatus();
        assertThat(status).isIn(403, 404);
        assertThat(surveys(evaluation)).isEqualTo(1);
    }
}
