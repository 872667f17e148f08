package fr.maillon.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, helpful refusals, where they happen in the browser: the workshop box's line numbers
 * follow the typing, and the refusals and offers read well on a phone (360 px, axe-core).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RefusalsBrowserTests {

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
    void theWorkshopGutterFollowsTheTypingAndMarksTheRefusedLine() throws Exception {
        driver = Browser.start(360, 740);
        signInAsCoope();
        driver.get(url("/evaluations/1/workshop"));
        assertThat(gutter()).hasSize(8);
        WebElement box = driver.findElement(By.id("text"));
        box.sendKeys("A: Crèche du quartier\nA: Épicerie du quartier\n\n\n\n\n\n\n"
                + "Crèche du quartier -> Épicerie du quartier");
        assertThat(gutter()).hasSize(10);
        assertThat(gutter().get(9).getText()).isEqualTo("10");
        assertThat(gutter().get(8).getLocation().getY()).as("line 9's number sits beside line 9")
                .isGreaterThan(gutter().get(7).getLocation().getY());

        driver.findElement(By.cssSelector("#workshop button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("text-error")).isEmpty());
        assertThat(driver.findElement(By.id("text-error")).getText())
                .contains("Ligne 9 : La méthode ne prévoit pas de lien « Crèche du quartier » → « Épicerie du quartier »")
                .contains("(ligne : « Crèche du quartier -> Épicerie du quartier »)");
        assertThat(driver.findElement(By.cssSelector("#text-gutter span.refused")).getText()).isEqualTo("9");
        accessible("workshop refused");
        driver.findElement(By.linkText("Voir les liens possibles")).click();
        assertThat(driver.getCurrentUrl()).endsWith("#allowed-links");
        assertThat(driver.findElement(By.id("allowed-links")).getText())
                .contains("D'une activité principale vers une réalisation ou un effet.");
    }

    @Test
    void theLinkRefusalAndItsOfferReadWellOnAPhone() throws Exception {
        driver = Browser.start(360, 740);
        signInAsCoope();
        driver.get(url("/evaluations/1/links/new"));
        new Select(driver.findElement(By.id("sourceId"))).selectByVisibleText("Ateliers de mise en bocaux");
        new Select(driver.findElement(By.id("targetId"))).selectByVisibleText("Ateliers recettes");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.findElement(By.id("offer-name")).getAttribute("value"))
                .isEqualTo("Personnes orientées vers Ateliers recettes");
        accessible("link refused");
    }

    private List<WebElement> gutter() {
        return driver.findElements(By.cssSelector("#text-gutter span"));
    }

    private void accessible(String page) {
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Object duplicates = ((JavascriptExecutor) driver).executeScript(
                "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);"
                        + "return ids.filter((id, i) => ids.indexOf(id) !== i);");
        assertThat((List<?>) duplicates).as("ids used twice on " + page).isEmpty();
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getViolations().stream().map(rule -> rule.getId() + ": " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList()).toList())
                .as("axe violations on " + page).isEmpty();
    }

    private void signInAsCoope() {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("coope");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
