package fr.maillon.web;

import java.nio.file.Files;
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

import fr.maillon.TestFiles;
import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.importing.XlsFormImporter;
import fr.maillon.organisation.Role;
import fr.maillon.survey.Section;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a real XLSForm (pyxform's own spec form) imported as a user would, then answered on a
 * 360 px phone. Its group "everything" is asked only when "Skip to end" is not "yes"; its
 * "constrained decimal" must be at most "a integer". With JavaScript the group hides and shows and
 * the rule speaks as soon as it is broken; without, the condition is written and the server refuses
 * the broken rule, keeping what was typed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ImportedXlsFormBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    SurveyService surveys;

    @Autowired
    XlsFormImporter forms;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    ChromeDriver phone;
    Survey survey;
    Section everything;

    @BeforeEach
    void importTheForm() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        int year = LocalDate.now(clock).getYear();
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Formulaire ODK",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 12, 31),
                null));
        byte[] file = Files.readAllBytes(TestFiles.FIXTURES.resolve("xlsform/xlsform_spec_test.xlsx"));
        survey = surveys.survey(forms.importForm(evaluation, "xlsform_spec_test.xlsx", file, "english").surveyId());
        everything = survey.sections().stream().filter(section -> section.title().equals("everything")).findFirst()
                .orElseThrow();
        assertThat(everything.relevant()).isEqualTo("not(selected(${skip_to_end}, 'yes'))");
        assertThat(survey.question("a_decimal").orElseThrow().constraint()).isEqualTo(". <= ${a_integer}");
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void quit() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void withJavaScriptTheGroupFollowsItsConditionAndTheRuleSpeaksAtOnce() throws Exception {
        phone = Browser.start(360, 740);
        phone.get(url("/s/" + token()));
        WebElement group = phone.findElement(By.id("section-" + everything.id()));
        assertThat(group.isDisplayed()).isTrue();
        choose("skip_to_end", "yes");
        assertThat(group.isDisplayed()).as("skipped to the end").isFalse();
        choose("skip_to_end", "no");
        assertThat(group.isDisplayed()).isTrue();

        phone.findElement(By.id(field("a_integer"))).sendKeys("5");
        WebElement decimal = phone.findElement(By.id(field("a_decimal")));
        decimal.sendKeys("7.5");
        WebElement message = phone.findElement(By.id(field("a_decimal") + "-constraint"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).isNotBlank();
        decimal.clear();
        decimal.sendKeys("4.5");
        assertThat(message.isDisplayed()).isFalse();
        answerTheRequiredOnes();
        assertThat(((Number) phone.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(360);

        submit();
        assertThat(phone.getCurrentUrl()).endsWith("/merci");
        assertThat(stored("a_decimal")).containsExactly("4.5");
    }

    @Test
    void withoutJavaScriptTheConditionIsWrittenAndTheServerRefusesTheBrokenRule() throws Exception {
        phone = Browser.startWithoutJavaScript(360, 740);
        phone.get(url("/s/" + token()));
        WebElement group = phone.findElement(By.id("section-" + everything.id()));
        assertThat(group.isDisplayed()).isTrue();
        assertThat(group.findElement(By.cssSelector(".condition")).getText()).isNotBlank();

        choose("skip_to_end", "no");
        phone.findElement(By.id(field("a_integer"))).sendKeys("5");
        phone.findElement(By.id(field("a_decimal"))).sendKeys("7.5");
        answerTheRequiredOnes();
        submit();

        assertThat(phone.findElement(By.id(field("a_decimal") + "-error")).getText()).isNotBlank();
        assertThat(phone.findElement(By.id(field("a_decimal"))).getAttribute("value")).isEqualTo("7.5");
        assertThat(phone.findElement(By.id(field("required_text"))).getAttribute("value")).isEqualTo("Bonjour");
        assertThat(stored("a_decimal")).isEmpty();

        WebElement decimal = phone.findElement(By.id(field("a_decimal")));
        decimal.clear();
        decimal.sendKeys("5");
        submit();
        assertThat(phone.getCurrentUrl()).endsWith("/merci");
        assertThat(stored("a_decimal")).containsExactly("5");
    }

    private void answerTheRequiredOnes() {
        WebElement text = phone.findElement(By.id(field("required_text")));
        if (text.getAttribute("value").isEmpty()) {
            text.sendKeys("Bonjour");
        }
        choose("list-nolabel-test", "yes");
    }

    private void choose(String code, String value) {
        phone.findElement(By.cssSelector("input[name='" + field(code) + "'][value='" + value + "']")).click();
    }

    private List<String> stored(String code) {
        return jdbc.sql("SELECT answers ->> :q FROM survey_response WHERE survey_id = :s")
                .param("q", String.valueOf(survey.question(code).orElseThrow().id()))
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
