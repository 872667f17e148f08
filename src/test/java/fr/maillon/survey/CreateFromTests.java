package fr.maillon.survey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
import fr.maillon.organisation.Role;
import fr.maillon.survey.FormDefinition.Field;
import fr.maillon.survey.FormDefinition.Group;
import fr.maillon.web.RuleViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A questionnaire read from another tool becomes a survey in its order, with nested groups,
 * conditions, constraints, "Autre" and matrix groups kept, names made codes and what was not kept
 * listed.
 */
@SpringBootTest
class CreateFromTests {

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

    long evaluation;

    @BeforeEach
    void setUp() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Import", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    static Field field(String name, QuestionKind kind, String label, boolean required, String relevant,
            String constraint, String message, List<Choice> choices, boolean orOther) {
        return new Field(name, kind, label, null, null, null, required, relevant, constraint, message, null, null,
                null, choices, orOther);
    }

    static final List<Choice> YES_NO = List.of(new Choice("yes", "Oui", "Yes"), new Choice("no", "Non", "No"));

    /** A household form: a group with a nested group, a question between two groups, a matrix, "Autre". */
    static FormDefinition household() {
        return new FormDefinition("Ménages", "Households", List.of(
                field("A_enfants", QuestionKind.SINGLE, "Avez-vous des enfants ?", true, null, null, null, YES_NO,
                        false),
                new Group("famille", "Votre famille", "Your family", "${A_enfants} = 'yes'", false, List.of(
                        field("nb_enfants", QuestionKind.NUMBER, "Combien ?", true, null, ". > 0 and . < 20",
                                "Entre 1 et 19 enfants.", List.of(), false),
                        new Group("grande", "Famille nombreuse", null, "${nb_enfants} >= 3", false, List.of(
                                field("aide", QuestionKind.YES_NO, "Une aide ?", true, null, null, null, List.of(),
                                        false))))),
                field("2nd question", QuestionKind.SHORT_TEXT, "Entre deux parties", false, "${nb_enfants} > 1", null,
                        null, List.of(), false),
                new Group("satisfaction", "Satisfaction", null, null, true, List.of(
                        field("accueil", QuestionKind.SINGLE, "L'accueil", false, null, null, null, YES_NO, false),
                        field("horaires", QuestionKind.SINGLE, "Les horaires", false, null, null, null, YES_NO,
                                false))),
                field("transport", QuestionKind.SINGLE, "Comment venez-vous ?", false,
                        "string-length(${2nd question}) = 0", null, null,
                        List.of(new Choice("pied", "À pied", null), new Choice("bus", "En bus", null)), true),
                field("perdue", QuestionKind.SHORT_TEXT, "Condition perdue", false, "${nulle_part} = 1", null, null,
                        List.of(), false)));
    }

    @Test
    void keepsOrderNestingConditionsConstraintsAndOther() {
        SurveyService.Created created = surveys.createFrom(evaluation, household());
        Survey survey = surveys.survey(created.surveyId());

        assertThat(survey.questions()).extracting(Question::code).containsExactly("A_enfants", "nb_enfants", "aide",
                "q_2nd_question", "accueil", "horaires", "transport", "perdue");
        List<Survey.Item> items = survey.items();
        assertThat(items).hasSize(6);
        assertThat(((Survey.QuestionItem) items.get(0)).question().code()).isEqualTo("A_enfants");
        Survey.SectionItem family = (Survey.SectionItem) items.get(1);
        assertThat(family.section().title()).isEqualTo("Votre famille");
        assertThat(family.section().relevant()).isEqualTo("${A_enfants} = 'yes'");
        Survey.SectionItem large = (Survey.SectionItem) family.items().get(1);
        assertThat(large.section().parentId()).isEqualTo(family.section().id());
        assertThat(large.section().relevant()).isEqualTo("${nb_enfants} >= 3");
        assertThat(((Survey.QuestionItem) items.get(2)).question().code()).as("a question between two groups stays")
                .isEqualTo("q_2nd_question");
        assertThat(((Survey.SectionItem) items.get(3)).section().layout()).isEqualTo("matrix");
        Question transport = survey.question("transport").orElseThrow();
        assertThat(transport.relevant()).as("references follow the codes").isEqualTo(
                "string-length(${q_2nd_question}) = 0");
        assertThat(transport.values()).containsExactly("pied", "bus", "other");
        assertThat(survey.question("perdue").orElseThrow().relevant()).isNull();
        assertThat(survey.question("nb_enfants").orElseThrow().constraintMessage()).isEqualTo("Entre 1 et 19 enfants.");
        assertThat(created.notKept()).hasSize(2);
        assertThat(created.notKept()).anyMatch(line -> line.startsWith("2nd question") && line.contains("q_2nd_question"));
        assertThat(created.notKept()).anyMatch(line -> line.startsWith("perdue") && line.contains("nulle_part"));

        // behaviour: the family's questions are asked only with children, the nested group only from three
        Map<String, List<String>> form = new HashMap<>();
        form.put(field(survey, "A_enfants"), List.of("no"));
        form.put(field(survey, "transport"), List.of("other"));
        form.put(field(survey, "transport") + "_other", List.of("Trottinette"));
        assertThat(AnswerReader.read(survey, form, false).errors()).isEmpty();
        form.put(field(survey, "A_enfants"), List.of("yes"));
        assertThat(AnswerReader.read(survey, form, false).errors()).containsOnlyKeys(
                survey.question("nb_enfants").orElseThrow().id());
        form.put(field(survey, "nb_enfants"), List.of("25"));
        assertThat(AnswerReader.read(survey, form, false).errors()).containsEntry(
                survey.question("nb_enfants").orElseThrow().id(), "survey.answer.constraint");
        form.put(field(survey, "nb_enfants"), List.of("4"));
        assertThat(AnswerReader.read(survey, form, false).errors()).containsOnlyKeys(
                survey.question("aide").orElseThrow().id());
        form.put(field(survey, "aide"), List.of("true"));
        form.put(field(survey, "q_2nd_question"), List.of("texte"));
        Answers read = AnswerReader.read(survey, form, false);
        assertThat(read.errors()).isEmpty();
        assertThat(read.values()).as("transport is asked only while the text between the parts is empty")
                .doesNotContainKey(survey.question("transport").orElseThrow().id());
    }

    @Test
    void aLimitReachedRefusesTheWholeQuestionnaireNamingWhatToDo() {
        List<Choice> many = new java.util.ArrayList<>();
        for (int i = 0; i < SurveyService.MAX_CHOICES + 1; i++) {
            many.add(new Choice("c" + i, "Choix " + i, null));
        }
        long before = jdbc.sql("SELECT count(*) FROM survey").query(Long.class).single();
        assertThatThrownBy(() -> surveys.createFrom(evaluation, new FormDefinition("Trop", null, List.of(
                field("liste", QuestionKind.SINGLE, "Liste", false, null, null, null, many, false)))))
                .isInstanceOfSatisfying(RuleViolationException.class, ex -> assertThat(ex.violations().get(0).field())
                        .isEqualTo("liste.choices"));
        assertThat(jdbc.sql("SELECT count(*) FROM survey").query(Long.class).single()).as("nothing written")
                .isEqualTo(before);
    }

    @Test
    void takesAThousandQuestionsWithLongTexts() {
        List<FormDefinition.Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(new Field("q" + i, QuestionKind.NUMBER, "Question " + i + " " + "é".repeat(i == 0 ? 9_000 : 10),
                    null, null, null, false, i == 0 ? null : "${q" + (i - 1) + "} >= 0", null, null, null,
                    BigDecimal.ZERO, null, List.of(), false));
        }
        SurveyService.Created created = surveys.createFrom(evaluation, new FormDefinition("Mille", null, items));
        Survey survey = surveys.survey(created.surveyId());
        assertThat(survey.questions()).hasSize(1000);
        assertThat(survey.questions().get(0).label()).hasSizeGreaterThan(9_000);
        assertThat(created.notKept()).isEmpty();
    }

    private static String field(Survey survey, String code) {
        return AnswerReader.field(survey.question(code).orElseThrow());
    }
}
