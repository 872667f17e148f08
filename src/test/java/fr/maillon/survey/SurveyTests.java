package fr.maillon.survey;

import java.time.Clock;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.framework.DataSource;
import fr.maillon.framework.DisaggregationService;
import fr.maillon.framework.FrameworkService;
import fr.maillon.framework.IndicatorDraft;
import fr.maillon.framework.IndicatorResults;
import fr.maillon.framework.Measure;
import fr.maillon.framework.PeriodType;
import fr.maillon.organisation.NetworkOrganisationDraft;
import fr.maillon.organisation.OrganisationService;
import fr.maillon.organisation.OrganisationType;
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A survey built, answered (with its rules, once per submission), counted, and feeding indicators. */
@SpringBootTest
class SurveyTests {

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
    FrameworkService framework;

    @Autowired
    DisaggregationService disaggregations;

    @Autowired
    OrganisationService organisations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    TestUsers.Created editor;
    long evaluation;
    long survey;
    Question sexe;
    Question agree;
    Question children;
    Question age;
    String token;

    @BeforeEach
    void setUp() {
        editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Enquêtes", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("Votre centre social", "Your social centre", null,
                Audience.HABITANTS, null));
        surveys.saveQuestion(survey, null, question(QuestionKind.SINGLE, "Vous êtes", true, false,
                List.of(new Choice(null, "Femmes", "Women"), new Choice(null, "Hommes", "Men")), null, null));
        surveys.saveQuestion(survey, null, question(QuestionKind.AGREEMENT, "Je me sens moins seul(e)", true, false,
                null, null, null));
        long hasChildren = surveys.saveQuestion(survey, null, question(QuestionKind.YES_NO, "Avez-vous des enfants ?",
                false, false, null, null, null));
        surveys.saveQuestion(survey, null, question(QuestionKind.NUMBER, "Combien ?", true, false, null,
                hasChildren, List.of("true")));
        surveys.saveQuestion(survey, null, question(QuestionKind.NUMBER, "Votre âge", false, true, null, null, null));
        Survey built = surveys.survey(survey);
        sexe = built.questions().get(0);
        agree = built.questions().get(1);
        children = built.questions().get(3);
        age = built.questions().get(4);
        token = built.waves().get(0).token();
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answersFollowTheRulesAndAreStoredOnce() {
        assertThat(sexe.code()).isEqualTo("vous_etes");
        assertThat(sexe.choices()).extracting(Choice::code).containsExactly("femmes", "hommes");
        assertThat(surveys.survey(survey).waves().get(0).period()).isEqualTo(String.valueOf(LocalDate.now(clock).getYear()));

        Answers refused = answers.answer(token, form(sexe, "autre", agree, "7", children, "2"), false, null, "client-a");
        assertThat(refused.errors()).containsEntry(sexe.id(), "survey.answer.choice")
                .containsEntry(agree.id(), "survey.answer.level").doesNotContainKey(children.id());
        Answers consentMissing = answers.answer(token, form(sexe, "femmes", agree, "4", age, "34"), false, null, "a");
        assertThat(consentMissing.errors()).containsOnlyKeys(age.id());
        Answers needsCount = answers.answer(token, form(sexe, "femmes", agree, "4", surveys.survey(survey).questions()
                .get(2), "true"), false, null, "a");
        assertThat(needsCount.errors()).containsOnlyKeys(children.id());
        assertThat(count()).isZero();

        String key = AnswerService.newSubmissionKey();
        Map<String, List<String>> good = form(sexe, "femmes", agree, "5", age, "34");
        assertThat(answers.answer(token, good, true, key, "a").valid()).isTrue();
        assertThat(answers.answer(token, good, true, key, "a").valid()).isTrue();
        assertThat(count()).as("a double tap is stored once").isEqualTo(1);
        assertThat(jdbc.sql("SELECT answers::text FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(String.class).single()).contains("\"" + agree.id() + "\": 5").contains("\"femmes\"");

        surveys.saveWave(survey, surveys.survey(survey).waves().get(0).id(), new WaveDraft("Vague 1", null,
                LocalDate.now(clock).minusDays(1), String.valueOf(LocalDate.now(clock).getYear())));
        assertThatThrownBy(() -> answers.answer(token, good, true, null, "a")).isInstanceOf(SurveyClosedException.class);
        assertThatThrownBy(() -> answers.open("not-a-token")).isInstanceOf(SurveyNotFoundException.class);
    }

    @Test
    void questionsAreChecked() {
        assertViolation(() -> surveys.saveQuestion(survey, null, question(QuestionKind.SINGLE, "Un seul choix", false,
                false, List.of(new Choice(null, "Oui", null)), null, null)), "survey.question.choices.count");
        assertViolation(() -> surveys.saveQuestion(survey, null, question(QuestionKind.NUMBER, "", false, false, null,
                null, null)), "survey.question.label.required");
        assertViolation(() -> surveys.saveQuestion(survey, null, question(QuestionKind.NUMBER, "Si", false, false,
                null, age.id(), List.of("3"))), "survey.question.condition.invalid");
        assertViolation(() -> surveys.saveQuestion(survey, null, question(QuestionKind.NUMBER, "Si", false, false,
                null, sexe.id(), List.of("autre"))), "survey.question.conditionValues");
        assertViolation(() -> surveys.deleteQuestion(survey, surveys.survey(survey).questions().get(2).id()),
                "survey.question.conditionOf");
        assertViolation(() -> surveys.saveWave(survey, null, new WaveDraft("Après", null, null, "2030")),
                "survey.wave.period.invalid");
    }

    @Test
    void resultsCountAndFeedIndicatorsAndHideSmallGroupsOutside() {
        long after = surveys.saveWave(survey, null, new WaveDraft("Après", null, null, "2025"));
        String afterToken = surveys.survey(survey).wave(after).orElseThrow().token();
        // first wave: 4 women (3 agree), 2 men (0 agree); second wave: 5 women agree, 1 man agrees
        String[][] first = { { "femmes", "5" }, { "femmes", "4" }, { "femmes", "4" }, { "femmes", "2" },
                { "hommes", "1" }, { "hommes", "3" } };
        for (String[] answer : first) {
            answers.answer(token, form(sexe, answer[0], agree, answer[1]), false, null, "a");
        }
        for (int i = 0; i < 6; i++) {
            answers.answer(afterToken, form(sexe, i < 5 ? "femmes" : "hommes", agree, "5"), false, null, "b");
        }
        SurveyResults all = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(all.respondents()).isEqualTo(12);
        SurveyResults.QuestionResult agreement = all.questions().get(1);
        assertThat(agreement.shares()).extracting(SurveyResults.Share::count).containsExactly(1L, 1L, 1L, 2L, 7L);
        assertThat(agreement.shares().get(4).percent()).isEqualByComparingTo("58.3");
        SurveyResults women = results.results(survey, null, sexe.id(), "femmes", Locale.FRENCH);
        assertThat(women.respondents()).isEqualTo(9);

        long sexDisaggregation = disaggregations.disaggregations(evaluation).stream()
                .filter(d -> d.code().equals("sexe")).findFirst().orElseThrow().id();
        long indicator = framework.addIndicator(evaluation, new IndicatorDraft("moins_seuls", "Moins seuls (%)", null,
                Measure.PERCENTAGE, "%", null, null, null, null, null, null, false, DataSource.SURVEY, null, null, null,
                null, sexDisaggregation));
        surveys.feed(survey, indicator, agree.id(), Statistic.AGREE_SHARE, null, sexe.id());
        assertViolation(() -> surveys.feed(survey, indicator, sexe.id(), Statistic.AGREE_SHARE, null, null),
                "survey.feed.statistic");
        IndicatorResults fed = framework.results(evaluation, PeriodType.YEAR).get(0);
        String year = String.valueOf(LocalDate.now(clock).getYear());
        var thisYear = fed.periods().stream().filter(p -> p.period().code().equals(year)).findFirst().orElseThrow();
        assertThat(thisYear.value()).isEqualByComparingTo("50");
        // four women and two men answered in the first wave: too few for a value of their own
        assertThat(fed.categories().get("Femmes").stream().filter(p -> p.period().code().equals(year)).findFirst()
                .orElseThrow().value()).isNull();
        var after2025 = fed.periods().stream().filter(p -> p.period().code().equals("2025")).findFirst().orElseThrow();
        assertThat(after2025.value()).isEqualByComparingTo("100");
        assertThat(fed.categories().get("Femmes").stream().filter(p -> p.period().code().equals("2025")).findFirst()
                .orElseThrow().value()).isEqualByComparingTo("100");
        assertThat(framework.grid(evaluation, PeriodType.YEAR, false).rows()).isEmpty();

        // a CAF the evaluation is shared with sees the results, without any group under five
        long caf = organisations.createNetworkOrganisationUnchecked(new NetworkOrganisationDraft(OrganisationType.CAF,
                "CAF de l'Ardèche " + survey, List.of("07")));
        String cafMember = users.newUsername("caf");
        users.addMember(caf, users.newUser(cafMember), Role.CAF_MEMBER);
        organisations.shareUnchecked(editor.structureId(), evaluation, caf, editor.userId());
        users.signIn(cafMember);
        SurveyResults shared = results.results(survey, null, null, null, Locale.FRENCH);
        assertThat(shared.outsider()).isTrue();
        assertThat(shared.questions().get(1).shares()).extracting(SurveyResults.Share::hidden)
                .containsExactly(true, true, true, true, false);
        assertThat(shared.questions().stream().map(q -> q.question().id())).doesNotContain(age.id());
        assertThat(results.results(survey, null, sexe.id(), "hommes", Locale.FRENCH).suppressed()).isTrue();
        // no filter on a personal question from outside: the filter is ignored
        assertThat(results.results(survey, null, age.id(), "34", Locale.FRENCH).filterQuestion()).isNull();
        assertThatThrownBy(() -> surveys.saveQuestion(survey, null, question(QuestionKind.YES_NO, "Intrus", false, false,
                null, null, null))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

        // another structure's member sees nothing of it
        users.signIn(users.structureWithMember(Role.STRUCTURE_ADMIN).username());
        assertThatThrownBy(() -> results.results(survey, null, null, null, Locale.FRENCH))
                .isInstanceOf(fr.maillon.web.NotFoundException.class);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s").param("s", survey)
                .query(Long.class).single();
    }

    private static Map<String, List<String>> form(Object... pairs) {
        Map<String, List<String>> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.computeIfAbsent(AnswerReader.field((Question) pairs[i]), key -> new ArrayList<>())
                    .add((String) pairs[i + 1]);
        }
        return form;
    }

    private static QuestionDraft question(QuestionKind kind, String label, boolean required, boolean personal,
            List<Choice> choices, Long condition, List<String> values) {
        return new QuestionDraft(null, null, kind, label, null, null, null, required, personal, null, null, condition,
                values, choices);
    }

    private static void assertViolation(Runnable action, String code) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RuleViolationException.class,
                ex -> assertThat(ex.violations()).extracting(RuleViolationException.Violation::code).contains(code));
    }
}
