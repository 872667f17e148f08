package fr.maillon.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Issue 13: a CAF the structure shares with filtered the results on "oui" (5 of 6 respondents) and
 * took the income total of the 5 from the total of the 6: the one "non" respondent's income. Seen
 * from outside, no figure may be set beside another to isolate fewer than five people; the
 * structure's own members still see everything.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SurveyDisclosureTests {

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
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    TestUsers.Created editor;
    String cafMember;
    long survey;
    Question employed;
    Question income;
    String token;
    int client;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Revenus", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("Emploi et revenus", null, null, Audience.HABITANTS, null));
        surveys.saveQuestion(survey, null, new QuestionDraft(null, null, QuestionKind.SINGLE, "Avez-vous un emploi ?",
                null, null, null, false, false, null, null, null, null,
                List.of(new Choice(null, "Oui", null), new Choice(null, "Non", null))));
        surveys.saveQuestion(survey, null, new QuestionDraft(null, null, QuestionKind.NUMBER, "Revenu mensuel (€)",
                null, null, null, false, false, null, null, null, null, null));
        Survey built = surveys.survey(survey);
        employed = built.questions().get(0);
        income = built.questions().get(1);
        token = built.waves().get(0).token();

        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF de l'Ardèche " + survey, List.of("07")));
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
    void allMinusTheFiveWhoSaidOuiNoLongerGivesTheOtherOnesIncome() {
        for (int amount : new int[] { 1000, 1100, 1200, 1300, 1400 }) {
            answer(token, "oui", amount);
        }
        answer(token, "non", 950);

        users.signIn(editor.username());
        assertThat(sum(results.results(survey, null, null, null, Locale.FRENCH))).isEqualByComparingTo("6950");
        SurveyResults ownOui = results.results(survey, null, employed.id(), "oui", Locale.FRENCH);
        assertThat(ownOui.respondents()).as("the structure still sees its group of 5").isEqualTo(5);
        assertThat(sum(ownOui)).isEqualByComparingTo("6000");

        users.signIn(cafMember);
        SurveyResults everyone = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(everyone.outsider()).isTrue();
        assertThat(everyone.respondents()).isEqualTo(6);
        assertThat(sum(everyone)).isEqualByComparingTo("6950");
        SurveyResults oui = results.results(survey, null, employed.id(), "oui", Locale.FRENCH);
        assertThat(oui.suppressed()).as("6 minus 5 is one person: the 5 are not shown either").isTrue();
        assertThat(oui.respondents()).isZero();
        assertThat(oui.questions()).isEmpty();
        // nor, in everyone's results, the count of the 5 "oui" beside the 6 who answered
        List<SurveyResults.Share> shares = everyone.questions().get(0).shares();
        assertThat(shares).allMatch(SurveyResults.Share::hidden);
        assertThat(shares).allMatch(share -> share.count() == 0 && share.percent() == null);
    }

    @Test
    void aTotalIsMaskedWhenFewerThanFiveOthersGaveANumber() {
        // 5 "oui" and 5 "non": each group is large enough, but only one "non" gave an income
        for (int amount : new int[] { 1000, 1100, 1200, 1300, 1400 }) {
            answer(token, "oui", amount);
        }
        answer(token, "non", 950);
        for (int i = 0; i < 4; i++) {
            answer(token, "non", null);
        }

        users.signIn(cafMember);
        SurveyResults everyone = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(sum(everyone)).isEqualByComparingTo("6950");
        SurveyResults oui = results.results(survey, null, employed.id(), "oui", Locale.FRENCH);
        assertThat(oui.suppressed()).isFalse();
        assertThat(oui.respondents()).isEqualTo(5);
        SurveyResults.Numbers numbers = oui.questions().get(1).numbers();
        assertThat(numbers.hidden()).isTrue();
        assertThat(numbers.sum()).isNull();
        assertThat(numbers.mean()).isNull();
        assertThat(numbers.count()).isZero();
        SurveyResults non = results.results(survey, null, employed.id(), "non", Locale.FRENCH);
        assertThat(non.questions().get(1).numbers().sum()).isNull();
    }

    @Test
    void aWaveOfOneIsNotWorkedOutFromAllWavesOnThePageNorThroughTheApi() throws Exception {
        for (int amount : new int[] { 1000, 1100, 1200, 1300, 1400, 1500 }) {
            answer(token, amount % 200 == 0 ? "oui" : "non", amount);
        }
        users.signIn(editor.username());
        long after = surveys.saveWave(survey, null, new WaveDraft("Après", null, null, "2025"));
        String afterToken = surveys.survey(survey).wave(after).orElseThrow().token();
        long first = surveys.survey(survey).waves().get(0).id();
        SecurityContextHolder.clearContext();
        answer(afterToken, "oui", 2750);

        JsonNode all = api(null);
        JsonNode firstWave = api(first);
        assertThat(all.path("respondents").asLong()).isEqualTo(7);
        assertThat(all.path("questions").get(1).path("numbers").path("sum").decimalValue())
                .isEqualByComparingTo("10250");
        assertThat(firstWave.path("suppressed").asBoolean()).as("7 minus 6 is the one of the second wave").isTrue();
        assertThat(firstWave.path("respondents").asLong()).isZero();
        assertThat(firstWave.path("questions")).isEmpty();

        String page = mvc.perform(get("/surveys/{s}", survey).with(users.as(cafMember))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("masqué");
        String results = mvc.perform(get("/surveys/{s}/results", survey).param("wave", String.valueOf(after))
                .with(users.as(cafMember))).andReturn().getResponse().getContentAsString();
        assertThat(results).contains("Les résultats de ce groupe sont masqués").doesNotContain("2750")
                .doesNotContain("2 750");
        String own = mvc.perform(get("/surveys/{s}/results", survey).param("wave", String.valueOf(first))
                .with(users.as(editor.username()))).andReturn().getResponse().getContentAsString();
        assertThat(own).contains("6 personnes ont répondu").doesNotContain("masqué");
    }

    private JsonNode api(Long wave) throws Exception {
        var request = get("/api/v1/surveys/{s}/results", survey).with(users.as(cafMember));
        if (wave != null) {
            request = request.param("wave", String.valueOf(wave));
        }
        return json.readTree(mvc.perform(request).andReturn().getResponse().getContentAsString());
    }

    private static java.math.BigDecimal sum(SurveyResults results) {
        return results.questions().get(1).numbers().sum();
    }

    private void answer(String wave, String employment, Integer amount) {
        Map<String, List<String>> form = new HashMap<>();
        form.put(AnswerReader.field(employed), new ArrayList<>(List.of(employment)));
        if (amount != null) {
            form.put(AnswerReader.field(income), new ArrayList<>(List.of(String.valueOf(amount))));
        }
        Answers given = answers.answer(wave, form, false, null, "disclosure-" + survey + "-" + client++);
        assertThat(given.valid()).isTrue();
    }
}
