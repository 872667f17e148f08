package fr.maillon.web;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, identity cards, in Chromium on a 360 px phone: from the evaluation's list to a stakeholder's page. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StakeholderCardBrowserTests {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @LocalServerPort
    int port;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theDirectorOpensAStakeholdersCardFromTheEvaluation() throws Exception {
        driver = Browser.start(360, 740);
        driver.get("http://localhost:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys("coope");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        driver.get("http://localhost:" + port + "/evaluations/1");
        assertThat(driver.findElement(By.id("stakeholders")).getText()).contains("Une trentaine de producteurs");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Producteurs bio locaux")));
        assertThat(driver.getCurrentUrl()).matches(".*/evaluations/1/stakeholders/\\d+");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Producteurs bio locaux");
        assertThat(driver.findElement(By.id("card")).getText()).contains("Agriculture biologique de la Drôme");
        assertFitsAndAccessible("stakeholder");
        driver.get("http://localhost:" + port + "/evaluations/1/balance");
        assertFitsAndAccessible("balance");
        driver.get("http://localhost:" + port + "/evaluations/1");
        assertFitsAndAccessible("evaluation");
    }

    private void assertFitsAndAccessible(String page) {
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList()).toList())
                .as("axe violations on " + page).isEmpty();
    }
}
