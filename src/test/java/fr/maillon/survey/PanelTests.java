package fr.maillon.survey;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.exchange.ExchangeService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Issue 15, point 6: the same respondents followed over two waves through a pseudonymous code;
 * paired change computed exactly, hidden for outsiders under five, and the code never stored.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PanelTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerService answers;

    @Autowired
    SurveyResultsService results;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ExchangeService exchange;

    @Autowired
    JsonMapper json;

    TestUsers.Created editor;
    String cafMember;
    long survey;
    Question lonely;
    Question income;
    String first;
    String second;
    int client;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Isolement",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("Rompre l'isolement", null, null, Audience.HABITANTS, null));
        surveys.saveQuestion(survey, null, new QuestionDraft(null, null, QuestionKind.AGREEMENT,
                "Je me sens entouré(e)", null, null, null, false, false, null, null, null, null, null));
        surveys.saveQuestion(survey, null, new QuestionDraft(null, null, QuestionKind.NUMBER, "Sorties par mois",
                null, null, null, false, false, null, null, null, null, null));
        long later = surveys.saveWave(survey, null, new WaveDraft("Un an après", null, null, "2026"));
        surveys.followRespondents(survey, true);
        Survey built = surveys.survey(survey);
        lonely = built.questions().get(0);
        income = built.questions().get(1);
        first = built.waves().get(0).token();
        second = built.wave(later).orElseThrow().token();

        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF " + survey, List.of("07")));
        cafMember = users.newUsername("caf");
        users.addMember(caf, users.newUser(cafMember), Role.CAF_MEMBER);
        organisations.shareUnchecked(editor.structureId(), evaluation, caf, editor.userId());
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void pairedChangeIsComputedForThePeopleWhoGaveTheSameCodeInBothWaves() {
        // five people followed: levels 2→4, 3→3, 1→2, 4→3, 2→5; outings 1→3 each
        String[] codes = { "abcd-1111", "ABCD 2222", "Abcd3333", "ABCD-4444", "abcd5555" };
        int[][] levels = { { 2, 4 }, { 3, 3 }, { 1, 2 }, { 4, 3 }, { 2, 5 } };
        for (int i = 0; i < codes.length; i++) {
            answer(first, codes[i], levels[i][0], 1);
            answer(second, codes[i].toUpperCase().replace(" ", "-"), levels[i][1], 3);
        }
        answer(first, null, 5, 0);       // not followed: only in the unpaired figures
        answer(second, "ZZZZ9999", 1, 0); // only in the second wave: not a pair

        users.signIn(editor.username());
        PairedChanges changes = results.pairedChanges(survey, null, null).orElseThrow();
        PairedChanges.Change level = change(changes, lonely);
        assertThat(level.pairs()).isEqualTo(5);
        assertThat(level.meanBefore()).isEqualByComparingTo("2.4");
        assertThat(level.meanAfter()).isEqualByComparingTo("3.4");
        assertThat(level.meanChange()).isEqualByComparingTo("1.0");
        assertThat(level.decreased()).isEqualTo(1);
        assertThat(level.unchanged()).isEqualTo(1);
        assertThat(level.increased()).isEqualTo(3);
        assertThat(level.before().count()).isEqualTo(6);
        assertThat(level.before().mean()).isEqualByComparingTo("2.83");
        assertThat(level.after().count()).isEqualTo(6);
        assertThat(change(changes, income).meanChange()).isEqualByComparingTo("2");

        // the codes themselves are not stored: only their keyed fingerprints
        List<String> keys = jdbc.sql("SELECT respondent_key FROM survey_response WHERE survey_id = :s AND respondent_key IS NOT NULL")
                .param("s", survey).query(String.class).list();
        assertThat(keys).hasSize(11).allMatch(key -> key.matches("[0-9a-f]{32}"));
        assertThat(jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s AND answers::text ILIKE '%ABCD%'")
                .param("s", survey).query(Long.class).single()).isZero();

        // outside the structure: the unpaired groups differ by one person from the pairs, so nothing shows
        users.signIn(cafMember);
        assertThat(change(results.pairedChanges(survey, null, null).orElseThrow(), lonely).hidden()).isTrue();
    }

    @Test
    void outsidersSeeTheChangeOfFiveOrMoreButNoSmallCountInTheDistribution() {
        String[] codes = { "AAAA1", "AAAA2", "AAAA3", "AAAA4", "AAAA5", "AAAA6" };
        int[][] levels = { { 1, 2 }, { 1, 2 }, { 2, 3 }, { 2, 3 }, { 3, 4 }, { 3, 3 } };
        for (int i = 0; i < codes.length; i++) {
            answer(first, codes[i], levels[i][0], 1);
            answer(second, codes[i], levels[i][1], 1);
        }
        users.signIn(cafMember);
        PairedChanges.Change level = change(results.pairedChanges(survey, null, null).orElseThrow(), lonely);
        assertThat(level.hidden()).isFalse();
        assertThat(level.pairs()).isEqualTo(6);
        assertThat(level.increased()).isEqualTo(5);
        // 0 down and 1 same are under five: both hidden, so neither can be found from the other
        assertThat(level.decreased()).isNull();
        assertThat(level.unchanged()).isNull();

        users.signIn(editor.username());
        PairedChanges.Change full = change(results.pairedChanges(survey, null, null).orElseThrow(), lonely);
        assertThat(full.decreased()).isZero();
        assertThat(full.unchanged()).isEqualTo(1);
    }

    @Test
    void aBadCodeIsRefusedWithItsRuleAndACardCodeIsTheSameWhenPrintedAgain() throws Exception {
        assertThatThrownBy(() -> answer(first, "ab", 3, 1)).isInstanceOf(RuleViolationException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single()).isZero();

        users.signIn(editor.username());
        List<String> cards = surveys.cardCodes(survey, 1, 40);
        assertThat(cards).hasSize(40).doesNotHaveDuplicates().allMatch(code -> code.matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"));
        assertThat(surveys.cardCodes(survey, 2, 1)).containsExactly(cards.get(1));
        SecurityContextHolder.clearContext();

        byte[] pdf = mvc.perform(get("/surveys/{s}/cards.pdf", survey).param("count", "40")
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            // every code whole on its line (a code cut at its dash would be misread)
            assertThat(text).contains(cards).contains("Carte n° 40");
        }

        // the card's QR code opens the form with the code typed; a closed wave's link leads to the open one
        String page = mvc.perform(get("/s/{t}", first).param("code", cards.get(0).replace("-", "")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("name=\"respondent\"").contains("value=\"" + cards.get(0).replace("-", "") + "\"");
        users.signIn(editor.username());
        Wave opening = surveys.survey(survey).waves().get(0);
        surveys.saveWave(survey, opening.id(), new WaveDraft(opening.label(), LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 1, 31), opening.period()));
        SecurityContextHolder.clearContext();
        String location = mvc.perform(get("/s/{t}", first).param("code", "AAAA1")).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).isEqualTo("/s/" + second + "?code=AAAA1");

        // a bad code typed in the page: the form again, with the message, nothing stored
        String refused = mvc.perform(post("/s/{t}", second).param("respondent", "x!").param("q" + lonely.id(), "3")
                .with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Le code personnel compte de 4 à 32 lettres ou chiffres.");
        assertThat(jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anEmptyWaveCanBeDeletedButNotOneWithAnswersNorTheLastOne() {
        answer(second, "AAAA1", 3, 1);
        users.signIn(editor.username());
        Survey built = surveys.survey(survey);
        long answered = built.waves().get(1).id();
        assertThatThrownBy(() -> surveys.deleteWave(survey, answered)).isInstanceOf(RuleViolationException.class);
        surveys.deleteWave(survey, built.waves().get(0).id());
        assertThat(surveys.survey(survey).waves()).extracting(Wave::id).containsExactly(answered);
        jdbc.sql("DELETE FROM survey_response WHERE survey_id = :s").param("s", survey).update();
        assertThatThrownBy(() -> surveys.deleteWave(survey, answered)).isInstanceOf(RuleViolationException.class)
                .hasMessageContaining("survey.wave.deleteLast");
    }

    @Test
    void aTransferredSurveyKeepsItsPairsAndItsCardsStillWork() {
        String[] codes = { "AAAA1", "AAAA2", "AAAA3", "AAAA4", "AAAA5" };
        for (int i = 0; i < codes.length; i++) {
            answer(first, codes[i], 2, 1);
            answer(second, codes[i], 4, 2);
        }
        users.signIn(editor.username());
        String card = surveys.cardCodes(survey, 1, 1).get(0);
        String document = json.writeValueAsString(exchange.export(surveys.survey(survey).evaluationId()));
        assertThat(document).contains("\"followsRespondents\":true").contains("\"respondentSecret\":")
                .doesNotContain("AAAA1");

        TestUsers.Created other = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(other.username());
        long copy = exchange.importEvaluation(other.structureId(), document.getBytes(StandardCharsets.UTF_8));
        Survey moved = surveys.surveys(copy).get(0);
        assertThat(moved.followsRespondents()).isTrue();
        PairedChanges.Change change = change(results.pairedChanges(moved.id(), null, null).orElseThrow(),
                moved.questions().get(0));
        assertThat(change.pairs()).isEqualTo(5);
        assertThat(change.meanChange()).isEqualByComparingTo("2");
        assertThat(surveys.cardCodes(moved.id(), 1, 1)).containsExactly(card);
    }

    private void answer(String token, String code, int level, int outings) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("q" + lonely.id(), List.of(String.valueOf(level)));
        form.put("q" + income.id(), List.of(String.valueOf(outings)));
        if (code != null) {
            form.put(AnswerService.RESPONDENT, List.of(code));
        }
        assertThat(answers.answer(token, form, false, null, "client-" + client++).valid()).isTrue();
    }

    private static PairedChanges.Change change(PairedChanges changes, Question question) {
        return changes.questions().stream().filter(change -> change.question().id() == question.id()).findFirst()
                .orElseThrow();
    }
}
