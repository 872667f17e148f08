package fr.maillon.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import fr.maillon.TestUsers;
import fr.maillon.framework.CellInput;
import fr.maillon.framework.FrameworkService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review of a report in real browsers: the author makes a link, a stakeholder without an
 * account agrees and disagrees on a phone, the author answers and finalises; a later data change
 * leaves the final version as it was; a share link shows it until it is withdrawn.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReviewBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    FrameworkService framework;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    ChromeDriver author;
    ChromeDriver reviewer;

    @AfterEach
    void quit() {
        for (ChromeDriver browser : new ChromeDriver[] { author, reviewer }) {
            if (browser != null) {
                browser.quit();
            }
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void shareCommentAgreeFinaliseThenTheFinalVersionStays() throws Exception {
        author = Browser.start(1280, 900);
        author.get(url("/login"));
        author.findElement(By.id("username")).sendKeys("coope");
        author.findElement(By.id("password")).sendKeys("maillon-demo");
        submit(author, "main form button[type=submit]");
        author.get(url("/evaluations/1/reports"));
        author.findElement(By.id("title")).sendKeys("Assemblée générale — relecture");
        new Select(author.findElement(By.id("audience"))).selectByVisibleText("Assemblée générale");
        submit(author, "main section form button[type=submit]");
        String reportUrl = author.getCurrentUrl();

        author.findElement(By.id("reviewer-name")).sendKeys("Marie, Valence Romans Agglo");
        submit(author, "#review form button[type=submit]");
        String link = author.findElement(By.cssSelector("#new-review-link a")).getAttribute("href");
        assertThat(link).contains("/review/rv_");

        reviewer = Browser.startWithoutJavaScript(360, 740);
        reviewer.get(link);
        assertThat(reviewer.findElement(By.tagName("body")).getText()).contains("Bonjour Marie, Valence Romans Agglo");
        // the page is long on an emulated phone: the reviewer uses the keyboard, as many do
        reviewer.findElement(By.cssSelector("#opinion-CONTEXT input[value=AGREE]")).sendKeys(Keys.SPACE);
        press(reviewer, "#opinion-CONTEXT button[type=submit]");
        assertThat(reviewer.findElement(By.id("review-flash")).getText()).contains("Merci");
        reviewer.findElement(By.cssSelector("#opinion-BALANCES input[value=DISAGREE]")).sendKeys(Keys.SPACE);
        reviewer.findElement(By.id("text-BALANCES")).sendKeys("Les heures des producteurs manquent.");
        press(reviewer, "#opinion-BALANCES button[type=submit]");
        assertThat(reviewer.findElement(By.id("my-comments")).getText()).contains("Contexte et parties prenantes — D'accord")
                .contains("Les heures des producteurs manquent.");

        author.get(reportUrl);
        String comments = author.findElement(By.id("comments")).getText();
        assertThat(comments).contains("Marie, Valence Romans Agglo — Contexte et parties prenantes — D'accord")
                .contains("Pas d'accord").contains("Les heures des producteurs manquent.");
        WebElement answer = author.findElements(By.cssSelector("#comments textarea")).get(1);
        answer.sendKeys("Merci : nous les ajoutons aux interactions.");
        Browser.clickAndWait(author, author.findElements(By.cssSelector("#comments button[type=submit]")).get(1));
        assertThat(author.findElement(By.id("comments")).getText()).contains("nous les ajoutons");
        submit(author, "form[action$='/finalise'] button[type=submit]");
        assertThat(author.getCurrentUrl()).endsWith("?version=1");
        assertThat(author.findElement(By.id("version")).getText()).startsWith("Version finale 1");
        assertThat(author.findElement(By.id("section-RESULTS")).getText()).contains("150");

        // a data change after finalising: the draft follows, version 1 does not
        users.signIn("coope");
        long participants = jdbc.sql("SELECT id FROM indicator WHERE evaluation_id = 1 AND code = 'participants'")
                .query(Long.class).single();
        framework.saveGrid(1, false, List.of(new CellInput(participants, "2021", "999")));
        try {
            author.navigate().refresh();
            assertThat(author.findElement(By.id("section-RESULTS")).getText()).contains("150").doesNotContain("999");
            author.get(reportUrl);
            assertThat(author.findElement(By.id("section-RESULTS")).getText()).contains("999");

            // a share link shows version 1 until it is withdrawn
            author.get(reportUrl + "?version=1");
            author.executeScript("arguments[0].value = arguments[1]", author.findElement(By.id("expiresOn")),
                    LocalDate.now(clock).plusDays(7).toString());
            submit(author, "#shares form button[type=submit]");
            String shared = author.findElement(By.cssSelector("#new-share-link a")).getAttribute("href");
            reviewer.get(shared);
            assertThat(reviewer.findElement(By.id("version")).getText()).startsWith("Version finale 1");
            assertThat(reviewer.findElement(By.id("section-RESULTS")).getText()).contains("150");
            submit(author, "#share-list button[type=submit]");
            reviewer.get(shared);
            assertThat(reviewer.findElement(By.tagName("h1")).getText()).isEqualTo("Ce lien n'ouvre plus rien");
        }
        finally {
            framework.saveGrid(1, false, List.of(new CellInput(participants, "2021", "150")));
        }
    }

    private static void submit(ChromeDriver browser, String selector) {
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector(selector)));
    }

    /** Submits with the keyboard, and waits for the next page. */
    private static void press(ChromeDriver browser, String selector) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector(selector)).sendKeys(Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(15))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
