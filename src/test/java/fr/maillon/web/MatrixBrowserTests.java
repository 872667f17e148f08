package fr.maillon.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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
import fr.maillon.survey.Audience;
import fr.maillon.survey.SectionDraft;
import fr.maillon.survey.Survey;
import fr.maillon.survey.SurveyDraft;
import fr.maillon.survey.SurveyService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, point 5: a matrix answered on a 360 px phone without JavaScript: each row is its own
 * fieldset whose legend is the row, nothing is wider than the phone, and the answers are stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MatrixBrowserTests {

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

    @AfterEach
    void quit() {
        if (phone != null) {
            phone.quit();
        }
    }

    @Test
    void eachRowIsAFieldsetOnAPhoneWithoutJavaScript() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        int year = LocalDate.now(clock).getYear();
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Accueil",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 12, 31),
                null));
        long id = surveys.create(evaluation, new SurveyDraft("L'accueil", null, null, Audience.HABITANTS, null));
        long matrix = surveys.addMatrix(id, new SectionDraft("Votre avis sur l'accueil", null, null, null),
                List.of("Pas du tout satisfait", "Plutôt pas satisfait", "Plutôt satisfait", "Tout à fait satisfait"),
                List.of("Les horaires d'ouverture du centre", "L'écoute de l'équipe", "Les locaux"), true);
        Survey survey = surveys.survey(id);
        SecurityContextHolder.clearContext();

        phone = Browser.startWithoutJavaScript(360, 740);
        phone.get("http://localhost:" + port + "/s/" + survey.waves().get(0).token());
        WebElement grid = phone.findElement(By.id("section-" + matrix));
        assertThat(grid.getAttribute("class")).contains("matrix");
        List<WebElement> rows = grid.findElements(By.cssSelector(".question fieldset"));
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(row -> row.findElement(By.tagName("legend")).getText())
                .allSatisfy(legend -> assertThat(legend).isNotBlank())
                .anySatisfy(legend -> assertThat(legend).startsWith("L'écoute de l'équipe"));
        assertThat(((Number) phone.executeScript("return document.documentElement.scrollWidth")).intValue())
                .as("nothing wider than the phone").isLessThanOrEqualTo(360);

        for (WebElement row : rows) {
            row.findElements(By.cssSelector("input[type=radio]")).get(2).click();
        }
        Browser.clickAndWait(phone, phone.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(phone.getCurrentUrl()).endsWith("/merci");
        assertThat(jdbc.sql("SELECT answers ->> :q FROM survey_response WHERE survey_id = :s")
                .param("q", String.valueOf(survey.questions().get(1).id())).param("s", id).query(String.class).list())
                .containsExactly("plutot_satisfait");
    }
}
