package fr.maillon.importing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

import fr.maillon.TestClock;
import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Choice;
import fr.maillon.survey.QuestionDraft;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Answers exports as the tools write them: KoboToolbox's own test exports (CSV with one 0/1 column
 * per choice, CSV with both layouts and group prefixes, XLSX), a Kobo export headed by group paths
 * in upper case, LimeSurvey exports headed by codes and by full texts. Columns map without help,
 * Kobo's UTC times are stored as the instants they name, the same file twice stores nothing twice,
 * the mapping is remembered, and the API answers 201 or 422 with each problem.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AnswerImportFormatsTests {

    static final Path FIXTURES = TestFiles.FIXTURES;
    static final List<String> TRANSPORT = List.of("ambulance", "bicycle", "boat_canoe", "bus", "donkey_mule_cart",
            "keke_pepe", "lorry", "motorbike", "taxi", "other");

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    ImportService imports;

    @Autowired
    AnswerImporter answers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    MockMvc mvc;

    long evaluation;
    TestUsers.Created editor;

    @BeforeEach
    void setUp() {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Réponses", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2010, 1, 1), LocalDate.of(2030, 12, 31), null));
        clock.set(Instant.parse("2026-03-14T23:30:00Z"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        LocaleContextHolder.resetLocaleContext();
        clock.reset();
    }

    @Test
    void koboExportWithAColumnPerChoiceMapsItselfStoresUtcInstantsAndStoresNothingTwice() throws Exception {
        long survey = transportSurvey();
        byte[] file = Files.readAllBytes(FIXTURES.resolve("kobo/transportation.csv"));
        AnswerImporter.Preview preview = answers.preview(upload(file, survey));
        Survey built = surveys.survey(survey);
        long types = built.questions().get(0).id();
        assertThat(preview.guess().questions()).containsOnlyKeys(built.questions().get(1).id());
        assertThat(preview.guess().choices().get(types)).containsOnlyKeys(TRANSPORT);
        assertThat(preview.guess().date()).isEqualTo(preview.table().column("_submission_time"));
        // the old loop's columns answer no question: listed, not imported
        assertThat(preview.unused()).hasSize(9).allMatch(header -> header.contains("loop_over_transport_types"));
        assertThat(answers.run(upload(file, survey), preview.guess(), ImportJobs.Progress.NONE).message())
                .isEqualTo("4 réponses importées.");
        // KoboToolbox writes _submission_time in UTC without a zone: 15:37:21 UTC, 16:37:21 in Paris
        assertThat(jdbc.sql("SELECT min(submitted_at) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2013-02-14T15:37:21Z"));
        assertThat(jdbc.sql("SELECT answers -> :q FROM survey_response WHERE survey_id = :s ORDER BY submitted_at")
                .param("s", survey).param("q", String.valueOf(types)).query(String.class).list())
                .containsExactly(null, "[\"ambulance\", \"bicycle\"]", "[\"ambulance\"]", "[\"taxi\", \"other\"]");
        // the same file again: every _uuid is already there
        assertThat(answers.run(upload(file, survey), answers.preview(upload(file, survey)).guess(),
                ImportJobs.Progress.NONE).message()).isEqualTo("Aucune réponse importée ; 4 étaient déjà là.");
        assertThat(responses(survey)).isEqualTo(4);
    }

    @Test
    void koboExportsWithCodesSeparatedBySpacesInCsvAndXlsxMapThemselves() throws Exception {
        long children = surveys.create(evaluation, new SurveyDraft("Enfants", null, null, null, null));
        surveys.saveQuestion(children, null, question("name", QuestionKind.SHORT_TEXT, "Name", List.of()));
        surveys.saveQuestion(children, null, question("age", QuestionKind.NUMBER, "Age", List.of()));
        surveys.saveQuestion(children, null, question("fav_colors", QuestionKind.MULTIPLE, "Favourite colours",
                choices("red", "blue", "pink")));
        surveys.saveQuestion(children, null, question("ice_creams", QuestionKind.MULTIPLE, "Ice creams",
                choices("vanilla", "strawberry", "chocolate")));
        byte[] file = Files.readAllBytes(FIXTURES.resolve("kobo/children.csv"));
        AnswerImporter.Preview preview = answers.preview(upload(file, children));
        assertThat(preview.guess().questions()).hasSize(4);
        answers.run(upload(file, children), preview.guess(), ImportJobs.Progress.NONE);
        Survey built = surveys.survey(children);
        assertThat(jdbc.sql("SELECT answers::text FROM survey_response WHERE survey_id = :s AND answers ->> :n = 'Mike'")
                .param("s", children).param("n", String.valueOf(built.questions().get(0).id())).query(String.class)
                .single()).contains("[\"red\", \"blue\"]", "[\"vanilla\", \"chocolate\"]");
        // no _uuid in this file: the same lines again are known by their content
        answers.run(upload(file, children), preview.guess(), ImportJobs.Progress.NONE);
        assertThat(responses(children)).isEqualTo(3);

        long survey = transportSurvey();
        byte[] workbook = Files.readAllBytes(FIXTURES.resolve("kobo/transportation_export.xlsx"));
        AnswerImporter.Preview xlsx = answers.preview(upload(workbook, survey));
        Survey transport = surveys.survey(survey);
        assertThat(xlsx.guess().questions()).containsOnlyKeys(transport.questions().get(0).id(),
                transport.questions().get(1).id());
        // its first response answers "none", not a choice of the form: refused, named by row and column
        assertThatThrownBy(() -> answers.run(upload(workbook, survey), xlsx.guess(), ImportJobs.Progress.NONE))
                .isInstanceOfSatisfying(ImportRefusedException.class, ex -> assertThat(ex.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.line()).isEqualTo(2);
                            assertThat(problem.column())
                                    .isEqualTo("transport/available_transportation_types_to_referral_facility");
                        }));
        assertThat(responses(survey)).isZero();
        // the other layout of the same answers, one 0/1 column per choice (B to K), imports
        Map<String, Integer> marks = new java.util.HashMap<>();
        for (int i = 0; i < TRANSPORT.size(); i++) {
            marks.put(TRANSPORT.get(i), i + 1);
        }
        long other = transport.questions().get(1).id();
        answers.run(upload(workbook, survey), new AnswerImporter.Mapping(Map.of(other, xlsx.guess().questions()
                .get(other)), Map.of(transport.questions().get(0).id(), marks), xlsx.guess().wave(),
                xlsx.guess().date(), false), ImportJobs.Progress.NONE);
        assertThat(responses(survey)).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s AND jsonb_exists(answers -> :q, 'taxi')")
                .param("s", survey).param("q", String.valueOf(transport.questions().get(0).id())).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void koboColumnsMatchWithoutRegardToCaseAccentsOrGroupsAndSubmissionTimesAreUtc() {
        long survey = surveys.create(evaluation, new SurveyDraft("Kobo", null, null, null, null));
        surveys.saveQuestion(survey, null, question("nom_complet", QuestionKind.SHORT_TEXT, "Nom complet", List.of()));
        surveys.saveQuestion(survey, null, question("age", QuestionKind.NUMBER, "Âge", List.of()));
        surveys.saveQuestion(survey, null, question("aides", QuestionKind.MULTIPLE, "Aides reçues",
                choices("caf", "mairie")));
        surveys.saveQuestion(survey, null, question("satisfait", QuestionKind.YES_NO, "Êtes-vous satisfait ?",
                List.of()));
        String kobo = "start;end;Identite/Nom_Complet;Identite-AGE;AIDES/caf;AIDES/mairie;ETES-VOUS SATISFAIT ?;"
                + "_id;_uuid;_submission_time;_index\n"
                + "2024-03-01T10:00:00.000+01:00;2024-03-01T10:10:00.000+01:00;Awa;34;1;0;oui;11;a1;2024-03-01T09:15:32;1\n"
                + "2024-03-02T10:00:00.000+01:00;2024-03-02T10:10:00.000+01:00;Jean;51;1;1;non;12;a2;2024-07-02T09:15:32;2\n";
        byte[] file = kobo.getBytes(StandardCharsets.UTF_8);
        AnswerImporter.Preview preview = answers.preview(upload(file, survey));
        assertThat(preview.guess().questions()).hasSize(3);
        assertThat(preview.guess().choices()).hasSize(1);
        assertThat(preview.unused()).isEmpty();
        answers.run(upload(file, survey), preview.guess(), ImportJobs.Progress.NONE);
        // in winter and in summer alike, the instant Kobo wrote (in UTC), not one or two hours early
        assertThat(jdbc.sql("SELECT submitted_at FROM survey_response WHERE survey_id = :s ORDER BY submitted_at")
                .param("s", survey).query(java.sql.Timestamp.class).list()).extracting(java.sql.Timestamp::toInstant)
                .containsExactly(Instant.parse("2024-03-01T09:15:32Z"), Instant.parse("2024-07-02T09:15:32Z"));
    }

    @Test
    void limeSurveyExportsHeadedByCodesOrTextsMapThemselvesAndIncompleteResponsesAreListed() throws Exception {
        long survey = surveys.create(evaluation, new SurveyDraft("LimeSurvey", null, null, null, null));
        surveys.saveQuestion(survey, null, question("Q1", QuestionKind.SINGLE, "Votre quartier", choices("A1", "A2")));
        // an array read from .lss: one question per subquestion, named q2_sq001
        surveys.saveQuestion(survey, null, question("Q2_SQ001", QuestionKind.SINGLE, "Accueil",
                choices("A1", "A2", "A3")));
        surveys.saveQuestion(survey, null, question("Q2_SQ002", QuestionKind.SINGLE, "Activités",
                choices("A1", "A2", "A3")));
        surveys.saveQuestion(survey, null, question("Q3", QuestionKind.MULTIPLE, "Ce que vous faites",
                choices("SQ001", "SQ002")));
        String lime = "\"id\",\"submitdate\",\"lastpage\",\"startlanguage\",\"seed\",\"startdate\",\"datestamp\","
                + "\"Q1\",\"Q2[SQ001]\",\"Q2[SQ002]\",\"Q3[SQ001]\",\"Q3[SQ002]\",\"Q3[other]\"\n"
                + "\"1\",\"2024-03-01 10:00:00\",\"3\",\"fr\",\"123\",\"2024-03-01 09:50:00\",\"2024-03-01 10:00:00\","
                + "\"A1\",\"A2\",\"A3\",\"Y\",\"\",\"\"\n"
                + "\"2\",\"\",\"1\",\"fr\",\"456\",\"2024-03-02 09:50:00\",\"2024-03-02 09:55:00\","
                + "\"A2\",\"\",\"\",\"\",\"Y\",\"jardin\"\n";
        byte[] file = lime.getBytes(StandardCharsets.UTF_8);
        AnswerImporter.Preview preview = answers.preview(upload(file, survey));
        Survey built = surveys.survey(survey);
        assertThat(preview.guess().questions()).containsOnlyKeys(built.questions().get(0).id(),
                built.questions().get(1).id(), built.questions().get(2).id());
        assertThat(preview.guess().choices().get(built.questions().get(3).id())).containsOnlyKeys("SQ001", "SQ002");
        assertThat(preview.incomplete()).containsExactly(3);
        assertThat(preview.unused()).containsExactly("Q3[other]");
        answers.run(upload(file, survey), preview.guess(), ImportJobs.Progress.NONE);
        // submitdate in the configured zone (Paris); the incomplete one dated by its last action
        assertThat(jdbc.sql("SELECT submitted_at FROM survey_response WHERE survey_id = :s ORDER BY submitted_at")
                .param("s", survey).query(java.sql.Timestamp.class).list()).extracting(java.sql.Timestamp::toInstant)
                .containsExactly(Instant.parse("2024-03-01T09:00:00Z"), Instant.parse("2024-03-02T08:55:00Z"));

        // the real export headed by full question texts, subquestions in brackets
        long texts = surveys.create(evaluation, new SurveyDraft("LimeSurvey textes", null, null, null, null));
        surveys.saveQuestion(texts, null, question("gender", QuestionKind.SINGLE, "How do you identify?",
                List.of(new Choice("man", "Man", null), new Choice("woman", "Woman", null))));
        surveys.saveQuestion(texts, null, question("age", QuestionKind.NUMBER, "How old are you?", List.of()));
        surveys.saveQuestion(texts, null, question("education", QuestionKind.MULTIPLE,
                "Which educations have you ever done or seem kind of interesting maybe later, when you have time?",
                List.of(new Choice("primary", "Primary School", null), new Choice("secondary", "Secondary School", null),
                        new Choice("tertiary", "Tertairy School", null),
                        new Choice("quartiary", "Quartiary School", null))));
        surveys.saveQuestion(texts, null, question("openness", QuestionKind.AGREEMENT, "Openness", List.of()));
        byte[] real = Files.readAllBytes(FIXTURES.resolve("limesurvey/survey_998192_R_data_file.csv"));
        AnswerImporter.Preview textPreview = answers.preview(upload(real, texts));
        Survey textSurvey = surveys.survey(texts);
        assertThat(textPreview.guess().questions()).containsOnlyKeys(textSurvey.questions().get(0).id(),
                textSurvey.questions().get(1).id(), textSurvey.questions().get(3).id());
        assertThat(textPreview.guess().questions().get(textSurvey.questions().get(3).id()))
                .isEqualTo(textPreview.table().column("Describe yourselves [Openness]"));
        assertThat(textPreview.guess().choices().get(textSurvey.questions().get(2).id())).hasSize(4);
        assertThat(textPreview.incomplete()).hasSize(5);
        assertThat(textPreview.rows()).isEqualTo(7);
    }

    /**
     * A LimeSurvey archive (.lsa), generated here in the layout LimeSurvey writes (the survey's .lss,
     * then its responses' .lsr whose fields are named survey X group X question id): its columns are
     * headed by the questions' codes, then map like a CSV export headed by codes.
     */
    @Test
    void aLimeSurveyArchiveImportsItsResponsesByQuestionCode() throws Exception {
        long survey = surveys.create(evaluation, new SurveyDraft("Archive", null, null, null, null));
        surveys.saveQuestion(survey, null, question("Q00", QuestionKind.MULTIPLE, "Couleurs",
                choices("SQ001", "SQ002", "SQ011")));
        surveys.saveQuestion(survey, null, question("G01Q02", QuestionKind.LONG_TEXT, "Pourquoi", List.of()));
        surveys.saveQuestion(survey, null, question("G02Q04", QuestionKind.SINGLE, "Préférée", choices("AO01", "AO02")));
        String lss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>606</DBVersion>
                <questions><rows>
                <row><qid><![CDATA[3]]></qid><parent_qid><![CDATA[0]]></parent_qid><sid>841748</sid><gid>3</gid><type>M</type><title><![CDATA[Q00]]></title></row>
                <row><qid><![CDATA[26]]></qid><parent_qid><![CDATA[0]]></parent_qid><gid>3</gid><type>T</type><title><![CDATA[G01Q02]]></title></row>
                <row><qid><![CDATA[28]]></qid><parent_qid><![CDATA[0]]></parent_qid><gid>4</gid><type>L</type><title><![CDATA[G02Q04]]></title></row>
                </rows></questions>
                <subquestions><rows>
                <row><qid><![CDATA[15]]></qid><parent_qid><![CDATA[3]]></parent_qid><title><![CDATA[SQ001]]></title></row>
                </rows></subquestions>
                </document>
                """;
        String lsr = """
                <?xml version="1.0" encoding="UTF-8"?>
                <document><LimeSurveyDocType>Responses</LimeSurveyDocType><DBVersion>606</DBVersion><responses><fields><fieldname>id</fieldname><fieldname>submitdate</fieldname><fieldname>lastpage</fieldname><fieldname>841748X3X3SQ001</fieldname><fieldname>841748X3X3SQ002</fieldname><fieldname>841748X3X3SQ011</fieldname><fieldname>841748X3X26</fieldname><fieldname>841748X4X28</fieldname></fields><rows>
                <row><id><![CDATA[1]]></id><submitdate><![CDATA[2024-05-02 14:00:00]]></submitdate><lastpage>2</lastpage><_841748X3X3SQ001/><_841748X3X3SQ002/><_841748X3X3SQ011><![CDATA[Y]]></_841748X3X3SQ011><_841748X3X26><![CDATA[J'aime le métal]]></_841748X3X26><_841748X4X28><![CDATA[AO01]]></_841748X4X28></row>
                <row><id><![CDATA[2]]></id><submitdate><![CDATA[2024-05-03 14:00:00]]></submitdate><lastpage>2</lastpage><_841748X3X3SQ001><![CDATA[Y]]></_841748X3X3SQ001><_841748X3X3SQ002><![CDATA[Y]]></_841748X3X3SQ002><_841748X4X28><![CDATA[AO02]]></_841748X4X28></row>
                </rows></responses></document>
                """;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("survey_841748.lss"));
            zip.write(lss.strip().getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("survey_841748_responses.lsr"));
            zip.write(lsr.strip().getBytes(StandardCharsets.UTF_8));
        }
        byte[] archive = bytes.toByteArray();
        assertThat(FileFormat.detect(archive, "survey_archive_841748.lsa")).isEqualTo(FileFormat.LIMESURVEY_LSA);
        AnswerImporter.Preview preview = answers.preview(upload(archive, survey));
        assertThat(preview.table().headers()).containsExactly("id", "submitdate", "lastpage", "Q00[SQ001]",
                "Q00[SQ002]", "Q00[SQ011]", "G01Q02", "G02Q04");
        Survey built = surveys.survey(survey);
        assertThat(preview.guess().questions()).containsOnlyKeys(built.questions().get(1).id(),
                built.questions().get(2).id());
        assertThat(preview.guess().choices().get(built.questions().get(0).id())).hasSize(3);
        AnswerImporter.Result result = answers.importFile(survey, null, Map.of(), "survey_archive_841748.lsa", archive);
        assertThat(result.format()).isEqualTo(FileFormat.LIMESURVEY_LSA);
        assertThat(result.imported()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT answers -> :q FROM survey_response WHERE survey_id = :s ORDER BY submitted_at")
                .param("s", survey).param("q", String.valueOf(built.questions().get(0).id())).query(String.class)
                .list()).containsExactly("[\"SQ011\"]", "[\"SQ001\", \"SQ002\"]");
    }

    @Test
    void aMappingChosenOnceIsOfferedAtTheNextImport() {
        long survey = surveys.create(evaluation, new SurveyDraft("Mémoire", null, null, null, null));
        surveys.saveQuestion(survey, null, question("quartier", QuestionKind.SHORT_TEXT, "Quartier", List.of()));
        byte[] file = "Colonne 7;Autre\nCentre;x\n".getBytes(StandardCharsets.UTF_8);
        AnswerImporter.Preview first = answers.preview(upload(file, survey));
        assertThat(first.guess().questions()).isEmpty();
        long question = surveys.survey(survey).questions().get(0).id();
        answers.run(upload(file, survey), new AnswerImporter.Mapping(Map.of(question, 0), Map.of(),
                first.guess().wave(), -1, false), ImportJobs.Progress.NONE);
        AnswerImporter.Preview next = answers.preview(upload("Autre;COLONNE 7\ny;Gare\n"
                .getBytes(StandardCharsets.UTF_8), survey));
        assertThat(next.guess().questions()).containsEntry(question, 1);
        assertThat(next.remembered()).isTrue();
    }

    @Test
    void theApiImportsAnswersOrNamesEachProblemAndWritesNothing() throws Exception {
        long survey = transportSurvey();
        byte[] file = Files.readAllBytes(FIXTURES.resolve("kobo/transportation.csv"));
        mvc.perform(multipart("/api/v1/surveys/{id}/responses/import", survey)
                .file(new MockMultipartFile("file", "transportation.csv", "text/csv", file))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.format").value("CSV"))
                .andExpect(jsonPath("$.imported").value(4))
                .andExpect(jsonPath("$.skipped").value(0))
                .andExpect(jsonPath("$.problems.length()").value(9));
        mvc.perform(multipart("/api/v1/surveys/{id}/responses/import", survey)
                .file(new MockMultipartFile("file", "transportation.csv", "text/csv", file))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.imported").value(0))
                .andExpect(jsonPath("$.skipped").value(4));

        users.signIn(editor.username());
        long other = transportSurvey();
        String bad = new String(file, StandardCharsets.UTF_8).replaceFirst("\"n/a\",\"daily\"", "\"n/a\",\"daily\"")
                .replace("\"False\",\"False\",\"True\",\"True\",\"camel\"", "\"False\",\"False\",\"True\",\"True\","
                        + "\"" + "x".repeat(600) + "\"");
        mvc.perform(multipart("/api/v1/surveys/{id}/responses/import", other)
                .file(new MockMultipartFile("file", "transportation.csv", "text/csv",
                        bad.getBytes(StandardCharsets.UTF_8)))
                .with(users.as(editor.username())).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.format").value("CSV"))
                .andExpect(jsonPath("$.errors[0].file").value("transportation.csv"))
                .andExpect(jsonPath("$.errors[0].row").value(5))
                .andExpect(jsonPath("$.errors[0].column")
                        .value("transport/available_transportation_types_to_referral_facility_other"));
        assertThat(responses(other)).isZero();

        byte[] lss = Files.readAllBytes(Path.of("..", "shared", "fixtures", "limesurvey")
                .resolve("ls5_sample_survey_multilingual_fr_de_en_it.lss").toFile().exists()
                        ? Path.of("..", "shared", "fixtures", "limesurvey",
                                "ls5_sample_survey_multilingual_fr_de_en_it.lss")
                        : FIXTURES.resolve("limesurvey/survey_998192_R_data_file.csv"));
        if (FileFormat.detect(lss, "survey.lss") == FileFormat.LIMESURVEY_LSS) {
            mvc.perform(multipart("/api/v1/surveys/{id}/responses/import", other)
                    .file(new MockMultipartFile("file", "survey.lss", "text/xml", lss))
                    .with(users.as(editor.username())).with(csrf()))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.format").value("LIMESURVEY_LSS"));
        }
        // a viewer of the structure cannot import
        TestUsers.Created viewer = users.structureWithMember(Role.STRUCTURE_VIEWER);
        mvc.perform(multipart("/api/v1/surveys/{id}/responses/import", other)
                .file(new MockMultipartFile("file", "transportation.csv", "text/csv", file))
                .with(users.as(viewer.username())).with(csrf()))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(403, 404));
        assertThat(responses(other)).isZero();
    }

    @Test
    void limitsNameWhatToDo() {
        long survey = transportSurvey();
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 2_001; i++) {
            wide.append(i == 0 ? "" : ",").append("c").append(i);
        }
        byte[] file = (wide + "\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> upload(file, survey)).isInstanceOfSatisfying(
                fr.maillon.web.RuleViolationException.class, ex -> assertThat(ex.violations().get(0).code())
                        .isEqualTo("import.answers.tooManyColumns"));
        StringBuilder fine = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            fine.append(i == 0 ? "" : ",").append("c").append(i);
        }
        assertThat(answers.preview(upload((fine + "\n").getBytes(StandardCharsets.UTF_8), survey)).table().headers())
                .hasSize(2_000);
    }

    private long transportSurvey() {
        long survey = surveys.create(evaluation, new SurveyDraft("Transport", null, null, null, null));
        surveys.saveQuestion(survey, null, question("available_transportation_types_to_referral_facility",
                QuestionKind.MULTIPLE, "Available transportation types", choices(TRANSPORT.toArray(String[]::new))));
        surveys.saveQuestion(survey, null, new QuestionDraft(null,
                "available_transportation_types_to_referral_facility_other", QuestionKind.SHORT_TEXT,
                "Other transportation", null, null, null, false, false, null, null, null, null, List.of()));
        return survey;
    }

    private String upload(byte[] content, long survey) {
        return imports.upload(evaluation, ImportKind.ANSWERS, survey, "export", content);
    }

    private long responses(long survey) {
        return jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single();
    }

    private static List<Choice> choices(String... codes) {
        return java.util.Arrays.stream(codes).map(code -> new Choice(code, code.replace('_', ' '), null)).toList();
    }

    private static QuestionDraft question(String code, QuestionKind kind, String label, List<Choice> choices) {
        return new QuestionDraft(null, code, kind, label, null, null, null, false, false, null, null, null, null,
                choices);
    }
}
