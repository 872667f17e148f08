package fr.maillon.survey;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import fr.maillon.organisation.Role;
import fr.maillon.web.RuleViolationException;
import fr.maillon.web.RuleViolationException.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The logic of a questionnaire on PostgreSQL: XLSForm expressions evaluated by JavaRosa (every
 * operator real forms use), section conditions, required only when asked, constraints with their
 * message, bounds, and bad expressions refused on save with the expression named.
 */
@SpringBootTest
class SurveyLogicTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerService answers;

    @Autowired
    JdbcClient jdbc;

    long survey;

    @BeforeEach
    void setUp() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Logique",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        survey = surveys.create(evaluation, new SurveyDraft("Enquête avec logique", null, null, Audience.HABITANTS,
                null));
        save("age", QuestionKind.NUMBER, null, null, List.of());
        save("aides", QuestionKind.MULTIPLE, null, null, List.of(new Choice("caf", "CAF", null),
                new Choice("mairie", "Mairie", null), new Choice("asso", "Association", null)));
        save("enfants", QuestionKind.YES_NO, null, null, List.of());
        save("prenom", QuestionKind.SHORT_TEXT, null, null, List.of());
        save("accord", QuestionKind.AGREEMENT, null, null, List.of());
        save("Statut", QuestionKind.SINGLE, null, null, List.of(new Choice("1", "Salarié", null),
                new Choice("2", "Sans emploi", null)));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void evaluatesEveryOperatorRealFormsUse() {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("${age} >= 18", true);
        expected.put("${age} > 34", false);
        expected.put("${age} <= 34 and ${age} < 35", true);
        expected.put("${age} != 34", false);
        expected.put("${Statut} = 1", true);
        expected.put("${Statut} = '2'", false);
        expected.put("selected(${aides}, 'caf')", true);
        expected.put("not(selected(${aides}, 'mairie'))", true);
        expected.put("count-selected(${aides}) = 2", true);
        expected.put("string-length(${prenom}) = 3", true);
        expected.put("(${age} < 18 or ${enfants} = 'yes') and ${accord} >= 4", true);
        expected.put("${enfants} = 'no' or ${accord} = 5", false);
        expected.put("${age} + 1 = 35 and ${prenom} != ''", true);
        List<Question> targets = new ArrayList<>();
        int i = 0;
        for (String expression : expected.keySet()) {
            long target = save("cible_" + i++, QuestionKind.SHORT_TEXT, expression, null, List.of());
            targets.add(survey().question(target).orElseThrow());
        }
        Survey built = survey();
        Map<String, List<String>> form = base(built, "true");
        targets.forEach(target -> form.put(AnswerReader.field(target), List.of("ok")));

        Answers read = AnswerReader.read(built, form, false);

        assertThat(read.errors()).isEmpty();
        i = 0;
        for (Map.Entry<String, Boolean> entry : expected.entrySet()) {
            assertThat(read.values().containsKey(targets.get(i++).id())).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    @Test
    void sectionConditionsHideTheirQuestionsAndRequiredOnlyCountsWhenAsked() {
        long family = surveys.saveSection(survey, null, new SectionDraft("Votre famille", null, null,
                "${enfants} = 'yes'"));
        long nombre = surveys.saveQuestion(survey, null, new QuestionDraft(family, "nombre", QuestionKind.NUMBER,
                "Combien d'enfants ?", null, null, null, true, false, null, null, null, null, null, null,
                ". <= 12", "12 enfants au plus.", null, null));
        long many = surveys.saveSection(survey, null, new SectionDraft("Famille nombreuse", null, family,
                "${nombre} >= 3"));
        long aide = surveys.saveQuestion(survey, null, new QuestionDraft(many, "aide_familiale",
                QuestionKind.YES_NO, "Aide familiale ?", null, null, null, true, false, null, null, null, null, null));
        Survey built = survey();

        Map<String, List<String>> without = base(built, "false");
        without.put("q" + nombre, List.of("2"));
        Answers notAsked = AnswerReader.read(built, without, false);
        assertThat(notAsked.errors()).as("not asked, so not required").isEmpty();
        assertThat(notAsked.values()).as("an answer to a question not asked is dropped").doesNotContainKey(nombre);

        Answers missing = AnswerReader.read(built, base(built, "true"), false);
        assertThat(missing.errors()).containsEntry(nombre, "survey.answer.required").doesNotContainKey(aide);

        Map<String, List<String>> tooMany = base(built, "true");
        tooMany.put("q" + nombre, List.of("15"));
        assertThat(AnswerReader.read(built, tooMany, false).errors()).containsEntry(nombre, "survey.answer.constraint")
                .as("the nested section's condition reads a refused answer as no answer").doesNotContainKey(aide);

        Map<String, List<String>> three = base(built, "true");
        three.put("q" + nombre, List.of("3"));
        assertThat(AnswerReader.read(built, three, false).errors()).containsOnlyKeys(aide);
        three.put("q" + aide, List.of("true"));
        Answers good = answers.answer(built.waves().get(0).token(), three, false, null, "client");
        assertThat(good.valid()).isTrue();
        assertThat(jdbc.sql("SELECT answers ->> :q FROM survey_response WHERE survey_id = :s")
                .param("q", String.valueOf(nombre)).param("s", survey).query(String.class).single()).isEqualTo("3");
    }

    @Test
    void theQuestionItselfIsTheDotAndAnEmptyAnswerIsNotChecked() {
        long code = save("code_postal", QuestionKind.SHORT_TEXT, null, "string-length(.) = 5 and regex(., '^[0-9]+$')",
                List.of());
        Survey built = survey();
        Map<String, List<String>> form = base(built, "true");
        assertThat(AnswerReader.read(built, form, false).errors()).isEmpty();
        form.put("q" + code, List.of("7500"));
        assertThat(AnswerReader.read(built, form, false).errors()).containsEntry(code, "survey.answer.constraint");
        form.put("q" + code, List.of("75011"));
        assertThat(AnswerReader.read(built, form, false).errors()).isEmpty();
    }

    @Test
    void refusesBadExpressionsOnSaveNamingThem() {
        assertRefused("${inconnue} = 1", "survey.logic.unknown", "inconnue");
        assertRefused("${age} >", "survey.logic.syntax", "${age} >");
        assertRefused("foo(${age})", "survey.logic.function", "foo(${age})");
        assertRefused("x".repeat(SurveyLogic.MAX_LENGTH + 1), "survey.logic.tooLong", null);
        String deep = "(".repeat(60) + "${age}" + ")".repeat(60);
        assertRefused(deep, "survey.logic.tooDeep", null);
        assertThatThrownBy(() -> surveys.saveSection(survey, null, new SectionDraft("Partie", null, null,
                "${age} = = 2"))).isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(
                        ex.violations()).extracting(Violation::field, Violation::code)
                        .contains(org.assertj.core.groups.Tuple.tuple("relevant", "survey.logic.syntax")));
    }

    @Test
    void boundsHoldAgainstHostileExpressions() {
        String hundredThousand = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThat(SurveyLogic.parse(hundredThousand)).isEmpty();
        assertThat(SurveyLogic.check(hundredThousand, "relevant", Set.of())).extracting(Violation::code)
                .containsExactly("survey.logic.tooLong");
        String deepButShort = "not(".repeat(300) + "true()" + ")".repeat(300);
        assertThat(SurveyLogic.check(deepButShort, "relevant", Set.of())).extracting(Violation::code)
                .containsExactly("survey.logic.tooDeep");
        // a pattern that backtracks without end is stopped by its time budget and refuses the answer
        long text = save("texte", QuestionKind.LONG_TEXT, null, "regex(., '^(a+)+$')", List.of());
        Survey built = survey();
        Map<String, List<String>> form = base(built, "true");
        form.put("q" + text, List.of("a".repeat(40) + "!"));
        assertThat(AnswerReader.read(built, form, false).errors()).containsEntry(text, "survey.answer.constraint");
    }

    @Test
    void aPersonalQuestionIsNeverRequiredSoDecliningConsentAlwaysLetsOneSend() {
        assertThatThrownBy(() -> surveys.saveQuestion(survey, null, new QuestionDraft(null, "email",
                QuestionKind.SHORT_TEXT, "Votre courriel", null, null, null, true, true, null, null, null, null,
                null))).isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(Violation::code).containsExactly("survey.question.requiredPersonal"));
        long email = surveys.saveQuestion(survey, null, new QuestionDraft(null, "email", QuestionKind.SHORT_TEXT,
                "Votre courriel", null, null, null, false, true, null, null, null, null, null));
        // a required personal question from before this rule is not required either
        jdbc.sql("UPDATE survey_question SET required = true WHERE id = :id").param("id", email).update();
        Survey built = survey();
        Answers declined = AnswerReader.read(built, base(built, "true"), false);
        assertThat(declined.errors()).isEmpty();
        Map<String, List<String>> typed = base(built, "true");
        typed.put("q" + email, List.of("lea@example.org"));
        assertThat(AnswerReader.read(built, typed, false).errors()).containsOnlyKeys(email);
        assertThat(AnswerReader.read(built, typed, true).errors()).isEmpty();
    }

    @Test
    void anOtherChoiceKeepsItsTextBesideTheAnswer() {
        long transport = surveys.saveQuestion(survey, null, new QuestionDraft(null, "transport",
                QuestionKind.SINGLE, "Comment venez-vous ?", null, null, null, false, false, null, null, null, null,
                List.of(new Choice("pied", "À pied", null), new Choice("bus", "En bus", null)), null, null, null,
                null, true));
        long velo = save("velo", QuestionKind.SHORT_TEXT, "${transport_other} = 'vélo'", null, List.of());
        Survey built = survey();
        assertThat(built.question(transport).orElseThrow().values()).containsExactly("pied", "bus", "other");
        Map<String, List<String>> form = base(built, "true");
        form.put("q" + transport, List.of("other"));
        form.put("q" + transport + "_other", List.of("vélo"));
        form.put("q" + velo, List.of("oui"));
        Answers read = answers.answer(built.waves().get(0).token(), form, false, null, "client");
        assertThat(read.valid()).isTrue();
        assertThat(read.values()).as("the other text can be read by an expression").containsKey(velo);
        assertThat(jdbc.sql("SELECT answers -> 'other' ->> :q FROM survey_response WHERE survey_id = :s")
                .param("q", String.valueOf(transport)).param("s", survey).query(String.class).single())
                .isEqualTo("vélo");
        AnswerService.Response stored = answers.responses(survey).get(0);
        assertThat(stored.answers()).containsEntry(transport, "other");
        assertThat(stored.others()).containsEntry(transport, "vélo");
    }

    @Test
    void aQuestionReadByAnExpressionCannotBeDeletedNorRenamed() {
        save("suite", QuestionKind.SHORT_TEXT, "${age} >= 18", null, List.of());
        Question age = survey().question("age").orElseThrow();
        assertThatThrownBy(() -> surveys.deleteQuestion(survey, age.id()))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(Violation::code).containsExactly("survey.question.expressionOf"));
        assertThatThrownBy(() -> surveys.saveQuestion(survey, age.id(), new QuestionDraft(null, "age2",
                QuestionKind.NUMBER, "Âge", null, null, null, false, false, null, null, null, null, null)))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations())
                        .extracting(Violation::code).containsExactly("survey.question.code.read"));
    }

    // --- helpers ------------------------------------------------------------------------------

    private Survey survey() {
        return surveys.survey(survey);
    }

    private long save(String code, QuestionKind kind, String relevant, String constraint, List<Choice> choices) {
        return surveys.saveQuestion(survey, null, new QuestionDraft(null, code, kind, "Question " + code, null, null,
                null, false, false, null, null, null, null, choices, relevant, constraint, null, null, null));
    }

    /** The base answers: 34 years old, helped by the CAF and an association, children (yes/no as given), Léa. */
    private static Map<String, List<String>> base(Survey survey, String children) {
        Map<String, List<String>> form = new HashMap<>();
        put(form, survey, "age", "34");
        put(form, survey, "aides", "caf", "asso");
        put(form, survey, "enfants", children);
        put(form, survey, "prenom", "Léa");
        put(form, survey, "accord", "4");
        put(form, survey, "Statut", "1");
        return form;
    }

    private static void put(Map<String, List<String>> form, Survey survey, String code, String... values) {
        form.put(AnswerReader.field(survey.question(code).orElseThrow()), List.of(values));
    }

    private void assertRefused(String expression, String code, String named) {
        assertThatThrownBy(() -> save("refusee", QuestionKind.SHORT_TEXT, expression, null, List.of()))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> {
                    assertThat(ex.violations()).extracting(Violation::field).containsOnly("relevant");
                    if (code != null) {
                        assertThat(ex.violations()).extracting(Violation::code).containsExactly(code);
                    }
                    if (named != null) {
                        assertThat(List.of(ex.violations().get(0).arguments())).anyMatch(argument -> String
                                .valueOf(argument).contains(named));
                    }
                });
    }
}
