package fr.maillon.restitution;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.exchange.EvaluationDocument;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.exchange.ImportRejectedException;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * A verdict per evaluative question: written through the page and the API, citing only what the
 * evaluation holds, marked « non étayé » without evidence, refused whole on bad input, locked
 * against concurrent edits, gone with its question, carried by the exchange format and given to
 * every question of the demo.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VerdictTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    VerdictService verdicts;

    @Autowired
    ExchangeService exchange;

    @Autowired
    ContributionService contributions;

    @Autowired
    JsonMapper mapper;

    TestUsers.Created editor;
    long evaluation;

    /** The demo's Conserverie in a new structure, without its verdicts: every question still to judge. */
    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        ObjectNode document = (ObjectNode) mapper.readTree(TestFiles.demoDocument());
        document.remove("verdicts");
        evaluation = exchange.importEvaluation(editor.structureId(), mapper.writeValueAsBytes(document));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void savesAVerdictWithItsEvidenceAndReadsItBackForEveryQuestion() {
        List<QuestionVerdict> before = verdicts.verdicts(evaluation);
        assertThat(before).hasSize(5);
        long question = before.get(1).questionId();
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'participants_qpv'");
        long testimony = id("SELECT id FROM evidence WHERE evaluation_id = :e AND title LIKE 'Nadia%'");
        long surveyQuestion = id("SELECT q.id FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = :e AND q.code = 'achats_locaux'");
        long wave = id("SELECT w.id FROM survey_wave w JOIN survey s ON s.id = w.survey_id "
                + "WHERE s.evaluation_id = :e AND w.label = 'Saison 2021'");

        verdicts.save(evaluation, question, new VerdictDraft(Verdict.EN_PARTIE, "  Les ateliers touchent les QPV.  ",
                List.of(VerdictEvidence.of(VerdictEvidenceKind.INDICATOR, indicator),
                        new VerdictEvidence(VerdictEvidenceKind.SURVEY_QUESTION, surveyQuestion, wave),
                        VerdictEvidence.of(VerdictEvidenceKind.TESTIMONY, testimony))), 0);

        QuestionVerdict saved = verdicts.verdict(evaluation, question);
        assertThat(saved.verdict()).isEqualTo(Verdict.EN_PARTIE);
        assertThat(saved.argument()).isEqualTo("Les ateliers touchent les QPV.");
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.unsupported()).isFalse();
        assertThat(saved.evidence()).extracting(CitedEvidence::kind).containsExactly(VerdictEvidenceKind.INDICATOR,
                VerdictEvidenceKind.SURVEY_QUESTION, VerdictEvidenceKind.TESTIMONY);
        assertThat(saved.evidence().get(0).code()).isEqualTo("participants_qpv");
        assertThat(saved.evidence().get(1).surveyTitle()).isEqualTo("Questionnaire aux participants des ateliers");
        assertThat(saved.evidence().get(1).waveLabel()).isEqualTo("Saison 2021");
        assertThat(saved.evidence().get(2).label()).startsWith("Nadia");
        assertThat(verdicts.verdicts(evaluation)).filteredOn(QuestionVerdict::answered).hasSize(1);
    }

    // --- pages --------------------------------------------------------------------------------

    @Test
    void writesVerdictsQuestionByQuestionOnTheirOwnPagesAndTheDashboardListsWhatIsMissing() throws Exception {
        List<Long> questions = questionIds();
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'participants_qpv'");
        String list = page(get("/evaluations/{e}/verdicts", evaluation)).getContentAsString();
        assertThat(list).contains("Jugements évaluatifs").contains("Les ateliers touchent-ils les habitants")
                .contains("Questions sans jugement : 5 sur 5.").doesNotContain("<textarea");
        assertThat(list).contains("/evaluations/" + evaluation + "/questions/" + questions.get(1) + "/verdict");

        String form = page(get("/evaluations/{e}/questions/{q}/verdict", evaluation, questions.get(1)))
                .getContentAsString();
        assertThat(count(form, "<form") - count(form, "action=\"/logout\"")).as("one form on the page of a question")
                .isEqualTo(1);
        assertThat(count(form, "<textarea")).as("the argument and the message in plain words").isEqualTo(2);
        assertThat(form).contains("value=\"ATTEINT\"").contains("On ne peut pas encore dire")
                .contains("value=\"INDICATOR:" + indicator + "\"").contains("répond à cette question")
                .contains("Saison 2021").contains("Nadia, participante des ateliers depuis 2019")
                .doesNotContain("Une habitante, sans accord de diffusion");

        MockHttpServletResponse saved = page(post("/evaluations/{e}/questions/{q}/verdict", evaluation,
                questions.get(1)).param("verdict", "EN_PARTIE").param("argument", "Les quartiers prioritaires\nsont touchés.")
                .param("evidence", "INDICATOR:" + indicator).param("version", "0"));
        assertThat(saved.getRedirectedUrl()).isEqualTo("/evaluations/" + evaluation + "/verdicts#question-"
                + questions.get(1));
        page(post("/evaluations/{e}/questions/{q}/verdict", evaluation, questions.get(2))
                .param("verdict", "INDETERMINE").param("argument", "Trop tôt pour le dire.").param("version", "0"));

        list = page(get("/evaluations/{e}/verdicts", evaluation)).getContentAsString();
        assertThat(list).contains("Atteint en partie").contains("Les quartiers prioritaires\nsont touchés.")
                .contains("Indicateur : ").contains("Participants habitant un quartier prioritaire (participants_qpv)")
                .contains("On ne peut pas encore dire").contains("non étayé")
                .contains("Questions sans jugement : 3 sur 5.");
        String dashboard = page(get("/evaluations/{e}/dashboard", evaluation)).getContentAsString();
        assertThat(dashboard).contains("Questions sans jugement : 3 sur 5.")
                .contains("Jugements non étayés (aucune preuve citée) : 1.")
                .contains("/evaluations/" + evaluation + "/questions/" + questions.get(0) + "/verdict")
                .contains("Le projet répond-il à un besoin");
        // saving one question left the other's verdict as it was
        assertThat(verdicts.verdict(evaluation, questions.get(1)).argument()).isEqualTo(
                "Les quartiers prioritaires\nsont touchés.");
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSavesNothing() throws Exception {
        long question = questionIds().get(0);
        String path = "/evaluations/" + evaluation + "/questions/" + question + "/verdict";
        assertRefused(post(path).param("verdict", "ATTEINT").param("argument", "   "),
                "Écrivez l&#39;argumentation du jugement.");
        assertRefused(post(path).param("verdict", "PRESQUE").param("argument", "Garde tel quel"), "Garde tel quel");
        assertRefused(post(path).param("verdict", "PRESQUE").param("argument", "Garde tel quel"), "Jugement inconnu");
        assertRefused(post(path).param("argument", "Sans échelle"), "Choisissez un jugement");
        assertRefused(post(path).param("verdict", "ATTEINT").param("argument", "x".repeat(8001)),
                "8000 caractères au plus");
        assertRefused(post(path).param("verdict", "ATTEINT").param("argument", "Une preuve bricolée")
                .param("evidence", "INDICATOR:abc"), "Une preuve cochée est illisible");
        long foreign = foreignIndicator();
        assertRefused(post(path).param("verdict", "ATTEINT").param("argument", "Une preuve d&#39;ailleurs")
                .param("evidence", "INDICATOR:" + foreign), "n&#39;appartient pas à cette évaluation");
        assertThat(verdicts.verdict(evaluation, question).answered()).isFalse();
    }

    @Test
    void aSecondSaveFromTheSameVersionIsRefusedWithTheStoredVerdict() throws Exception {
        long question = questionIds().get(3);
        String path = "/evaluations/" + evaluation + "/questions/" + question + "/verdict";
        int read = version(page(get(path)).getContentAsString());
        String other = users.newUsername("collegue");
        users.addMember(editor.structureId(), users.newUser(other), Role.STRUCTURE_EDITOR);
        mvc.perform(post(path).with(csrf()).with(users.as(other)).param("verdict", "ATTEINT")
                .param("argument", "Version de la collègue").param("version", String.valueOf(read)));
        users.signIn(editor.username());

        String refused = page(post(path).param("verdict", "NON_ATTEINT").param("argument", "Ma version")
                .param("version", String.valueOf(read))).getContentAsString();

        assertThat(refused).contains("Modifié entre-temps par Test " + other).contains("Ma version")
                .contains("Version enregistrée :").contains("Version de la collègue");
        assertThat(verdicts.verdict(evaluation, question).argument()).isEqualTo("Version de la collègue");
        assertThat(page(post(path).param("verdict", "NON_ATTEINT").param("argument", "Ma version")
                .param("version", String.valueOf(version(refused)))).getRedirectedUrl()).contains("/verdicts");
        assertThat(verdicts.verdict(evaluation, question).argument()).isEqualTo("Ma version");
    }

    // --- API ----------------------------------------------------------------------------------

    @Test
    void theApiWritesAndReadsVerdictsWithTheirEvidence() throws Exception {
        long question = questionIds().get(2);
        long surveyQuestion = id("SELECT q.id FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = :e AND q.code = 'achats_locaux'");
        long wave = id("SELECT w.id FROM survey_wave w JOIN survey s ON s.id = w.survey_id "
                + "WHERE s.evaluation_id = :e AND w.label = 'Saison 2019'");
        MockHttpServletResponse saved = api(put("/api/v1/evaluations/{e}/questions/{q}/verdict", evaluation, question),
                "{\"verdict\":\"ATTEINT\",\"argument\":\"Les achats ont changé.\",\"evidence\":[{\"kind\":"
                        + "\"SURVEY_QUESTION\",\"id\":" + surveyQuestion + ",\"waveId\":" + wave + "}],\"version\":0}");
        assertThat(saved.getStatus()).isEqualTo(200);
        assertThat(saved.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(saved.getContentAsString()).contains("\"verdict\":\"ATTEINT\"").contains("\"unsupported\":false")
                .contains("\"waveLabel\":\"Saison 2019\"");

        String all = api(get("/api/v1/evaluations/{e}/verdicts", evaluation), null).getContentAsString();
        assertThat(all).contains("\"criterion\":\"Impact\"").contains("\"argument\":\"Les achats ont changé.\"")
                .contains("\"label\":\"Depuis les ateliers, j'achète plus de produits locaux et de saison.\"")
                .contains("\"surveyTitle\":\"Questionnaire aux participants des ateliers\"")
                .contains("\"answered\":false");

        MockHttpServletResponse stale = api(put("/api/v1/evaluations/{e}/questions/{q}/verdict", evaluation, question)
                .header("If-Match", "\"0\""), "{\"verdict\":\"NON_ATTEINT\",\"argument\":\"Autre avis\"}");
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString()).contains("\"currentVersion\":1").contains("Les achats ont changé.");
        assertThat(api(put("/api/v1/evaluations/{e}/questions/{q}/verdict", evaluation, question),
                "{\"verdict\":\"NON_ATTEINT\",\"argument\":\"Autre avis\",\"version\":0}").getStatus())
                .isEqualTo(409);
        assertThat(verdicts.verdict(evaluation, question).argument()).isEqualTo("Les achats ont changé.");

        MockHttpServletResponse unsupported = api(put("/api/v1/evaluations/{e}/questions/{q}/verdict", evaluation,
                question).header("If-Match", "\"1\""), "{\"verdict\":\"EN_PARTIE\",\"argument\":\"Sans preuve\"}");
        assertThat(unsupported.getStatus()).isEqualTo(200);
        assertThat(unsupported.getContentAsString()).contains("\"unsupported\":true").contains("\"evidence\":[]");
    }

    @Test
    void theApiRefusesBadInputClearlyAndSavesNothing() throws Exception {
        long question = questionIds().get(0);
        String path = "/api/v1/evaluations/" + evaluation + "/questions/" + question + "/verdict";
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'producteurs'");
        long unconsented = id("SELECT id FROM evidence WHERE evaluation_id = :e AND consent = false");

        assertProblem(put(path), "{\"verdict\":\"BIENTOT\",\"argument\":\"x\"}", 400, "$.verdict");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"\"}", 422,
                "Écrivez l'argumentation du jugement.");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"" + "y".repeat(8001) + "\"}", 422,
                "8000 caractères au plus");
        assertProblem(put(path), "{\"argument\":\"Sans échelle\"}", 422, "Choisissez un jugement");
        String foreign = assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Mélange\",\"evidence\":["
                + "{\"kind\":\"INDICATOR\",\"id\":" + indicator + "},{\"kind\":\"INDICATOR\",\"id\":" + foreignIndicator()
                + "}]}", 422, "$.evidence[1]");
        assertThat(foreign).contains("Indicateur n° " + foreignIndicator()).contains("n'appartient pas à cette évaluation");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Deux fois\",\"evidence\":["
                + "{\"kind\":\"INDICATOR\",\"id\":" + indicator + "},{\"kind\":\"INDICATOR\",\"id\":" + indicator
                + "}]}", 422, "« Producteurs partenaires » est cité deux fois.");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Sans accord\",\"evidence\":["
                + "{\"kind\":\"TESTIMONY\",\"id\":" + unconsented + "}]}", 422, "accord de diffusion");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Vague seule\",\"evidence\":["
                + "{\"kind\":\"INDICATOR\",\"id\":" + indicator + ",\"waveId\":3}]}", 422, "$.evidence[0].waveId");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Vide\",\"evidence\":[null]}", 422,
                "$.evidence[0].kind");
        assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Analyse absente\",\"evidence\":["
                + "{\"kind\":\"CONTRIBUTION\",\"id\":" + indicator + "}]}", 422, "n'appartient pas");
        assertThat(count("verdict")).isZero();

        verdicts.save(evaluation, question, new VerdictDraft(Verdict.ATTEINT, "Écrit", List.of()));
        page(post("/evaluations/{e}/questions/{q}/delete", evaluation, question));
        assertThat(count("verdict")).as("the verdict went with its question").isZero();
        String gone = assertProblem(put(path), "{\"verdict\":\"ATTEINT\",\"argument\":\"Trop tard\"}", 404,
                "Cette question évaluative n'existe pas, ou plus, dans cette évaluation.");
        assertThat(gone).doesNotContain("Exception");
        assertThat(page(post(path.replace("/api/v1", "")).param("verdict", "ATTEINT").param("argument", "Trop tard"))
                .getStatus()).isEqualTo(404);
    }

    @Test
    void readersReadVerdictsAndOnlyEditorsWriteThem() throws Exception {
        long question = questionIds().get(0);
        verdicts.save(evaluation, question, new VerdictDraft(Verdict.ATTEINT, "Lisible par les membres", List.of()));
        String viewer = users.newUsername("lecteur");
        users.addMember(editor.structureId(), users.newUser(viewer), Role.STRUCTURE_VIEWER);
        TestUsers.Created stranger = users.structureWithMember(Role.STRUCTURE_EDITOR);

        assertThat(mvc.perform(get("/api/v1/evaluations/{e}/verdicts", evaluation).with(users.as(viewer)))
                .andReturn().getResponse().getContentAsString()).contains("Lisible par les membres");
        assertThat(mvc.perform(put("/api/v1/evaluations/{e}/questions/{q}/verdict", evaluation, question)
                .with(users.as(viewer)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"verdict\":\"NON_ATTEINT\",\"argument\":\"Lecteur\"}")).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/evaluations/{e}/questions/{q}/verdict", evaluation, question)
                .with(users.as(viewer))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/evaluations/{e}/verdicts", evaluation).with(users.as(viewer))).andReturn()
                .getResponse().getContentAsString()).contains("Lisible par les membres")
                .doesNotContain("Modifier le jugement");
        users.signIn(editor.username());
        MockHttpServletResponse outsider = mvc.perform(get("/api/v1/evaluations/{e}/verdicts", evaluation)
                .with(users.as(stranger.username()))).andReturn().getResponse();
        assertThat(outsider.getStatus()).isEqualTo(404);
        assertThat(outsider.getContentAsString()).doesNotContain("Lisible par les membres");
    }

    // --- exchange and demo --------------------------------------------------------------------

    @Test
    void verdictsTravelWithTheEvaluationAndComeBackTheSame() throws Exception {
        List<Long> questions = questionIds();
        long effect = id("SELECT id FROM chain_element WHERE evaluation_id = :e AND kind = 'EFFECT' "
                + "AND name LIKE 'Consommation responsable%'");
        contributions.save(evaluation, effect, new ContributionDraft("Les ateliers y contribuent.", null,
                Strength.MODERATE, null));
        long indicator = id("SELECT id FROM indicator WHERE evaluation_id = :e AND code = 'benevoles'");
        long surveyQuestion = id("SELECT q.id FROM survey_question q JOIN survey s ON s.id = q.survey_id "
                + "WHERE s.evaluation_id = :e AND q.code = 'savoir_faire'");
        long wave = id("SELECT w.id FROM survey_wave w JOIN survey s ON s.id = w.survey_id "
                + "WHERE s.evaluation_id = :e AND w.label = 'Saison 2021'");
        long testimony = id("SELECT id FROM evidence WHERE evaluation_id = :e AND title LIKE 'Karim%'");
        verdicts.save(evaluation, questions.get(4), new VerdictDraft(Verdict.ATTEINT, "Tout se renouvelle.",
                List.of(VerdictEvidence.of(VerdictEvidenceKind.INDICATOR, indicator),
                        new VerdictEvidence(VerdictEvidenceKind.SURVEY_QUESTION, surveyQuestion, wave),
                        new VerdictEvidence(VerdictEvidenceKind.SURVEY_QUESTION, surveyQuestion, null),
                        VerdictEvidence.of(VerdictEvidenceKind.TESTIMONY, testimony),
                        VerdictEvidence.of(VerdictEvidenceKind.CONTRIBUTION, effect))));
        verdicts.save(evaluation, questions.get(0), new VerdictDraft(Verdict.INDETERMINE, "Trop tôt.", List.of()));

        EvaluationDocument exported = exchange.export(evaluation);
        assertThat(exported.verdicts()).hasSize(2);
        String json = mapper.writeValueAsString(exported);
        assertThat(json).contains("\"verdicts\":[{\"question\":\"q-1\",\"verdict\":\"INDETERMINE\"")
                .contains("{\"kind\":\"SURVEY_QUESTION\",\"survey\":0,\"question\":\"savoir_faire\",\"wave\":\"w-2\"}")
                .contains("{\"kind\":\"CONTRIBUTION\",\"effect\":\"eff-3\"}");

        TestUsers.Created other = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(other.username());
        long copy = exchange.importEvaluation(other.structureId(), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(mapper.writeValueAsString(exchange.export(copy).verdicts()))
                .isEqualTo(mapper.writeValueAsString(exported.verdicts()));
        List<QuestionVerdict> copied = verdicts.verdicts(copy);
        List<QuestionVerdict> original = withEditor(() -> verdicts.verdicts(evaluation));
        users.signIn(other.username());
        for (int i = 0; i < original.size(); i++) {
            assertThat(copied.get(i).verdict()).isEqualTo(original.get(i).verdict());
            assertThat(copied.get(i).argument()).isEqualTo(original.get(i).argument());
            assertThat(copied.get(i).evidence()).extracting(CitedEvidence::kind, CitedEvidence::label,
                    CitedEvidence::waveLabel).containsExactlyElementsOf(original.get(i).evidence().stream()
                            .map(cited -> org.assertj.core.groups.Tuple.tuple(cited.kind(), cited.label(),
                                    cited.waveLabel())).toList());
        }
        assertThat(copied.get(4).evidence()).hasSize(5);
        assertThat(copied.get(0).unsupported()).isTrue();
    }

    @Test
    void anImportWhoseVerdictCitesNothingOfTheDocumentIsRefusedWhole() throws Exception {
        ObjectNode document = (ObjectNode) mapper.readTree(TestFiles.demoDocument());
        ObjectNode cited = (ObjectNode) document.get("verdicts").get(1).get("evidence").get(0);
        cited.put("indicator", "indicateur_inconnu");
        ((ObjectNode) document.get("verdicts").get(3)).put("question", "q-99");
        long before = jdbc.sql("SELECT count(*) FROM evaluation WHERE structure_id = :s")
                .param("s", editor.structureId()).query(Long.class).single();

        ImportRejectedException refused = catchThrowableOfType(ImportRejectedException.class,
                () -> exchange.importEvaluation(editor.structureId(), mapper.writeValueAsBytes(document)));

        assertThat(refused.errors()).extracting(error -> error.path()).contains("$.verdicts[1].evidence[0]",
                "$.verdicts[3].question");
        assertThat(jdbc.sql("SELECT count(*) FROM evaluation WHERE structure_id = :s")
                .param("s", editor.structureId()).query(Long.class).single()).isEqualTo(before);

        ((ObjectNode) document.get("verdicts").get(3)).put("question", "q-4");
        cited.put("indicator", "participants_qpv");
        ((ObjectNode) document.get("verdicts").get(0)).put("verdict", "BIENTOT");
        refused = catchThrowableOfType(ImportRejectedException.class,
                () -> exchange.importEvaluation(editor.structureId(), mapper.writeValueAsBytes(document)));
        assertThat(refused.errors()).extracting(error -> error.path()).contains("$.verdicts[0].verdict");
    }

    @Test
    void everyQuestionOfTheDemoHasAnArguedIllustrativeVerdictWithItsEvidence() throws Exception {
        long conserverie = jdbc.sql("SELECT e.id FROM evaluation e JOIN organisation o ON o.id = e.structure_id "
                + "WHERE e.title = 'Conserverie Mobile et Solidaire' AND o.name = 'La Coopération'")
                .query(Long.class).single();
        users.signIn("coope");
        List<QuestionVerdict> demo = verdicts.verdicts(conserverie);
        assertThat(demo).hasSize(5).allSatisfy(verdict -> {
            assertThat(verdict.answered()).isTrue();
            assertThat(verdict.unsupported()).isFalse();
            assertThat(verdict.argument()).doesNotContain("illustratif").hasSizeBetween(100, 800);
        });
        assertThat(demo).extracting(QuestionVerdict::verdict).containsExactly(Verdict.ATTEINT, Verdict.EN_PARTIE,
                Verdict.EN_PARTIE, Verdict.EN_PARTIE, Verdict.ATTEINT);
        assertThat(demo.get(0).evidence()).extracting(CitedEvidence::label).contains("Producteurs partenaires",
                "Un producteur partenaire");
        assertThat(demo.get(2).evidence()).extracting(CitedEvidence::waveLabel).contains("Saison 2019",
                "Saison 2021");
        String page = mvc.perform(get("/evaluations/{e}/verdicts", conserverie).with(users.as("coope")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Chaque question évaluative a son jugement.")
                .contains("id=\"illustrative-banner\"").contains("jugements évaluatifs et hypothèses illustratifs")
                .doesNotContain("non étayé</span>");
    }

    // --- helpers ------------------------------------------------------------------------------

    private <T> T withEditor(java.util.function.Supplier<T> action) {
        users.signIn(editor.username());
        return action.get();
    }

    private List<Long> questionIds() {
        return verdicts.verdicts(evaluation).stream().map(QuestionVerdict::questionId).toList();
    }

    /** An indicator of another structure's evaluation. */
    private long foreignIndicator() {
        return jdbc.sql("SELECT min(id) FROM indicator WHERE evaluation_id <> :e").param("e", evaluation)
                .query(Long.class).single();
    }

    /** A request as the editor; her sign-in for service calls is restored after it (MockMvc clears it). */
    private MockHttpServletResponse page(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(csrf()).with(users.as(editor.username())))
                .andReturn().getResponse();
        users.signIn(editor.username());
        return response;
    }

    private MockHttpServletResponse api(MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return page(request);
    }

    private String assertProblem(MockHttpServletRequestBuilder request, String body, int status, String expected)
            throws Exception {
        MockHttpServletResponse response = api(request, body);
        assertThat(response.getStatus()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(status);
        assertThat(response.getContentAsString()).contains(expected);
        return response.getContentAsString();
    }

    private void assertRefused(MockHttpServletRequestBuilder request, String expected) throws Exception {
        MockHttpServletResponse response = page(request.param("version", "0"));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains(expected);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE evaluation_id = :e").param("e", evaluation)
                .query(Long.class).single();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static int version(String page) {
        Matcher matcher = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private long id(String sql) {
        return jdbc.sql(sql).param("e", evaluation).query(Long.class).single();
    }
}
