package fr.maillon.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationService;
import fr.maillon.organisation.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A survey built through the pages, answered from its public link on a phone with JavaScript
 * off, then read in the results and in the indicator its question feeds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SurveyBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    Clock clock;

    ChromeDriver driver;
    ChromeDriver phone;

    @AfterEach
    void quit() {
        for (ChromeDriver browser : new ChromeDriver[] { driver, phone }) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void aSurveyAnsweredWithoutJavaScriptShowsInTheResultsAndTheIndicator() throws Exception {
        TestUsers.Created editor = users.structureWithMember(Role.STRUCTURE_EDITOR);
        users.signIn(editor.username());
        int year = LocalDate.now(clock).getYear();
        long evaluation = evaluations.create(editor.structureId(), new EvaluationDraft("Lien social",
                EvaluationScope.PROJET_SOCIAL, null, LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 12, 31), null));
        SecurityContextHolder.clearContext();

        driver = Browser.start(1280, 900);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(editor.username());
        driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        submit(driver);
        driver.get(url("/evaluations/" + evaluation + "/surveys"));
        driver.findElement(By.id("title")).sendKeys("Vivre le quartier");
        submit(driver);
        String surveyUrl = driver.getCurrentUrl();

        addQuestion("Vous sentez-vous moins seul(e) depuis que vous venez ?", "AGREEMENT", "", true, "");
        addQuestion("Participez-vous à un atelier ?", "YES_NO", "", false, "");
        addQuestion("Lequel ?", "SINGLE", "Cuisine\nJardin\nCouture", false, "Participez-vous à un atelier ? = Oui");
        addQuestion("Un mot pour l'équipe ?", "LONG_TEXT", "", false, "");

        driver.get(url("/evaluations/" + evaluation + "/indicators/new"));
        driver.findElement(By.id("name")).sendKeys("Part des habitants moins seuls");
        driver.findElement(By.id("code")).sendKeys("moins_seuls");
        select("measure", "Pourcentage");
        select("source", "Question d'enquête");
        submit(driver);

        driver.get(surveyUrl);
        select("indicatorId", "Part des habitants moins seuls");
        select("questionId", "Vous sentez-vous moins seul(e) depuis que vous venez ?");
        select("statistic", "Part d'accord ou tout à fait d'accord (%)");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#feeds form button[type=submit]")));
        assertThat(driver.findElement(By.id("feeds")).getText()).contains("Part des habitants moins seuls");
        String link = driver.findElement(By.cssSelector("#waves a.public-link")).getAttribute("href");

        phone = Browser.startWithoutJavaScript(360, 740);
        // five answers: an indicator takes no value from fewer, so that nobody can be recognised
        for (String[] answer : List.of(new String[] { "4", "true", "jardin" }, new String[] { "5", "false", "" },
                new String[] { "2", "true", "cuisine" }, new String[] { "5", "false", "" },
                new String[] { "1", "false", "" })) {
            phone.get(link);
            // the page's script would hide the conditional question and its note: they show, scripts are off
            assertThat(phone.findElement(By.cssSelector("p.condition")).isDisplayed()).isTrue();
            assertThat((Long) ((JavascriptExecutor) phone).executeScript(
                    "return document.documentElement.scrollWidth")).isLessThanOrEqualTo(360);
            if (answer[0].equals("4")) {
                // a required question left empty: nothing is stored, the question is named
                submit(phone);
                assertThat(phone.findElement(By.id("errors")).getText())
                        .contains("Vous sentez-vous moins seul(e) depuis que vous venez ? : une réponse est attendue.");
            }
            phone.findElement(By.cssSelector("input[value='" + answer[0] + "']")).click();
            phone.findElement(By.cssSelector("input[value='" + answer[1] + "']")).click();
            if (!answer[2].isEmpty()) {
                phone.findElement(By.cssSelector("input[value='" + answer[2] + "']")).click();
            }
            submit(phone);
            assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Merci !");
        }
        assertThat(phone.getPageSource().length()).isLessThan(30_000);

        driver.get(surveyUrl + "/results");
        assertThat(driver.findElement(By.id("respondents")).getText()).isEqualTo("5 personnes ont répondu.");
        WebElement agreement = driver.findElement(By.cssSelector("[id^='result-vous_sentez']"));
        assertThat(agreement.getText()).contains("Plutôt d'accord 1 20 %").contains("Tout à fait d'accord 2 40 %");
        driver.get(url("/evaluations/" + evaluation + "/results"));
        assertThat(driver.findElement(By.id("result-moins_seuls")).getText()).contains(year + " 60");
    }

    private void addQuestion(String label, String kind, String choices, boolean required, String condition) {
        driver.get(driver.getCurrentUrl().replaceAll("(/surveys/\\d+).*", "$1") + "/questions/new");
        driver.findElement(By.id("label")).sendKeys(label);
        select("kind", kindLabel(kind));
        if (!choices.isEmpty()) {
            driver.findElement(By.id("choices")).sendKeys(choices);
        }
        if (required) {
            driver.findElement(By.id("required1")).click();
        }
        if (!condition.isEmpty()) {
            select("condition", condition);
        }
        submit(driver);
        assertThat(driver.findElement(By.id("questions")).getText()).contains(label);
    }

    private static String kindLabel(String kind) {
        return switch (kind) {
            case "AGREEMENT" -> "Échelle d'accord (5 niveaux)";
            case "YES_NO" -> "Oui ou non";
            case "SINGLE" -> "Choix unique";
            default -> "Texte long";
        };
    }

    private void select(String id, String text) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByVisibleText(text);
    }

    private static void submit(ChromeDriver browser) {
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
