package fr.maillon.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Choice;
import fr.maillon.survey.FormDefinition;
import fr.maillon.survey.FormDefinition.Field;
import fr.maillon.survey.FormDefinition.Group;
import fr.maillon.survey.QuestionKind;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A questionnaire imported with a group-level condition and a constraint, answered on a 360 px
 * phone: with JavaScript, the group shows once its condition holds and the constraint's message as
 * soon as the answer breaks it; without, the condition is written in words and the server refuses
 * the answer with the message, keeping what was typed. Both responses are stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SurveyLogicBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    ChromeDriver phone;
    Survey survey;

    @BeforeEach
    void importSurvey() {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        int year = LocalDate.now(clock).getYear();
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Familles",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 12, 31),
                null));
        FormDefinition form = new FormDefinition("Les familles du quartier", null, List.of(
                new Field("a_enfants", QuestionKind.SINGLE, "Avez-vous des enfants ?", null, null, null, true, null,
                        null, null, null, null, null, List.of(new Choice("yes", "Oui", null), new Choice("no", "Non",
                                null)), false),
                new Group("famille", "Votre famille", null, "${a_enfants} = 'yes'", false, List.of(
                        new Field("nb_enfants", QuestionKind.NUMBER, "Combien d'enfants avez-vous ?", null, null,
                                null, true, null, ". < 20", "Moins de 20 enfants, s'il vous plaît.", null, null, null,
                                List.of(), false))),
                new Field("remarque", QuestionKind.SHORT_TEXT, "Une remarque ?", null, null, null, false, null, null,
                        null, null, null, null, List.of(), false)));
        survey = surveys.survey(surveys.createFrom(evaluation, form).surveyId());
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void quit() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void withJavaScriptTheGroupShowsWhenItsConditionHoldsAndTheConstraintSpeaksAtOnce() throws Exception {
        phone = Browser.start(360, 740);
        phone.get(url("/s/" + token()));
        WebElement family = phone.findElement(By.id("section-" + survey.sections().get(0).id()));
        assertThat(family.isDisplayed()).as("hidden until the condition holds").isFalse();
        assertThat(phone.findElement(By.cssSelector("#section-" + survey.sections().get(0).id() + " > .condition"))
                .isDisplayed()).as("the condition in words is not needed").isFalse();

        phone.findElement(By.cssSelector("input[name='" + field("a_enfants") + "'][value='yes']")).click();
        assertThat(family.isDisplayed()).isTrue();
        WebElement count = phone.findElement(By.id(field("nb_enfants")));
        count.sendKeys("25");
        WebElement message = phone.findElement(By.id(field("nb_enfants") + "-constraint"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).isEqualTo("Moins de 20 enfants, s'il vous plaît.");
        assertThat(count.getAttribute("aria-invalid")).isEqualTo("true");
        count.clear();
        count.sendKeys("3");
        assertThat(message.isDisplayed()).isFalse();
        assertThat(((Number) phone.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(360);

        submit();
        assertThat(phone.getCurrentUrl()).endsWith("/merci");
        assertThat(stored()).containsExactly("3");
    }

    @Test
    void withoutJavaScriptTheConditionIsWrittenAndTheServerRefusesKeepingWhatWasTyped() throws Exception {
        phone = Browser.startWithoutJavaScript(360, 740);
        phone.get(url("/s/" + token()));
        WebElement family = phone.findElement(By.id("section-" + survey.sections().get(0).id()));
        assertThat(family.isDisplayed()).as("every question shows").isTrue();
        assertThat(family.findElement(By.tagName("legend")).getText()).isEqualTo("Votre famille");
        assertThat(family.findElement(By.cssSelector(".condition")).getText())
                .isEqualTo("Seulement si « Avez-vous des enfants ? » est « Oui » :");

        phone.findElement(By.cssSelector("input[name='" + field("a_enfants") + "'][value='yes']")).click();
        phone.findElement(By.id(field("nb_enfants"))).sendKeys("25");
        phone.findElement(By.id(field("remarque"))).sendKeys("Merci pour l'accueil");
        submit();

        assertThat(phone.findElement(By.id(field("nb_enfants") + "-error")).getText())
                .isEqualTo("Moins de 20 enfants, s'il vous plaît.");
        assertThat(phone.findElement(By.id(field("nb_enfants"))).getAttribute("value")).isEqualTo("25");
        assertThat(phone.findElement(By.id(field("remarque"))).getAttribute("value")).isEqualTo("Merci pour l'accueil");
        assertThat(phone.findElement(By.cssSelector("input[name='" + field("a_enfants") + "'][value='yes']"))
                .isSelected()).isTrue();
        assertThat(stored()).isEmpty();

        WebElement count = phone.findElement(By.id(field("nb_enfants")));
        count.clear();
        count.sendKeys("4");
        submit();
        assertThat(phone.getCurrentUrl()).endsWith("/merci");
        assertThat(stored()).containsExactly("4");
    }

    private List<String> stored() {
        return jdbc.sql("SELECT answers ->> :q FROM survey_response WHERE survey_id = :s")
                .param("q", String.valueOf(survey.question("nb_enfants").orElseThrow().id()))
                .param("s", survey.id()).query(String.class).list();
    }

    private String field(String code) {
        return "q" + survey.question(code).orElseThrow().id();
    }

    private String token() {
        return survey.waves().get(0).token();
    }

    private void submit() {
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
