package fr.maillon.web;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17, the actor map, in Chromium on a 360 px phone: from the evaluation to the map, then to a stakeholder. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActorMapBrowserTests {

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
    void theDirectorReadsTheActorMapOnAPhone() throws Exception {
        driver = Browser.start(360, 740);
        driver.get("http://localhost:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys("coope");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        driver.get("http://localhost:" + port + "/evaluations/1");
        Browser.clickAndWait(driver, driver.findElement(By.linkText("Carte des acteurs")));
        assertThat(driver.getCurrentUrl()).endsWith("/evaluations/1/actors");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Carte des acteurs");
        WebElement drawing = driver.findElement(By.cssSelector(".actor-map-drawing svg"));
        assertThat(drawing.getSize().getWidth()).as("the map scales to the phone").isLessThanOrEqualTo(360);
        assertThat(drawing.findElements(By.cssSelector("g.actor"))).hasSize(11);
        assertThat(driver.findElement(By.id("ring-PARTNERS")).getText()).contains("Partenaires — 5 parties prenantes")
                .contains("Fondation Bonduelle").containsPattern("20.000.€");
        assertThat(driver.findElement(By.id("complementarities")).getText())
                .contains("Ce que Fondation Bonduelle apporte profite à Producteurs bio locaux");
        assertFitsAndAccessible("actors");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("#ring-COMMUNITY a")));
        assertThat(driver.getCurrentUrl()).matches(".*/evaluations/1/stakeholders/\\d+");
        assertThat(driver.findElement(By.id("card"))).isNotNull();
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
