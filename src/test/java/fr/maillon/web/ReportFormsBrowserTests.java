package fr.maillon.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "A page with several forms never drops what was typed in another one" (issue 14, item 9), in
 * Chromium: on a draft, text typed in two sections' boxes, then one section's button pressed; both
 * texts are saved and shown after the page comes back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReportFormsBrowserTests {

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void savingOneSectionKeepsWhatWasTypedInAnother() throws Exception {
        signInToTheReports();
        browser.findElement(By.id("title")).sendKeys("Dossier CAF — deux textes");
        new Select(browser.findElement(By.id("audience"))).selectByVisibleText("Dossier d'agrément pour la CAF");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("main section form button[type=submit]")));

        String context = "Trois maisons de quartier portent la conserverie.";
        String changes = "Ouvrir un atelier le samedi.";
        browser.findElement(By.id("narrative-CONTEXT")).sendKeys(context);
        browser.findElement(By.id("narrative-CHANGES")).sendKeys(changes);
        // the button under the first box: the text typed in the last one must not be lost
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("#narratives-form button[value=CONTEXT]")));

        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).isEqualTo("Les textes sont enregistrés.");
        assertThat(browser.findElement(By.id("narrative-CONTEXT")).getAttribute("value")).isEqualTo(context);
        assertThat(browser.findElement(By.id("narrative-CHANGES")).getAttribute("value")).isEqualTo(changes);
        assertThat(browser.findElement(By.cssSelector("#section-CONTEXT .narrative")).getText()).isEqualTo(context);
        assertThat(browser.findElement(By.cssSelector("#section-CHANGES .narrative")).getText()).isEqualTo(changes);

        // a second round: one box changed, the other left as it was, saved from the last button
        browser.findElement(By.id("narrative-CHANGES")).sendKeys(" Et le dimanche.");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("#narratives-form button[value=CHANGES]")));
        assertThat(browser.findElement(By.id("narrative-CHANGES")).getAttribute("value"))
                .isEqualTo(changes + " Et le dimanche.");
        assertThat(browser.findElement(By.id("narrative-CONTEXT")).getAttribute("value")).isEqualTo(context);
        // the checklist before finalising names the sections still empty
        assertThat(browser.findElement(By.id("checklist")).getText()).contains("Avant de finaliser");
    }

    /** The reviewer's page has a form per section: sending one keeps what was typed in another. */
    @Test
    void aReviewerSendingOneOpinionKeepsWhatWasTypedForAnother() throws Exception {
        signInToTheReports();
        browser.findElement(By.id("title")).sendKeys("Relecture — deux avis");
        new Select(browser.findElement(By.id("audience"))).selectByVisibleText("Partenaires");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("main section form button[type=submit]")));
        browser.findElement(By.id("reviewer-name")).sendKeys("Karim, Accorderie");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("#review form button[type=submit]")));
        String link = browser.findElement(By.cssSelector("#new-review-link a")).getAttribute("href");
        browser.manage().deleteAllCookies();

        browser.get(link);
        String later = "Il manque les heures échangées par les membres.";
        browser.findElement(By.id("text-BALANCES")).sendKeys(later);
        browser.findElement(By.cssSelector("#opinion-CONTEXT input[value=AGREE]")).click();
        browser.findElement(By.id("text-CONTEXT")).sendKeys("Bien résumé.");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("#opinion-CONTEXT button[type=submit]")));
        assertThat(browser.findElement(By.id("my-comments")).getText()).contains("Bien résumé.");
        assertThat(browser.findElement(By.id("text-BALANCES")).getAttribute("value")).isEqualTo(later);
        assertThat(browser.findElement(By.id("text-CONTEXT")).getAttribute("value")).isEmpty();
    }

    /** coope signs in and opens the reports of the demo's Conserverie. */
    private void signInToTheReports() throws Exception {
        browser = Browser.start(1280, 900);
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("coope");
        browser.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(browser, browser.findElement(By.cssSelector("main form button[type=submit]")));
        browser.get(url("/evaluations/1/reports"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
