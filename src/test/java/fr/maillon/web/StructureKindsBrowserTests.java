package fr.maillon.web;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
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

/**
 * Issue 16, point 5, in Chromium at 360 px: the platform admin creates a Territoire zéro chômeur
 * by choosing its kind first; its form and its card show no CAF field; the new pages pass axe.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StructureKindsBrowserTests {

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
    void aTerritoireZeroChomeurIsCreatedKindFirstWithoutCafFields() throws Exception {
        driver = Browser.start(360, 740);
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("maillon-demo");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));

        driver.get(url("/admin/structures/new"));
        assertFitsAndAccessible("kind choice");
        driver.findElement(By.id("kind-TERRITOIRE_ZERO_CHOMEUR")).click();
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertFitsAndAccessible("new Territoire zéro chômeur");
        assertThat(driver.findElements(By.id("agrementStart"))).isEmpty();
        assertThat(driver.findElements(By.id("managementMode"))).isEmpty();

        driver.findElement(By.id("name")).sendKeys("TZC de la Pointe de Caux " + System.nanoTime());
        driver.findElement(By.id("departement")).sendKeys("76");
        driver.findElement(By.id("commune")).sendKeys("Gonfreville-l'Orcher");
        driver.findElement(By.id("employmentCompany")).sendKeys("EBE La Fabrique");
        Browser.clickAndWait(driver, driver.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(driver.getCurrentUrl()).matches(".*/organisations/\\d+/members");

        String structure = driver.getCurrentUrl().replaceAll(".*/organisations/(\\d+)/members", "$1");
        driver.get(url("/structures/" + structure));
        assertFitsAndAccessible("Territoire zéro chômeur card");
        String card = driver.findElement(By.id("main")).getText();
        assertThat(card).contains("EBE La Fabrique").doesNotContain("agrément").doesNotContain("Mode de gestion");
    }

    private void assertFitsAndAccessible(String page) {
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal overflow on " + page).isLessThanOrEqualTo(0);
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.getPasses()).as("axe ran its checks on " + page).isNotEmpty();
        assertThat(results.getViolations().stream().map(StructureKindsBrowserTests::describe).toList())
                .as("axe violations on " + page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).toList();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
