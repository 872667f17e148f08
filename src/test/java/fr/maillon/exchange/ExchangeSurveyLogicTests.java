package fr.maillon.exchange;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.AnswerService;
import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.FormDefinition.Field;
import fr.maillon.survey.FormDefinition.Group;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** A survey's logic (nested sections, conditions, rules, "Autre" and its texts, order) goes through the exchange format. */
@SpringBootTest
@AutoConfigureMockMvc
class ExchangeSurveyLogicTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    AnswerService answers;

    @Test
    void exportImportExportKeepsTheLogic() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Logique", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31), null));
        List<Choice> yesNo = List.of(new Choice("yes", "Oui", null), new Choice("no", "Non", null));
        Survey survey = surveys.survey(surveys.createFrom(evaluation, new FormDefinition("Familles", null, List.of(
                new Field("A_enfants", QuestionKind.SINGLE, "Des enfants ?", null, null, null, true, null, null, null,
                        null, null, null, yesNo, false),
                new Group("famille", "Famille", null, "${A_enfants} = 'yes'", false, List.of(
                        new Field("nb", QuestionKind.NUMBER, "Combien ?", null, null, null, false, null, ". < 20",
                                "Moins de 20.", null, null, null, List.of(), false),
                        new Group("detail", "Détail", null, "${nb} > 2", true, List.of(
                                new Field("aide", QuestionKind.YES_NO, "Une aide ?", null, null, null, false, null,
                                        null, null, null, null, null, List.of(), false))))),
                new Field("entre", QuestionKind.SHORT_TEXT, "Entre deux", null, null, null, false, "${nb} > 1", null,
                        null, null, null, null, List.of(), false),
                new Group("fin", "Fin", null, null, false, List.of(
                        new Field("transport", QuestionKind.SINGLE, "Transport", null, null, null, false, null, null,
                                null, null, null, null, List.of(new Choice("bus", "Bus", null),
                                        new Choice("pied", "À pied", null)), true)))))).surveyId());
        Map<String, List<String>> form = new HashMap<>();
        form.put("q" + survey.question("A_enfants").orElseThrow().id(), List.of("no"));
        form.put("q" + survey.question("transport").orElseThrow().id(), List.of("other"));
        form.put("q" + survey.question("transport").orElseThrow().id() + "_other", List.of("Vélo"));
        assertThat(answers.answer(survey.waves().get(0).token(), form, false, null, "c").valid()).isTrue();
        SecurityContextHolder.clearContext();

        String first = mvc.perform(get("/api/v1/evaluations/{id}/export", evaluation).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(first).contains("\"relevant\":\"${A_enfants} = 'yes'\"").contains("\"constraint\":\". < 20\"")
                .contains("\"orOther\":true").contains("\"others\":{\"transport\":\"Vélo\"}")
                .contains("\"parent\":\"sec-1\"");
        var imported = mvc.perform(post("/api/v1/structures/{id}/evaluations/import", editor.structureId())
                .with(users.as(editor.username())).with(csrf()).contentType("application/json").content(first))
                .andReturn().getResponse();
        assertThat(imported.getStatus()).as(imported.getContentAsString()).isEqualTo(201);
        String id = imported.getContentAsString().replaceAll("\\D", "");
        String second = mvc.perform(get("/api/v1/evaluations/{id}/export", id).with(users.as(editor.username())))
                .andReturn().getResponse().getContentAsString();
        assertThat(second).contains("\"relevant\":\"${A_enfants} = 'yes'\"").contains("\"constraint\":\". < 20\"")
                .contains("\"orOther\":true").contains("\"others\":{\"transport\":\"Vélo\"}")
                .contains("\"parent\":\"sec-1\"").contains("\"relevant\":\"${nb} > 1\",\"position\":3");
    }
}
